/**
 * Ranges and values (KPI04xx): weight in (0, 100%]; target > 0 where the method divides by it;
 * cap ≥ 100%; 0 ≤ floor < cap; grade bounds strictly descending with the catch-all last and only last;
 * rating LO < HI; round 0..6; deduct/bonus points, per and max above 0; veto conditions are conditions
 * and metrics are numbers.
 */
import type { Expr, GradeLine, Indicator, NumLit, Plan } from '../ir/schema.js';
import { exprNodes, groupsOf } from '../ir/walk.js';
import { Rational } from '../numbers/rational.js';
import { type CheckContext, pct, reorderFix, shown, val, ValueTest, ZERO, ONE } from './context.js';
import type { Text } from '../diagnostics/lang.js';
import { bilingual, note, text } from '../diagnostics/diag.js';

/** methods whose score divides by the target: linear, reverse, and `on ratio` tables */
export function dividesByTarget(ind: Indicator): boolean {
  const m = ind.method;
  if (!m) return false;
  return (
    m.kind === 'linear' ||
    m.kind === 'reverse' ||
    ((m.kind === 'bands' || m.kind === 'curve') && m.on === 'ratio') ||
    (m.kind === 'steps' && stepsShareOfTarget(ind))
  );
}

/** a `%` step on an indicator whose values are not percents counts shares of the target (完成率每低1%) */
export function stepsShareOfTarget(ind: Indicator): boolean {
  const m = ind.method;
  if (m?.kind !== 'steps') return false;
  const per = (m.deduct ?? m.add)?.per;
  return per?.percent === true && ind.target?.percent !== true && ind.unit?.text !== '%';
}

/** methods that cannot score without a target */
export function needsTarget(ind: Indicator): boolean {
  return dividesByTarget(ind) || ind.method?.kind === 'threshold' || ind.method?.kind === 'steps';
}

/** the indicator has a target: a number, a range, or a per-person column */
export function hasTarget(ind: Indicator): boolean {
  return ind.target !== undefined || ind.targetRef !== undefined;
}


export function checkRanges(plan: Plan, ctx: CheckContext): void {
  if (plan.settings.round) {
    const r = plan.settings.round;
    if (r.value < 0 || r.value > 6) {
      ctx.diag('KPI0408', { text: ctx.source.text.slice(r.span.start, r.span.end) }, r.span);
    }
  }
  const groups = groupsOf(plan);
  for (let i = 0; i < groups.length; i++) checkWeightValue(ctx, groups[i]!.group.name.text, groups[i]!.group.weight);
  const indicators = ctx.indicators(plan);
  for (let i = 0; i < indicators.length; i++) checkIndicator(ctx, indicators[i]!);
  for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) {
    const kind = b.kind === 'penalty' ? 'penalty' : 'bonus';
    checkPositive(ctx, b.points, bilingual(`what.${kind}-points`, { name: b.name.text }));
    checkPositive(ctx, b.per, bilingual(`what.${kind}-per`, { name: b.name.text, word: 'per' }));
    if (b.max) checkPositive(ctx, b.max, bilingual(`what.${kind}-per`, { name: b.name.text, word: 'max' }));
  }
  for (const v of plan.vetoes) {
    if (v.when.kind !== 'error' && !isCondition(v.when)) {
      ctx.diag('KPI0411', { name: v.name.text, expr: ctx.source.text.slice(v.when.span.start, v.when.span.end) }, v.when.span);
    }
  }
  for (const m of plan.metrics) {
    if (m.expr.kind !== 'error' && isCondition(m.expr)) {
      ctx.diag('KPI0412', { name: m.name.text }, m.expr.span);
    }
  }
  for (const m of plan.metrics) checkCalls(ctx, m.expr);
  for (const v of plan.vetoes) checkCalls(ctx, v.when);
  checkGrades(plan, ctx);
}

