#!/usr/bin/env node
// The yardstick of `kpi score` (issue 14): a hand-written streaming float scorer for the 店长 plan of
// bench/shop-data.js, written the way one would without kpi — read chunks, split lines and fields,
// parseFloat, score in float64 with naive half-up rounding, write the same CSV columns as
// `kpi score --format csv` in 64 KB pieces. Not exact (it disagrees with kpi on a few totals), no checks.
//   node bench/float-scorer.js data.csv out.csv
import { createReadStream, openSync, writeSync, closeSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const fd = openSync(output, 'w');
const rnd = (x, sc) => Math.round(x * sc) / sc;
const pct = (s) => (s.endsWith('%') ? parseFloat(s) / 100 : parseFloat(s));
let out = '\ufeff工号,总分,等级,绩效系数,销售额达成 得分,人员流失率 得分,账目准确率 得分,货品专业知识达标 得分,会员流失率 得分\r\n';
let rest = '';
let header = true;
const flush = () => {
  writeSync(fd, out);
  out = '';
};
for await (const chunk of createReadStream(input, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
  const lines = (rest + chunk).split('\n');
  rest = lines.pop();
  for (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line === '') continue;
    const f = line.split(',');
    const a0 = pct(f[2]), a1 = pct(f[3]), a2 = pct(f[4]), a3 = pct(f[5]), a4 = pct(f[6]);
    const s0 = 100 * Math.max(0, Math.min(a0, 1.2)), w0 = s0 * 0.7;
    const r1 = a1 <= 0 ? 1 : 0.01 / a1, s1 = 100 * Math.max(0, Math.min(r1, 1)), w1 = s1 * 0.1;
    const s2 = a2 >= 1 ? 100 : 0, w2 = s2 * 0.05;
    const s3 = 100 * Math.max(0, Math.min(a3, 1)), w3 = s3 * 0.05;
    const r4 = a4 <= 0 ? 1 : 0.05 / a4, s4 = 100 * Math.max(0, Math.min(r4, 1)), w4 = s4 * 0.1;
    const total = rnd(w0 + w1 + w2 + w3 + w4, 100);
    const grade = total >= 95 ? 'S,1.5' : total >= 85 ? 'A,1.2' : total >= 70 ? 'B,1' : total >= 60 ? 'C,0.8' : 'D,0.5';
    out += `${f[0]},${total},${grade},${rnd(s0, 1e4)},${rnd(s1, 1e4)},${rnd(s2, 1e4)},${rnd(s3, 1e4)},${rnd(s4, 1e4)}\r\n`;
    if (out.length > 65536) flush();
  }
}
flush();
closeSync(fd);
