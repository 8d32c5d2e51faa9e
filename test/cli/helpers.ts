/** Running the BUILT CLI as a subprocess, and golden files (UPDATE_GOLDEN=1 rewrites them). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

export const ROOT = join(import.meta.dirname, '..', '..');
export const FIXTURES = join(import.meta.dirname, 'fixtures');
export const GOLDEN = join(import.meta.dirname, 'golden');
export const BIN = join(ROOT, 'packages', 'cli', 'bin', 'kpi.js');

let built = false;
/** `pnpm test` builds first (tsc -b); when a test file runs alone, build once if the CLI is missing. */
export function ensureBuilt(): void {
  if (built) return;
  built = true;
  if (!existsSync(join(ROOT, 'packages', 'cli', 'dist', 'main.js'))) {
    spawnSync('npx', ['tsc', '-b'], { cwd: ROOT, stdio: 'inherit' });
  }
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kpi(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  ensureBuilt();
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  delete env.FORCE_COLOR;
  delete env.CI;
  env.NO_COLOR = '1';
  // messages in English unless a test asks for a language: the developer's own locale must not change outputs
  delete env.KPI_LANG;
  delete env.LC_ALL;
  env.LANG = 'C.UTF-8';
  Object.assign(env, opts.env ?? {});
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? FIXTURES, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** compare with test/cli/golden/<name>; UPDATE_GOLDEN=1 writes it */
export function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`golden file ${name} is missing: run with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
