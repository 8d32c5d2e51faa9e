/**
 * Hand-computed cases for the forms consultants write (SPEC §6): per-person targets, steps from the target
 * (每低1%扣5分, 每超5秒扣10分, 超额1%加2分最高加10分) with proportional / whole / started steps, target ranges,
 * penalties (扣分项), and optional indicators with N/A re-weighting.
 *
 * Each row is scored by the compiled engine and the exact reference (they must agree exactly, including
 * through explain()), and the numbers are the ones a person computes on paper, with the arithmetic in a
 * comment. Chinese and English explanation sentences are checked line by line where they matter.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parser/index.js';
import { check } from '../../src/check/index.js';
import { makeReference } from '../../src/run/reference.js';
import { makeExact } from '../../src/compile/exact.js';
import { renderExplanation } from '../../src/run/explain.js';
import type { RowOutcome } from '../../src/model/results.js';
import { resultFrom } from '../../src/run/layout.js';
import { compileText, resultOf, rowFromGiven } from './helpers.js';

const GRADES = `grades {
    S >= 95 coefficient 1.5
    A >= 85 coefficient 1.2
    B >= 70 coefficient 1.0
    C >= 60 coefficient 0.8
    D       coefficient 0.5
  }`;
const P = (body: string) => `plan 测试 {\n  ${body.trim()}\n  ${GRADES}\n}\n`;

interface Row {
  name: string;
  /** as a person types it; 'N/A' = a not-applicable cell; undefined = blank */
  given: Record<string, string | number | undefined>;
  total?: number;
  grade?: string;
  penalty?: number;
  scores?: Record<string, number>;
  weight?: Record<string, number>;
  ratio?: Record<string, number>;
  /** indicators reported as N/A */
  na?: string[];
  error?: { code: string; column?: string; element?: string };
  zh?: string[];
  en?: string[];
}

