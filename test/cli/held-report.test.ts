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
const ROWS = 40_000; // ~22 MB of JSON: past what is held in memory

beforeAll(async () => {
  ensureBuilt();
  writeFileSync(planFile, plan);
  await makeData(data, ROWS);
  mkdirSync(spoolDir);
}, 60_000);
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
    const viaFile = spawnSync(process.execPath, [BIN, 'score', planFile, '--data', data, '--format', format, '-o', file], { encoding: 'utf8', timeout: 120_000 });
    expect(viaFile.status, viaFile.stderr).toBe(0);
    const r = await toStdout(['score', planFile, '--data', data, '--format', format]);
    expect(r.code, r.stderr).toBe(0);
    if (format === 'json') {
      expect(r.out.length).toBeGreaterThan(16 << 20);
      expect(r.made.some((n) => n.endsWith('.spool'))).toBe(true);
    }
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
});
