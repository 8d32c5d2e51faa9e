#!/usr/bin/env node
// The 店长 plan and its generated actuals, shared by bench/sql.bench.js and bench/clickhouse.bench.js: the
// same rows (fixed seed) as text cells as people export them, written as CSV (with a header) or as
// TabSeparated with the row's number first (for ClickHouse's k_ord column). Also used by
// bench/cli-stream.bench.js and bench/score-formats.bench.js; run alone it writes both into a folder:
//   node bench/shop-data.js DIR [rows]   → DIR/店长.kpi, DIR/data.csv
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const plan = `plan 店长月度考核 {
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

export const HEADER = ['工号', '姓名', '销售额达成', '人员流失率', '账目准确率', '货品专业知识达标', '会员流失率'];

/** `rows` rows of actuals into `path`: CSV with a header, or (`tsv`) TabSeparated `k_ord, cells…` without one */
export async function makeData(path, rows, { tsv = false } = {}) {
  const out = createWriteStream(path);
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pct = (lo, hi, d = 1) => `${(lo + rnd() * (hi - lo)).toFixed(d)}%`;
  let buf = tsv ? '' : `${HEADER.join(',')}\n`;
  for (let i = 0; i < rows; i++) {
    const cells = [`E${String(i).padStart(8, '0')}`, `员工${i % 1000}`, pct(60, 140), pct(0, 3, 2), rnd() < 0.8 ? '100%' : pct(95, 100), pct(70, 100), pct(2, 9)];
    buf += tsv ? `${i + 1}\t${cells.join('\t')}\n` : `${cells.join(',')}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

/** the names bench/score-formats.bench.js and cli-stream.bench.js use */
export const SHOP_PLAN = plan;
export const writeShopData = (path, rows) => makeData(path, rows);

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