const CASES: Record<string, { plan: string; rows: Row[] }> = {
  'per-person target (target 销售目标)': {
    plan: P('indicator 销售额 weight 100% target 销售目标 scoring linear cap 120% unit 元'),
    rows: [
      {
        // 1,050,000 ÷ 1,000,000 = 105% → 105 → S
        name: 'ratio against the person’s own target',
        given: { 销售额: 1050000, 销售目标: 1000000 },
        total: 105,
        grade: 'S',
        ratio: { 销售额: 1.05 },
        zh: ['销售额 1,050,000 元 ÷ 目标 1,000,000 元 (取自 销售目标) = 105% → 105 分 × 100% = 105'],
        en: ['销售额 1,050,000 元 ÷ target 1,000,000 元 (from 销售目标) = 105% → score 105 × 100% = 105'],
      },
      // 800,000 ÷ 500,000 = 160% → cap 120%
      { name: 'each row its own target: capped', given: { 销售额: 800000, 销售目标: 500000 }, total: 120, scores: { 销售额: 120 } },
      // 800,000 ÷ 1,000,000 = 80%
      { name: 'each row its own target: short', given: { 销售额: 800000, 销售目标: 1000000 }, total: 80, grade: 'B' },
      { name: 'a zero target is a row error', given: { 销售额: 800000, 销售目标: 0 }, error: { code: 'KPI0905', column: '销售目标', element: '销售额' } },
      { name: 'a blank target is a row error', given: { 销售额: 800000, 销售目标: undefined }, error: { code: 'KPI0905', column: '销售目标' } },
    ],
  },
  'per-person target from a metric, threshold': {
    plan: P(`metric 目标 = 去年销售额 * 110%
  indicator 销售额 weight 100% target 目标 scoring threshold`),
    rows: [
      // 1,000,000 × 110% = 1,100,000; 1,100,000 ≥ 1,100,000 → met
      { name: 'met exactly', given: { 销售额: 1100000, 去年销售额: 1000000 }, total: 100 },
      { name: 'just short', given: { 销售额: 1099999, 去年销售额: 1000000 }, total: 0, grade: 'D' },
    ],
  },
  'deduct per 1% below target (percentage points)': {
    plan: P('indicator 好评率 weight 100% target 98% scoring deduct 5 per 1% below target max 30'),
    rows: [
      {
        // 98% − 95.5% = 2.5 points → 2.5 steps × 5 = 12.5 → 87.5 → A
        name: 'partial steps count in proportion',
        given: { 好评率: '95.5%' },
        total: 87.5,
        grade: 'A',
        zh: ['好评率 95.5%, 目标 98%, 低于目标 2.5% = 2.5 档 (按比例), 每 1% 扣 5 分 → 扣 12.5 分 → 87.5 分 × 100% = 87.5'],
        en: ['好评率 95.5%, target 98%, below target by 2.5% = 2.5 steps (in proportion), 5 points per 1% → minus 12.5 → score 87.5 × 100% = 87.5'],
      },
      // the old `deduct 2 per 1%` scored 97%, 99% and 100% all the same; now: 98 − 97 = 1 → 5 off → 95
      { name: '97% loses 5', given: { 好评率: '97%' }, total: 95 },
      { name: 'above the target loses nothing', given: { 好评率: '99%' }, total: 100 },
      { name: 'at the target', given: { 好评率: '98%' }, total: 100 },
      // 98 − 80 = 18 steps × 5 = 90 → at most 30 → 70
      { name: 'the deduction stops at max', given: { 好评率: '80%' }, total: 70, zh: ['好评率 80%, 目标 98%, 低于目标 18% = 18 档 (按比例), 每 1% 扣 5 分 → 扣 30 分, 最多扣 30 分 → 70 分 × 100% = 70'] },
    ],
  },
  'whole steps (不足一档不计) and started steps (不足一档按一档计)': {
    plan: P(`indicator 好评率 weight 50% target 98% scoring deduct 5 per 1% below target whole
  indicator 及时率 weight 50% target 98% scoring deduct 5 per 1% below target started`),
    rows: [
      // 2.5 points short: whole → 2 steps → 10 off → 90; started → 3 steps → 15 off → 85; (90 + 85) / 2 = 87.5
      {
        name: '2.5% short',
        given: { 好评率: '95.5%', 及时率: '95.5%' },
        scores: { 好评率: 90, 及时率: 85 },
        total: 87.5,
        zh: ['好评率 95.5%, 目标 98%, 低于目标 2.5% = 2 档 (不足一档不计), 每 1% 扣 5 分 → 扣 10 分 → 90 分 × 50% = 45'],
      },
      // exactly 2 steps short: both 10 off
      { name: 'whole steps agree on an exact step', given: { 好评率: '96%', 及时率: '96%' }, scores: { 好评率: 90, 及时率: 90 }, total: 90 },
    ],
  },
  'deduct per 5 seconds above target (lower is better)': {
    plan: P('indicator 响应时间 weight 100% target 30 unit 秒 scoring deduct 10 per 5 above target'),
    rows: [
      // 37.5 − 30 = 7.5 s = 1.5 steps × 10 = 15 → 85
      {
        name: '7.5 s over',
        given: { 响应时间: 37.5 },
        total: 85,
        zh: ['响应时间 37.5 秒, 目标 30 秒, 高于目标 7.5 秒 = 1.5 档 (按比例), 每 5 秒 扣 10 分 → 扣 15 分 → 85 分 × 100% = 85'],
      },
      { name: 'faster than the target', given: { 响应时间: 20 }, total: 100 },
      // 30 s over = 6 steps × 10 = 60 → 40
      { name: 'far over', given: { 响应时间: 60 }, total: 40, grade: 'D' },
      // 100 s over = 20 steps × 10 = 200 → never below 0
      { name: 'never below 0', given: { 响应时间: 130 }, total: 0 },
    ],
  },
  'deduct below and add above the target, as shares of an amount target': {
    plan: P('indicator 销售额 weight 100% target 1_000_000 unit 元 scoring deduct 5 per 1% below target add 2 per 1% above target max 10'),
    rows: [
      // 950,000 is 5% of the target short → 5 × 5 = 25 off → 75
      {
        name: '5% short',
        given: { 销售额: 950000 },
        total: 75,
        zh: ['销售额 950,000 元, 目标 1,000,000 元, 低于目标 目标的 5% = 5 档 (按比例), 每 1% 扣 5 分 → 扣 25 分 → 75 分 × 100% = 75'],
      },
      // 3% over → 3 × 2 = 6 added → 106
      { name: '3% over', given: { 销售额: 1030000 }, total: 106, grade: 'S' },
      // 10% over → 20 → at most 10 → 110
      { name: 'the addition stops at max', given: { 销售额: 1100000 }, total: 110 },
    ],
  },
  'target range 3..5 (落实3-5家)': {
    plan: P(`indicator 新客户 weight 50% target 3..5 scoring linear cap 120%
  indicator 巡店 weight 50% target 1..2 scoring reverse cap 120%`),
    rows: [
      // 新客户 2 < 3 → 2/3 = 66.6667; 巡店 4 > 2 → 2/4 = 50; (66.6667 + 50) / 2 = 58.3333 → 58.33
      { name: 'below the low end', given: { 新客户: 2, 巡店: 4 }, scores: { 新客户: 66.6667, 巡店: 50 }, total: 58.33 },
      // 新客户 4: 100 + 20 × (4 − 3) / (5 − 3) = 110; 巡店 1.5: 100 + 20 × (2 − 1.5) / (2 − 1) = 110
      {
        name: 'inside the range',
        given: { 新客户: 4, 巡店: 1.5 },
        scores: { 新客户: 110, 巡店: 110 },
        ratio: { 新客户: 1.1 },
        total: 110,
        zh: ['新客户 4, 目标 3..5 → 110% → 110 分 × 50% = 55'],
      },
      // the low end scores 100, the high end the cap; beyond: flat at the cap
      { name: 'at the ends', given: { 新客户: 3, 巡店: 2 }, scores: { 新客户: 100, 巡店: 100 }, total: 100 },
      { name: 'beyond the high end', given: { 新客户: 6, 巡店: 0.5 }, scores: { 新客户: 120, 巡店: 120 }, total: 120 },
    ],
  },
  'penalty items (扣分项)': {
    plan: P(`indicator 达成 weight 100% target 100% scoring linear
  penalty 有效投诉 points 3 per 1 max 15`),
    rows: [
      // 90 − 2 × 3 = 84 → B
      {
        name: 'points off the total after weighting',
        given: { 达成: '90%', 有效投诉: 2 },
        total: 84,
        grade: 'B',
        penalty: 6,
        zh: ['扣分项 有效投诉: 2 ÷ 每 1 扣 3 分 = 6 分', '合计 90 + 加分 0 − 扣分 6 = 总分 84'],
        en: ['penalty 有效投诉: 2, 3 points per 1 = 6', 'subtotal 90 + bonus 0 − penalty 6 = total 84'],
      },
      // 10 × 3 = 30 → at most 15 → 75
      { name: 'capped penalty', given: { 达成: '90%', 有效投诉: 10 }, total: 75, penalty: 15, zh: ['扣分项 有效投诉: 10 ÷ 每 1 扣 3 分 = 30 分, 扣分封顶 15'] },
      // 10 − 15 = −5 → the total stops at 0
      { name: 'the total stops at 0', given: { 达成: '10%', 有效投诉: 10 }, total: 0, grade: 'D', zh: ['合计 10 + 加分 0 − 扣分 15 = 总分 0 (总分不低于 0)'] },
    ],
  },
  'penalty with allow negative total': {
    plan: P(`allow negative total
  indicator 达成 weight 100% target 100% scoring linear
  penalty 有效投诉 points 3 per 1 max 15`),
    rows: [{ name: 'the total may go below 0', given: { 达成: '10%', 有效投诉: 10 }, total: -5, grade: 'D' }],
  },
  'optional indicators and N/A re-weighting': {
    plan: P(`indicator 销售 weight 60% target 100% scoring linear
  group 服务 weight 40% {
    indicator 满意度   weight 50% target 100% scoring linear optional
    indicator 投诉处理 weight 50% target 100% scoring linear optional
  }`),
    rows: [
      // 满意度 N/A: 投诉处理 takes the whole group: 90 × 60% + 80 × 40% = 54 + 32 = 86 → A
      {
        name: 'one N/A in a group',
        given: { 销售: '90%', 满意度: 'N/A', 投诉处理: '80%' },
        total: 86,
        grade: 'A',
        na: ['满意度'],
        weight: { 销售: 0.6, 投诉处理: 0.4, 满意度: 0 },
        zh: ['满意度 不适用 (N/A): 不计分, 其权重按比例分给同级指标', '分组 服务: 组内得分 80 分 × 权重 40% = 贡献 32'],
      },
      // the whole group N/A: 销售 carries 100% → 90
      { name: 'a whole group N/A passes its weight up', given: { 销售: '90%', 满意度: 'N/A', 投诉处理: 'N/A' }, total: 90, weight: { 销售: 1 }, na: ['满意度', '投诉处理'] },
      // nothing N/A: 90 × 60% + (70 + 80) / 2 × 40% = 54 + 30 = 84 → B
      { name: 'no N/A', given: { 销售: '90%', 满意度: '70%', 投诉处理: '80%' }, total: 84, weight: { 满意度: 0.2 } },
      { name: 'a blank optional cell is still an error', given: { 销售: '90%', 满意度: undefined, 投诉处理: '80%' }, error: { code: 'KPI0901', column: '满意度' } },
      // (the data layer never marks this column N/A: KPI0818 stops the row first; through the API −∞ is not a number)
      { name: 'N/A where the indicator is not optional', given: { 销售: 'N/A', 满意度: '70%', 投诉处理: '80%' }, error: { code: 'KPI0904', column: '销售' } },
    ],
  },
  'every indicator N/A': {
    plan: P(`indicator a weight 50% target 100% scoring linear optional
  indicator b weight 50% target 100% scoring linear optional`),
    rows: [{ name: 'nothing left to score', given: { a: 'N/A', b: 'N/A' }, error: { code: 'KPI0907' } }],
  },
};

