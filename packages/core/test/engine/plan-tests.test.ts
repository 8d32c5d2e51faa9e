import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parser/index.js';
import { runPlanTests } from '../../src/run/tests.js';
import { compilePlan } from '../../src/compile/index.js';
import { renderExplanation } from '../../src/run/explain.js';
import { localize } from '../../src/diagnostics/diag.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

const examples = join(import.meta.dirname, '..', '..', '..', '..', 'examples');

function planOf(text: string) {
  const r = parseText('t.kpi', text);
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(JSON.stringify(errs));
  return r.file.plans[0]!;
}

describe('in-plan tests', () => {
  for (const f of readdirSync(examples).filter((x) => x.endsWith('.kpi'))) {
    it(`passes every test block of examples/${f}`, () => {
      const r = parseText(f, readFileSync(join(examples, f), 'utf8'));
      for (const p of r.file.plans) {
        const reports = runPlanTests(p);
        expect(reports.filter((x) => !x.passed).map((x) => ({ name: x.name, failures: x.failures, errors: x.errors, explanation: x.explanation }))).toEqual([]);
        expect(reports.length).toBe(p.tests.length);
      }
    });
  }

  it("checks a group's own score (before its weight) and says so when it fails", () => {
    const plan = planOf(
      'plan P {\n  group 业绩 weight 60% {\n    indicator 甲 weight 100% target 100% scoring linear\n  }\n  indicator 乙 weight 40% target 100% scoring linear\n' +
        '  test "组" {\n    given 甲 = 90%, 乙 = 100%\n    expect 业绩 = 90\n  }\n  test "按加权写错" {\n    given 甲 = 90%, 乙 = 100%\n    expect 业绩 = 54\n  }\n}\n',
    );
    const [ok, wrong] = runPlanTests(plan);
    expect(ok!.passed).toBe(true);
    expect(wrong!.failures.map((f) => [f.subject, f.expected, f.actual])).toEqual([['业绩 (group score, before its weight)', '54', '90']]);
  });

  it('reports a failing expect with expected, actual, span and the explanation', () => {
    const text = `plan P {
  indicator 销售额达成 weight 70% target 100% scoring linear cap 120%
  indicator 毛利率 weight 30% target 35% scoring linear
  grades { A >= 85 coefficient 1.2  B coefficient 1 }
  test "错" {
    given 销售额达成 = 96.5%, 毛利率 = 33%
    expect 毛利率 = 94.29
    expect total = 95
    expect grade = A
  }
}`;
    const [rep] = runPlanTests(planOf(text));
    expect(rep!.passed).toBe(false);
    expect(rep!.checked).toBe(3);
    // 67.55 + 28.2857… = 95.8357… → 95.84
    expect(rep!.failures).toEqual([{ subject: 'total', expected: '95', actual: '95.84', span: expect.any(Object) }]);
    const span = rep!.failures[0]!.span;
    expect(text.slice(span.start, span.end)).toContain('expect total = 95');
    expect(rep!.diagnostics[0]).toMatchObject({ code: 'KPI0920', severity: 'error' });
    expect(rep!.explanation).toContain('销售额达成 96.5% ÷ 目标 100% = 96.5% → 96.5 分 × 70% = 67.55');
  });

  it('a row that cannot be scored fails with the row errors', () => {
    const text = `plan P {
  indicator a weight 100% target 1 scoring linear
  test "缺值" { given b = 1
    expect total = 100 }
}`;
    const [rep] = runPlanTests(planOf(text));
    expect(rep!.passed).toBe(false);
    expect(rep!.errors[0]).toMatchObject({ code: 'KPI0901', column: 'a' });
  });
});

