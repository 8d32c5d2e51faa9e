/**
 * Hand-computed scoring cases: SPEC §2 method by method and every edge case issue 3 names, as a table.
 *
 * Each case is plan text (parsed and checked like a user's file), one data row, and the numbers a person
 * computes on paper — written as literals, with the arithmetic in a comment. Every row is scored by the
 * compiled engine AND the reference evaluator (they must agree exactly), and explain() must give the
 * same outcome; where it helps, the Chinese/English explanation sentences are checked too.
 *
 * Several cases are chosen because binary floats get them wrong: 0.7 × 92 = 64.39999999999999,
 * 60.2 + 10 + 19.8 = 89.99999999999999, 57.995 + 27 = 84.99499999999999 (→ 84.99 → B instead of 85 → A).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parser/index.js';
import { compilePlan, type CompiledPlan } from '../../src/compile/index.js';
import { makeReference } from '../../src/run/reference.js';
import { makeExact } from '../../src/compile/exact.js';
import { renderExplanation } from '../../src/run/explain.js';
import type { RowOutcome } from '../../src/model/results.js';
import { compileText as compileShared, resultOf, rowFromGiven } from './helpers.js';

const GRADES = `grades {
    S >= 95 coefficient 1.5
    A >= 85 coefficient 1.2
    B >= 70 coefficient 1.0
    C >= 60 coefficient 0.8
    D       coefficient 0.5
  }`;

/** a plan from its body lines (STD grades appended unless the body has its own) */
const P = (body: string) => `plan 测试 {\n  ${body.trim()}\n  ${body.includes('grades') ? '' : GRADES}\n}\n`;

interface Row {
  /** what the row shows */
  name: string;
  /** data values as a person types them: `96.5%`, `1080000`, 3; undefined = blank cell */
  given: Record<string, string | number | undefined>;
  total?: number;
  grade?: string;
  coefficient?: number;
  bonus?: number;
  vetoes?: string[];
  /** indicator → reported score (rounded half-up to round + 2 decimals) */
  scores?: Record<string, number>;
  /** indicator → reported weighted score */
  weighted?: Record<string, number>;
  /** indicator → ratio as a fraction */
  ratio?: Record<string, number>;
  /** indicator → effective weight as a fraction */
  weight?: Record<string, number>;
  /** the row cannot be scored: first error */
  error?: { code: string; column?: string; element?: string };
  /** explanation sentences that must appear (exact lines) */
  zh?: string[];
  en?: string[];
}

interface Case {
  plan: string;
  rows: Row[];
}

// ------------------------------------------------------------------ the table
const SHOP = P(`
  indicator 销售额达成       weight 70% target 100% scoring linear cap 120%
  indicator 人员流失率       weight 10% target 1%   scoring reverse
  indicator 账目准确率       weight 5%  target 100% scoring threshold
  indicator 货品专业知识达标 weight 5%  target 100% scoring linear
  indicator 会员流失率       weight 10% target 5%   scoring reverse
`);

