/**
 * In-plan tests (`test "…" { given …; expect … }`): build the row from `given`, score it with the
 * compiled plan, and compare each `expect` exactly.
 *
 * Comparison rule: a number is compared with the exact result rounded half-up to
 * max(the plan's `round`, the decimals the expectation writes) — so `expect 毛利率 = 94.29` matches a
 * score of 94.2857…, and `expect total = 88.7096` checks four decimals. `grade` compares labels,
 * `coefficient` compares exact decimals.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { Text } from '../diagnostics/lang.js';
import type { Plan, TestCase } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import type { Span } from '../source/span.js';
import { compilePlan, type CompiledPlan } from '../compile/index.js';
import { makeExact } from '../compile/exact.js';
import { renderExplanation, type ExplainLang } from './explain.js';
import type { RowError } from '../model/results.js';
import { bilingual, diag, note, text } from '../diagnostics/diag.js';
import { needsMoneyTest, runMoneyTest } from './money-tests.js';

export interface ExpectFailure {
  /** `total`, `grade`, `coefficient`, `bonus`, or an indicator/group name */
  subject: string;
  expected: string;
  /** what the plan gave, as text (`90.04`, `B`, or `error: …` when the row could not be scored) */
  actual: string;
  /** `actual` in both languages when it is a word of ours rather than a value (`(no grade)`); show this one */
  actualText?: Text;
  span: Span;
}

export interface TestReport {
  plan: string;
  name: string;
  span: Span;
  nameSpan: Span;
  passed: boolean;
  /** number of `expect` lines checked */
  checked: number;
  failures: ExpectFailure[];
  /** row errors when the `given` row could not be scored */
  errors: RowError[];
  /** explanation sentences of the row, present when the test failed */
  explanation?: string[];
  /** one KPI0920 diagnostic per failing expect (for the CLI renderers) */
  diagnostics: Diagnostic[];
}

export interface RunTestsOptions {
  file?: string;
  lang?: ExplainLang;
  /** reuse a compiled plan */
  compiled?: CompiledPlan;
}

const decimalsOf = (text: string): number => {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
};

export function runPlanTests(plan: Plan, options: RunTestsOptions = {}): TestReport[] {
  if (plan.tests.length === 0) return [];
  const lang = options.lang ?? 'zh';
  let compiled = options.compiled;
  let compileDiags: Diagnostic[] = [];
  if (!compiled) {
    const r = compilePlan(plan, options.file !== undefined ? { file: options.file } : {});
    compiled = r.compiled;
    compileDiags = r.diagnostics;
  }
  if (!compiled) {
    // the plan cannot be scored: every test fails with the compile diagnostics
    return plan.tests.map((t) => ({
      plan: plan.name.text,
      name: t.name,
      span: t.span,
      nameSpan: t.nameSpan,
      passed: false,
      checked: 0,
      failures: [],
      errors: compileDiags.map((d) => ({ code: d.code, message: d.message })),
      diagnostics: compileDiags,
    }));
  }
  const exact = makeExact(compiled.lowered);
  return plan.tests.map((t) => (needsMoneyTest(plan, t) ? moneyReport(runMoneyTest(plan, compiled!, t), t, options.file) : runOne(plan, compiled!, exact, t, lang, options.file)));
}

/** KPI0920 diagnostics for a money test's failures (SPEC §7) */
function moneyReport(r: Omit<TestReport, 'diagnostics' | 'explanation'>, t: TestCase, file?: string): TestReport {
  const diagnostics: Diagnostic[] = r.failures.map((f) =>
    diag('KPI0920', { test: t.name, subject: f.subject, expected: f.expected, actual: f.actualText ?? f.actual }, {
      file,
      span: f.span,
      helpText: text('help.money-follows-grade', {}),
      related: [note('note.in-test', { test: t.name }, t.nameSpan)],
    }),
  );
  return { ...r, diagnostics };
}

