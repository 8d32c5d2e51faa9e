/**
 * A real PostgreSQL server for the SQL-target tests, from Debian's package (`apt-get install postgresql`,
 * which .ci/run does when it is missing): a throw-away cluster in a temp dir, listening on a Unix socket
 * only, stopped and deleted after the tests. As root (CI containers), the server runs as `postgres`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

function binDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, 'bin', 'initdb'))) return join(base, v, 'bin');
  return undefined;
}

export interface Postgres {
  client: pg.Client;
  stop(): Promise<void>;
}

export const postgresAvailable = (): boolean => binDir() !== undefined;

export async function startPostgres(): Promise<Postgres> {
  const bin = binDir();
  if (!bin) throw new Error('PostgreSQL is not installed: `apt-get install postgresql` (.ci/run does this)');
  const dir = mkdtempSync(join(tmpdir(), 'kpi-pg-'));
  chmodSync(dir, 0o777);
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  const data = join(dir, 'data');
  as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'kpi', '-E', 'UTF8', '--no-locale', '--no-sync']);
  const port = String(20000 + Math.floor(Math.random() * 20000));
  // small and fast: no TCP, no fsync, little shared memory
  as(join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses= -c fsync=off -c shared_buffers=16MB -c max_connections=5`, 'start']);
  const client = new pg.Client({ host: dir, port: Number(port), user: 'kpi', database: 'postgres' });
  await client.connect();
  return {
    client,
    async stop() {
      await client.end().catch(() => undefined);
      const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop']) : spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      void r;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