const CASES: Record<string, Case> = {
  '店长 (SPEC §1)': {
    plan: SHOP,
    rows: [
      {
        // every target met exactly: 100×70% + 100×10% + 100×5% + 100×5% + 100×10% = 100 → S (≥ 95), 1.5
        name: 'target met exactly',
        given: { 销售额达成: '100%', 人员流失率: '1%', 账目准确率: '100%', 货品专业知识达标: '100%', 会员流失率: '5%' },
        total: 100,
        grade: 'S',
        coefficient: 1.5,
        scores: { 销售额达成: 100, 人员流失率: 100, 账目准确率: 100, 货品专业知识达标: 100, 会员流失率: 100 },
        ratio: { 销售额达成: 1, 人员流失率: 1, 会员流失率: 1 },
        zh: ['销售额达成 100% ÷ 目标 100% = 100% → 100 分 × 70% = 70', '账目准确率 100% ≥ 目标 100%? 达标 → 100 分 × 5% = 5'],
      },
      {
        // 96.5/100 → 96.5 × 70% = 67.55; 1%/1.25% = 80% → 80 × 10% = 8; 99% < 100% → 0;
        // 90% → 90 × 5% = 4.5; 5%/4% = 125% → capped at 100% → 100 × 10% = 10.
        // 67.55 + 8 + 0 + 4.5 + 10 = 90.05 → A (≥ 85), 1.2
        name: 'the issue example 96.5% → 67.55',
        given: { 销售额达成: '96.5%', 人员流失率: '1.25%', 账目准确率: '99%', 货品专业知识达标: '90%', 会员流失率: '4%' },
        total: 90.05,
        grade: 'A',
        coefficient: 1.2,
        scores: { 销售额达成: 96.5, 人员流失率: 80, 账目准确率: 0, 货品专业知识达标: 90, 会员流失率: 100 },
        weighted: { 销售额达成: 67.55, 人员流失率: 8, 账目准确率: 0, 货品专业知识达标: 4.5, 会员流失率: 10 },
        ratio: { 销售额达成: 0.965, 人员流失率: 0.8, 会员流失率: 1.25 },
        zh: [
          '销售额达成 96.5% ÷ 目标 100% = 96.5% → 96.5 分 × 70% = 67.55',
          '人员流失率 目标 1% ÷ 1.25% = 80% → 80 分 × 10% = 8',
          '账目准确率 99% ≥ 目标 100%? 未达标 → 0 分 × 5% = 0',
          '会员流失率 目标 5% ÷ 4% = 125%, 封顶 100% → 100 分 × 10% = 10',
          '合计 90.05 + 加分 0 = 总分 90.05',
          '等级 A, 绩效系数 1.2',
        ],
        en: [
          '销售额达成 96.5% ÷ target 100% = 96.5% → score 96.5 × 70% = 67.55',
          '人员流失率 target 1% ÷ 1.25% = 80% → score 80 × 10% = 8',
          '账目准确率 99% ≥ target 100%? not met → score 0 × 5% = 0',
          '会员流失率 target 5% ÷ 4% = 125%, capped at 100% → score 100 × 10% = 10',
          'subtotal 90.05 + bonus 0 = total 90.05',
          'grade A, coefficient 1.2',
        ],
      },
      {
        // actual 0 on a reverse indicator: ratio = cap (100%) → 100 × 10% = 10 (no division by zero);
        // 130% capped at 120% → 120 × 70% = 84. 84 + 10 + 5 + 5 + 10 = 114 → S
        name: 'actual 0 on a reverse indicator; over the cap',
        given: { 销售额达成: '130%', 人员流失率: '0%', 账目准确率: '100%', 货品专业知识达标: '100%', 会员流失率: '5%' },
        total: 114,
        grade: 'S',
        scores: { 销售额达成: 120, 人员流失率: 100 },
        weighted: { 销售额达成: 84, 人员流失率: 10 },
        ratio: { 销售额达成: 1.3, 人员流失率: 1 },
        zh: ['人员流失率 0% ≤ 0 → 100% → 100 分 × 10% = 10', '销售额达成 130% ÷ 目标 100% = 130%, 封顶 120% → 120 分 × 70% = 84'],
        en: ['人员流失率 0% ≤ 0 → 100% → score 100 × 10% = 10'],
      },
    ],
  },

  'linear: no float noise': {
    plan: P(`
  indicator 销售额 weight 70% target 100 scoring linear
  indicator 回款   weight 30% target 100 scoring linear
`),
    rows: [
      {
        // 92/100 → 92 × 70% = 64.4 (floats: 0.7 × 92 = 64.39999999999999); 0 → 0. Total 64.4 → C, 0.8
        name: '0.7 × 92 = 64.4',
        given: { 销售额: 92, 回款: 0 },
        total: 64.4,
        grade: 'C',
        coefficient: 0.8,
        weighted: { 销售额: 64.4, 回款: 0 },
        zh: ['销售额 92 ÷ 目标 100 = 92% → 92 分 × 70% = 64.4'],
      },
      {
        // default cap 100%: 110/100 = 110% → 100 × 30% = 30; 64.4 + 30 = 94.4 → A
        name: 'default cap is 100%',
        given: { 销售额: 92, 回款: 110 },
        total: 94.4,
        grade: 'A',
        scores: { 回款: 100 },
        ratio: { 回款: 1.1 },
        zh: ['回款 110 ÷ 目标 100 = 110%, 封顶 100% → 100 分 × 30% = 30'],
      },
      {
        // negative actual: ratio −50% → 100 × max(0, −0.5) = 0 (never below 0); 92 → 64.4
        name: 'a negative actual scores 0, not below',
        given: { 销售额: 92, 回款: -50 },
        total: 64.4,
        scores: { 回款: 0 },
        ratio: { 回款: -0.5 },
      },
    ],
  },

  'totals that floats get wrong': {
    plan: `plan 测试 {
  indicator 甲 weight 70% target 100% scoring linear
  indicator 乙 weight 10% target 100% scoring linear
  indicator 丙 weight 20% target 100% scoring linear
  grades { A >= 90 coefficient 1.2  B coefficient 1 }
}`,
    rows: [
      {
        // 86 × 70% + 100 × 10% + 99 × 20% = 60.2 + 10 + 19.8 = 90 exactly (floats: 89.99999999999999,
        // which a naive `total >= 90` grades B) → A, 1.2
        name: '60.2 + 10 + 19.8 = 90, not 89.99999999999999',
        given: { 甲: '86%', 乙: '100%', 丙: '99%' },
        total: 90,
        grade: 'A',
        coefficient: 1.2,
        weighted: { 甲: 60.2, 乙: 10, 丙: 19.8 },
      },
    ],
  },

  'grade on the rounded total': {
    plan: P(`
  indicator 销售额达成 weight 70% target 100% scoring linear
  indicator 毛利达成   weight 30% target 100% scoring linear
`),
    rows: [
      {
        // 82.85 × 70% + 90 × 30% = 57.995 + 27 = 84.995 → half-up 85.00 → A (≥ 85), 1.2.
        // floats: 84.99499999999999 → 84.99 → B
        name: '84.995 rounds half-up to 85 → A',
        given: { 销售额达成: '82.85%', 毛利达成: '90%' },
        total: 85,
        grade: 'A',
        coefficient: 1.2,
        weighted: { 销售额达成: 57.995, 毛利达成: 27 },
      },
      {
        // 82.84 × 70% + 27 = 57.988 + 27 = 84.988 → 84.99 → B (< 85), 1.0
        name: '84.988 rounds to 84.99 → B',
        given: { 销售额达成: '82.84%', 毛利达成: '90%' },
        total: 84.99,
        grade: 'B',
        coefficient: 1,
      },
    ],
  },

  'rounding half-up to `round` decimals': {
    plan: P(`indicator 达成 weight 100% target 100 scoring linear`),
    rows: [
      // 2.675/100 → 2.675 × 100% = 2.675 → 2.68 (floats: (2.675).toFixed(2) = "2.67") → D
      { name: '2.675 → 2.68', given: { 达成: 2.675 }, total: 2.68, grade: 'D', coefficient: 0.5, scores: { 达成: 2.675 } },
      // 1.005 → 1.01 (floats: (1.005).toFixed(2) = "1.00")
      { name: '1.005 → 1.01', given: { 达成: 1.005 }, total: 1.01 },
    ],
  },
  'round 0': {
    plan: P(`round 0\n  indicator 达成 weight 100% target 3 scoring linear`),
    // 2/3 = 66.666…% → total 67 (0 decimals); score reported to round + 2 = 2 decimals: 66.67
    rows: [{ name: '2/3 → 67', given: { 达成: 2 }, total: 67, grade: 'C', scores: { 达成: 66.67 } }],
  },
  'round 4': {
    plan: P(`round 4\n  indicator 达成 weight 100% target 3 scoring linear`),
    // 2/3 → 66.6667 (4 decimals); score to 6 decimals: 66.666667
    rows: [{ name: '2/3 → 66.6667', given: { 达成: 2 }, total: 66.6667, scores: { 达成: 66.666667 } }],
  },

  'linear floor (门槛)': {
    plan: P(`indicator 新品销售 weight 100% target 100% scoring linear cap 120% floor 60%`),
    rows: [
      {
        // 59.99% < floor 60% → 0
        name: 'just below the floor',
        given: { 新品销售: '59.99%' },
        total: 0,
        grade: 'D',
        scores: { 新品销售: 0 },
        ratio: { 新品销售: 0.5999 },
        zh: ['新品销售 59.99% ÷ 目标 100% = 59.99%, 低于门槛 60%, 记 0 分 → 0 分 × 100% = 0'],
        en: ['新品销售 59.99% ÷ target 100% = 59.99%, below the floor 60%, scores 0 → score 0 × 100% = 0'],
      },
      // exactly at the floor: 60% is not below it → 60
      { name: 'exactly at the floor', given: { 新品销售: '60%' }, total: 60, grade: 'C', scores: { 新品销售: 60 } },
      // 125% capped at 120% → 120
      { name: 'over the cap', given: { 新品销售: '125%' }, total: 120, grade: 'S', scores: { 新品销售: 120 } },
    ],
  },
  'reverse with cap and floor': {
    plan: P(`indicator 库存天数 weight 100% target 20 scoring reverse cap 150% floor 80%`),
    rows: [
      // 20/25 = 80% = floor → not below → 80
      { name: 'at the floor', given: { 库存天数: 25 }, total: 80, scores: { 库存天数: 80 }, ratio: { 库存天数: 0.8 } },
      // 20/25.01 = 79.968…% < 80% → 0
      { name: 'just below the floor', given: { 库存天数: 25.01 }, total: 0, scores: { 库存天数: 0 }, ratio: { 库存天数: 0.799680 } },
      // 20/10 = 200% → capped at 150% → 150
      { name: 'over the cap', given: { 库存天数: 10 }, total: 150, scores: { 库存天数: 150 } },
      // actual 0 → ratio = cap 150% → 150
      { name: 'actual 0 takes the cap', given: { 库存天数: 0 }, total: 150, ratio: { 库存天数: 1.5 } },
      // negative actual → ratio = cap as well
      { name: 'negative actual takes the cap', given: { 库存天数: -3 }, total: 150 },
    ],
  },

  threshold: {
    plan: P(`
  indicator 账目准确率 weight 50% target 99.9% scoring threshold
  indicator 安全事故   weight 50% target 0     scoring threshold lower
`),
    rows: [
      // 99.9% ≥ 99.9% → 100 × 50% = 50; 0 ≤ 0 → 100 × 50% = 50 → 100
      { name: 'exactly at the target', given: { 账目准确率: '99.9%', 安全事故: 0 }, total: 100, scores: { 账目准确率: 100, 安全事故: 100 } },
      // 99.89% < 99.9% → 0; 1 > 0 → 0
      {
        name: 'just short of the target',
        given: { 账目准确率: '99.89%', 安全事故: 1 },
        total: 0,
        scores: { 账目准确率: 0, 安全事故: 0 },
        zh: ['安全事故 1 ≤ 目标 0? 未达标 → 0 分 × 50% = 0'],
      },
    ],
  },

  'bands on actual': {
    plan: P(`indicator 客户满意度 weight 100% scoring bands { >= 95: 100  >= 90: 85  >= 80: 70  else: 40 }`),
    rows: [
      // 90 is on the `>= 90` boundary → that band → 85
      { name: 'on a band boundary', given: { 客户满意度: 90 }, total: 85, grade: 'A', scores: { 客户满意度: 85 }, zh: ['客户满意度 90, 落在 >= 90 档 → 85 分 × 100% = 85'] },
      // 89.99 → next band `>= 80` → 70
      { name: 'just below a boundary', given: { 客户满意度: 89.99 }, total: 70, grade: 'B' },
      // 79.99 → no band holds → else 40
      { name: 'the else band', given: { 客户满意度: 79.99 }, total: 40, zh: ['客户满意度 79.99, 落在其他档 → 40 分 × 100% = 40'], en: ['客户满意度 79.99, the else band → score 40 × 100% = 40'] },
      { name: 'top band', given: { 客户满意度: 95 }, total: 100 },
    ],
  },
  'bands with no else': {
    plan: P(`indicator 投诉次数 weight 100% scoring bands { <= 0: 100  <= 2: 80  <= 5: 50 }`),
    rows: [
      // `<=` rows, lower is better: 2 on the `<= 2` boundary → 80
      { name: 'lower-is-better boundary', given: { 投诉次数: 2 }, total: 80 },
      { name: 'next band', given: { 投诉次数: 3 }, total: 50 },
      // 6: no band holds and no else → 0
      { name: 'else defaults to 0', given: { 投诉次数: 6 }, total: 0 },
    ],
  },
  'bands on ratio (完成率 table)': {
    plan: P(`indicator 店铺销售额 weight 100% target 1_200_000 scoring bands on ratio { >= 100%: 100  >= 90%: 85  >= 80%: 70  >= 70%: 55  else: 30 }`),
    rows: [
      // 1,080,000 / 1,200,000 = 90% exactly → on the `>= 90%` boundary → 85
      {
        name: 'ratio on a band boundary',
        given: { 店铺销售额: 1080000 },
        total: 85,
        ratio: { 店铺销售额: 0.9 },
        zh: ['店铺销售额 1080000 ÷ 目标 1200000 = 90%, 落在 >= 90% 档 → 85 分 × 100% = 85'],
      },
      // 1,079,999 / 1,200,000 = 89.99991…% → `>= 80%` → 70
      { name: 'one yuan short', given: { 店铺销售额: 1079999 }, total: 70, ratio: { 店铺销售额: 0.899999 } },
      // 600,000 → 50% → else 30
      { name: 'else', given: { 店铺销售额: 600000 }, total: 30 },
    ],
  },
  'bands on ratio, lower is better': {
    plan: P(`indicator 退货率 weight 100% target 5% scoring bands on ratio lower { >= 100%: 100  >= 80%: 60  else: 10 }`),
    rows: [
      // ratio = 5% / 6.25% = 80% exactly → `>= 80%` → 60
      { name: 'ratio on a boundary', given: { 退货率: '6.25%' }, total: 60, ratio: { 退货率: 0.8 } },
      // 5% / 6.26% = 79.87…% → else 10
      { name: 'just below', given: { 退货率: '6.26%' }, total: 10 },
      // 5% / 4% = 125% → 100
      { name: 'better than target', given: { 退货率: '4%' }, total: 100, ratio: { 退货率: 1.25 } },
    ],
  },

  'curve on actual (门槛/目标/挑战值)': {
    plan: P(`indicator 活跃用户 weight 100% scoring curve { 10: 80, 20: 100, 25: 120 }`),
    rows: [
      // 80 + (14 − 10)/(20 − 10) × (100 − 80) = 80 + 8 = 88
      { name: 'inside the first segment', given: { 活跃用户: 14 }, total: 88, zh: ['活跃用户 14, 曲线 (10, 80) ~ (20, 100) 段插值 → 88 分 × 100% = 88'] },
      // 100 + (23 − 20)/(25 − 20) × 20 = 112
      { name: 'inside the second segment', given: { 活跃用户: 23 }, total: 112 },
      // on a point: 100
      { name: 'on a point', given: { 活跃用户: 20 }, total: 100 },
      // below the first point: flat at 80 (not 0)
      {
        name: 'beyond the low end',
        given: { 活跃用户: 8 },
        total: 80,
        zh: ['活跃用户 8, 超出曲线端点 10, 取端点分 → 80 分 × 100% = 80'],
        en: ['活跃用户 8, beyond the curve end 10, flat → score 80 × 100% = 80'],
      },
      // above the last point: flat at 120
      { name: 'beyond the high end', given: { 活跃用户: 30 }, total: 120 },
    ],
  },
  'curve on ratio': {
    plan: P(`indicator 回款达成 weight 100% target 100% scoring curve on ratio { 80%: 60, 100%: 100, 120%: 120 }`),
    rows: [
      // 60 + (85 − 80)/(100 − 80) × (100 − 60) = 60 + 10 = 70
      { name: 'interpolated', given: { 回款达成: '85%' }, total: 70, ratio: { 回款达成: 0.85 } },
      { name: 'beyond the low end', given: { 回款达成: '50%' }, total: 60 },
      { name: 'beyond the high end', given: { 回款达成: '150%' }, total: 120 },
    ],
  },
  'curve with a repeating decimal': {
    plan: P(`indicator 进度 weight 100% scoring curve { 0: 0, 3: 100 }`),
    // 1/3 × 100 = 33.333… → score to 4 decimals 33.3333, total 33.33
    rows: [{ name: '100/3', given: { 进度: 1 }, total: 33.33, scores: { 进度: 33.3333 }, weighted: { 进度: 33.3333 } }],
  },

  'deduct (扣分制)': {
    plan: P(`indicator 违规次数 weight 100% scoring deduct 2 per 1 max 10`),
    rows: [
      // 100 − 2 × 3 = 94
      { name: 'within max', given: { 违规次数: 3 }, total: 94, grade: 'A' },
      // 2 × 8 = 16 deducted, capped at 10 → 90
      {
        name: 'deductions beyond max',
        given: { 违规次数: 8 },
        total: 90,
        scores: { 违规次数: 90 },
        zh: ['违规次数 8 次 ÷ 每 1 次 扣 2 分 = 扣 16 分, 扣分封顶 10 → 90 分 × 100% = 90'],
        en: ['违规次数 8 counted, 2 points per 1 = 16 deducted, deduction capped at 10 → score 90 × 100% = 90'],
      },
      { name: 'no deduction', given: { 违规次数: 0 }, total: 100 },
      // a negative count deducts nothing: the score stays at 100, never 106
      { name: 'negative count', given: { 违规次数: -3 }, total: 100, scores: { 违规次数: 100 } },
    ],
  },
  'deduct without max, per 2': {
    plan: P(`indicator 迟到 weight 100% scoring deduct 30 per 2`),
    rows: [
      // floor(3 / 2) = 1 step → 100 − 30 = 70
      { name: 'one whole step', given: { 迟到: 3 }, total: 70 },
      // floor(9 / 2) = 4 steps → 120 deducted → 100 − 120 < 0 → 0 (never below 0)
      { name: 'deductions beyond 100', given: { 迟到: 9 }, total: 0, scores: { 迟到: 0 } },
    ],
  },
  'deduct until the item is used up (DOMAIN #13)': {
    plan: P(`
  indicator 账目差错 weight 5%  scoring deduct 20 per 1
  indicator 销售额   weight 95% target 100% scoring linear
`),
    rows: [
      // 5-point item, 1 point per error = 20 of 100: 2 errors → 60 × 5% = 3 (= 5 − 2); 100 × 95% = 95 → 98
      { name: '2 errors → 3 of 5 points', given: { 账目差错: 2, 销售额: '100%' }, total: 98, weighted: { 账目差错: 3 } },
      // 7 errors → 140 deducted → 0, not −2 points: 0 + 95 = 95
      { name: '7 errors → 0, not −2', given: { 账目差错: 7, 销售额: '100%' }, total: 95, weighted: { 账目差错: 0 } },
    ],
  },

  'rating with raters (360, DOMAIN #17)': {
    plan: P(`indicator 综合评价 weight 100% scoring rating 0..100 raters { manager 60%, peer 30%, self 10% }`),
    rows: [
      // 85 × 60% + 85 × 30% + 95 × 10% = 51 + 25.5 + 9.5 = 86 → 100 × 86 / 100 = 86
      {
        name: 'all raters',
        given: { '综合评价.manager': 85, '综合评价.peer': 85, '综合评价.self': 95 },
        total: 86,
        grade: 'A',
        zh: ['综合评价 manager 85 (权重 60%), peer 85 (权重 30%), self 95 (权重 10%) → 评分 86 / 100 → 86 分 × 100% = 86'],
      },
      // no peer: (51 + 9.5) / (60% + 10%) = 86.428571… (mark shown to 6 decimals) → score 86.4286, total 86.43
      {
        name: 'a blank rater is left out and weights renormalised',
        given: { '综合评价.manager': 85, '综合评价.self': 95 },
        total: 86.43,
        scores: { 综合评价: 86.4286 },
        zh: ['综合评价 manager 85 (权重 60%), peer 未评分, 权重重新分配, self 95 (权重 10%) → 评分 86.428571 / 100 → 86.4286 分 × 100% = 86.4286'],
      },
      { name: 'mark outside LO..HI', given: { '综合评价.manager': 101, '综合评价.peer': 85, '综合评价.self': 95 }, error: { code: 'KPI0903', column: '综合评价.manager', element: '综合评价' } },
      { name: 'every rater blank', given: {}, error: { code: 'KPI0901', element: '综合评价' } },
    ],
  },
  'rating without raters': {
    plan: P(`
  indicator 执行力 weight 10% scoring rating 1..5
  indicator 业绩   weight 90% target 100% scoring linear
`),
    rows: [
      // level 4 of 5 → 80 × 10% = 8 (DOMAIN #16); 100 × 90% = 90 → 98
      { name: 'level 4 of 5', given: { 执行力: 4, 业绩: '100%' }, total: 98, scores: { 执行力: 80 }, weighted: { 执行力: 8 }, zh: ['执行力 评分 4 / 5 → 80 分 × 10% = 8'] },
      { name: 'mark 6 of 1..5', given: { 执行力: 6, 业绩: '100%' }, error: { code: 'KPI0903', column: '执行力', element: '执行力' } },
      { name: 'mark 0.5 below LO', given: { 执行力: 0.5, 业绩: '100%' }, error: { code: 'KPI0903', column: '执行力' } },
    ],
  },

  'nested groups three deep': {
    plan: P(`
  group 运营 weight 40% {
    group 门店 weight 50% {
      group 新店 weight 50% {
        indicator 开业达成 weight 100% target 100% scoring linear
      }
      indicator 老店达成 weight 50% target 100% scoring linear
    }
    indicator 库存天数 weight 50% target 20 scoring reverse
  }
  indicator 销售额达成 weight 60% target 100% scoring linear cap 120%
`),
    rows: [
      {
        // effective weights: 开业达成 40% × 50% × 50% × 100% = 10%; 老店达成 40% × 50% × 50% = 10%;
        // 库存天数 40% × 50% = 20%; 销售额达成 60%.
        // 92 × 10% = 9.2; 85 × 10% = 8.5; 20/25 = 80% → 80 × 20% = 16; 96.5 × 60% = 57.9
        // 9.2 + 8.5 + 16 + 57.9 = 91.6 → A
        name: 'weights multiply along the path',
        given: { 开业达成: '92%', 老店达成: '85%', 库存天数: 25, 销售额达成: '96.5%' },
        total: 91.6,
        grade: 'A',
        coefficient: 1.2,
        weight: { 开业达成: 0.1, 老店达成: 0.1, 库存天数: 0.2, 销售额达成: 0.6 },
        weighted: { 开业达成: 9.2, 老店达成: 8.5, 库存天数: 16, 销售额达成: 57.9 },
        zh: [
          '开业达成 92% ÷ 目标 100% = 92% → 92 分 × 10% = 9.2',
          '分组 新店: 组内得分 92 分 × 权重 10% = 贡献 9.2',
          '分组 门店: 组内得分 88.5 分 × 权重 20% = 贡献 17.7', // (9.2 + 8.5) ÷ 20%
          '分组 运营: 组内得分 84.25 分 × 权重 40% = 贡献 33.7', // (17.7 + 16) ÷ 40%
        ],
        en: ['group 运营: own score 84.25 × weight 40% = contributes 33.7'],
      },
    ],
  },

  'metrics (公式指标)': {
    plan: P(`
  metric 准时交付率   = 准时交付订单数 / 总订单数
  metric 生产力增长率 = (本期产值 - 上期产值) / 上期产值 default 0
  indicator 准时交付率   weight 60% target 95% scoring linear
  indicator 生产力增长率 weight 40% target 10% scoring linear cap 150%
`),
    rows: [
      {
        // 470/500 = 94% → 94/95 = 98.947368…% → score 98.9474, × 60% = 59.368421… → 59.3684;
        // (115 − 100)/100 = 15% → 150% → 150 × 40% = 60. 59.368421 + 60 = 119.368421 → 119.37 → S
        name: 'computed actuals',
        given: { 准时交付订单数: 470, 总订单数: 500, 本期产值: 115, 上期产值: 100 },
        total: 119.37,
        grade: 'S',
        scores: { 准时交付率: 98.9474, 生产力增长率: 150 },
        weighted: { 准时交付率: 59.3684, 生产力增长率: 60 },
        ratio: { 准时交付率: 0.989474, 生产力增长率: 1.5 },
        zh: ['准时交付率 94% ÷ 目标 95% = 98.9474% → 98.9474 分 × 60% = 59.3684'],
      },
      {
        // 上期产值 0: the growth metric divides by zero → its default 0 → 0; 59.368421 → 59.37 → D
        name: 'division by zero takes the default',
        given: { 准时交付订单数: 470, 总订单数: 500, 本期产值: 115, 上期产值: 0 },
        total: 59.37,
        grade: 'D',
        scores: { 生产力增长率: 0 },
      },
      {
        name: 'division by zero without a default is a row error',
        given: { 准时交付订单数: 0, 总订单数: 0, 本期产值: 115, 上期产值: 100 },
        error: { code: 'KPI0902', element: '准时交付率' },
      },
      {
        name: 'a missing metric input is a row error naming the column',
        given: { 准时交付订单数: 470, 本期产值: 115, 上期产值: 100 },
        error: { code: 'KPI0901', column: '总订单数', element: '准时交付率' },
      },
    ],
  },

  'missing values and default': {
    plan: P(`
  indicator 销售额 weight 50% target 100% scoring linear
  indicator 回款   weight 50% target 100% scoring linear default 80%
`),
    rows: [
      {
        // 回款 blank → default 80% → 80 × 50% = 40; 100 × 50% = 50 → 90
        name: 'blank cell with a default',
        given: { 销售额: '100%', 回款: undefined },
        total: 90,
        zh: ['回款 80% ÷ 目标 100% = 80%, 实际值缺失, 取默认值 80% → 80 分 × 50% = 40'],
      },
      { name: 'blank cell without a default', given: { 回款: '90%' }, error: { code: 'KPI0901', column: '销售额', element: '销售额' } },
    ],
  },

  'weights 33.33 + 33.33 + 33.34': {
    plan: P(`
  indicator 甲 weight 33.33% target 1 scoring linear
  indicator 乙 weight 33.33% target 1 scoring linear
  indicator 丙 weight 33.34% target 1 scoring linear
`),
    // 100 × (33.33% + 33.33% + 33.34%) = 100 exactly
    rows: [{ name: 'sum to 100', given: { 甲: 1, 乙: 1, 丙: 1 }, total: 100, weighted: { 甲: 33.33, 乙: 33.33, 丙: 33.34 } }],
  },

  'bonus and veto': {
    plan: P(`
  indicator 销售额达成 weight 100% target 100% scoring linear cap 120%
  bonus 创新提案 points 2 per 1 max 5
  veto 重大安全事故 when 安全事故次数 > 0
`),
    rows: [
      // 90 + 2 × 2 = 94 → A
      { name: 'bonus under max', given: { 销售额达成: '90%', 创新提案: 2, 安全事故次数: 0 }, total: 94, bonus: 4, grade: 'A', vetoes: [] },
      // 2 × 9 = 18, capped at 5 → 90 + 5 = 95 → S
      { name: 'bonus over max', given: { 销售额达成: '90%', 创新提案: 9, 安全事故次数: 0 }, total: 95, bonus: 5, grade: 'S', zh: ['加分项 创新提案: 9 ÷ 每 1 加 2 分 = 18 分, 加分封顶 5'] },
      // 120 (capped) + 5 = 125: bonus may push the total above 100
      { name: 'bonus above 100', given: { 销售额达成: '130%', 创新提案: 3, 安全事故次数: 0 }, total: 125, bonus: 5, grade: 'S' },
      // a negative count adds nothing
      { name: 'negative bonus count', given: { 销售额达成: '90%', 创新提案: -2, 安全事故次数: 0 }, total: 90, bonus: 0 },
      {
        // veto with bonus: 120 + 5 would be 125, the veto makes it 0 and the lowest grade D (0.5);
        // the bonus is still reported
        name: 'veto with bonus',
        given: { 销售额达成: '130%', 创新提案: 9, 安全事故次数: 1 },
        total: 0,
        grade: 'D',
        coefficient: 0.5,
        bonus: 5,
        vetoes: ['重大安全事故'],
        zh: ['一票否决 重大安全事故 触发: 总分记 0, 取最低等级', '总分 0', '等级 D, 绩效系数 0.5'],
        en: ['veto 重大安全事故 triggered: total is 0 and the lowest grade applies', 'total 0', 'grade D, coefficient 0.5'],
      },
      { name: 'veto input missing', given: { 销售额达成: '90%', 创新提案: 0 }, error: { code: 'KPI0901', column: '安全事故次数', element: '重大安全事故' } },
    ],
  },
  'bonus per 2, veto on a metric with and/or/not': {
    plan: P(`
  metric 差错率 = 差错数 / 单据数
  indicator 销售额达成 weight 100% target 100% scoring linear
  bonus 合理化建议 points 3 per 2
  veto 质量否决 when 差错率 >= 10% and not 豁免 == 1
`),
    rows: [
      // floor(5 / 2) = 2 steps × 3 = 6; 80 + 6 = 86 → A. 差错率 9/100 = 9% < 10% → no veto
      { name: 'whole steps only', given: { 销售额达成: '80%', 合理化建议: 5, 差错数: 9, 单据数: 100, 豁免: 0 }, total: 86, bonus: 6, vetoes: [] },
      // 10/100 = 10% ≥ 10% and not exempt → veto
      { name: 'veto exactly at its bound', given: { 销售额达成: '80%', 合理化建议: 5, 差错数: 10, 单据数: 100, 豁免: 0 }, total: 0, grade: 'D', vetoes: ['质量否决'] },
      // exempt → no veto
      { name: 'veto waived', given: { 销售额达成: '80%', 合理化建议: 5, 差错数: 10, 单据数: 100, 豁免: 1 }, total: 86, vetoes: [] },
    ],
  },
  'veto and custom grade lines': {
    plan: `plan 测试 {
  indicator 达成 weight 100% target 100% scoring linear
  veto 违纪 when 违纪次数 >= 1
  grades { 优秀 >= 90 coefficient 1.2  合格 >= 60 coefficient 1.0  不合格 coefficient 0 }
}`,
    rows: [
      // vetoed → total 0 and the LAST (lowest) grade line, coefficient 0
      { name: 'veto takes the lowest grade', given: { 达成: '100%', 违纪次数: 1 }, total: 0, grade: '不合格', coefficient: 0 },
      { name: 'grade from its bound', given: { 达成: '60%', 违纪次数: 0 }, total: 60, grade: '合格', coefficient: 1 },
      // 59.99 is below every bound → the catch-all line
      { name: 'the catch-all line', given: { 达成: '59.99%', 违纪次数: 0 }, total: 59.99, grade: '不合格', coefficient: 0 },
    ],
  },
};

