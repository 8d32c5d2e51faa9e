#!/usr/bin/env node
// `kpi score` against the hand-written streaming float scorer (bench/float-scorer.js), issue 14: CPU time
// (user + system, from /usr/bin/time) and peak RSS, medians of 3 runs taken in turn, ratios in this run.
//   node bench/score-formats.bench.js [rows]       (after `pnpm -s build`; default 1,000,000 rows)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHOP_PLAN, writeShopData } from './shop-data.js';
import { writeFileSync } from 'node:fs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'packages', 'cli', 'bin', 'kpi.js');
const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'kpi-formats-'));
const plan = join(dir, '店长.kpi');
const data = join(dir, 'data.csv');
writeFileSync(plan, SHOP_PLAN);
await writeShopData(data, ROWS);

/** one run: CPU seconds and peak RSS (MB) */
function run(args) {
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %U %S %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /TIME ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(0, 500)}`);
  return { cpu: Number(m[1]) + Number(m[2]), mb: Number(m[3]) / 1024 };
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cases = {
  float: [join(here, 'float-scorer.js'), data, join(dir, 'float.csv')],
  csv: [bin, 'score', plan, '--data', data, '--format', 'csv', '-o', join(dir, 'out.csv')],
  json: [bin, 'score', plan, '--data', data, '--format', 'json', '-o', join(dir, 'out.json')],
  table: [bin, 'score', plan, '--data', data, '-o', join(dir, 'out.txt')],
};
const res = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
console.log(`load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
for (let i = 0; i < 3; i++) for (const [k, args] of Object.entries(cases)) res[k].push(run(args));
const cpu = (k) => med(res[k].map((r) => r.cpu));
const peak = (k) => Math.max(...res[k].map((r) => r.mb));
for (const k of Object.keys(cases)) console.log(`${k.padEnd(6)} CPU ${cpu(k).toFixed(2)} s (median of 3)   peak RSS ${peak(k).toFixed(1)} MB`);
console.log(`score --format csv / float scorer = ${(cpu('csv') / cpu('float')).toFixed(2)}x (target ≤ 1.0x, bar ≤ 1.5x)`);
console.log(`score --format json / float scorer = ${(cpu('json') / cpu('float')).toFixed(2)}x (target ≤ 2x)`);
console.log(`score (table, to a file) / score --format csv = ${(cpu('table') / cpu('csv')).toFixed(2)}x (target ≤ 2x)`);
console.log(`output rows: ${readFileSync(join(dir, 'out.csv'), 'utf8').split('\n').length - 2}`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
rmSync(dir, { recursive: true, force: true });
