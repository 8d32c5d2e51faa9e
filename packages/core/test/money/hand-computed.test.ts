/** SPEC §7 hand-computed cases, through the compiled fast path and the exact reference evaluator. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/check/analyze.js';
import { compilePlan } from '../../src/compile/index.js';
import { makeReference } from '../../src/run/reference.js';
import { Rational } from '../../src/numbers/rational.js';
import { computeMoney, type MoneyPerson } from '../../src/money/evaluate.js';
import { combinePeriods } from '../../src/money/cycles.js';
import { commissionOf, tiersOf, wholeCliffs } from '../../src/money/commission.js';
import { seatsOf } from '../../src/money/distribution.js';
import type { RowOutcome } from '../../src/model/results.js';

function load(text: string) {
  const a = analyze('t.kpi', text);
  const errs = a.diagnostics.filter((d) => d.severity === 'error');
  expect(errs).toEqual([]);
  const plan = a.file.plans[0]!;
  const { compiled } = compilePlan(plan);
  const exact = makeReference(plan)!;
  return { plan, compiled: compiled!, evaluators: { compiled: (v: ArrayLike<number>) => compiled!.score(v), exact } as Record<string, (v: ArrayLike<number>) => RowOutcome>, diags: a.diagnostics };
}

function people(c: ReturnType<typeof load>, ev: (v: ArrayLike<number>) => RowOutcome, rows: Record<string, number | string>[]): MoneyPerson[] {
  return rows.map((r, i) => {
    const v = Float64Array.from(c.compiled.inputs.map((inp) => (typeof r[inp.column] === 'number' ? (r[inp.column] as number) : NaN)));
    const o = ev(v);
    if (!o.ok) throw new Error(JSON.stringify(o.errors));
    return {
      id: String(r.id ?? i + 1),
      row: i + 2,
      result: o.result,
      value: (col) => (typeof r[col] === 'number' ? Rational.fromNumber(r[col] as number) : undefined),
      text: (col) => (r[col] === undefined ? undefined : String(r[col])),
    };
  });
}

const TIERS = `
  commission 超额 on 销售额 marginal {
    <= 300000: 3%
    <= 500000: 5%
    else: 7%
  }
  commission 全额 on 销售额 whole {
    <= 300000: 3%
    <= 500000: 5%
    else: 7%
  }`;

describe('commission tiers (SPEC §7)', () => {
  const c = load(`plan 销售 {
    indicator 销售额 weight 100% target 500000 scoring linear
    ${TIERS}
    pay 提成合计 = 超额 + 全额
  }`);
  for (const [name, ev] of Object.entries(c.evaluators)) {
    it(`600,000 → marginal 26,000, whole 42,000 (${name})`, () => {
      const m = computeMoney(c.plan, people(c, ev, [{ 销售额: 600000 }]));
      expect(m.issues).toEqual([]);
      expect(m.people[0]!.items).toEqual([
        { name: '超额', kind: 'commission', value: 26000 },
        { name: '全额', kind: 'commission', value: 42000 },
        { name: '提成合计', kind: 'pay', value: 68000 },
      ]);
    });
  }
  it('the whole cliff at 500,000: 25,000 on 500,000, 35,000 on 500,000.01', () => {
    const tiers = tiersOf(c.plan.money!.commissions[1]!);
    const cl = wholeCliffs(tiers);
    expect(cl.map((x) => [x.payBelow.toDecimalString(), x.payAbove.toDecimalString()])).toEqual([
      ['9000', '15000.0005'],
      ['25000', '35000.0007'],
    ]);
    expect(commissionOf(tiers, 'whole', Rational.of(500000n)).value.toDecimalString()).toBe('25000');
    expect(commissionOf(tiers, 'marginal', Rational.of(500000n)).value.toDecimalString()).toBe('19000');
  });
  it('warns of each whole cliff with its size', () => {
    const w = c.diags.filter((d) => d.code === 'KPI1003');
    expect(w).toHaveLength(2);
    expect(w[1]!.message).toContain('25,000');
    expect(w[1]!.message).toContain('35,000');
  });
});

describe('pool split (SPEC §7)', () => {
  const c = load(`plan 部门 {
    indicator 达成 weight 100% target 100 scoring linear cap 150%
    grades { A >= 110 coefficient 1.2  B >= 90 coefficient 1.0  C coefficient 0.8 }
    pool 部门奖金 = 奖金池 split by coefficient within 部门
  }`);
  for (const [name, ev] of Object.entries(c.evaluators)) {
    it(`100,000 over 1.2/1.0/0.8 → 40,000.00 / 33,333.33 / 26,666.67 (${name})`, () => {
      const m = computeMoney(c.plan, people(c, ev, [
        { 达成: 120, 奖金池: 100000, 部门: '一部' },
        { 达成: 100, 奖金池: 100000, 部门: '一部' },
        { 达成: 50, 奖金池: 100000, 部门: '一部' },
      ]));
      expect(m.issues).toEqual([]);
      expect(m.people.map((p) => p.items[0]!.value)).toEqual([40000, 33333.33, 26666.67]);
      expect(m.totals['部门奖金']).toBe(100000);
    });
  }
  it('a pool that differs within a group is an error', () => {
    const m = computeMoney(c.plan, people(c, c.evaluators.exact!, [
      { 达成: 120, 奖金池: 100000, 部门: '一部' },
      { 达成: 100, 奖金池: 90000, 部门: '一部' },
    ]));
    expect(m.issues.map((i) => i.code)).toEqual(['KPI1051']);
  });
});

const GRADES5 = 'grades { S >= 95 coefficient 1.5  A >= 85 coefficient 1.2  B >= 70 coefficient 1.0  C >= 60 coefficient 0.8  D coefficient 0.5 }';

describe('forced distribution (SPEC §7)', () => {
  it('N = 12 at 10/20/40/20/10 → 1/3/5/2/1', () => {
    const s = ['0.1', '0.2', '0.4', '0.2', '0.1'].map((x) => Rational.parse(x)!);
    expect(seatsOf(12, s)).toEqual([1, 3, 5, 2, 1]);
  });
  const c = load(`plan 分布 {
    indicator 得分 weight 100% target 100 scoring linear
    ${GRADES5}
    distribution { S 10% A 20% B 50% C 15% D 5% }
    pay 绩效工资 = 基数 * coefficient
  }`);
  for (const [name, ev] of Object.entries(c.evaluators)) {
    it(`totals 100, 100, 90, 80, 70 → S, S, B, B, C; pay follows the final grade (${name})`, () => {
      const m = computeMoney(c.plan, people(c, ev, [100, 100, 90, 80, 70].map((x, i) => ({ id: `p${i}`, 得分: x, 基数: 1000 }))));
      expect(m.people.map((p) => p.grade)).toEqual(['S', 'S', 'B', 'B', 'C']);
      expect(m.people.map((p) => p.scoreGrade)).toEqual(['S', 'S', 'A', 'B', 'B']);
      expect(m.people.map((p) => p.items[0]!.value)).toEqual([1500, 1500, 1000, 1000, 800]);
      expect(m.issues.map((i) => i.code)).toContain('KPI1054');
      expect(m.groups[0]!.quotas.map((q) => q.seats)).toEqual([1, 1, 2, 1, 0]);
    });
  }
});

describe('cycles (SPEC §7): quarterly targets 100 and 300, actuals 50 and 330', () => {
  for (const [mode, want] of [['sum', 95], ['score', 75], ['last', 100]] as const) {
    const c = load(`plan 季度 {
      aggregate ${mode}
      metric 完成率 = 销售额 / 销售目标
      indicator 完成率 weight 100% target 100% scoring linear
    }`);
    for (const [name, ev] of Object.entries(c.evaluators)) {
      it(`aggregate ${mode} → ${want} (${name})`, () => {
        const slot = (col: string) => c.compiled.slotOf(col)!;
        const row = (a: number, t: number) => {
          const v = new Float64Array(c.compiled.inputs.length);
          v[slot('销售额')] = a;
          v[slot('销售目标')] = t;
          return v;
        };
        const o = combinePeriods(c.plan, c.compiled.lowered, ev, [
          { period: 'Q1', row: 2, values: row(50, 100) },
          { period: 'Q2', row: 3, values: row(330, 300) },
        ]);
        expect(o.ok && o.result.total).toBe(want);
      });
    }
  }
  it('年度 = 季度平均 × 70% + 年终评价 × 30%', () => {
    const c = load(`plan 年度 {
      indicator 季度得分 weight 70% target 100 scoring linear aggregate average
      indicator 年终评价 weight 30% target 100 scoring linear aggregate last
    }`);
    const v = (q: number, y: number) => Float64Array.from(c.compiled.inputs.map((i) => (i.column === '季度得分' ? q : y)));
    const o = combinePeriods(c.plan, c.compiled.lowered, c.evaluators.exact!, [
      { period: 'Q1', row: 2, values: v(80, 0) },
      { period: 'Q2', row: 3, values: v(90, 0) },
      { period: 'Q3', row: 4, values: v(70, 0) },
      { period: 'Q4', row: 5, values: v(100, 90) },
    ]);
    // 季度平均 85 × 70% = 59.5; 年终评价 90 × 30% = 27 → 86.5
    expect(o.ok && o.result.total).toBe(86.5);
  });
});