// ------------------------------------------------------------------ runner
/** the shared compile, and every case here must take the float fast path */
function compileText(text: string): CompiledPlan {
  const compiled = compileShared(text);
  expect(compiled.accelerated).toBe(true);
  return compiled;
}
const rowValues = rowFromGiven;
const byName = resultOf;

describe('hand-computed scores (compiled == reference == explain)', () => {
  for (const [title, c] of Object.entries(CASES)) {
    describe(title, () => {
      for (const row of c.rows) {
        it(row.name, () => {
          const compiled = compileText(c.plan);
          const reference = makeReference(compiled.plan)!;
          const v = rowValues(compiled, row.given);
          const fast = compiled.score(v);
          const ref = reference(v);
          expect(fast).toStrictEqual(ref);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(ref));
          const traced = compiled.explain(v);
          const { outcome, explanation } = traced;
          expect(outcome).toStrictEqual(ref);
          // the traced generated variant (or its exact fallback) builds the exact evaluator's tree, key for key
          const want = makeExact(compiled.lowered)(v, true);
          expect(JSON.stringify(traced)).toBe(JSON.stringify(want.explanation ? { outcome: want.outcome, explanation: want.explanation } : { outcome: want.outcome }));

          if (row.error) {
            expect(ref.ok).toBe(false);
            if (!ref.ok) expect(ref.errors[0]).toMatchObject(row.error);
            expect(explanation).toBeUndefined();
            return;
          }
          if (!ref.ok) throw new Error('row failed: ' + JSON.stringify(ref.errors));
          const r = ref.result;
          if (row.total !== undefined) expect(r.total).toBe(row.total);
          if (row.grade !== undefined) expect(r.grade).toBe(row.grade);
          if (row.coefficient !== undefined) expect(r.coefficient).toBe(row.coefficient);
          if (row.bonus !== undefined) expect(r.bonus).toBe(row.bonus);
          if (row.vetoes !== undefined) expect(r.vetoes).toEqual(row.vetoes);
          for (const [k, x] of Object.entries(row.scores ?? {})) expect(byName(ref, k).score, `score of ${k}`).toBe(x);
          for (const [k, x] of Object.entries(row.weighted ?? {})) expect(byName(ref, k).weighted, `weighted of ${k}`).toBe(x);
          for (const [k, x] of Object.entries(row.ratio ?? {})) expect(byName(ref, k).ratio, `ratio of ${k}`).toBe(x);
          for (const [k, x] of Object.entries(row.weight ?? {})) expect(byName(ref, k).weight, `weight of ${k}`).toBe(x);
          // reported numbers are display-ready: their shortest text has no float noise
          for (const x of [r.total, r.bonus, ...r.indicators.flatMap((i) => [i.score, i.weighted, i.weight])]) expect(String(x)).not.toMatch(/\d{9,}/);

          expect(explanation).toBeDefined();
          expect(explanation!.total).toBe(r.total);
          const zh = renderExplanation(explanation!, 'zh');
          const en = renderExplanation(explanation!, 'en');
          for (const line of row.zh ?? []) expect(zh).toContain(line);
          for (const line of row.en ?? []) expect(en).toContain(line);
          // one sentence per indicator, group, bonus and triggered veto, plus total (+ grade)
          const expectedLines =
            r.indicators.length + explanation!.groups.length + explanation!.bonuses.length + r.vetoes.length + 1 + (r.grade !== undefined ? 1 : 0);
          expect(zh.length).toBe(expectedLines);
          expect(en.length).toBe(expectedLines);
        });
      }
    });
  }
});

