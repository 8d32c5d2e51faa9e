#!/usr/bin/env node
// Checker throughput: `check` alone (IR already parsed) and `analyze` (parse + check) on the example
// plans and on a synthetic 1,000-indicator plan, plus the terminal renderer on many diagnostics.
// Run after `pnpm -s build`:  node bench/check.bench.js
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const core = await import(join(here, '../packages/core/dist/index.js'));
const { analyze, check, parseText, renderTerminal, SourceFile } = core;
const parse = core.parse ?? ((s) => parseText(s.name, s.text));

function time(label, n, fn) {
  for (let i = 0; i < Math.min(n, 20); i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(`${label.padEnd(52)} ${(ms / n).toFixed(3).padStart(9)} ms/op  ${Math.round((n * 1000) / ms).toLocaleString('en').padStart(9)} op/s`);
}

const exdir = join(here, '../examples');
const examples = readdirSync(exdir).filter((f) => f.endsWith('.kpi')).map((f) => new SourceFile(f, readFileSync(join(exdir, f), 'utf8')));
const parsed = examples.map((s) => ({ s, file: parse(s).file }));
time(`check, ${examples.length} example plans`, 2000, () => parsed.forEach(({ s, file }) => check(file, s)));
time(`analyze (parse + check), ${examples.length} example plans`, 500, () => examples.forEach((s) => analyze(s.name, s.text)));

// 1,000 indicators in 100 groups of 10, a metric chain, bands tables, tests
const lines = ['plan 大型方案 {'];
for (let g = 0; g < 100; g++) {
  lines.push(`  group 组${g} weight 1% {`);
  for (let i = 0; i < 10; i++) {
    lines.push(i % 3 === 0
      ? `    indicator 指标${g}_${i} weight 10% target 100% scoring bands on ratio { >= 100%: 100, >= 90%: 85, >= 80%: 70, else: 0 }`
      : `    indicator 指标${g}_${i} weight 10% target 100% scoring linear cap 120%`);
  }
  lines.push('  }');
}
for (let m = 0; m < 200; m++) lines.push(`  metric 派生${m} = ${m === 0 ? '原始' : `派生${m - 1}`} * 1.01`);
for (let t = 0; t < 20; t++) lines.push(`  test "用例${t}" {\n    given 指标0_0 = 100%, 指标1_1 = 95%\n    expect total = 100\n  }`);
lines.push('}');
const big = new SourceFile('大型方案.kpi', lines.join('\n'));
const bigFile = parse(big).file;
console.log(`synthetic plan: ${big.text.length.toLocaleString('en')} chars, ${big.lineCount} lines`);
time('check, 1,000 indicators / 200 metrics / 20 tests', 100, () => check(bigFile, big));
time('analyze, same plan', 20, () => analyze(big.name, big.text));

const broken = join(exdir, 'broken');
const bsrc = readdirSync(broken).filter((f) => f.endsWith('.kpi')).map((f) => new SourceFile(f, readFileSync(join(broken, f), 'utf8')));
const diags = bsrc.flatMap((s) => analyze(s.name, s.text).diagnostics);
const map = new Map(bsrc.map((s) => [s.name, s]));
time(`renderTerminal, ${diags.length} diagnostics`, 500, () => renderTerminal(diags, map));