describe('explanations', () => {
  const text = `plan P {
  group 业绩 weight 60% {
    indicator 销售额达成 weight 70% target 100% scoring linear cap 120%
    indicator 回款 weight 30% target 100% scoring bands on ratio { >= 100%: 100  >= 90%: 80  else: 0 }
  }
  indicator 违规 weight 20% scoring deduct 5 per 1 max 20
  indicator 执行力 weight 20% scoring rating 1..5 raters { self 10%, manager 70%, peer 20% }
  bonus 创新 points 2 per 1 max 5
  grades { A >= 85 coefficient 1.2  B coefficient 1 }
}`;
  it('renders one sentence per line in Chinese and English', () => {
    const { compiled } = compilePlan(planOf(text));
    const v = new Float64Array(compiled!.inputs.length).fill(NaN);
    const set = (k: string, x: number) => (v[compiled!.slotOf(k)!] = x);
    set('销售额达成', 0.965);
    set('回款', 0.92);
    set('违规', 5);
    set('执行力.self', 5);
    set('执行力.manager', 4);
    set('创新', 1);
    const { explanation, outcome } = compiled!.explain(v);
    expect(outcome).toEqual(compiled!.score(v));
    const zh = renderExplanation(explanation!, 'zh');
    const en = renderExplanation(explanation!, 'en');
    expect(zh[0]).toBe('销售额达成 96.5% ÷ 目标 100% = 96.5% → 96.5 分 × 42% = 40.53');
    expect(en[0]).toBe('销售额达成 96.5% ÷ target 100% = 96.5% → score 96.5 × 42% = 40.53');
    expect(zh[1]).toBe('回款 92% ÷ 目标 100% = 92%, 落在 >= 90% 档 → 80 分 × 18% = 14.4');
    expect(zh[2]).toBe('违规 5 次 ÷ 每 1 次 扣 5 分 = 扣 25 分, 扣分封顶 20 → 80 分 × 20% = 16');
    expect(en[2]).toBe('违规 5 counted, 5 points per 1 = 25 deducted, deduction capped at 20 → score 80 × 20% = 16');
    expect(zh[3]).toContain('peer 未评分, 权重重新分配');
    expect(explanation!.indicators[3]!.rating!.mark).toBe(4.125);
    expect(zh).toContain('加分项 创新: 1 ÷ 每 1 加 2 分 = 2 分');
    expect(zh.at(-2)).toBe(`合计 ${explanation!.subtotal} + 加分 2 = 总分 ${explanation!.total}`);
    expect(explanation!.groups[0]).toMatchObject({ name: '业绩', weight: 0.6, weighted: 54.93 });
  });
});

describe("a failed expectation's own words, in both languages (the catalogue)", () => {
  // a last grade with a bound (KPI0406, an error `kpi test` stops at) is the one way to a row without a grade
  const bounded = (money: string, expects: string) =>
    `plan P {\n  indicator a weight 100% target 100% scoring linear\n  grades {\n    A >= 90 coefficient 1.2\n    B >= 60 coefficient 1\n  }\n${money}  test "低分" {\n    given a = 50%, 基数 = 1000\n${expects}  }\n}\n`;
  const inLang = (d: Diagnostic, lang: 'en' | 'zh') => localize(d, lang);

  it('(no grade): the actual of a plain test and its KPI0920', () => {
    const [rep] = runPlanTests(planOf(bounded('', '    expect grade = B\n')));
    expect(rep!.failures).toEqual([{ subject: 'grade', expected: 'B', actual: '(no grade)', actualText: { en: '(no grade)', zh: '（没有等级）' }, span: expect.any(Object) }]);
    expect(rep!.diagnostics[0]!.message).toBe('test "低分": expected `grade` = B, got (no grade)');
    expect(inLang(rep!.diagnostics[0]!, 'zh').message).toBe('测试 "低分"：期望 `grade` = B，实际为 （没有等级）');
  });

  it('(no coefficient): a grade without a coefficient', () => {
    const [rep] = runPlanTests(planOf('plan P {\n  indicator a weight 100% target 100% scoring linear\n  grades { A >= 90  B }\n  test "t" {\n    given a = 50%\n    expect coefficient = 1\n  }\n}\n'));
    expect(rep!.failures[0]).toMatchObject({ actual: '(no coefficient)', actualText: { en: '(no coefficient)', zh: '（没有绩效系数）' } });
    expect(rep!.diagnostics[0]!.message).toBe('test "t": expected `coefficient` = 1, got (no coefficient)');
    expect(inLang(rep!.diagnostics[0]!, 'zh').message).toBe('测试 "t"：期望 `coefficient` = 1，实际为 （没有绩效系数）');
  });

  it('a money test (SPEC §7): (no grade) for score_grade and its KPI0920 with the help and the note from the catalogue', () => {
    const [rep] = runPlanTests(planOf(bounded('  pay 工资 = 基数\n', '    expect score_grade = B\n')));
    expect(rep!.failures[0]).toMatchObject({ subject: 'score_grade', actual: '(no grade)', actualText: { en: '(no grade)', zh: '（没有等级）' } });
    const d = rep!.diagnostics[0]!;
    // English as it was when this diagnostic was written by hand
    expect(d).toMatchObject({
      code: 'KPI0920',
      severity: 'error',
      message: 'test "低分": expected `score_grade` = B, got (no grade)',
      help: 'money follows the final grade: check the people given, their groups and the distribution',
      related: [{ message: 'in test "低分"' }],
    });
    const zh = inLang(d, 'zh');
    expect(zh.message).toBe('测试 "低分"：期望 `score_grade` = B，实际为 （没有等级）');
    expect(zh.help).toBe('薪酬随最终等级而定：请检查测试中给出的人员、他们所在的分组和强制分布');
    expect(zh.related![0]!.message).toBe('在测试 "低分" 中');
  });
});
