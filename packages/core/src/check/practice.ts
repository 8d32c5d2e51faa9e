/**
 * KPI practice (KPI06xx, warnings): plans that run but break the usual rules of KPI design.
 * - more than 10 indicators or groups in one scope (the plan's top level or a group);
 * - an indicator whose own weight in its scope is under 5% (the 80/20 rule). The own weight is used,
 *   not the effective weight along its group path, because that is the number the author wrote and can
 *   change; a 50% indicator in a 5% group is a design choice of the group, not of the indicator;
 * - an indicator without a target whose method needs one (linear, reverse, threshold, `on ratio`
 *   tables). It stays a warning as SPEC §2 lists it, but the engine refuses to score such an indicator,
 *   and the message says so;
 * - options the method ignores (a target on `deduct`/`rating`; a cap or floor on a method without a
 *   ratio: threshold, deduct, rating, tables on the actual), so a reader is not misled.
 */
import type { Indicator, Plan, ScoredItem } from '../ir/schema.js';
import type { Span } from '../source/span.js';
import { Rational } from '../numbers/rational.js';
import { type CheckContext, bt, shown, ValueTest } from './context.js';
import { bilingual, text } from '../diagnostics/diag.js';
import { dividesByTarget, hasTarget, needsTarget } from './ranges.js';

const MAX_PER_SCOPE = 10;
const MIN_WEIGHT = Rational.of(5n, 100n);
/** a weight above 0 and under 5% */
const UNDER_MIN_WEIGHT = new ValueTest((w) => w.gt(Rational.ZERO) && w.lt(MIN_WEIGHT));

export function checkPractice(plan: Plan, ctx: CheckContext): void {
  const scopes: { name: string; span: Span; items: ScoredItem[] }[] = [{ name: plan.name.text, span: plan.name.span, items: plan.items }];
  const visit = (items: ScoredItem[]) => {
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      if (it.kind === 'group') {
        scopes.push({ name: it.name.text, span: it.name.span, items: it.items });
        visit(it.items);
      }
    }
  };
  visit(plan.items);
  for (const s of scopes) {
    if (s.items.length > MAX_PER_SCOPE) {
      const what = s.items.every((i) => i.kind === 'indicator') ? bilingual('what.indicators', {}) : bilingual('what.indicators-and-groups', {});
      ctx.diag('KPI0601', { name: s.name, n: s.items.length, what, max: MAX_PER_SCOPE }, s.span);
    }
  }
  const indicators = ctx.indicators(plan);
  for (let i = 0; i < indicators.length; i++) checkIndicatorPractice(ctx, indicators[i]!);
}

function checkIndicatorPractice(ctx: CheckContext, ind: Indicator): void {
  const name = ind.name.text;
  if (ind.weight && UNDER_MIN_WEIGHT.of(ind.weight)) {
    ctx.diag('KPI0602', { name, weight: shown(ind.weight) }, ind.weight.span);
  }
  const m = ind.method;
  if (!m || ind.recovered) return;
  if (!hasTarget(ind) && needsTarget(ind)) {
    const how = m.kind === 'bands' || m.kind === 'curve' ? `${m.kind} on ratio` : m.kind;
    ctx.diag('KPI0603', { name, how }, ind.name.span, m.kind === 'threshold' ? { helpText: text('help.target-threshold', {}) } : {});
  }
  // options the method ignores, each reported when found (most indicators have none; check() sorts by position)
  // a `deduct … per 1%` with a target is KPI0415 (it should count from the target), not an ignored target
  const countFromTarget = m.kind === 'deduct' && (m.per.percent || ind.target?.percent === true);
  if (ind.target && ((m.kind === 'deduct' && !countFromTarget) || m.kind === 'rating')) {
    ctx.diag('KPI0604', { option: `target ${shown(ind.target)}`, name, method: m.kind }, ind.target.span);
  }
  if ((ind.cap || ind.floor) && !dividesByTarget(ind)) {
    if (ind.cap) ctx.diag('KPI0604', { option: `cap ${shown(ind.cap)}`, name, method: m.kind }, ind.cap.span);
    if (ind.floor) ctx.diag('KPI0604', { option: `floor ${shown(ind.floor)}`, name, method: m.kind }, ind.floor.span);
  }
}
