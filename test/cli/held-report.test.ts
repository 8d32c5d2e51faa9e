/**
 * A report to stdout is held until the run succeeds (atomic.ts, MemorySink): in memory up to 16 MB, in a temp
 * file beyond, so `kpi score … > big.json` is as flat in memory as `-o big.json` and still never half written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt } from './helpers.js';
import { makeData, plan } from '../../bench/shop-data.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-held-'));
const spoolDir = join(dir, 'tmp');
const planFile = join(dir, '店长.kpi');
const data = join(dir, 'data.csv');
const bigData = join(dir, 'big.csv');
// past the 16 MB held in memory: ~22 MB of JSON; the CSV (~49 bytes a row) and table (~125) reports need more rows
const ROWS = 40_000;
const BIG_ROWS = 400_000;
const dataFor = (format: string) => (format === 'json' ? data : bigData);

beforeAll(async () => {
  ensureBuilt();
  writeFileSync(planFile, plan);
  await makeData(data, ROWS);
  await makeData(bigData, BIG_ROWS);
  mkdirSync(spoolDir);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `kpi args` with stdout into a file: its status, stderr, what reached stdout, and the temp files it made */
async function toStdout(args: string[], tmp = spoolDir): Promise<{ code: number | null; stderr: string; out: Buffer; made: string[] }> {
  const outFile = join(dir, `stdout-${Math.random().toString(36).slice(2)}`);
  const fd = openSync(outFile, 'w');
  const made = new Set<string>();
  const watcher = watch(spoolDir, (_event, name) => name && made.add(String(name)));
  try {
    const env = { ...process.env, TMPDIR: tmp, NO_COLOR: '1', LANG: 'C.UTF-8' };
    delete env.KPI_LANG;
    delete env.LC_ALL;
    const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const [code] = (await once(child, 'close')) as [number | null];
    await new Promise((res) => setTimeout(res, 50)); // the watcher's last events
    return { code, stderr, out: readFileSync(outFile), made: [...made] };
  } finally {
    watcher.close();
    closeSync(fd);
  }
}

describe('a big report to stdout', () => {
  it.each(['json', 'csv', 'table'])('%s: the same bytes as -o writes, held in a temp file that is gone after', async (format) => {
    const file = join(dir, `out.${format}`);
    const viaFile = spawnSync(process.execPath, [BIN, 'score', planFile, '--data', dataFor(format), '--format', format, '-o', file], { encoding: 'utf8', timeout: 120_000 });
    expect(viaFile.status, viaFile.stderr).toBe(0);
    const r = await toStdout(['score', planFile, '--data', dataFor(format), '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.out.length).toBeGreaterThan(16 << 20);
    // the held report's spool, and for the table also the spool of its unpadded rows
    const spools = new Set(r.made.filter((n) => n.endsWith('.spool')));
    expect(spools.size).toBe(format === 'table' ? 2 : 1);
    expect(r.out.equals(readFileSync(file))).toBe(true);
    expect(readdirSync(spoolDir)).toEqual([]);
  }, 120_000);

  it('a run that fails after the first 16 MB writes nothing to stdout and leaves no temp file', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, readFileSync(data));
    appendFileSync(bad, 'E99999999,员工,abc,1%,100%,90%,5%\n'); // an unreadable value in the last row
    const r = await toStdout(['score', planFile, '--data', bad, '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.made.some((n) => n.endsWith('.spool'))).toBe(true);
    expect(r.stderr).toMatch(/error KPI08/);
    expect(r.out.length).toBe(0);
    expect(readdirSync(spoolDir)).toEqual([]);
  }, 120_000);

  it('a missing $TMPDIR is named in the message (not the report\'s folder), with nothing on stdout', async () => {
    const gone = join(dir, 'no-such-tmp');
    const r = await toStdout(['score', planFile, '--data', data, '--format', 'json'], gone);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`stdout error KPI0952 cannot write \`stdout\`: the report waits in a temporary file in \`${gone}\` until the run succeeds, and that failed: the folder \`${gone}\` does not exist`);
    expect(r.stderr).toContain('help: set TMPDIR to a folder with room that you can write to');
    expect(r.out.length).toBe(0);
  }, 120_000);

  it('the table format, which holds its rows in a temp file too, says the same with -o', async () => {
    const gone = join(dir, 'no-such-tmp');
    const file = join(dir, 'table-out.txt');
    const r = await toStdout(['score', planFile, '--data', data, '-o', file], gone);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot write \`${file}\`: the report waits in a temporary file in \`${gone}\``);
    expect(existsSync(file)).toBe(false);
  }, 120_000);

  it('the spool of a run that was killed is removed by the next run that makes one; a live run\'s is kept', async () => {
    const ended = spawnSync(process.execPath, ['-e', '0']).pid!; // a pid that has exited
    const stale = join(spoolDir, `kpi-table-${ended}-0123abcd.spool`);
    const live = join(spoolDir, `kpi-table-${process.pid}-0123abcd.spool`);
    writeFileSync(stale, 'left by a killed run');
    writeFileSync(live, 'in use');
    const r = await toStdout(['score', planFile, '--data', data, '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    rmSync(live);
  }, 120_000);
});

describe('MemorySink, in process', () => {
  it('abort() removes its spool at once (not only at exit), and commit() delivers every byte in order', async () => {
    const { MemorySink, HELD_IN_MEMORY } = await import('../../packages/cli/src/atomic.js');
    const old = process.env.TMPDIR;
    const own = mkdtempSync(join(dir, 'inproc-'));
    process.env.TMPDIR = own;
    try {
      const chunk = (i: number) => Buffer.alloc(1 << 20, 65 + (i % 26));
      const n = (HELD_IN_MEMORY >> 20) + 4;
      const write = async (s: InstanceType<typeof MemorySink>) => {
        for (let i = 0; i < n; i++) await new Promise<void>((res, rej) => s.stream.write(chunk(i), (e) => (e ? rej(e) : res())));
      };
      const aborted = new MemorySink(async () => undefined);
      await write(aborted);
      expect(readdirSync(own).filter((f) => f.endsWith('.spool'))).toHaveLength(1);
      await aborted.abort();
      expect(readdirSync(own)).toEqual([]);

      const got: Buffer[] = [];
      const kept = new MemorySink(async (parts) => {
        for await (const p of parts) got.push(Buffer.from(p));
      });
      await write(kept);
      await kept.commit();
      expect(Buffer.concat(got).equals(Buffer.concat(Array.from({ length: n }, (_, i) => chunk(i))))).toBe(true);
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (old === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = old;
    }
  });
});