// ------------------------------------------------------------------ runner (helpers.ts: compileText, rowFromGiven, resultOf)
const rowValues = rowFromGiven;
const byName = resultOf;

describe('field forms, hand-computed (compiled == reference == explain)', () => {
  for (const [title, c] of Object.entries(CASES)) {
    describe(title, () => {
      for (const row of c.rows) {
        it(row.name, () => {
          const compiled = compileText(c.plan);
          const reference = makeReference(compiled.plan)!;
          const v = rowValues(compiled, row.given);
          const fast = compiled.score(v);
          const ref = reference(v);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(ref));
          // the batch pipeline's scoreInto (issue 14): the same row in the layout's numbers, read back
          const out = new Float64Array(compiled.layout.size).fill(-7);
          const intoErrors = compiled.scoreInto(v, out);
          if (ref.ok) {
            expect(intoErrors).toBeNull();
            expect(JSON.stringify(resultFrom(compiled.layout, out))).toBe(JSON.stringify(ref.result));
          } else expect(intoErrors).toStrictEqual(ref.errors);
          expect(compiled.intoStats).toStrictEqual(compiled.stats);
          const traced = compiled.explain(v);
          const want = makeExact(compiled.lowered)(v, true);
          expect(JSON.stringify(traced)).toBe(JSON.stringify(want.explanation ? { outcome: want.outcome, explanation: want.explanation } : { outcome: want.outcome }));
          if (row.error) {
            expect(ref.ok).toBe(false);
            if (!ref.ok) expect(ref.errors[0]).toMatchObject(row.error);
            return;
          }
          if (!ref.ok) throw new Error('row failed: ' + JSON.stringify(ref.errors));
          const r = ref.result;
          if (row.total !== undefined) expect(r.total).toBe(row.total);
          if (row.grade !== undefined) expect(r.grade).toBe(row.grade);
          if (row.penalty !== undefined) expect(r.penalty).toBe(row.penalty);
          for (const [k, x] of Object.entries(row.scores ?? {})) expect(byName(ref, k).score, `score of ${k}`).toBe(x);
          for (const [k, x] of Object.entries(row.weight ?? {})) expect(byName(ref, k).weight, `weight of ${k}`).toBe(x);
          for (const [k, x] of Object.entries(row.ratio ?? {})) expect(byName(ref, k).ratio, `ratio of ${k}`).toBe(x);
          expect(r.indicators.filter((i) => i.na).map((i) => i.name)).toEqual(row.na ?? []);
          const explanation = traced.explanation!;
          expect(explanation.total).toBe(r.total);
          const zh = renderExplanation(explanation, 'zh');
          const en = renderExplanation(explanation, 'en');
          for (const line of row.zh ?? []) expect(zh).toContain(line);
          for (const line of row.en ?? []) expect(en).toContain(line);
          const lines =
            r.indicators.length + explanation.groups.length + explanation.bonuses.length + (explanation.penalties?.length ?? 0) + r.vetoes.length + 1 + (r.grade !== undefined ? 1 : 0);
          expect(zh.length).toBe(lines);
          expect(en.length).toBe(lines);
        });
      }
    });
  }
});

