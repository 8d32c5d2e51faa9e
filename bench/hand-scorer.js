#!/usr/bin/env node
// The hand-written baseline for bench/sql.bench.js: the 店长 plan scored by a float function written for it
// (naive rounding, not exact), reading the CSV by splitting lines and writing id,total,grade — what a
// developer would write in an afternoon. Not part of kpi.   node bench/hand-scorer.js in.csv out.csv
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

const [input, output] = process.argv.slice(2);
const out = createWriteStream(output);
const pct = (s) => (s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s));
const rnd = (x) => Math.round(x * 100) / 100;
let first = true;
let buf = 'id,total,grade\n';
for await (const line of createInterface({ input: createReadStream(input), crlfDelay: Infinity })) {
  if (first) {
    first = false;
    continue;
  }
  const c = line.split(',');
  const a0 = pct(c[2]), a1 = pct(c[3]), a2 = pct(c[4]), a3 = pct(c[5]), a4 = pct(c[6]);
  const w0 = 100 * Math.max(0, Math.min(a0, 1.2)) * 0.7;
  const w1 = 100 * Math.max(0, Math.min(a1 <= 0 ? 1 : 0.01 / a1, 1)) * 0.1;
  const w2 = (a2 >= 1 ? 100 : 0) * 0.05;
  const w3 = 100 * Math.max(0, Math.min(a3, 1)) * 0.05;
  const w4 = 100 * Math.max(0, Math.min(a4 <= 0 ? 1 : 0.05 / a4, 1)) * 0.1;
  const t = rnd(w0 + w1 + w2 + w3 + w4);
  const g = t >= 95 ? 'S' : t >= 85 ? 'A' : t >= 70 ? 'B' : t >= 60 ? 'C' : 'D';
  buf += `${c[0]},${t},${g}\n`;
  if (buf.length > 1 << 20) {
    if (!out.write(buf)) await once(out, 'drain');
    buf = '';
  }
}
out.end(buf);
await once(out, 'finish');
