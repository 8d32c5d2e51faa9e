#!/usr/bin/env node
// `kpi score` streaming bench: a 1M-row CSV for a five-indicator plan (店长), scored by the BUILT CLI as a
// subprocess with `--format csv -o out.csv`. Reports wall time, rows/s and peak RSS (from /usr/bin/time -v
// when present, else from a wrapper that reads process.resourceUsage().maxRSS at exit). Target: < 200 MB.
//   node bench/cli-stream.bench.js [rows]        (after `pnpm -s build`)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'packages', 'cli', 'bin', 'kpi.js');
const ROWS = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-'));

const plan = `plan 店长月度考核 {
  indicator 销售额达成     weight 70% target 100% scoring linear cap 120%
  indicator 人员流失率     weight 10% target 1%   scoring reverse
  indicator 账目准确率     weight 5%  target 100% scoring threshold
  indicator 货品专业知识达标 weight 5%  target 100% scoring linear
  indicator 会员流失率     weight 10% target 5%   scoring reverse
  grades {
    S >= 95 coefficient 1.5
    A >= 85 coefficient 1.2
    B >= 70 coefficient 1.0
    C >= 60 coefficient 0.8
    D       coefficient 0.5
  }
}
`;

async function makeData(path) {
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pct = (lo, hi, d = 1) => `${(lo + rnd() * (hi - lo)).toFixed(d)}%`;
  let buf = '工号,姓名,销售额达成,人员流失率,账目准确率,货品专业知识达标,会员流失率\n';
  for (let i = 0; i < ROWS; i++) {
    buf += `E${String(i).padStart(7, '0')},员工${i % 1000},${pct(60, 140)},${pct(0, 3, 2)},${rnd() < 0.8 ? '100%' : pct(95, 100)},${pct(70, 100)},${pct(2, 9)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

const planPath = join(dir, '店长.kpi');
const dataPath = join(dir, 'data.csv');
const outPath = join(dir, 'out.csv');
writeFileSync(planPath, plan);
let t = Date.now();
await makeData(dataPath);
const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;
console.log(`generated ${ROWS.toLocaleString('en-US')} rows (${mb(statSync(dataPath).size)}) in ${Date.now() - t} ms`);

const args = [bin, 'score', planPath, '--data', dataPath, '--format', 'csv', '-o', outPath];
let rssKb;
t = process.hrtime.bigint();
let r;
if (existsSync('/usr/bin/time')) {
  r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  rssKb = m ? Number(m[1]) : undefined;
} else {
  const wrapper = join(dir, 'wrap.mjs');
  writeFileSync(
    wrapper,
    `process.argv.splice(1, 1);
     process.on('exit', () => require_ && 0);
     const require_ = 1;
     process.on('exit', () => process.stderr.write('\\nMAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));
     const { main } = await import(${JSON.stringify(join(here, '..', 'packages', 'cli', 'dist', 'main.js'))});
     process.exitCode = await main(process.argv);`,
  );
  r = spawnSync(process.execPath, [wrapper, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const m = /MAXRSS_KB=(\d+)/.exec(r.stderr);
  rssKb = m ? Number(m[1]) : undefined;
}
const ms = Number(process.hrtime.bigint() - t) / 1e6;
if (r.status !== 0) {
  console.log(r.stderr.slice(0, 2000));
  rmSync(dir, { recursive: true, force: true });
  console.log(`kpi score exited ${r.status}`);
  process.exit(1);
}
const outLines = readFileSync(outPath, 'utf8').split('\n').length - 2;
const ok = outLines === ROWS;
const peak = rssKb !== undefined ? rssKb * 1024 : NaN;
console.log(`kpi score --format csv: ${ROWS.toLocaleString('en-US')} rows in ${(ms / 1000).toFixed(2)} s = ${Math.round(ROWS / (ms / 1000)).toLocaleString('en-US')} rows/s (incl. ~1 s start-up)`);
console.log(`peak RSS: ${Number.isNaN(peak) ? 'unknown' : mb(peak)} (target < 200 MB: ${peak < 200 * 1048576 ? 'met' : 'NOT met'})`);
console.log(`output rows: ${outLines.toLocaleString('en-US')} ${ok ? '(all rows)' : '(MISMATCH)'}; output ${mb(statSync(outPath).size)}`);
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok && peak < 200 * 1048576 ? 0 : 1;
