/**
 * SPEC §7 test cases shared by the SQL tests (test/sql/money.test.ts: DuckDB, PostgreSQL) and the ClickHouse
 * ones (test/clickhouse/money.test.ts): plans with periods, a forced distribution, commissions and pays over
 * generated data full of ties, groups of every size, vetoes and shuffled periods.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/helpers.js';

/** a small deterministic generator (the data must be the same on every run) */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}
const pick = <T,>(r: (n: number) => number, xs: readonly T[]): T => xs[r(xs.length)]!;
export const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export interface Case {
  name: string;
  /** has a pool (ClickHouse refuses pools) */
  pool?: boolean;
  plan: string;
  header: string[];
  rows: string[][];
}

/** people × periods from a few profiles (so totals tie), groups of every size, rows shuffled */
function periodData(seed: number, people: number, periods: string[], groupCol: string, groups: string[], row: (r: (n: number) => number, profile: number, period: number) => Record<string, string>, header: string[]): string[][] {
  const r = rng(seed);
  const rows: string[][] = [];
  for (let i = 0; i < people; i++) {
    const g = groups[Math.min(groups.length - 1, Math.floor(Math.sqrt(r(groups.length * groups.length))))]!;
    const profile = r(4);
    periods.forEach((p, k) => {
      const v: Record<string, string> = { 工号: `E${String(i + 1).padStart(3, '0')}`, [groupCol]: g, ...row(r, profile, k) };
      v[header.find((h) => h === '月份' || h === '季度')!] = p;
      rows.push(header.map((h) => v[h] ?? ''));
    });
  }
  // shuffled: periods of one person out of order and apart
  for (let i = rows.length - 1; i > 0; i--) {
    const j = r(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

export const example = readFileSync(join(ROOT, 'examples', '销售团队季度.kpi'), 'utf8');
const exHeader = ['工号', '姓名', '部门', '月份', '销售额', '销售目标', '成交订单数', '访客数', '客户满意度', '绩效基数'];
const storePlan = `plan 门店季度 {
  period 季度
  aggregate average
  metric 达成 = 销售额 / 目标
  metric 超额 = max(0, 销售额 - 目标)
  indicator 达成 weight 70% target 100% scoring linear cap 150%
  indicator 满意度 weight 30% target 90% scoring linear aggregate sum
  bonus 创新 points 2 per 1 max 4 default 0
  veto 重大事故 when 事故 > 0
  grades { S >= 110 coefficient 1.5  A >= 95 coefficient 1.2  B >= 80 coefficient 1.0  C coefficient 0.6 }
  distribution within 区域 min 3 { S 20%  A 30%  B 30%  C 20% }
  commission 超额提成 on 超额 whole { < 10000: 5%  <= 50000: 8%  else: 10% }
  pay 基本 = 基数 * coefficient
  pay 合计 = 基本 + 超额提成 + 奖励
  pay 奖励 = total * 10 / 3
}
`;
const storeHeader = ['工号', '区域', '季度', '销售额', '目标', '满意度', '创新', '事故', '基数'];
const tiePlan = (shares: string) => `plan 分布 {
  indicator 得分 weight 100% target 100 scoring linear
  grades { S >= 95 coefficient 1.5  A >= 85 coefficient 1.2  B >= 70 coefficient 1.0  C >= 60 coefficient 0.8  D coefficient 0.5 }
  distribution { ${shares} }
  commission 提成 on 销售额 marginal { <= 300000: 3%  <= 500000: 5%  else: 7% }
  pay 绩效工资 = 基数 * coefficient / 3
}
`;

export const cases: Case[] = [
  {
    name: 'the example plan, 120 people over 1月, 2月, 10月 (natural order), departments of 1 to 30 people',
    plan: example,
    header: exHeader,
    rows: periodData(17, 120, ['1月', '2月', '10月'], '部门', ['一部', '二部', '三部', '四部', '五部'], (r, p, k) => ({
      姓名: '某',
      销售额: String([200000, 180000, 220000, 150000][p]! + (p === 3 ? r(3) * 5000 : 0) + k * 1000),
      销售目标: '200000',
      成交订单数: String([120, 110, 130, 100][p]),
      访客数: String([3800, 3900, 3700, 4000][p]),
      客户满意度: pick(r, ['94%', '96%', '98%', '95%']),
      绩效基数: pick(r, ['3000', '3333.33']),
    }), exHeader),
  },
  {
    name: 'quarters 2024-Q1…Q4, aggregate average with a sum indicator, a veto, a bonus, advisory regions under min 3, whole tiers at their bounds, pays in any order',
    plan: storePlan,
    header: storeHeader,
    rows: periodData(5, 80, ['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4'], '区域', ['东', '西', '南', '北', '中'], (r, p) => ({
      销售额: String([10100, 100, 50100, 20000][p]! + (p === 1 ? r(4) * 7 : 0)),
      目标: '100',
      满意度: pick(r, ['85%', '90%', '95%']),
      创新: pick(r, ['0', '1', '2', '']),
      事故: r(25) === 0 ? '1' : '0',
      基数: pick(r, ['1000', '1333.33', '2000.01']),
    }), storeHeader),
  },
  {
    name: 'pools within 部门 (one of them a clawback, one 0) after a forced distribution, split by the final coefficient, read by a pay',
    pool: true,
    plan: `plan 部门奖金 {
  indicator 达成 weight 100% target 100 scoring linear cap 150%
  grades { A >= 110 coefficient 1.2  B >= 90 coefficient 1.0  C coefficient 0.8 }
  distribution within 部门 { A 30%  B 40%  C 30% }
  pool 部门奖金 = 奖金池 split by coefficient within 部门
  pool 公司奖金 = 100000 / 3 split by coefficient
  pay 合计 = 部门奖金 + 公司奖金 + 基数
}
`,
    header: ['工号', '部门', '达成', '奖金池', '基数'],
    rows: (() => {
      const r = rng(11);
      const pools: Record<string, string> = { 一部: '100000', 二部: '99999.99', 三部: '-500', 四部: '0', 五部: '7' };
      return Array.from({ length: 47 }, (_, i) => {
        const d = pick(r, ['一部', '一部', '二部', '二部', '三部', '四部', '五部']);
        return [`P${i + 1}`, d, pick(r, ['120', '100', '100', '95', '80', '111']), pools[d]!, pick(r, ['1000', '0.01'])];
      });
    })(),
  },
  {
    name: 'aggregate last over weeks W1…W10 (W10 last), one indicator summed, money columns as the last week has them, blanks in earlier weeks',
    plan: `plan 周考核 {
  period 周
  aggregate last
  indicator 完成率 weight 60% target 100% scoring linear cap 120%
  indicator 件数 weight 40% target 50 scoring linear aggregate sum
  grades { A >= 100 coefficient 1.2  B >= 80 coefficient 1.0  C coefficient 0.5 }
  commission 提成 on 件数 * 单价 marginal { <= 1000: 1%  else: 2% }
  pay 周薪 = 基数 * coefficient + 提成
}
`,
    header: ['工号', '周', '完成率', '件数', '单价', '基数'],
    rows: (() => {
      const r = rng(23);
      const rows: string[][] = [];
      for (let i = 0; i < 30; i++) {
        for (const w of ['W1', 'W2', 'W3', 'W9', 'W10']) {
          const lastWeek = w === 'W10';
          rows.push([`K${i}`, w, pick(r, ['95%', '100%', '110%', '130%']), pick(r, ['3', '5', '10.5']), lastWeek || r(3) ? pick(r, ['99.9', '120']) : '', lastWeek ? pick(r, ['800', '1000.01']) : pick(r, ['', '1'])]);
        }
      }
      for (let i = rows.length - 1; i > 0; i--) {
        const j = r(i + 1);
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
      return rows;
    })(),
  },
  {
    name: 'the whole file as one group: ties 100, 100, 90, 80, 70 → S, S, B, B, C',
    plan: tiePlan('S 10%  A 20%  B 50%  C 15%  D 5%'),
    header: ['工号', '得分', '基数', '销售额'],
    rows: [
      ['1', '100', '1000', '600000'],
      ['2', '100', '1000', '300000'],
      ['3', '90', '1000', '300000.01'],
      ['4', '80', '1000', '-5'],
      ['5', '70', '1000', '500001'],
    ],
  },
  {
    name: '12 people at 10/20/40/20/10 → seats 1/3/5/2/1',
    plan: tiePlan('S 10%  A 20%  B 40%  C 20%  D 10%'),
    header: ['工号', '得分', '基数', '销售额'],
    rows: Array.from({ length: 12 }, (_, i) => [String(i + 1), String(100 - i * 3), '1000', String(100000 * i)]),
  },
];

