/**
 * Plan tests that reach money (SPEC §7): a test with `person` lines (several people ranked and paid
 * together), or one that expects a pay, commission, pool result or `score_grade`. Each person's row
 * is the test's `given` overlaid with the person's own; they are scored by the compiled plan, then
 * computeMoney runs over all of them as over a data file. `grade`/`coefficient` are the final ones.
 */
import type { Plan, TestCase } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import type { CompiledPlan } from '../compile/index.js';
import { computeMoney, type MoneyPerson } from '../money/evaluate.js';
import { moneySubjects, splitPersonSubject } from '../check/money.js';
import type { ExpectFailure, TestReport } from './tests.js';
import type { RowError } from '../model/results.js';
import type { Text } from '../diagnostics/lang.js';
import { bilingual } from '../diagnostics/diag.js';

export function needsMoneyTest(plan: Plan, t: TestCase): boolean {
  if (t.people?.length) return true;
  const money = new Set([...moneySubjects(plan), 'score_grade']);
  return t.expects.some((e) => money.has(e.subject.text)) || (!!plan.money?.distribution && t.expects.some((e) => e.subject.text === 'grade' || e.subject.text === 'coefficient'));
}

const decimalsOf = (text: string): number => {
  const i = text.indexOf('.');
  return i < 0 ? 0 : text.length - i - 1;
};

export function runMoneyTest(plan: Plan, c: CompiledPlan, t: TestCase): Omit<TestReport, 'diagnostics' | 'explanation'> {
  const people = t.people?.length ? t.people : [{ name: { text: '', span: t.nameSpan }, given: [], span: t.span }];
  const errors: RowError[] = [];
  const persons: MoneyPerson[] = [];
  for (const p of people) {
    const given = new Map<string, string>();
    for (const g of t.given) given.set(g.key.text, g.value.value);
    for (const g of p.given) given.set(g.key.text, g.value.value);
    const values = new Float64Array(c.inputs.length).fill(NaN);
    for (const [k, v] of given) {
      const slot = c.slotOf(k);
      if (slot !== undefined) values[slot] = Number(v);
    }
    const o = c.score(values);
    if (!o.ok) {
      errors.push(...o.errors.map((e) => ({ ...e, message: p.name.text ? `${p.name.text}: ${e.message}` : e.message })));
      continue;
    }
    const within = 'within' in p && p.within ? p.within.text : undefined;
    persons.push({
      id: p.name.text || t.name,
      result: o.result,
      value: (col) => (given.has(col) ? Rational.parse(given.get(col)!) : undefined),
      // a person's `within` names their group in every grouping column; without it all share one group
      text: () => within ?? '',
    });
  }
  const failures: ExpectFailure[] = [];
  const m = errors.length ? undefined : computeMoney(plan, persons);
  if (m) for (const i of m.issues) if (i.severity === 'error') errors.push({ code: i.code, message: i.message });
  for (const ex of t.expects) {
    const { person, subject } = splitPersonSubject(t, ex.subject.text);
    const idx = person === undefined ? 0 : persons.findIndex((p) => p.id === person);
    const isNum = 'percent' in ex.value;
    const expectedText = isNum ? (ex.value as { value: string }).value : (ex.value as { text: string }).text;
    const shown = isNum && (ex.value as { percent: boolean }).percent ? `${Rational.parse(expectedText)!.mul(Rational.HUNDRED).toDecimalString(20)}%` : expectedText;
    let actual: string;
    let actualText: Text | undefined;
    let pass = false;
    if (!m || errors.length || idx < 0) actual = `error: ${errors.map((e) => e.message).join(' ') || 'not scored'}`;
    else {
      const pm = m.people[idx]!;
      const r = persons[idx]!.result;
      let num: number | undefined;
      let decimals = plan.settings.round?.value ?? 2;
      if (subject === 'grade' || subject === 'score_grade') {
        const grade = subject === 'grade' ? pm.grade : pm.scoreGrade;
        if (grade === undefined) actualText = bilingual('what.no-grade', {});
        actual = grade ?? actualText!.en;
      } else {
        if (subject === 'coefficient') num = pm.coefficient;
        else if (subject === 'total') num = r.total;
        else if (subject === 'bonus') num = r.bonus;
        else {
          const item = pm.items.find((x) => x.name === subject);
          if (item) {
            num = item.value;
            decimals = 2;
          } else num = r.indicators.find((x) => x.name === subject)?.score;
        }
        if (num === undefined) actual = `(\`${subject}\` has no value)`;
        else {
          const want = Rational.parse(expectedText);
          const got = Rational.fromNumber(num).round(Math.max(decimals, decimalsOf(expectedText)));
          actual = got.toDecimalString(20);
          pass = !!want && got.eq(want);
        }
      }
      if (subject === 'grade' || subject === 'score_grade') pass = actual === expectedText;
    }
    if (!pass) failures.push({ subject: ex.subject.text, expected: shown, actual, ...(actualText ? { actualText } : {}), span: ex.span });
  }
  return { plan: plan.name.text, name: t.name, span: t.span, nameSpan: t.nameSpan, passed: failures.length === 0, checked: t.expects.length, failures, errors };
}
