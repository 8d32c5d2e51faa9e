#!/usr/bin/env node
// The 店长 plan and N deterministic rows of its data, as `bench/cli-stream.bench.js` and
// `bench/score-formats.bench.js` use them; run alone it writes both into a folder for timing by hand:
//   node bench/shop-data.js DIR [rows]   → DIR/店长.kpi, DIR/data.csv
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHOP_PLAN = `plan 店长月度考核 {
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

/** write `rows` rows (same seed, same bytes every time) to `path` */
export async function writeShopData(path, rows) {
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pct = (lo, hi, d = 1) => `${(lo + rnd() * (hi - lo)).toFixed(d)}%`;
  let buf = '工号,姓名,销售额达成,人员流失率,账目准确率,货品专业知识达标,会员流失率\n';
  for (let i = 0; i < rows; i++) {
    buf += `E${String(i).padStart(7, '0')},员工${i % 1000},${pct(60, 140)},${pct(0, 3, 2)},${rnd() < 0.8 ? '100%' : pct(95, 100)},${pct(70, 100)},${pct(2, 9)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node bench/shop-data.js DIR [rows]');
    process.exit(2);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '店长.kpi'), SHOP_PLAN);
  await writeShopData(join(dir, 'data.csv'), Number(process.argv[3] ?? 1_000_000));
}