/** `min`/`max` take one or more numbers, `abs` exactly one: otherwise the plan checks clean but cannot be scored */
function checkCalls(ctx: CheckContext, e: Expr): void {
  for (const x of exprNodes(e)) {
    if (x.kind !== 'call') continue;
    const n = x.args.length;
    if (x.fn === 'abs' ? n === 1 : n >= 1) continue;
    const src = ctx.source.text.slice(x.span.start, x.span.end);
    if (x.fn === 'abs') ctx.diag(n === 0 ? 'KPI0413.abs-none' : 'KPI0413.abs-many', { n, text: src }, x.span);
    else ctx.diag('KPI0413', { fn: x.fn, text: src }, x.span);
  }
}

export function isCondition(e: Expr): boolean {
  return e.kind === 'compare' || e.kind === 'logic' || e.kind === 'not';
}

const raterWeight = (): Text => bilingual('what.rater-weight', {});

/** a weight in (0, 100%] (the value of `10%` is `0.1`) */
const WEIGHT_IN_RANGE = new ValueTest((r) => r.gt(ZERO) && r.le(ONE));
/** a cap below 100%, and one above 2 (200%, a forgotten `%` when written without one) */
const CAP_BELOW_ONE = new ValueTest((r) => r.lt(ONE));
const CAP_OVER_TWO = new ValueTest((r) => r.gt(Rational.fromInt(2)));

/**
 * `owner` names the weight's owner, `.rater` after it for a rater's weight; `what` names the weight in the message
 * (default: weight). Both rendered only for an error: nothing is made for the 10,000 weights that are right.
 */
function checkWeightValue(ctx: CheckContext, owner: string, w: NumLit | undefined, rater?: string, what?: () => Text): void {
  if (!w || WEIGHT_IN_RANGE.of(w) !== false) return;
  const r = val(w)!;
  const name = rater === undefined ? owner : `${owner}.${rater}`;
  const plainPercent = !w.percent && r.gt(ONE) && r.le(Rational.HUNDRED);
  ctx.diag(
    'KPI0401',
    { what: what ? what() : bilingual('what.weight', {}), name, value: shown(w), asPercent: plainPercent ? ` (${pct(r)})` : '' },
    w.span,
    plainPercent ? { helpText: text('help.plain-fraction', { value: w.value }), fixText: text('fix.write', { text: `${w.value}%` }), edits: [{ span: w.span, text: `${w.value}%` }] } : {},
  );
}

function checkPositive(ctx: CheckContext, n: NumLit, what: Text): void {
  // an empty span is the parser's placeholder for a clause it reported missing (KPI0106): no second error
  const at = n.span;
  if (at.start === at.end) return;
  const r = val(n);
  if (!r || r.gt(ZERO)) return;
  ctx.diag('KPI0409', { what, value: shown(n) }, at);
}

