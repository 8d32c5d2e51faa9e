#!/usr/bin/env node
// Scoring engine benchmark. Run after `pnpm -s build`:  node bench/engine.bench.js
// Compares, in one process: the compiled plan (float64 fast path + exact fallback), the exact reference
// evaluator, a HAND-WRITTEN float JS function for the same plan (same result objects, naive rounding —
// what a person would write, and not exact), and explain() (traced, exact) vs score() (untraced).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseText, compilePlan, makeReference } from '../packages/core/dist/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const MIN_MS = Number(process.env.BENCH_MS ?? 1000);

function planOf(name, text) {
  const r = parseText(name, text);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(`${name}: ${errs.map((d) => d.message).join('; ')}`);
  return r.file.plans[0];
}

/** deterministic LCG so every run scores the same rows */
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

let sink = 0;
/** CPU time in ms (user + system) — the machine may be shared, so wall-clock time would be noise */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** rows/s of fn over rows (cycled), at least MIN_MS of CPU time after a warm-up */
function measure(fn, rows) {
  const n = rows.length;
  for (let w = 0; w < 3; w++) for (let i = 0; i < Math.min(n, 20000); i++) sink ^= consume(fn(rows[i % n]));
  let iters = 0;
  const t0 = cpuMs();
  let t = t0;
  while (t - t0 < MIN_MS) {
    for (let i = 0; i < n; i++) sink ^= consume(fn(rows[i]));
    iters += n;
    t = cpuMs();
  }
  return (iters / (t - t0)) * 1000;
}
const consume = (o) => (o === null ? 1 : o.ok ? (o.result.total * 100) | 0 : 2);

// ---------------------------------------------------------------- 店长 (5 indicators)
const shopText = readFileSync(join(here, '..', 'examples', '店长.kpi'), 'utf8');
const shop = planOf('店长.kpi', shopText);
const shopC = compilePlan(shop).compiled;
const shopRef = makeReference(shop);
const cols = shopC.inputs.map((c) => c.column);
const r1 = rng(1);
const pct = (lo, hi) => Math.round((lo + r1() * (hi - lo)) * 100) / 10000; // percents with 2 decimals, as exported
const shopRows = Array.from({ length: 10000 }, () => {
  const row = { 销售额达成: pct(60, 140), 人员流失率: pct(0, 3), 账目准确率: r1() < 0.8 ? 1 : pct(95, 100), 货品专业知识达标: pct(70, 100), 会员流失率: pct(2, 8) };
  return Float64Array.from(cols.map((c) => row[c]));
});

// hand-written float version of the same plan, producing the same result objects (naive rounding)
const P0 = [];
const rnd = (x, sc) => Math.round(x * sc) / sc;
function handShop(v) {
  const a0 = v[0], a1 = v[1], a2 = v[2], a3 = v[3], a4 = v[4];
  if (a0 !== a0 || a1 !== a1 || a2 !== a2 || a3 !== a3 || a4 !== a4) return null;
  const r0 = a0 / 1, s0 = 100 * Math.max(0, Math.min(r0, 1.2)), w0 = s0 * 0.7;
  const r1 = a1 <= 0 ? 1 : 0.01 / a1, s1 = 100 * Math.max(0, Math.min(r1, 1)), w1 = s1 * 0.1;
  const s2 = a2 >= 1 ? 100 : 0, w2 = s2 * 0.05;
  const r3 = a3 / 1, s3 = 100 * Math.max(0, Math.min(r3, 1)), w3 = s3 * 0.05;
  const r4 = a4 <= 0 ? 1 : 0.05 / a4, s4 = 100 * Math.max(0, Math.min(r4, 1)), w4 = s4 * 0.1;
  const total = rnd(w0 + w1 + w2 + w3 + w4, 100);
  let grade, coefficient;
  if (total >= 95) (grade = 'S'), (coefficient = 1.5);
  else if (total >= 85) (grade = 'A'), (coefficient = 1.2);
  else if (total >= 70) (grade = 'B'), (coefficient = 1);
  else if (total >= 60) (grade = 'C'), (coefficient = 0.8);
  else (grade = 'D'), (coefficient = 0.5);
  return {
    ok: true,
    result: {
      total, grade, coefficient, bonus: 0, vetoes: [],
      indicators: [
        { name: '销售额达成', path: P0, actual: rnd(a0, 1e6), ratio: rnd(r0, 1e6), score: rnd(s0, 1e4), weight: 0.7, weighted: rnd(w0, 1e4) },
        { name: '人员流失率', path: P0, actual: rnd(a1, 1e6), ratio: rnd(r1, 1e6), score: rnd(s1, 1e4), weight: 0.1, weighted: rnd(w1, 1e4) },
        { name: '账目准确率', path: P0, actual: rnd(a2, 1e6), score: rnd(s2, 1e4), weight: 0.05, weighted: rnd(w2, 1e4) },
        { name: '货品专业知识达标', path: P0, actual: rnd(a3, 1e6), ratio: rnd(r3, 1e6), score: rnd(s3, 1e4), weight: 0.05, weighted: rnd(w3, 1e4) },
        { name: '会员流失率', path: P0, actual: rnd(a4, 1e6), ratio: rnd(r4, 1e6), score: rnd(s4, 1e4), weight: 0.1, weighted: rnd(w4, 1e4) },
      ],
    },
  };
}

// sanity: the hand-written function agrees with the engine on totals for most rows (it is not exact)
let agree = 0;
for (const v of shopRows) if (handShop(v).result.total === shopC.score(v).result.total) agree++;

