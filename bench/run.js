#!/usr/bin/env node
// `pnpm bench`: runs every bench/*.bench.js (and the playground's bench when built) in one process tree,
// one after another so they do not compete for the two cores, and prints each one's figures.
import { readdirSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const playgroundBench = join(here, '..', 'playground', 'bench', 'run.js');
if (existsSync(playgroundBench) && (only.length === 0 || only.includes('playground'))) files.push(playgroundBench);

let failed = 0;
for (const f of files) {
  const path = f.startsWith('/') ? f : join(here, f);
  console.log(`\n=== ${f.replace(/^.*\//, '')} ===`);
  const r = spawnSync(process.execPath, ['--expose-gc', path], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`(${f} exited ${r.status})`);
  }
}
process.exitCode = failed ? 1 : 0;
