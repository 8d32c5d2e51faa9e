/**
 * fast-check arbitraries for the IR, shared by test authors.
 *
 *   planFileArb / planArb — syntactically VALID plan files as the parser would produce them (every
 *   construct: settings, indicators with every method and option, nested groups, metrics and vetoes with
 *   random expressions, bonuses, grades, tests). Every span is {0, 0}: compare with `stripSpans`.
 *   The plans need not pass the checker (weights need not sum to 100%, names may repeat).
 *
 * Names come from a pool with CJK names, keyword-like names (`target`, `not`, `coefficient` ...), and names
 * that must be quoted (spaces, punctuation, quotes, backslashes, newlines, dots, empty).
 */
import fc from 'fast-check';
import type {
  Bonus,
  Expr,
  GradeLine,
  Grades,
  Group,
  Indicator,
  Method,
  Metric,
  Name,
  NumLit,
  Plan,
  PlanFile,
  TestCase,
  Veto,
} from '../src/ir/schema.js';
import { Rational } from '../src/numbers/rational.js';

export const SP = { start: 0, end: 0 };
const nm = (text: string): Name => ({ text, span: SP });

/** `70%` → percent literal (value 0.7), `-1.5` → plain number; exact */
export function numLit(written: string): NumLit {
  const percent = written.endsWith('%');
  let r = Rational.parse(percent ? written.slice(0, -1) : written)!;
  if (percent) r = r.div(Rational.HUNDRED);
  return { value: r.toDecimalString(40), percent, span: SP };
}

export const NAME_POOL = [
  '销售额达成', '人员流失率', '货品专业知识达标', '执行力', 'GMV', 'gmv_2024', '_内部', 'Ünïcode', 'ｆｕｌｌ', 'café',
  // keywords are not reserved
  'target', 'weight', 'indicator', 'scoring', 'linear', 'not', 'and', 'or', 'min', 'max', 'coefficient', 'given',
  'expect', 'plan', 'else', 'ratio', 'lower', 'per', 'round', 'cycle', 'monthly', 'grades', 'test', 'total', 'grade',
  // names that need quotes
  'GMV (含税)', 'a b', '1st', '会员-流失率', 'say "hi"', 'x\\y', 'tab\there', 'two\nlines', 'a.b', '', '#not a comment', '{brace}', '销售 额',
];
export const nameText = fc.constantFrom(...NAME_POOL);
/** names as written where a qualified name is allowed (`执行力.manager`) */
export const qualifiedText = fc.oneof(nameText, fc.constantFrom('执行力.manager', '专业知识.self', 'a.target', 'x.y.z', 'not.a', 'GMV.peer'));
const nameArb = nameText.map(nm);
const qualifiedArb = qualifiedText.map(nm);

const PLAIN = ['0', '1', '2', '5', '10', '100', '0.5', '0.95', '1.2', '1.25', '2.675', '1200000', '0.001', '33.33', '84.995', '120', '1.0'];
const PCTS = ['0%', '1%', '5%', '10%', '33.33%', '60%', '95%', '100%', '120%', '0.5%', '12.345%', '150%'];
export const posNumArb = fc.constantFrom(...PLAIN, ...PCTS).map(numLit);
/** numbers where the grammar allows a sign */
export const numArb = fc.oneof({ weight: 4, arbitrary: posNumArb }, { weight: 1, arbitrary: fc.constantFrom('-1', '-0.5', '-5%', '-100').map(numLit) });

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
/** drop undefined fields so objects look like the parser's output */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

// ---------- expressions ----------
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    posNumArb.map((n): Expr => ({ kind: 'num', value: n.value, percent: n.percent, span: SP })),
    qualifiedText.map((name): Expr => ({ kind: 'ref', name, span: SP })),
    tie('e').map((operand): Expr => ({ kind: 'neg', operand, span: SP })),
    tie('e').map((operand): Expr => ({ kind: 'not', operand, span: SP })),
    fc.tuple(fc.constantFrom('+', '-', '*', '/' as const), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'arith', op, left, right, span: SP })),
    fc.tuple(fc.constantFrom('>', '>=', '<', '<=', '==', '!=' as const), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'compare', op, left, right, span: SP })),
    fc.tuple(fc.constantFrom('and', 'or' as const), tie('e'), tie('e')).map(([op, left, right]): Expr => ({ kind: 'logic', op, left, right, span: SP })),
    fc.tuple(fc.constantFrom('min', 'max', 'abs' as const), fc.array(tie('e'), { minLength: 1, maxLength: 3 })).map(([fn, args]): Expr => ({ kind: 'call', fn, args, span: SP })),
  ),
})).e;