function runOne(plan: Plan, c: CompiledPlan, exact: ReturnType<typeof makeExact>, t: TestCase, lang: ExplainLang, file?: string): TestReport {
  const values = new Float64Array(c.inputs.length).fill(NaN);
  for (const g of t.given) {
    const slot = c.slotOf(g.key.text);
    // a N/A cell is −∞, as the data layer marks it (data/table.ts)
    if (slot !== undefined) values[slot] = g.na !== undefined ? -Infinity : Number(g.value.value);
  }
  const outcome = c.score(values);
  const traced = exact(values, true);
  const report: TestReport = {
    plan: plan.name.text,
    name: t.name,
    span: t.span,
    nameSpan: t.nameSpan,
    passed: true,
    checked: t.expects.length,
    failures: [],
    errors: outcome.ok ? [] : outcome.errors,
    diagnostics: [],
  };
  const R = c.lowered.round;
  const indIndex = new Map(c.lowered.inds.map((ind, i) => [ind.name, i] as const));
  const groupIndex = new Map(c.lowered.groups.map((g, i) => [g.name, i] as const));
  for (const ex of t.expects) {
    const subject = ex.subject.text;
    const expectedText = 'value' in ex.value && typeof ex.value.value === 'string' && 'percent' in ex.value ? ex.value.value : (ex.value as { text: string }).text;
    const isNum = 'percent' in ex.value;
    const shownExpected = isNum && (ex.value as { percent: boolean }).percent ? `${Rational.parse(expectedText)!.mul(Rational.HUNDRED).toDecimalString(20)}%` : expectedText;
    let actual: string;
    let actualText: Text | undefined;
    let pass: boolean;
    if (!outcome.ok || !traced.exact) {
      actual = `error: ${outcome.ok ? 'not scored' : outcome.errors.map((e) => e.message).join(' ')}`;
      pass = false;
    } else if (subject === 'grade') {
      if (outcome.result.grade === undefined) actualText = bilingual('what.no-grade', {});
      actual = outcome.result.grade ?? actualText!.en;
      pass = outcome.result.grade === expectedText;
    } else if (subject === 'coefficient') {
      const co = outcome.result.coefficient;
      if (co === undefined) actualText = bilingual('what.no-coefficient', {});
      actual = co === undefined ? actualText!.en : Rational.fromNumber(co).toDecimalString(20);
      const want = Rational.parse(expectedText);
      pass = co !== undefined && want !== undefined && Rational.fromNumber(co).eq(want);
    } else {
      let q: readonly [bigint, bigint] | undefined;
      const ev = traced.exact;
      // `X.weighted`: the contribution to the total (score × effective weight) instead of the 0–100 score
      const w = subject.endsWith('.weighted') ? subject.slice(0, -'.weighted'.length) : undefined;
      if (subject === 'total') q = ev.total;
      else if (subject === 'bonus') q = ev.bonus;
      else if (subject === 'penalty') q = ev.penalty;
      else if (indIndex.has(subject)) q = ev.scores[indIndex.get(subject)!];
      else if (groupIndex.has(subject)) q = ev.groups[groupIndex.get(subject)!];
      else if (w !== undefined && indIndex.has(w)) q = ev.weighted[indIndex.get(w)!];
      else if (w !== undefined && groupIndex.has(w)) q = ev.groupWeighted[groupIndex.get(w)!];
      const want = Rational.parse(expectedText);
      if (q === undefined || want === undefined || !isNum) {
        actual = q === undefined ? `(\`${subject}\` is not in the plan)` : '(a number)';
        pass = false;
      } else {
        const p = Math.max(R, decimalsOf(want.toDecimalString(20)));
        const got = Rational.of(q[0], q[1]).round(p);
        actual = got.toDecimalString(20);
        pass = got.eq(want);
      }
    }
    if (!pass) {
      report.passed = false;
      // a group's score is its own 0–100 score, before the group's weight (the explanation shows the weighted one)
      const shownSubject =
        groupIndex.has(subject) && !indIndex.has(subject)
          ? `${subject} (group score, before its weight)`
          : subject.endsWith('.weighted')
            ? `${subject} (contribution to the total, after the weight)`
            : subject;
      report.failures.push({ subject: shownSubject, expected: shownExpected, actual, ...(actualText ? { actualText } : {}), span: ex.span });
    }
  }
  if (!report.passed) {
    if (traced.explanation) report.explanation = renderExplanation(traced.explanation, lang);
    for (const f of report.failures) {
      const x = traced.explanation;
      const d: Diagnostic = diag('KPI0920', { test: t.name, subject: f.subject, expected: f.expected, actual: f.actualText ?? f.actual }, {
        file,
        span: f.span,
        helpText: x ? text('help.how-scored', { lines: { en: renderExplanation(x, 'en').join('\n'), zh: renderExplanation(x, 'zh').join('\n') } }) : text('help.fix-given', {}),
        related: [note('note.in-test', { test: t.name }, t.nameSpan)],
      });
      report.diagnostics.push(d);
    }
  }
  return report;
}
