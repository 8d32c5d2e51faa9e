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
  return m.kind === 'linear' || m.kind === 'reverse' || ((m.kind === 'bands' || m.kind === 'curve') && m.on === 'ratio');
}

/** methods that cannot score without a target */
export function needsTarget(ind: Indicator): boolean {
  return dividesByTarget(ind) || ind.method?.kind === 'threshold';
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
  for (const b of plan.bonuses) {
    checkPositive(ctx, b.points, `points of bonus ${bt(b.name.text)}`);
    checkPositive(ctx, b.per, `\`per\` of bonus ${bt(b.name.text)}`);
    if (b.max) checkPositive(ctx, b.max, `\`max\` of bonus ${bt(b.name.text)}`);
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
