/**
 * Ranges and values (KPI04xx): weight in (0, 100%]; target > 0 where the method divides by it;
 * cap ≥ 100%; 0 ≤ floor < cap; grade bounds strictly descending with the catch-all last and only last;
 * rating LO < HI; round 0..6; deduct/bonus points, per and max above 0; veto conditions are conditions
 * and metrics are numbers.
 */
import type { Expr, GradeLine, Indicator, NumLit, Plan } from '../ir/schema.js';
import { exprNodes, groupsOf, indicatorsOf } from '../ir/walk.js';
import { Rational } from '../numbers/rational.js';
import { type CheckContext, bt, pct, reorderFix, shown, val, ZERO, ONE } from './context.js';

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

const ZERO_TARGET_HELP =
  'a ratio needs a target above 0; for a zero target (零投诉, 零事故) score the count instead: ' +
  '`scoring threshold lower` with `target 0`, `scoring deduct 10 per 1`, or `scoring bands { <= 0: 100  else: 0 }`';

export function checkRanges(plan: Plan, ctx: CheckContext): void {
  if (plan.settings.round) {
    const r = plan.settings.round;
    if (r.value < 0 || r.value > 6) {
      ctx.report('KPI0408', r.span, `\`${ctx.source.text.slice(r.span.start, r.span.end)}\` is out of range`, {
        help: '`round` is the number of decimals of reported totals: 0 to 6 (default 2)',
      });
    }
  }
  for (const { group } of groupsOf(plan)) checkWeightValue(ctx, group.name.text, group.weight);
  for (const { indicator } of indicatorsOf(plan)) checkIndicator(ctx, indicator);
  for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) {
    checkPositive(ctx, b.points, `points of ${b.kind} ${bt(b.name.text)}`);
    checkPositive(ctx, b.per, `\`per\` of ${b.kind} ${bt(b.name.text)}`);
    if (b.max) checkPositive(ctx, b.max, `\`max\` of ${b.kind} ${bt(b.name.text)}`);
  }
  for (const v of plan.vetoes) {
    if (v.when.kind !== 'error' && !isCondition(v.when)) {
      ctx.report('KPI0411', v.when.span, `veto ${bt(v.name.text)} has a number, not a condition`, {
        help: `compare it with something, e.g. \`veto ${v.name.text} when ${ctx.source.text.slice(v.when.span.start, v.when.span.end)} > 0\``,
      });
    }
  }
  for (const m of plan.metrics) {
    if (m.expr.kind !== 'error' && isCondition(m.expr)) {
      ctx.report('KPI0412', m.expr.span, `metric ${bt(m.name.text)} is a condition, not a number`, {
        help: 'a metric computes a number (`a / b`); put conditions in a `veto ... when`',
      });
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
    const text = ctx.source.text.slice(x.span.start, x.span.end);
    ctx.report(
      'KPI0413',
      x.span,
      x.fn === 'abs' ? `\`abs\` takes exactly one number, found ${n} in \`${text}\`` : `\`${x.fn}\` needs at least one number, found none in \`${text}\``,
      {
        help:
          x.fn === 'abs'
            ? n === 0
              ? 'write the number inside: `abs(本期 - 上期)`'
              : 'for the distance between two numbers write `abs(a - b)`; for the larger of several, `max(a, b)`'
            : `write the numbers to compare: \`${x.fn}(上期, 1)\``,
      },
    );
  }
}

export function isCondition(e: Expr): boolean {
  return e.kind === 'compare' || e.kind === 'logic' || e.kind === 'not';
}

function checkWeightValue(ctx: CheckContext, name: string, w: NumLit | undefined, what = 'weight'): void {
  const r = val(w);
  if (!w || !r) return;
  if (r.gt(ZERO) && r.le(ONE)) return;
  const plainPercent = !w.percent && r.gt(ONE) && r.le(Rational.HUNDRED);
  ctx.report('KPI0401', w.span, `${what} of ${bt(name)} is ${shown(w)}${plainPercent ? ` (${pct(r)})` : ''}`, {
    help: plainPercent
      ? `a plain number is a fraction (1 = 100%); write \`${w.value}%\``
      : 'a weight must be above 0% and at most 100%; remove an indicator that should not count',
    ...(plainPercent ? { fix: { message: `write \`${w.value}%\``, edits: [{ span: w.span, text: `${w.value}%` }] } } : {}),
  });
}

function checkPositive(ctx: CheckContext, n: NumLit, what: string): void {
  // an empty span is the parser's placeholder for a clause it reported missing (KPI0106): no second error
  if (n.span.start === n.span.end) return;
  const r = val(n);
  if (!r || r.gt(ZERO)) return;
  ctx.report('KPI0409', n.span, `${what} must be above 0, not ${shown(n)}`, {
    help: 'points, `per` and `max` are positive: `points 2 per 1 max 10`, `deduct 5 per 1 max 20`',
  });
}

