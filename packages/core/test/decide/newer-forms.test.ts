/**
 * Diff and solve meet forms added after them (issue 10: per-person targets, penalties, N/A; issue 11:
 * pay, pools, distribution). Solve must say it does not handle them (coded), never answer; diff must
 * report the part as changed, never call two different plans equal.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parser/index.js';
import { lowerPlan } from '../../src/compile/lower.js';
import { compilePlan } from '../../src/compile/index.js';
import { solve } from '../../src/decide/solve.js';
import { diffPlans } from '../../src/decide/diff.js';
import type { LPlan } from '../../src/model/lowered.js';

const TEXT = 'plan P {\n  indicator 销售 weight 100% target 100% scoring linear\n  grades {\n    A >= 90 coefficient 1.2\n    B coefficient 1\n  }\n}\n';
const plan = parseText('p.kpi', TEXT).file.plans[0]!;
const lowered = lowerPlan(plan).lowered!;
const row = compilePlan(plan).compiled!.inputs.map(() => 0.8);

describe('newer forms', () => {
  it('solve: a plan-level item it does not know makes every answer unsupported-plan', () => {
    const newer = { ...lowered, distribution: [{ within: '部门' }] } as LPlan;
    const r = solve(newer, row, { kind: 'grade', label: 'A' });
    expect(r.answers.map((a) => [a.status, a.reason?.code])).toEqual([['unsupported', 'unsupported-plan']]);
    expect(r.answers[0]!.reason!.message).toContain('`distribution`');
  });

  it('solve: an indicator field it does not know makes that answer unsupported-method', () => {
    const newer = { ...lowered, inds: [{ ...lowered.inds[0]!, targetHigh: '2' }] } as LPlan;
    const r = solve(newer, row, { kind: 'total', value: '90' });
    expect(r.answers.map((a) => [a.status, a.reason?.code])).toEqual([['unsupported', 'unsupported-method']]);
  });

  it('solve: the plan as it is today is answered (the guard is not too eager)', () => {
    const r = solve(lowered, row, { kind: 'total', value: '90' });
    // 100 × r ≥ 89.995 → r ≥ 0.89995 → 90% on the 0.01% grid (89.99% gives 89.99)
    expect(r.answers[0]).toMatchObject({ status: 'reachable', answer: '0.9', short: { total: 89.99 } });
  });

  it('diff: a plan part or an indicator option it does not know is reported as changed', () => {
    const a = { ...plan, pays: [{ name: '绩效工资', expr: 'x' }] };
    const b = { ...plan, pays: [{ name: '绩效工资', expr: 'y' }], items: [{ ...plan.items[0]!, optional: true }] } as typeof plan;
    const d = diffPlans({ name: 'a', text: TEXT, plan: a as typeof plan }, { name: 'b', text: TEXT, plan: b });
    expect(d.changes.map((c) => [c.kind, c.subject, c.field ?? ''])).toEqual([
      ['other', 'pays', ''],
      ['option', 'indicator 销售', 'optional'],
    ]);
    expect(diffPlans({ name: 'a', text: TEXT, plan: a as typeof plan }, { name: 'b', text: TEXT, plan: a as typeof plan }).changes).toEqual([]);
  });
});

describe('a column read by more than its indicator', () => {
  const solveText = (text: string, values: Record<string, number>, goal = '90') => {
    const p = parseText('v.kpi', text).file.plans[0]!;
    const c = compilePlan(p).compiled!;
    return solve(lowerPlan(p).lowered!, c.inputs.map((i) => values[i.column]!), { kind: 'total', value: goal });
  };

  it('a veto `column < c` on its own indicator keeps the search (it only adds more of the same)', () => {
    const r = solveText('plan P {\n  indicator 账目 weight 100% target 100% scoring linear\n  veto 底线 when 账目 < 50%\n}\n', { 账目: 0.3 });
    expect(r.answers[0]).toMatchObject({ status: 'reachable', answer: '0.9' });
  });

  it('a metric that divides by the column, feeding another indicator: refused with a code', () => {
    const r = solveText(
      'plan P {\n  metric 毛利率 = 毛利 / 销售额\n  indicator 销售额 weight 50% target 100 scoring linear\n  indicator 毛利率 weight 50% target 30% scoring linear\n}\n',
      { 销售额: 80, 毛利: 20 },
    );
    expect(r.answers.map((a) => [a.indicator, a.status, a.reason?.code])).toEqual([
      ['销售额', 'unsupported', 'unsupported-shared-input'],
      ['毛利率', 'unsupported', 'unsupported-metric'],
    ]);
  });

  it('a veto of another shape on the column: refused', () => {
    const r = solveText('plan P {\n  indicator 销售 weight 100% target 100% scoring linear cap 200%\n  veto 异常 when 销售 > 150%\n}\n', { 销售: 0.5 });
    expect(r.answers[0]).toMatchObject({ status: 'unsupported', reason: { code: 'unsupported-shared-input' } });
  });
});