// ---------- methods ----------
const stepClauseArb = fc
  .record({
    points: numArb,
    per: fc.oneof(numArb, fc.constant(numLit('1%'))),
    side: fc.constantFrom('below', 'above' as const),
    max: opt(numArb),
    rounding: fc.constantFrom('proportional', 'whole', 'started' as const),
  })
  .map((r) => clean({ ...r, span: SP }));

export const methodArb: fc.Arbitrary<Method> = fc.oneof(
  fc.constantFrom('linear', 'reverse', 'threshold' as const).map((kind): Method => ({ kind, span: SP })),
  fc
    .record({
      on: fc.constantFrom('actual', 'ratio' as const),
      rows: fc.array(fc.record({ op: fc.constantFrom('>=', '>', '<=', '<' as const), bound: numArb, score: numArb }), { maxLength: 5 }),
      els: opt(numArb),
    })
    .map(({ on, rows, els }): Method =>
      clean({ kind: 'bands', on, rows: rows.map((r) => ({ ...r, span: SP })), else: els && { score: els, span: SP }, span: SP }),
    ),
  fc
    .record({ on: fc.constantFrom('actual', 'ratio' as const), points: fc.array(fc.tuple(numArb, numArb), { maxLength: 5 }) })
    .map(({ on, points }): Method => ({ kind: 'curve', on, points: points.map(([x, y]) => ({ x, y, span: SP })), span: SP })),
  fc.record({ points: numArb, per: numArb, max: opt(numArb) }).map((r): Method => clean({ kind: 'deduct', ...r, span: SP })),
  // steps from the target (SPEC §6): one or both clauses, any side, rounding and cap
  fc
    .record({ deduct: opt(stepClauseArb), add: opt(stepClauseArb), both: fc.boolean() })
    .map(({ deduct, add, both }): Method => {
      const d = deduct ?? (add ? undefined : { points: numLit('5'), per: numLit('1%'), side: 'below' as const, rounding: 'proportional' as const, span: SP });
      return clean({ kind: 'steps', deduct: d, add: both || !d ? add : undefined, span: SP });
    }),
  fc
    .record({ lo: numArb, hi: numArb, raters: opt(fc.array(fc.tuple(nameArb, numArb), { maxLength: 4 })) })
    .map(({ lo, hi, raters }): Method =>
      clean({ kind: 'rating', lo, hi, raters: raters?.map(([name, weight]) => ({ name, weight, span: SP })), span: SP }),
    ),
);

// ---------- items ----------
export const indicatorArb: fc.Arbitrary<Indicator> = fc
  .record({
    name: nameArb,
    weight: numArb,
    target: opt(fc.oneof(numArb, fc.constant(numLit('1200000')))),
    targetHigh: opt(numArb),
    targetRef: opt(fc.constantFrom('销售目标', '目标值', 'target_2026').map(nm)),
    optional: opt(fc.constant(true as const)),
    method: methodArb,
    cap: opt(numArb),
    floor: opt(numArb),
    input: opt(qualifiedArb),
    unit: opt(fc.oneof(nameArb, fc.constant(nm('%')), fc.constant(nm('元')))),
    default: opt(numArb),
    description: opt(fc.oneof(nameText, fc.string({ maxLength: 8 }).filter((s) => !/[\r\\]/.test(s)))),
    lower: fc.boolean(),
  })
  .map((r): Indicator => {
    // the parser's forms: a range needs its low end; a per-person target replaces the number; `lower` is implied
    // by `reverse` and by steps that deduct above (or add below) the target
    const targetHigh = r.target && !r.targetRef ? r.targetHigh : undefined;
    const target = r.targetRef ? undefined : r.target;
    const m = r.method;
    const lower = m.kind === 'reverse' || (m.kind === 'steps' && (m.deduct?.side === 'above' || m.add?.side === 'below')) ? true : r.lower;
    return clean({ kind: 'indicator', ...r, target, targetHigh, lower, span: SP });
  });

export const groupArb: fc.Arbitrary<Group> = fc.letrec<{ g: Group }>((tie) => ({
  g: fc
    .record({
      name: nameArb,
      weight: opt(numArb),
      optional: opt(fc.constant(true as const)),
      items: fc.array(fc.oneof({ depthSize: 'small' }, indicatorArb, tie('g')), { maxLength: 4 }),
    })
    .map((r): Group => clean({ kind: 'group', ...r, span: SP })),
})).g;

