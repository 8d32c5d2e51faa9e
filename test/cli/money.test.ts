/** SPEC §7 through the built CLI: the hand-computed cases of issue 11 and the sales-team example. */
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { ensureBuilt, kpi, ROOT } from './helpers.js';

const ExcelJS = createRequire(join(ROOT, 'packages/cli/package.json'))('exceljs') as typeof import('exceljs');

const dir = mkdtempSync(join(tmpdir(), 'kpi-money-'));
const put = (name: string, text: string) => writeFileSync(join(dir, name), text);
const json = (args: string[]) => {
  const r = kpi([...args, '--format', 'json'], { cwd: dir });
  expect(r.stderr.replace(/^.*KPI105[45].*$\n?|^\s+(=|help|note).*$\n?/gm, '')).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { id: string; total: number; grade: string; score_grade: string | null; coefficient: number; money: Record<string, number> }[];
};

beforeAll(() => ensureBuilt());

describe('kpi score: money (SPEC §7)', () => {
  it('tiers: 600,000 → marginal 26,000, whole 42,000', () => {
    put('tiers.kpi', `plan 提成 {
  indicator 销售额 weight 100% target 600000 scoring linear
  commission 超额 on 销售额 marginal { <= 300000: 3%  <= 500000: 5%  else: 7% }
  commission 全额 on 销售额 whole { <= 300000: 3%  <= 500000: 5%  else: 7% }
}
`);
    put('tiers.csv', '工号,销售额\nA,600000\nB,500000\n');
    const out = json(['score', 'tiers.kpi', '--data', 'tiers.csv']);
    expect(out.map((r) => r.money)).toEqual([{ 超额: 26000, 全额: 42000 }, { 超额: 19000, 全额: 25000 }]);
    const check = kpi(['check', 'tiers.kpi'], { cwd: dir });
    expect(check.stdout + check.stderr).toContain('KPI1003');
    expect(check.stdout + check.stderr).toContain('25,000 on 500,000 but 35,000 on 500,000.01');
  });

  it('pool: 100,000 over 1.2/1.0/0.8 → 40,000.00 / 33,333.33 / 26,666.67', () => {
    put('pool.kpi', `plan 奖金 {
  indicator 达成 weight 100% target 100 scoring linear cap 150%
  grades { A >= 110 coefficient 1.2  B >= 90 coefficient 1.0  C coefficient 0.8 }
  pool 部门奖金 = 奖金池 split by coefficient within 部门
}
`);
    put('pool.csv', '工号,部门,达成,奖金池\n1,一部,120,100000\n2,一部,100,100000\n3,一部,50,100000\n');
    expect(json(['score', 'pool.kpi', '--data', 'pool.csv']).map((r) => r.money['部门奖金'])).toEqual([40000, 33333.33, 26666.67]);
    put('pool-bad.csv', '工号,部门,达成,奖金池\n1,一部,120,100000\n2,一部,100,90000\n');
    const bad = kpi(['score', 'pool.kpi', '--data', 'pool-bad.csv'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('KPI1051');
  });

  it('distribution: ties 100, 100, 90, 80, 70 → S, S, B, B, C; seats 12 at 10/20/40/20/10 → 1/3/5/2/1', () => {
    const plan = (shares: string) => `plan 分布 {
  indicator 得分 weight 100% target 100 scoring linear
  grades { S >= 95 coefficient 1.5  A >= 85 coefficient 1.2  B >= 70 coefficient 1.0  C >= 60 coefficient 0.8  D coefficient 0.5 }
  distribution { ${shares} }
  pay 绩效工资 = 基数 * coefficient
}
`;
    put('tie.kpi', plan('S 10%  A 20%  B 50%  C 15%  D 5%'));
    put('tie.csv', '工号,得分,基数\n1,100,1000\n2,100,1000\n3,90,1000\n4,80,1000\n5,70,1000\n');
    const t = json(['score', 'tie.kpi', '--data', 'tie.csv']);
    expect(t.map((r) => r.grade)).toEqual(['S', 'S', 'B', 'B', 'C']);
    expect(t.map((r) => r.score_grade)).toEqual(['S', 'S', 'A', 'B', 'B']);
    expect(t.map((r) => r.money['绩效工资'])).toEqual([1500, 1500, 1000, 1000, 800]);
    put('seats.kpi', plan('S 10%  A 20%  B 40%  C 20%  D 10%'));
    put('seats.csv', '工号,得分,基数\n' + Array.from({ length: 12 }, (_, i) => `${i + 1},${100 - i * 3},1000`).join('\n') + '\n');
    const s = json(['score', 'seats.kpi', '--data', 'seats.csv']);
    const count = (g: string) => s.filter((r) => r.grade === g).length;
    expect(['S', 'A', 'B', 'C', 'D'].map(count)).toEqual([1, 3, 5, 2, 1]);
  });

  it('periods: quarterly targets 100 and 300, actuals 50 and 330 → sum 95, score 75, last 100', () => {
    put('q.csv', '工号,季度,销售额,销售目标\nA,Q1,50,100\nA,Q2,330,300\n');
    for (const [mode, want] of [['sum', 95], ['score', 75], ['last', 100]] as const) {
      put(`q-${mode}.kpi`, `plan 季度 {
  aggregate ${mode}
  metric 完成率 = 销售额 / 销售目标
  indicator 完成率 weight 100% target 100% scoring linear
}
`);
      expect(json(['score', `q-${mode}.kpi`, '--data', 'q.csv', '--period', '季度'])[0]!.total).toBe(want);
    }
    put('q-missing.csv', '工号,季度,销售额,销售目标\nA,Q1,50,100\nA,Q2,330,300\nB,Q1,80,100\nB,Q1,80,100\n');
    const r = kpi(['score', 'q-sum.kpi', '--data', 'q-missing.csv', '--period', '季度'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KPI1052');
    expect(r.stderr).toContain('KPI1053');
  });

  it('kpi explain tells one person of the sales-team example: periods, scores, the distribution and the money, in either language', () => {
    const args = ['explain', 'examples/销售团队季度.kpi', '--data', 'examples/data/销售团队季度.csv', '--id', 'S001'];
    const zh = kpi([...args, '--lang', 'zh'], { cwd: ROOT });
    expect(zh.code).toBe(0);
    expect(zh.stdout.split('\n').slice(0, 7)).toEqual([
      'S001 (第 2 行) · 销售团队季度考核',
      '  合并 3 期：1月、2月、3月',
      '  销售额达成 110 分 × 60% = 66',
      '  转化率 102.7523 分 × 20% = 20.5505',
      '  客户满意度 100 分 × 20% = 20',
      '  总分 106.55，按分等级 S',
      '  强制分布：一部内排名第 2，按分等级 S，最终等级 A，绩效系数 1.2',
    ]);
    const en = kpi([...args, '--lang', 'en'], { cwd: ROOT });
    expect(en.code).toBe(0);
    expect(en.stdout.split('\n').slice(0, 6)).toEqual([
      'S001 (row 2) · 销售团队季度考核',
      '  3 periods combined: 1月, 2月, 3月',
      '  销售额达成 110 points × 60% = 66',
      '  转化率 102.7523 points × 20% = 20.5505',
      '  客户满意度 100 points × 20% = 20',
      '  total 106.55, score-based grade S',
    ]);
    expect(en.stdout).toContain('销售提成 (marginal tiers) on 销售额 660,000: up to 300,000 at 3% = 9,000, 300,000–500,000 at 5% = 10,000, above 500,000 at 7% = 11,200, total 30,200');
  });

  it('the sales-team example: a quarter of monthly rows, distribution per department, 绩效工资 and 提成', async () => {
    const r = kpi(['score', 'examples/销售团队季度.kpi', '--data', 'examples/data/销售团队季度.csv', '--format', 'json'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; total: number; grade: string; money: Record<string, number> }[];
    // S001: Σ销售额 660,000 ÷ 600,000 = 110 分 × 60% = 66; commission 9,000 + 10,000 + 160,000 × 7% = 30,200
    expect(out[0]).toMatchObject({ id: 'S001', total: 106.55, grade: 'A', money: { 销售提成: 30200, 绩效工资: 10800, 应发合计: 41000 } });
    for (const dept of [out.slice(0, 6), out.slice(6)]) expect(['S', 'A', 'B', 'C', 'D'].map((g) => dept.filter((x) => x.grade === g).length)).toEqual([1, 1, 2, 1, 1]);
    const x = kpi(['score', 'examples/销售团队季度.kpi', '--data', 'examples/data/销售团队季度.csv', '-o', join(dir, 'r.xlsx')], { cwd: ROOT });
    expect(x.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'r.xlsx')) as unknown as ArrayBuffer);
    const main = wb.worksheets[0]!;
    const head = (main.getRow(1).values as unknown[]).slice(1);
    expect(head).toEqual(expect.arrayContaining(['按分等级', '排名', '最终等级', '绩效系数', '销售提成', '绩效工资', '应发合计', '期间']));
    const sum = wb.getWorksheet('汇总')!;
    expect((sum.getRow(1).values as unknown[]).slice(1, 7)).toEqual(['分组', '人数', '强制', 'S 名额', 'S 实际', 'S 按分']);
    // 一部: 6 people, enforced, S 1 seat, placed 1
    expect((sum.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['一部', 6, '是', 1, 1]);
    const totals = (sum.getRow(4).values as unknown[]).slice(1);
    expect(totals[0]).toBe('合计');
  });
});
