/** `pnpm fuzz` (test/fuzz/run.js) as a subprocess: a clean run passes, a crash is shrunk and reported, a hang is stopped. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';

const RUN = join(ROOT, 'test', 'fuzz', 'run.js');
const PLANTED = join(import.meta.dirname, 'fixtures', 'planted-core.mjs');
const out = mkdtempSync(join(tmpdir(), 'kpi-fuzz-runner-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function fuzz(args: string[], env: Record<string, string> = {}) {
  ensureBuilt();
  const r = spawnSync(process.execPath, [RUN, ...args], { cwd: ROOT, env: { ...process.env, FUZZ_OUT: out, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('pnpm fuzz (test/fuzz/run.js)', () => {
  it('runs the cases against the built core, prints progress and cases/s, exits 0', () => {
    const r = fuzz(['--runs', '300', '--seed', '5', '--no-giants']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^fuzz: 300 cases, seed 5, per-case bound 5000 ms/);
    expect(r.stdout).toMatch(/ {5}300 \/ 300 cases {2}\d+ cases\/s/);
    expect(r.stdout).toMatch(/fuzz: 300 cases \(300 runs \+ 0 shrink steps\) in [\d.]+ s = \d+ cases\/s/);
    expect(r.stdout).toMatch(/fuzz: passed/);
  });

  it('FUZZ_RUNS / FUZZ_SEED set the run; a bad number is a usage error (exit 2)', () => {
    const r = fuzz(['--no-giants'], { FUZZ_RUNS: '100', FUZZ_SEED: '9' });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fuzz: 100 cases, seed 9/);
    const bad = fuzz(['--runs', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/runs must be a whole number/);
  });

  it('a crash is shrunk to a small recipe, printed with the finding, the text and a replay command; exit 1', () => {
    const r = fuzz(['--runs', '2000', '--no-giants'], { FUZZ_CORE: PLANTED, PLANT: 'crash' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL after \d+ runs, shrunk \d+ times \(seed 20261202, path [\d:]+\)/);
    expect(r.stdout).toMatch(/finding: exception: analyze: planted defect: a NUL in the text/);
    const recipe = JSON.parse(/ {2}recipe: (.*)/.exec(r.stdout)![1]!) as { mutations: unknown[] };
    expect(recipe.mutations).toHaveLength(1); // shrunk to the one mutation that matters
    const files = readdirSync(out).filter((f) => f.startsWith('kpi-fuzz-seed-'));
    expect(files).toHaveLength(1);
    expect(readFileSync(join(out, files[0]!), 'utf8')).toContain('\u0000');
    // the replay command reproduces it
    const replay = /replay: node test\/fuzz\/run.js --replay '(.*)'/.exec(r.stdout)![1]!;
    const again = fuzz(['--replay', replay], { FUZZ_CORE: PLANTED, PLANT: 'crash' });
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(/FAIL exception: analyze: planted defect/);
    expect(fuzz(['--replay', replay]).code).toBe(0); // and the real core passes it
  });

  it('a case that never returns is stopped after 3 × the per-case bound and reported as a hang; exit 1', () => {
    const t0 = Date.now();
    const r = fuzz(['--runs', '2000', '--case-ms', '1000', '--no-giants'], { FUZZ_CORE: PLANTED, PLANT: 'hang' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL hang: case \d+ did not finish within 3000 ms/);
    expect(r.stdout).toMatch(/recipe: \{"example":\d+,"mutations":\[.*"kind":"bom"/);
    expect(Date.now() - t0).toBeLessThan(100_000);
  });
});
