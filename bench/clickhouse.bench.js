#!/usr/bin/env node
// The 店长 plan as ClickHouse SQL over sharded actuals: a throw-away clickhouse-server (Debian's package;
// the same set-up as test/sql/clickhouse.ts) with a cluster of two shards on itself, the actuals in a
// Distributed table over them (every cell Nullable(String), as exported), the query `kpi compile
// --target sql --dialect clickhouse` writes, run by clickhouse-client. Reports the load, the query (wall;
// server CPU from /proc; server peak RSS, VmHWM reset before), the client, and `kpi score` (JS) on the same
// rows for comparison; then checks that ids (in order), totals and grades equal the JS engine's on every row.
//   node bench/clickhouse.bench.js [rows]     (default 1000000; `pnpm bench clickhouse` runs it)
// Skipped (exit 0) when clickhouse-server is not installed. The result is sorted (by --order-by, else by id),
// and ClickHouse sorts in memory unless told otherwise: at 10M rows the query ran out of an 8 GB
// max_memory_usage after 7.7 min, so the profile lets a sort past 2 GB spill to disk
// (max_bytes_before_external_sort), as a warehouse scoring that many rows at once should.
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeData, plan } from './shop-data.js';

const SERVER = '/usr/sbin/clickhouse-server';
if (!existsSync(SERVER) || spawnSync('clickhouse-client', ['--version']).status !== 0) {
  console.log('clickhouse-server / clickhouse-client not installed (apt-get install clickhouse-server clickhouse-client): skipped');
  process.exit(0);
}
const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'packages', 'cli', 'bin', 'kpi.js');
const ROWS = Number(process.argv[2] ?? 1_000_000);
const TICK = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100);

const dir = mkdtempSync(join(tmpdir(), 'kpi-ch-bench-'));
for (const d of ['log', 'data', 'tmp', 'user_files', 'format_schemas']) mkdirSync(join(dir, d));
const http = 20000 + Math.floor(Math.random() * 20000);
const tcp = http + 1;
const shard = (db) => `<shard><replica><host>127.0.0.1</host><port>${tcp}</port><default_database>${db}</default_database></replica></shard>`;
writeFileSync(
  join(dir, 'config.xml'),
  `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/log/server.log</log><errorlog>${dir}/log/error.log</errorlog><size>10M</size><count>1</count></logger>
  <http_port>${http}</http_port><tcp_port>${tcp}</tcp_port><listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path><tmp_path>${dir}/tmp/</tmp_path><user_files_path>${dir}/user_files/</user_files_path>
  <format_schema_path>${dir}/format_schemas/</format_schema_path><mark_cache_size>67108864</mark_cache_size>
  <users_config>${dir}/users.xml</users_config><default_profile>default</default_profile><default_database>default</default_database>
  <remote_servers><kpi_two_shards>${shard('shard1')}${shard('shard2')}</kpi_two_shards></remote_servers>
</yandex>
`,
);
writeFileSync(
  join(dir, 'users.xml'),
  `<?xml version="1.0"?>
<yandex>
  <profiles><default><max_memory_usage>8000000000</max_memory_usage><max_bytes_before_external_sort>2000000000</max_bytes_before_external_sort><insert_distributed_sync>1</insert_distributed_sync></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`,
);
const server = spawn(SERVER, [`--config-file=${join(dir, 'config.xml')}`], { cwd: dir, stdio: 'ignore' });
const client = (args, opts = {}) => spawnSync('clickhouse-client', ['--host', '127.0.0.1', '--port', String(tcp), ...args], { maxBuffer: 1 << 26, ...opts });
const sql = (q) => {
  const r = client(['--query', q], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${q}: ${r.stderr}`);
  return r.stdout.trim();
};
/** utime + stime of the server, seconds */
const serverCpu = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / TICK;
};
const vmHwm = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))[1]) / 1024;
/** a whole process under /usr/bin/time -v: wall s, cpu s, peak RSS MB */
function timed(cmd, args, stdin, stdout) {
  const t = process.hrtime.bigint();
  const io = [stdin ? openSync(stdin, 'r') : 'ignore', stdout ? openSync(stdout, 'w') : 'ignore', 'pipe'];
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { stdio: io, encoding: 'utf8', maxBuffer: 1 << 26 });
  for (const fd of io) if (typeof fd === 'number') closeSync(fd);
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 1500)}`);
  const num = (re) => Number(re.exec(r.stderr)?.[1] ?? NaN);
  return { wall, cpu: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/), rss: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024 };
}

