/**
 * The generative fuzzers (test/fuzz/generate.js, issue 13) in the default suite: a small fixed-seed slice.
 * `pnpm fuzz` runs the full sizes (100,000 plans, 10,000 files).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

const RUN = join(ROOT, 'test', 'fuzz', 'generate.js');
const gen = (args: string[]) => {
  ensureBuilt();
  const r = spawnSync(process.execPath, [RUN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout + r.stderr };
};

describe('generative fuzzers (fixed seed)', () => {
  it('60 generated plans and 30 generated data files pass within their budgets', () => {
    const r = gen(['--plans', '60', '--files', '30', '--seed', '20261204', '--quiet']);
    expect(r.out).toMatch(/generate plans: 60 cases in [\d.]+ s/);
    expect(r.out).toMatch(/generate files: 30 cases in [\d.]+ s/);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/generate: passed/);
  }, 240_000);

  it('a case over its time budget is a finding with a replay command (exit 1)', () => {
    const r = gen(['--plans', '3', '--files', '0', '--case-ms', '0', '--quiet']);
    expect(r.code).toBe(1);
    // over the budget: "slow" when it finished, "hang" when the watchdog stopped it first
    expect(r.out).toMatch(/FAIL (slow|hang) case plans:20261204:0: (took \d+ ms of CPU, \d+ ms wall \(budget 0 ms of CPU\)|not finished after \d+ ms of CPU, \d+ ms wall \(stopped at 0 ms CPU or 0 ms wall\))/);
    expect(r.out).toMatch(/replay: node test\/fuzz\/generate.js --replay plans:20261204:0/);
  }, 120_000);

  it('a run in pieces: --log records blocks, --summary names what is not run, --resume runs only that', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-gen-log-'));
    const log = join(dir, 'fuzz.jsonl');
    try {
      const base = ['--plans', '6', '--files', '0', '--block', '2', '--log', log, '--quiet'];
      expect(gen([...base, '--to', '3']).code).toBe(0);
      // blocks end at multiples of --block and at the end of the range: [0, 2), [2, 3)
      const recs = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(recs.map((r) => [r.kind, r.from, r.to, r.cases])).toEqual([['plans', 0, 2, 2], ['plans', 2, 3, 1]]);
      expect(recs[0]).toMatchObject({ seed: 20261204, caseMs: 5000, memMb: 1024, findings: [] });
      const partial = gen([...base, '--summary']);
      expect(partial.code).toBe(1);
      expect(partial.out).toMatch(/generate plans: 3 cases in/);
      expect(partial.out).toMatch(/NOT DONE: \[3, 6\) \(3 cases\)/);
      const resumed = gen([...base, '--resume']);
      expect(resumed.code, resumed.out).toBe(0);
      expect(resumed.out).toMatch(/plans: to run \[3, 6\)/);
      expect(resumed.out).toMatch(/generate plans: 3 cases in/);
      const whole = gen([...base, '--summary']);
      expect(whole.code, whole.out).toBe(0);
      expect(whole.out).toMatch(/generate plans: 6 cases in [\d.]+ s = \d+ cases\/s \(CPU [\d.]+ s\); \d+ error-free plans .*; peak resident \d+ MB; 0 crashes, 0 hangs, 0 over budget, 0 over memory/);
      expect(whole.out).not.toMatch(/NOT DONE/);
      // a different seed is a different run: nothing of this log counts for it
      expect(gen([...base, '--seed', '7', '--summary']).out).toMatch(/NOT DONE: \[0, 6\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('bad arguments are a usage error (exit 2)', () => {
    expect(gen(['--plans', 'many']).code).toBe(2);
    expect(gen(['--summary']).code).toBe(2);
    expect(gen(['--only', 'both']).code).toBe(2);
  });
});