function checkIndicator(ctx: CheckContext, ind: Indicator): void {
  const name = ind.name.text;
  checkWeightValue(ctx, name, ind.weight);
  const m = ind.method;
  const target = val(ind.target);
  if (ind.target && target && !target.gt(ZERO) && dividesByTarget(ind)) {
    const how = m!.kind === 'bands' || m!.kind === 'curve' ? `\`${m!.kind} on ratio\`` : `\`${m!.kind}\``;
    ctx.diag('KPI0402', { name, value: shown(ind.target), how }, ind.target.span);
  }
  const cap = val(ind.cap);
  if (ind.cap && cap) {
    if (CAP_BELOW_ONE.of(ind.cap)) {
      ctx.diag('KPI0403', { name, value: shown(ind.cap) }, ind.cap.span);
    } else if (!ind.cap.percent && CAP_OVER_TWO.of(ind.cap)) {
      ctx.diag('KPI0410', { value: ind.cap.value, name, percent: pct(cap) }, ind.cap.span, { edits: [{ span: ind.cap.span, text: `${ind.cap.value}%` }] });
    }
  }
  const floor = val(ind.floor);
  if (ind.floor && floor) {
    const effCap = cap ?? ONE;
    if (floor.isNegative()) {
      ctx.diag('KPI0404', { name, value: shown(ind.floor) }, ind.floor.span);
    } else if (floor.ge(effCap)) {
      const plainPercent = !ind.floor.percent && floor.gt(ONE) && floor.le(Rational.HUNDRED);
      ctx.diag(
        'KPI0404.not-below-cap',
        { name, value: shown(ind.floor), asPercent: plainPercent ? ` (${pct(floor)})` : '', cap: pct(effCap) },
        ind.floor.span,
        plainPercent
          ? { helpText: text('help.plain-fraction', { value: ind.floor.value }), fixText: text('fix.write', { text: `${ind.floor.value}%` }), edits: [{ span: ind.floor.span, text: `${ind.floor.value}%` }] }
          : { helpText: cap ? text('help.floor-below-cap', {}) : text('help.floor-below-default-cap', {}) },
      );
    }
  }
  if (!m) return;
  if (m.kind === 'rating') {
    const lo = val(m.lo);
    const hi = val(m.hi);
    if (lo && hi && (lo.ge(hi) || !hi.gt(ZERO))) {
      ctx.diag('KPI0407', { lo: shown(m.lo), hi: shown(m.hi), name }, { start: m.lo.span.start, end: m.hi.span.end });
    }
    const raters = m.raters ?? [];
    for (let i = 0; i < raters.length; i++) {
      const r = raters[i]!;
      checkWeightValue(ctx, name, r.weight, r.name.text, raterWeight);
    }
  } else if (m.kind === 'deduct') {
    checkPositive(ctx, m.points, bilingual('what.deduct-points', { name }));
    checkPositive(ctx, m.per, bilingual('what.word-of', { name, word: 'per' }));
    if (m.max) checkPositive(ctx, m.max, bilingual('what.word-of', { name, word: 'max' }));
    checkCountStep(ctx, ind, m);
  } else if (m.kind === 'steps') {
    for (const [kw, c] of [['deduct', m.deduct], ['add', m.add]] as const) {
      if (!c) continue;
      checkPositive(ctx, c.points, bilingual('what.step-points', { name, word: kw }));
      checkPositive(ctx, c.per, bilingual('what.step-per', { name, word: kw }));
      if (c.max) checkPositive(ctx, c.max, bilingual('what.step-max', { name, word: kw }));
    }
    if (m.deduct && m.add && m.deduct.side === m.add.side) {
      ctx.diag('KPI0417', { name, side: bilingual(`what.side.${m.add.side}`, {}) }, m.add.span, {
        related: [note('note.deducts-side', { side: bilingual(`what.side.${m.deduct.side}`, {}) }, m.deduct.span)],
      });
    }
    if (m.deduct && m.add && m.deduct.per.percent !== m.add.per.percent) {
      ctx.diag('KPI0415.mixed', { name, a: shown(m.deduct.per), b: shown(m.add.per) }, m.add.per.span);
    }
    if (ind.targetHigh) {
      ctx.diag('KPI0416.steps', { name }, { start: ind.target!.span.start, end: ind.targetHigh.span.end });
    }
  }
  checkTargetRange(ctx, ind);
}

/**
 * `deduct N per 1%` without `below/above target` counts occurrences: a `%` step on a count, or on a percent
 * actual, scores a constant (97%, 99% and 100% all the same) — an error with the fix SPEC §6 asks for.
 */
function checkCountStep(ctx: CheckContext, ind: Indicator, m: Extract<NonNullable<Indicator['method']>, { kind: 'deduct' }>): void {
  const percentInput = ind.target?.percent === true || ind.unit?.text === '%';
  if (!m.per.percent && !percentInput) return;
  const at = { start: m.per.span.end, end: m.per.span.end };
  const name = ind.name.text;
  const per = shown(m.per);
  ctx.diag(
    m.per.percent ? 'KPI0415' : 'KPI0415.percent-actual',
    { name, per },
    m.per.percent ? m.per.span : m.span,
    {
      helpText: text('help.step-from-target', {
        step: m.per.percent ? per : bilingual('what.step', {}),
        points: shown(m.points),
        per,
        target: hasTarget(ind) ? '' : bilingual('what.with-a-target', {}),
      }),
      edits: [{ span: at, text: ' below target' }],
    },
  );
}