function checkIndicator(ctx: CheckContext, ind: Indicator): void {
  const name = ind.name.text;
  checkWeightValue(ctx, name, ind.weight);
  const m = ind.method;
  const target = val(ind.target);
  if (ind.target && target && !target.gt(ZERO) && dividesByTarget(ind)) {
    const how = m!.kind === 'bands' || m!.kind === 'curve' ? `\`${m!.kind} on ratio\`` : `\`${m!.kind}\``;
    ctx.report('KPI0402', ind.target.span, `target of ${bt(name)} is ${shown(ind.target)}, but ${how} divides by it`, {
      help: ZERO_TARGET_HELP,
    });
  }
  const cap = val(ind.cap);
  if (ind.cap && cap) {
    if (cap.lt(ONE)) {
      ctx.report('KPI0403', ind.cap.span, `cap of ${bt(name)} is ${shown(ind.cap)}, below 100%`, {
        help: 'a cap limits over-achievement and is at least 100% (`cap 120%`); to score 0 below a level use `floor`',
      });
    } else if (!ind.cap.percent && cap.gt(Rational.fromInt(2))) {
      ctx.report('KPI0410', ind.cap.span, `cap ${ind.cap.value} of ${bt(name)} means ${pct(cap)}`, {
        help: `a plain number is a fraction (1 = 100%); write \`${ind.cap.value}%\``,
        fix: { message: `write \`${ind.cap.value}%\``, edits: [{ span: ind.cap.span, text: `${ind.cap.value}%` }] },
      });
    }
  }
  const floor = val(ind.floor);
  if (ind.floor && floor) {
    const effCap = cap ?? ONE;
    if (floor.isNegative()) {
      ctx.report('KPI0404', ind.floor.span, `floor of ${bt(name)} is ${shown(ind.floor)}, below 0%`, {
        help: 'a floor is the ratio under which the score is 0 (门槛), e.g. `floor 60%`',
      });
    } else if (floor.ge(effCap)) {
      const plainPercent = !ind.floor.percent && floor.gt(ONE) && floor.le(Rational.HUNDRED);
      ctx.report(
        'KPI0404',
        ind.floor.span,
        `floor of ${bt(name)} is ${shown(ind.floor)}${plainPercent ? ` (${pct(floor)})` : ''}, not below its cap ${pct(effCap)}`,
        plainPercent
          ? {
              help: `a plain number is a fraction (1 = 100%); write \`${ind.floor.value}%\``,
              fix: { message: `write \`${ind.floor.value}%\``, edits: [{ span: ind.floor.span, text: `${ind.floor.value}%` }] },
            }
          : { help: `a ratio under the floor scores 0; it must be below the cap (${cap ? 'raise the cap or ' : 'default cap 100%; '}lower the floor)` },
      );
    }
  }
  if (!m) return;
  if (m.kind === 'rating') {
    const lo = val(m.lo);
    const hi = val(m.hi);
    if (lo && hi && (lo.ge(hi) || !hi.gt(ZERO))) {
      ctx.report('KPI0407', { start: m.lo.span.start, end: m.hi.span.end }, `rating range ${shown(m.lo)}..${shown(m.hi)} of ${bt(name)} is empty or not above 0`, {
        help: 'write the lowest mark first and the highest (above 0) second, e.g. `rating 1..5`',
      });
    }
    for (const r of m.raters ?? []) checkWeightValue(ctx, `${name}.${r.name.text}`, r.weight, 'rater weight');
  } else if (m.kind === 'deduct') {
    checkPositive(ctx, m.points, `points deducted by ${bt(name)}`);
    checkPositive(ctx, m.per, `\`per\` of ${bt(name)}`);
    if (m.max) checkPositive(ctx, m.max, `\`max\` of ${bt(name)}`);
    checkCountStep(ctx, ind, m);
  } else if (m.kind === 'steps') {
    for (const [kw, c] of [['deduct', m.deduct], ['add', m.add]] as const) {
      if (!c) continue;
      checkPositive(ctx, c.points, `points of ${bt(name)}'s \`${kw}\``);
      checkPositive(ctx, c.per, `step of ${bt(name)}'s \`${kw}\``);
      if (c.max) checkPositive(ctx, c.max, `\`max\` of ${bt(name)}'s \`${kw}\``);
    }
    if (m.deduct && m.add && m.deduct.side === m.add.side) {
      ctx.report('KPI0417', m.add.span, `${bt(name)} deducts and adds ${m.add.side} the target`, {
        help: `one side loses points and the other gains them: e.g. \`deduct 5 per 1% below target add 2 per 1% above target max 10\``,
        related: [{ span: m.deduct.span, message: `deducts ${m.deduct.side} the target here` }],
      });
    }
    if (m.deduct && m.add && m.deduct.per.percent !== m.add.per.percent) {
      ctx.report('KPI0415', m.add.per.span, `the two steps of ${bt(name)} measure different things: ${shown(m.deduct.per)} and ${shown(m.add.per)}`, {
        help: 'write both steps the same way: both as percents (`per 1%`) or both in the actual\'s unit (`per 5`)',
      });
    }
    if (ind.targetHigh) {
      ctx.report('KPI0416', { start: ind.target!.span.start, end: ind.targetHigh.span.end }, `steps of ${bt(name)} are counted from one target, not a range`, {
        help: 'give one target (`target 98%`); a range works with `linear`, `reverse` and `threshold`',
      });
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
  ctx.report(
    'KPI0415',
    m.per.percent ? m.per.span : m.span,
    m.per.percent
      ? `\`deduct … per ${shown(m.per)}\` counts whole occurrences of ${bt(name)}, so a percent step does not fit`
      : `${bt(name)} is a percent, but \`deduct … per ${shown(m.per)}\` counts occurrences`,
    {
      help: `to deduct for each ${m.per.percent ? shown(m.per) : 'step'} the actual falls short of the target (每低1%扣${shown(m.points)}分), measure from the target: \`deduct ${shown(m.points)} per ${shown(m.per)} below target\`${hasTarget(ind) ? '' : ' with a `target`'}`,
      fix: { message: 'count the steps below the target', edits: [{ span: at, text: ' below target' }] },
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
    ctx.report('KPI0416', span, `a target range does not fit \`${m.kind}\` (${bt(name)})`, {
      help: 'a range works with `linear` (the low end scores 100, the high end reaches the cap), `reverse` and `threshold`; for other methods give one target',
    });
    return;
  }
  const lo = val(loLit);
  const hi = val(hiLit);
  if (lo && hi && !lo.lt(hi)) {
    ctx.report('KPI0416', span, `target range ${shown(loLit)}..${shown(hiLit)} of ${bt(name)} is empty`, {
      help: 'write the low end first: `target 3..5` (一年内落实3-5家)',
      fix: { message: `write \`${shown(hiLit)}..${shown(loLit)}\``, edits: [{ span, text: `${loLit.value === hiLit.value ? shown(loLit) : `${shown(hiLit)}..${shown(loLit)}`}` }] },
    });
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
        ctx.report('KPI0406', line.label.span, `grade ${bt(line.label.text)} has no bound but is not the last line`, {
          help: `only the last grade line is the catch-all; give ${bt(line.label.text)} a bound (\`${line.label.text} >= N\`) or move it last`,
          related: [{ span: next.label.span, message: `${bt(next.label.text)} can never be reached` }],
        });
      }
      return;
    }
    const min = val(line.min);
    if (!min) return;
    if (line.min.percent) {
      // totals are points on the 0–100 scale: `S >= 95%` would be 0.95 points and grade nearly everyone S
      const written = shown(line.min);
      const points = written.replace(/%$/, '');
      ctx.report('KPI0414', line.min.span, `grade ${bt(line.label.text)} bound ${written} means ${min.toDecimalString(10)} points, not ${points}`, {
        help: `grade bounds compare the total in points (0–100), not a percent; write \`${points}\``,
        fix: { message: `write \`${points}\``, edits: [{ span: line.min.span, text: points }] },
      });
    }
    if (prev && !min.lt(prev.min)) outOfOrder.push({ line, lit: line.min, prev: { label: prev.label, lit: prev.lit } });
    if (!prev || min.lt(prev.min)) prev = { label: line.label.text, min, lit: line.min };
    if (isLast) {
      ctx.report('KPI0406', line.label.span, `last grade ${bt(line.label.text)} has a bound, so totals below ${shown(line.min)} get no grade`, {
        help: `end with a catch-all line without a bound, e.g. \`D coefficient 0.5\``,
      });
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
    ctx.report(
      'KPI0405',
      first.lit.span,
      `grade ${bt(first.line.label.text)} bound ${shown(first.lit)} is not below ${bt(first.prev.label)} bound ${shown(first.prev.lit)}`,
      {
        help: 'list grades from the highest bound down: the first line whose bound the total meets wins',
        related: [
          { span: first.prev.lit.span, message: `${bt(first.prev.label)} needs ${shown(first.prev.lit)}` },
          ...outOfOrder.slice(1).map((o) => ({ span: o.lit.span, message: `${bt(o.line.label.text)} ${shown(o.lit)} is out of order too` })),
        ],
        ...(fix ? { fix } : {}),
      },
    );
  }
}
