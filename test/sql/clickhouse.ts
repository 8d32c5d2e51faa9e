/**
 * A real ClickHouse server for the SQL target's ClickHouse tests (`pnpm test:clickhouse`), from Debian's
 * packages (`apt-get install clickhouse-server`; bookworm ships 18.16): a throw-away server in a temp dir,
 * listening on 127.0.0.1 only, with a cluster of two shards on itself (databases `shard1` and `shard2`).
 * Actuals are loaded through a Distributed table over both shards, so every query reads them the
 * scale-out way. Stopped (by its pid) and deleted after the tests. Spoken to over HTTP, results as TSV.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';

const SERVER = '/usr/sbin/clickhouse-server';
export const clickhouseAvailable = (): boolean => existsSync(SERVER);

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export interface ClickHouse {
  /** a query; its rows as TSV cells (NULL → null); `settings` go on the URL (max_query_size) */
  query(sql: string, body?: string, settings?: Record<string, string>): Promise<(string | null)[][]>;
  /** create `shard1.NAME`, `shard2.NAME` and the Distributed `default.NAME` over them, and load rows through it */
  loadSharded(table: string, header: string[], rows: (string | null)[][]): Promise<void>;
  /** rows each shard holds (to see that both got some) */
  shardCounts(table: string): Promise<[number, number]>;
  dir: string;
  pid: number;
  stop(): Promise<void>;
}

/** a TSV field: ClickHouse's escapes (\N is NULL) */
function unescape(f: string): string | null {
  if (f === '\\N') return null;
  return f.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', "'": "'" })[c] ?? c);
}
const escape = (v: string | null) => (v === null ? '\\N' : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'));

function config(dir: string, http: number, tcp: number): string {
  const shard = (db: string) => `<shard><replica><host>127.0.0.1</host><port>${tcp}</port><default_database>${db}</default_database></replica></shard>`;
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${http}</http_port>
  <tcp_port>${tcp}</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/tmp/</tmp_path>
  <user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path>
  <mark_cache_size>67108864</mark_cache_size>
  <max_concurrent_queries>20</max_concurrent_queries>
  <users_config>${dir}/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <remote_servers><kpi_two_shards>${shard('shard1')}${shard('shard2')}</kpi_two_shards></remote_servers>
</yandex>
`;
}
const USERS = (memory: number) => `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>${memory}</max_memory_usage><insert_distributed_sync>1</insert_distributed_sync></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`;

export async function startClickHouse(opts: { memory?: number } = {}): Promise<ClickHouse> {
  if (!clickhouseAvailable()) throw new Error('ClickHouse is not installed: `apt-get install clickhouse-server clickhouse-client` (.ci/run does this)');
  const dir = mkdtempSync(join(tmpdir(), 'kpi-ch-'));
  for (const d of ['log', 'data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d));
  const memory = opts.memory ?? 4_000_000_000;
  let proc: ChildProcess | undefined;
  let url = '';
  // a random port pair; another one if it is taken
  for (let attempt = 0; attempt < 5 && !url; attempt++) {
    const http = 20000 + Math.floor(Math.random() * 20000);
    const tcp = http + 1;
    writeFileSync(join(dir, 'config.xml'), config(dir, http, tcp));
    writeFileSync(join(dir, 'users.xml'), USERS(memory));
    proc = spawn(SERVER, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
    const exited = once(proc, 'exit').then(() => false);
    const u = `http://127.0.0.1:${http}/`;
    const up = (async () => {
      for (let i = 0; i < 300; i++) {
        const ok = await fetch(`${u}ping`).then((r) => r.ok, () => false);
        if (ok) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    })();
    if (await Promise.race([up, exited])) url = u;
    else proc.kill('SIGKILL');
  }
  if (!url || !proc) {
    const log = existsSync(join(dir, 'log', 'error.log')) ? readFileSync(join(dir, 'log', 'error.log'), 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`clickhouse-server did not start:\n${log}`);
  }
  const server = proc;

  const query = async (sql: string, body?: string, settings: Record<string, string> = {}): Promise<(string | null)[][]> => {
    const withFormat = body === undefined && /^\s*(--[^\n]*\n\s*)*SELECT/i.test(sql) ? `${sql.trimEnd()}\nFORMAT TabSeparated` : sql;
    const params = Object.entries(settings).map(([k, v]) => `${k}=${encodeURIComponent(v)}&`).join('');
    const r = body === undefined ? await fetch(`${url}?${params}`, { method: 'POST', body: withFormat }) : await fetch(`${url}?${params}query=${encodeURIComponent(sql)}`, { method: 'POST', body });
    const text = await r.text();
    if (!r.ok) throw new Error(`ClickHouse: ${text.trim()}`);
    return text === '' ? [] : text.replace(/\n$/, '').split('\n').map((l) => l.split('\t').map(unescape));
  };
  for (const db of ['shard1', 'shard2']) await query(`CREATE DATABASE ${db}`);
  return {
    query,
    dir,
    pid: server.pid!,
    async loadSharded(table, header, rows) {
      const cols = `k_ord Int64, ${header.map((h) => `${ident(h)} Nullable(String)`).join(', ')}`;
      for (const db of ['shard1', 'shard2']) {
        await query(`DROP TABLE IF EXISTS ${db}.${ident(table)}`);
        await query(`CREATE TABLE ${db}.${ident(table)} (${cols}) ENGINE = MergeTree() ORDER BY k_ord`);
      }
      await query(`DROP TABLE IF EXISTS default.${ident(table)}`);
      // '' database: each shard's own default_database (shard1, shard2); rows spread by their order number
      await query(`CREATE TABLE default.${ident(table)} (${cols}) ENGINE = Distributed(kpi_two_shards, '', ${ident(table)}, k_ord)`);
      if (!rows.length) return;
      const tsv = rows.map((r, i) => [String(i + 1), ...r.map(escape)].join('\t')).join('\n') + '\n';
      await query(`INSERT INTO default.${ident(table)} FORMAT TabSeparated`, tsv);
    },
    async shardCounts(table) {
      const a = await query(`SELECT count() FROM shard1.${ident(table)}`);
      const b = await query(`SELECT count() FROM shard2.${ident(table)}`);
      return [Number(a[0]![0]), Number(b[0]![0])];
    },
    async stop() {
      if (server.exitCode === null) {
        server.kill('SIGTERM');
        const t = setTimeout(() => server.kill('SIGKILL'), 10_000);
        await once(server, 'exit').catch(() => undefined);
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