/** `target LO..HI`: LO below HI, both above 0 where a ratio divides by them, only for linear/reverse/threshold */
function checkTargetRange(ctx: CheckContext, ind: Indicator): void {
  const hiLit = ind.targetHigh;
  const loLit = ind.target;
  if (!hiLit || !loLit) return;
  const name = ind.name.text;
  const span = { start: loLit.span.start, end: hiLit.span.end };
  const m = ind.method;
  if (m && m.kind !== 'linear' && m.kind !== 'reverse' && m.kind !== 'threshold' && m.kind !== 'steps') {
    ctx.diag('KPI0416.method', { name, method: m.kind }, span);
    return;
  }
  const lo = val(loLit);
  const hi = val(hiLit);
  if (lo && hi && !lo.lt(hi)) {
    const swapped = loLit.value === hiLit.value ? shown(loLit) : `${shown(hiLit)}..${shown(loLit)}`;
    ctx.diag('KPI0416', { name, lo: shown(loLit), hi: shown(hiLit), swapped }, span, { edits: [{ span, text: swapped }] });
  }
}

function checkGrades(plan: Plan, ctx: CheckContext): void {
  const g = plan.grades;
  if (!g || g.lines.length === 0) return;
  let prev: { label: string; min: Rational; lit: NumLit } | undefined;
  // bound order: one error per grades block, at the first line out of order; later ones as notes
  const outOfOrder: { line: GradeLine; lit: NumLit; prev: { label: string; lit: NumLit } }[] = [];
  g.lines.forEach((line, i) => {
    const isLast = i === g.lines.length - 1;
    if (!line.min) {
      // a "grade" the parser already reported as a syntax error (`coeficient` read as a label) is no grade
      if (ctx.syntaxErrors.some((e) => e.start === line.label.span.start)) return;
      if (!isLast) {
        const next = g.lines[i + 1]!;
        ctx.diag('KPI0406', { label: line.label.text }, line.label.span, { related: [note('note.never-reached', { label: next.label.text }, next.label.span)] });
      }
      return;
    }
    const min = val(line.min);
    if (!min) return;
    if (line.min.percent) {
      // totals are points on the 0–100 scale: `S >= 95%` would be 0.95 points and grade nearly everyone S
      const written = shown(line.min);
      const points = written.replace(/%$/, '');
      ctx.diag('KPI0414', { label: line.label.text, written, value: min.toDecimalString(10), points }, line.min.span, { edits: [{ span: line.min.span, text: points }] });
    }
    if (prev && !min.lt(prev.min)) outOfOrder.push({ line, lit: line.min, prev: { label: prev.label, lit: prev.lit } });
    if (!prev || min.lt(prev.min)) prev = { label: line.label.text, min, lit: line.min };
    if (isLast) {
      ctx.diag('KPI0406.last-bounded', { label: line.label.text, value: shown(line.min) }, line.label.span);
    }
  });
  const first = outOfOrder[0];
  if (first) {
    // the fix sorts the lines with bounds from the highest down and keeps catch-all lines last
    const bounded = g.lines.filter((l) => l.min && val(l.min));
    const sorted = [...bounded].sort((a, b) => val(b.min)!.cmp(val(a.min)!));
    const rest = g.lines.filter((l) => !bounded.includes(l));
    const fix = rest.length <= 1 && (rest.length === 0 || rest[0] === g.lines[g.lines.length - 1])
      ? reorderFix(ctx.source, g.lines, [...sorted, ...rest], 'order the grades from the highest bound down')
      : undefined;
    ctx.diag(
      'KPI0405',
      { label: first.line.label.text, value: shown(first.lit), prev: first.prev.label, prevValue: shown(first.prev.lit) },
      first.lit.span,
      {
        related: [
          note('note.needs', { label: first.prev.label, value: shown(first.prev.lit) }, first.prev.lit.span),
          ...outOfOrder.slice(1).map((o) => note('note.out-of-order', { label: o.line.label.text, value: shown(o.lit) }, o.lit.span)),
        ],
        ...(fix ? { edits: fix.edits } : {}),
      },
    );
  }
}