describe('traced and untraced variants', () => {
  it('the untraced code has no explanation code; explain() runs a separate traced variant, generated on first use', () => {
    const c = compileText(SHOP);
    expect(c.source).toBeDefined();
    expect(c.source).not.toMatch(/\bXI\b|explanation|capApplied/);
    const v = rowValues(c, { 销售额达成: '96.5%', 人员流失率: '1.25%', 账目准确率: '99%', 货品专业知识达标: '90%', 会员流失率: '4%' });
    expect(c.score(v)).toStrictEqual(c.explain(v).outcome);
    expect(c.stats).toEqual({ fast: 1, exact: 0 });
    expect(c.traceStats).toEqual({ fast: 1, exact: 0 }); // explained by the traced generated code, not the BigInt evaluator
    // a row the float code cannot settle (a missing value) is explained by the exact evaluator
    const blank = rowValues(c, { 销售额达成: '96.5%' });
    expect(c.explain(blank).explanation).toBeUndefined();
    expect(c.traceStats).toEqual({ fast: 1, exact: 1 });
  });
});

describe('traced variant with hostile names', () => {
  it('names, units, raters, groups and bonuses reach the explanation as data, never as code', async () => {
    const { generate } = await import('../../src/compile/codegen.js');
    const h = ['"); process.exit(1); //', '${x}', '*/ throw 1 /*', "'`\\n", '__proto__'];
    const text = `plan "${h[0].replace(/["\\]/g, '\\$&')}" {
  group "${h[1]}" weight 50% {
    indicator "${h[2]}" weight 100% target 100% unit "${h[3].replace(/["\\]/g, '\\$&')}" scoring linear
  }
  indicator "${h[4]}" weight 50% scoring rating 1..5 raters { "${h[1]}" 50%, manager 50% }
  bonus "${h[2]}奖" points 1 per 1 max 3
}`;
    const r = parseText('h.kpi', text);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { compiled } = compilePlan(r.file.plans[0]!);
    const g = generate(compiled!.lowered, { traced: true });
    for (const x of h) expect(g.body).not.toContain(x);
    const v = new Float64Array(compiled!.inputs.length).fill(NaN);
    v[compiled!.slotOf(h[2])!] = 0.9;
    v[compiled!.slotOf(`${h[4]}.${h[1]}`)!] = 4;
    v[compiled!.slotOf(`${h[4]}.manager`)!] = 5;
    v[compiled!.slotOf(`${h[2]}奖`)!] = 2;
    const got = compiled!.explain(v);
    expect(compiled!.traceStats.fast).toBe(1);
    const want = makeExact(compiled!.lowered)(v, true);
    expect(JSON.stringify(got)).toBe(JSON.stringify({ outcome: want.outcome, explanation: want.explanation }));
    // 90 × 50% = 45; (4 + 5) / 2 = 4.5 → 90 × 50% = 45; + 2 → 92
    expect(got.explanation).toMatchObject({ plan: h[0], total: 92, groups: [{ name: h[1], weighted: 45 }], bonuses: [{ name: `${h[2]}奖`, value: 2 }] });
    expect(got.explanation!.indicators[0]).toMatchObject({ name: h[2], unit: h[3], path: [h[1]] });
    expect(got.explanation!.indicators[1]!.rating!.raters).toEqual([{ name: h[1], weight: 0.5, mark: 4 }, { name: 'manager', weight: 0.5, mark: 5 }]);
  });
});
