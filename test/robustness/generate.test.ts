/**
 * The generative fuzzers (test/fuzz/generate.js, issue 13) in the default suite: a small fixed-seed slice.
 * `pnpm fuzz` runs the full sizes (100,000 plans, 10,000 files).
 */
import { spawnSync } from 'node:child_process';
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
    expect(r.out).toMatch(/FAIL (slow|hang) case plans:20261204:0: (took \d+ ms \(budget 0 ms\)|not finished within 0 ms)/);
    expect(r.out).toMatch(/replay: node test\/fuzz\/generate.js --replay plans:20261204:0/);
  }, 120_000);

  it('bad arguments are a usage error (exit 2)', () => {
    expect(gen(['--plans', 'many']).code).toBe(2);
  });
});