// ---------------------------------------------------------------- generated 30-indicator plan with groups
function bigPlanText() {
  const g = rng(7);
  const lines = ['plan 大方案 {', '  round 2'];
  const methods = [
    (n) => `indicator ${n} weight W target 100% scoring linear cap 120% floor 60%`,
    (n) => `indicator ${n} weight W target 5% scoring reverse`,
    (n) => `indicator ${n} weight W target 100% scoring threshold`,
    (n) => `indicator ${n} weight W target 100% scoring bands on ratio { >= 100%: 100  >= 90%: 85  >= 80%: 70  else: 0 }`,
    (n) => `indicator ${n} weight W target 100% scoring curve on ratio { 80%: 60, 100%: 100, 120%: 120 }`,
    (n) => `indicator ${n} weight W scoring deduct 2 per 1 max 10`,
  ];
  let k = 0;
  const groupW = ['30%', '30%', '40%'];
  for (let gi = 0; gi < 3; gi++) {
    lines.push(`  group 组${gi} weight ${groupW[gi]} {`);
    // 10 indicators per group, weights 10% each (two nested sub-groups of 5 at 25%/25% in group 2)
    if (gi === 2) {
      for (let sg = 0; sg < 2; sg++) {
        lines.push(`    group 子组${sg} weight 50% {`);
        for (let j = 0; j < 5; j++) lines.push('      ' + methods[k % methods.length](`指标${k++}`).replace('W', '20%'));
        lines.push('    }');
      }
    } else for (let j = 0; j < 10; j++) lines.push('    ' + methods[k % methods.length](`指标${k++}`).replace('W', '10%'));
    lines.push('  }');
  }
  lines.push('  bonus 创新 points 2 per 1 max 5', '  veto 安全 when 事故 > 0');
  lines.push('  grades {', '    S >= 95 coefficient 1.5', '    A >= 85 coefficient 1.2', '    B >= 70 coefficient 1.0', '    C >= 60 coefficient 0.8', '    D coefficient 0.5', '  }', '}');
  void g;
  return lines.join('\n');
}
const big = planOf('big.kpi', bigPlanText());
const bigC = compilePlan(big).compiled;
const bigRef = makeReference(big);
const r2 = rng(3);
const bigRows = Array.from({ length: 5000 }, () =>
  Float64Array.from(
    bigC.inputs.map((c) => {
      if (c.column === '事故') return r2() < 0.02 ? 1 : 0;
      if (c.column === '创新') return Math.floor(r2() * 4);
      const ind = bigC.lowered.inds.find((i) => i.name === c.column);
      if (ind?.method === 'deduct') return Math.floor(r2() * 8);
      if (ind?.method === 'reverse') return Math.round((2 + r2() * 6) * 100) / 10000;
      return Math.round((60 + r2() * 80) * 100) / 10000;
    }),
  ),
);

// ---------------------------------------------------------------- run
const results = [];
function bench(label, plan, fn, rows, nInd) {
  const rps = measure(fn, rows);
  results.push({ plan, label, rps, ips: rps * nInd });
  return rps;
}
const shopFast = (v) => shopC.score(v);
const bigFast = (v) => bigC.score(v);
const hs = bench('hand-written float (not exact)', '店长 (5)', handShop, shopRows, 5);
shopC.stats.fast = shopC.stats.exact = 0;
const cs = bench('compiled (exact)', '店长 (5)', shopFast, shopRows, 5);
const shopStats = { ...shopC.stats };
bench('compiled explain() (traced, exact)', '店长 (5)', (v) => shopC.explain(v).outcome, shopRows.slice(0, 2000), 5);
const rs = bench('reference (BigInt exact)', '店长 (5)', shopRef, shopRows.slice(0, 2000), 5);
bigC.stats.fast = bigC.stats.exact = 0;
const cb = bench('compiled (exact)', 'generated (30, groups)', bigFast, bigRows, 30);
const bigStats = { ...bigC.stats };
bench('compiled explain() (traced, exact)', 'generated (30, groups)', (v) => bigC.explain(v).outcome, bigRows.slice(0, 500), 30);
const rb = bench('reference (BigInt exact)', 'generated (30, groups)', bigRef, bigRows.slice(0, 500), 30);

const fmt = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}k` : x.toFixed(0));
console.log(`node ${process.version}, ${MIN_MS} ms of CPU time per case (rates are per CPU-second)\n`);
console.log('plan                     | variant                              |     rows/s | indicator evals/s');
console.log('-------------------------|--------------------------------------|------------|------------------');
for (const r of results) console.log(`${r.plan.padEnd(24)} | ${r.label.padEnd(36)} | ${fmt(r.rps).padStart(10)} | ${fmt(r.ips).padStart(16)}`);
console.log('');
console.log(`店长: hand-written / compiled = ${(hs / cs).toFixed(2)}x   compiled / reference = ${(cs / rs).toFixed(0)}x`);
console.log(`店长: fast path ${shopStats.fast}, exact fallback ${shopStats.exact} (${((100 * shopStats.exact) / (shopStats.fast + shopStats.exact)).toFixed(2)}%)`);
console.log(`店长: hand-written float totals equal to the exact engine on ${agree}/${shopRows.length} rows`);
console.log(`30-indicator: compiled / reference = ${(cb / rb).toFixed(0)}x; fast path ${bigStats.fast}, exact fallback ${bigStats.exact} (${((100 * bigStats.exact) / (bigStats.fast + bigStats.exact)).toFixed(2)}%)`);
const target = cb * 30 >= 10e6 && hs / cs <= 1.5;
console.log(`targets (≥10M indicator evals/s on the 30-indicator plan; within 1.5x of hand-written): ${target ? 'met' : 'NOT met'}`);
if (sink === 0.5) console.log(sink);