describe('expect on a group says which score it compares', () => {
  const text = P(`indicator 销售 weight 60% target 100% scoring linear
  group 服务 weight 40% {
    indicator 满意度 weight 100% target 100% scoring linear
  }
  penalty 投诉 points 2 per 1
  test "t" {
    given 销售 = 90%, 满意度 = 80%, 投诉 = 1
    expect 服务          = 80
    expect 服务.weighted = 32
    expect 满意度.weighted = 32
    expect penalty       = 2
    expect total         = 84
  }
  test "wrong" {
    given 销售 = 90%, 满意度 = 80%, 投诉 = 1
    expect 服务          = 32
    expect 服务.weighted = 80
  }`);
  it('the own score (before the weight) and NAME.weighted (after it), each named in a failure', async () => {
    const { runPlanTests } = await import('../../src/run/tests.js');
    const r = parseText('g.kpi', text);
    expect([...r.diagnostics, ...check(r.file, r.source, { syntax: r.diagnostics })].filter((d) => d.severity === 'error')).toEqual([]);
    const [ok, wrong] = runPlanTests(r.file.plans[0]!);
    expect(ok!.passed).toBe(true);
    expect(wrong!.failures.map((f) => [f.subject, f.actual])).toEqual([
      ['服务 (group score, before its weight)', '80'],
      ['服务.weighted (contribution to the total, after the weight)', '32'],
    ]);
  });
});