export const metricArb: fc.Arbitrary<Metric> = fc
  .record({ name: nameArb, expr: exprArb, default: opt(numArb) })
  .map((r): Metric => clean({ kind: 'metric', ...r, span: SP }));

export const bonusArb: fc.Arbitrary<Bonus> = fc
  .record({ name: nameArb, points: numArb, per: numArb, max: opt(numArb), input: opt(qualifiedArb), default: opt(numArb) })
  .map((r): Bonus => clean({ kind: 'bonus', ...r, span: SP }));

export const penaltyArb: fc.Arbitrary<Bonus> = bonusArb.map((b): Bonus => ({ ...b, kind: 'penalty' }));

export const allowArb: fc.Arbitrary<Plan['allows'][number]> = fc
  // a code as a user may write it, including one that needs quotes (`allow "a b"`): the printer must keep them
  .record({ code: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('KPI0601', 'KPI0602', 'KPI0301') }, { weight: 1, arbitrary: nameText }).map(nm), reason: opt(fc.constantFrom('岗位说明书共 11 项', 'agreed with HR')) })
  .map((r) => clean({ kind: 'allow' as const, ...r, span: SP }));

export const vetoArb: fc.Arbitrary<Veto> = fc.record({ name: nameArb, when: exprArb }).map((r): Veto => ({ kind: 'veto', ...r, span: SP }));

export const gradesArb: fc.Arbitrary<Grades> = fc
  .array(fc.record({ label: nameArb, min: opt(numArb), coefficient: opt(numArb) }), { maxLength: 5 })
  .map((lines): Grades => ({ kind: 'grades', lines: lines.map((l): GradeLine => clean({ ...l, span: SP })), span: SP }));

export const testArb: fc.Arbitrary<TestCase> = fc
  .record({
    name: fc.oneof(nameText, fc.constantFrom('全部达标', '超额封顶')),
    given: fc.array(fc.record({ key: qualifiedArb, value: numArb }), { maxLength: 5 }),
    expects: fc.array(fc.record({ subject: qualifiedArb, value: fc.oneof(numArb, nameArb) }), { maxLength: 4 }),
  })
  .map(({ name, given, expects }): TestCase => ({
    kind: 'test',
    name,
    nameSpan: SP,
    given: given.map((g) => ({ ...g, span: SP })),
    expects: expects.map((e) => ({ ...e, span: SP })),
    span: SP,
  }));

export const planArb: fc.Arbitrary<Plan> = fc
  .record({
    name: nameArb,
    cycle: opt(fc.constantFrom('monthly', 'quarterly', 'semiannual', 'annual' as const)),
    role: opt(nameArb),
    round: opt(fc.integer({ min: 0, max: 20 })),
    items: fc.array(fc.oneof({ weight: 3, arbitrary: indicatorArb }, { weight: 1, arbitrary: groupArb }), { maxLength: 6 }),
    metrics: fc.array(metricArb, { maxLength: 3 }),
    bonuses: fc.array(bonusArb, { maxLength: 2 }),
    penalties: fc.array(penaltyArb, { maxLength: 2 }),
    allows: fc.array(allowArb, { maxLength: 2 }),
    negativeTotal: fc.boolean(),
    vetoes: fc.array(vetoArb, { maxLength: 2 }),
    grades: opt(gradesArb),
    tests: fc.array(testArb, { maxLength: 2 }),
  })
  .map(({ name, cycle, role, round, grades, negativeTotal, ...rest }): Plan =>
    clean({
      kind: 'plan',
      name,
      settings: clean({
        cycle: cycle && { value: cycle, span: SP },
        role,
        round: round === undefined ? undefined : { value: round, span: SP },
        negativeTotal: negativeTotal ? { span: SP } : undefined,
      }),
      ...rest,
      grades,
      span: SP,
    }),
  );

export const planFileArb: fc.Arbitrary<PlanFile> = fc
  .array(planArb, { minLength: 1, maxLength: 3 })
  .map((plans): PlanFile => ({ kind: 'file', plans, span: SP }));

/** a deep copy without `span`, `nameSpan`, `recovered` and undefined fields: compare IR modulo positions */
export function stripSpans<T>(x: T): T {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'span' || k === 'nameSpan' || k === 'recovered' ? undefined : v))) as T;
}