try {
  for (let i = 0; i < 300 && client(['--query', 'SELECT 1']).status !== 0; i++) await new Promise((r) => setTimeout(r, 100));
  const planPath = join(dir, '店长.kpi');
  writeFileSync(planPath, plan);
  const csv = join(dir, 'actuals.csv');
  const tsv = join(dir, 'actuals.tsv');
  await makeData(csv, ROWS);
  await makeData(tsv, ROWS, { tsv: true });
  const cols = `k_ord Int64, ${['工号', '姓名', '销售额达成', '人员流失率', '账目准确率', '货品专业知识达标', '会员流失率'].map((h) => `\`${h}\` Nullable(String)`).join(', ')}`;
  for (const db of ['shard1', 'shard2']) {
    sql(`CREATE DATABASE ${db}`);
    sql(`CREATE TABLE ${db}.actuals (${cols}) ENGINE = MergeTree() ORDER BY k_ord`);
  }
  sql(`CREATE TABLE default.actuals (${cols}) ENGINE = Distributed(kpi_two_shards, '', actuals, k_ord)`);

  const load = timed('clickhouse-client', ['--host', '127.0.0.1', '--port', String(tcp), '--query', 'INSERT INTO default.actuals FORMAT TabSeparated'], tsv);
  const shards = ['shard1', 'shard2'].map((db) => Number(sql(`SELECT count() FROM ${db}.actuals`)));
  console.log(`${ROWS.toLocaleString('en-US')} rows (${(readFileSync(tsv).length / 1048576).toFixed(0)} MB TSV) on two shards: ${shards.join(' + ')}; clickhouse-server ${sql('SELECT version()')}`);
  console.log(`load through the Distributed table (synchronous)   wall ${load.wall.toFixed(2).padStart(7)} s`);

  const query = join(dir, '店长.ch.sql');
  const c = spawnSync(process.execPath, [bin, 'compile', planPath, '--target', 'sql', '--dialect', 'clickhouse', '--table', 'default.actuals', '--id', '工号', '--order-by', 'k_ord', '-o', query], { encoding: 'utf8' });
  if (c.status !== 0) throw new Error(c.stderr);
  writeFileSync(`/proc/${server.pid}/clear_refs`, '5'); // reset VmHWM
  const cpu0 = serverCpu();
  const out = join(dir, 'out.tsv');
  const q = timed('clickhouse-client', ['--host', '127.0.0.1', '--port', String(tcp), '--multiquery'], query, out);
  const cpu = serverCpu() - cpu0;
  console.log(`the query, server side                             wall ${q.wall.toFixed(2).padStart(7)} s  cpu ${cpu.toFixed(2).padStart(7)} s  peak RSS ${vmHwm().toFixed(0).padStart(5)} MB`);
  console.log(`the query, clickhouse-client receiving the rows    (same)          cpu ${q.cpu.toFixed(2).padStart(7)} s  peak RSS ${q.rss.toFixed(0).padStart(5)} MB`);
  const js = join(dir, 'js.csv');
  const j = timed(process.execPath, [bin, 'score', planPath, '--data', csv, '-o', js]);
  console.log(`kpi score (JS), CSV → CSV, same rows               wall ${j.wall.toFixed(2).padStart(7)} s  cpu ${j.cpu.toFixed(2).padStart(7)} s  peak RSS ${j.rss.toFixed(0).padStart(5)} MB`);

  // ids in order, totals and grades: ClickHouse's TSV (id, error, total, grade, …) against the JS CSV (工号, 总分, 等级, …)
  const a = createInterface({ input: createReadStream(out) })[Symbol.asyncIterator]();
  const b = createInterface({ input: createReadStream(js) })[Symbol.asyncIterator]();
  const head = (await b.next()).value.split(',');
  const [ti, gi] = [head.indexOf('总分'), head.indexOf('等级')];
  let n = 0;
  let differ = 0;
  let errors = 0;
  for (;;) {
    const [x, y] = [await a.next(), await b.next()];
    if (x.done || y.done) {
      if (!x.done || !y.done) differ++;
      break;
    }
    const ch = x.value.split('\t');
    const js = y.value.split(',');
    n++;
    if (ch[1] !== '\\N') errors++;
    if (ch[0] !== js[0] || Number(ch[2]) !== Number(js[ti]) || ch[3] !== js[gi]) differ++;
  }
  console.log(`ClickHouse vs JS: ${n.toLocaleString('en-US')} rows compared, ${differ} differ in id order, total or grade, ${errors} row errors`);
  if (differ || n !== ROWS) process.exitCode = 1;
} finally {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const t = setTimeout(() => server.kill('SIGKILL'), 10_000);
    await once(server, 'exit').catch(() => undefined);
    clearTimeout(t);
  }
  rmSync(dir, { recursive: true, force: true });
}
