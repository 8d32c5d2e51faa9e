/**
 * Weights (KPI03xx): in every scope — the plan's top level, each group, each `raters` list — the
 * weights sum to exactly 100%, computed with Rational so 33.33% + 33.33% + 33.34% is 100%.
 * A scope with a missing or unreadable weight is skipped: the parser already reported it. So is a scope
 * with a weight outside (0, 100%] (`weight 30` for 30%): KPI0401 reports it with a fix, and a sum of
 * "3070%" would only confuse. And so is a scope with a syntax error between its items, where the
 * parser may have dropped a whole item (`indcator 毛利率 weight 30% ...`): the sum would be a cascade.
 */
import type { Group, Name, NumLit, Plan, ScoredItem } from '../ir/schema.js';
import type { Span } from '../source/span.js';
import type { MessageRef, Related, TextEdit } from '../diagnostics/types.js';
import type { Text } from '../diagnostics/lang.js';
import { bilingual, note, text } from '../diagnostics/diag.js';

const text_ = text;
import { Rational } from '../numbers/rational.js';
import { LiteralCache } from '../numbers/literal-cache.js';
import { type CheckContext, pct, sameStyle, shown, val } from './context.js';

interface Weighted {
  name: Name;
  weight?: NumLit | undefined;
  span: Span;
}

export function checkWeights(plan: Plan, ctx: CheckContext): void {
  if (plan.items.length === 0) {
    ctx.diag('KPI0303', { name: plan.name.text }, plan.name.span);
  } else if (!ctx.lostItemIn(plan.span, plan.items)) {
    checkScopeSum(ctx, 'KPI0301', plan.items, plan.name.span, 'plan', plan.name.text);
  }
  const visit = (items: ScoredItem[]) => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'group') {
        checkGroup(item, ctx);
        visit(item.items);
      } else if (item.method?.kind === 'rating' && item.method.raters && item.method.raters.length > 0) {
        checkScopeSum(ctx, 'KPI0302', item.method.raters, undefined, 'raters', item.name.text);
      }
    }
  };
  visit(plan.items);
}

function checkGroup(group: Group, ctx: CheckContext): void {
  if (group.items.length === 0) {
    // a group emptied by a syntax error inside it (KPI0108 drops a block nested too deeply) is not "empty"
    if (!group.recovered && !ctx.syntaxErrorIn(group.span)) {
      ctx.diag('KPI0303.group', { name: group.name.text }, group.name.span);
    }
    return;
  }
  if (ctx.lostItemIn(group.span, group.items)) return;
  checkScopeSum(ctx, 'KPI0301', group.items, group.name.span, 'group', group.name.text);
}

/** the scope whose weights are summed: the plan, a group, or an indicator's raters; `name` is its name */
type Scope = 'plan' | 'group' | 'raters';

/** the start of the message ("weights in `工作绩效`") and the end of the fix ("so `工作绩效` sums to 100%") */
function scopeWords(scope: Scope, name: string): { scope: Text; sums: Text } {
  if (scope === 'raters') return { scope: bilingual('what.rater-weights-of', { name }), sums: bilingual('what.raters-sum', { name }) };
  return { scope: bilingual('what.weights-in', { name }), sums: scope === 'plan' ? bilingual('what.the-plan-sums', {}) : bilingual('what.group-sums', { name }) };
}

/**
 * One scope's sum, reported at `span` (a raters list: from its first rater to its last). The words are rendered
 * only when the sum is off: a plan of 1,000 groups and 2,000 rated indicators makes nothing for them.
 */
export function checkScopeSum(ctx: CheckContext, code: 'KPI0301' | 'KPI0302', items: Weighted[], span: Span | undefined, kind: Scope, name: string): void {
  if (plainWeightsSumToOne(items)) return;
  const values: { item: Weighted; w: NumLit; r: Rational }[] = [];
  for (const item of items) {
    const r = val(item.weight);
    if (!item.weight || !r) return; // missing weight: a syntax error was reported; do not pile on
    // a weight out of (0, 100%] has its own error (KPI0401) whose fix changes the sum too
    if (!r.gt(Rational.ZERO) || r.gt(Rational.ONE)) return;
    values.push({ item, w: item.weight, r });
  }
  const sum = values.reduce((a, v) => a.add(v.r), Rational.ZERO);
  if (sum.eq(Rational.ONE)) return;
  const diff = Rational.ONE.sub(sum);
  const { scope, sums } = scopeWords(kind, name);
  const at: Span = span ?? { start: items[0]!.span.start, end: items[items.length - 1]!.span.end };
  const related: Related[] = values.map((v) => note('note.weighs', { name: v.item.name.text, weight: shown(v.w) }, v.w.span));
  const help = diff.isNegative() ? text('help.take-off', { diff: pct(diff.neg()) }) : text('help.add-to', { diff: pct(diff) });
  const fix = weightFix(values, diff, sums);
  ctx.diag(code, { scope, sum: pct(sum) }, at, { related, helpText: help, ...(fix ? { edits: fix.edits, fixText: fix.label } : {}) });
}

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** a plain decimal as an integer count of units of its last place, `0.35` → [35, 2]; undefined: not one, or not exact in a double */
type PlainDecimal = readonly [units: number, places: number] | undefined;
const plainDecimals = new LiteralCache<PlainDecimal>();
function plainDecimal(v: string): PlainDecimal {
  let p = plainDecimals.get(v);
  if (p === undefined && !plainDecimals.has(v)) {
    const dot = v.indexOf('.');
    const digits = dot < 0 ? v : v.slice(0, dot) + v.slice(dot + 1);
    // 15 digits: every such integer is exact in a double
    p = PLAIN_DECIMAL.test(v) && digits.length <= 15 ? [Number(digits), dot < 0 ? 0 : v.length - dot - 1] : undefined;
    plainDecimals.set(v, p);
  }
  return p;
}

/**
 * 10^k by multiplying: a small integer stays one to V8 (`10 ** k` in its interpreter makes a new heap number at
 * every use, and so does reading a table that holds 10^10: ~1 MB for the 13,000 weights of a large plan)
 */
function pow10(k: number): number {
  let p = 1;
  for (let i = 0; i < k; i++) p *= 10;
  return p;
}

/**
 * The usual scope, decided without BigInt: every weight a plain decimal (`0.1`, `0.3333`; the IR keeps 10% as
 * `0.1`) in (0, 1], summing to exactly 1. Counted in units of the smallest decimal place, as integers a double
 * holds exactly (any value that is not comes out above 1 and is refused). False means "not shown": the exact
 * path decides and reports. A plan of 1,000 groups spent ~25 ms of a cold `kpi check` in Rational sums. Each
 * distinct weight text is read once (plainDecimal's bounded memo): a plan repeats a few weights.
 */
function plainWeightsSumToOne(items: readonly Weighted[]): boolean {
  let places = 0;
  for (let i = 0; i < items.length; i++) {
    const v = items[i]!.weight?.value;
    const p = v === undefined ? undefined : plainDecimal(v);
    if (p === undefined) return false;
    if (p[1] > places) places = p[1];
  }
  if (places > 15) return false;
  const one = pow10(places);
  let sum = 0;
  for (let i = 0; i < items.length; i++) {
    const p = plainDecimal(items[i]!.weight!.value)!;
    const units = p[0] * pow10(places - p[1]);
    if (!(units > 0 && units <= one)) return false;
    sum += units;
  }
  return sum === one;
}

/**
 * The fix adjusts one weight by the difference: the last one when the result stays in (0, 100%],
 * otherwise the single weight for which it does (the obviously-off one); no fix when none or several fit.
 */
function weightFix(values: { item: Weighted; w: NumLit; r: Rational }[], diff: Rational, sums: Text): { label: MessageRef; edits: TextEdit[] } | undefined {
  const fits = (r: Rational) => r.gt(Rational.ZERO) && r.le(Rational.ONE);
  const last = values[values.length - 1];
  let pick = last && fits(last.r.add(diff)) ? last : undefined;
  if (!pick) {
    const candidates = values.filter((v) => fits(v.r.add(diff)));
    if (candidates.length === 1) pick = candidates[0];
  }
  if (!pick) return undefined;
  const value = sameStyle(pick.r.add(diff), pick.w);
  return {
    label: text_('fix.set-weight', { name: pick.item.name.text, value, sums }),
    edits: [{ span: pick.w.span, text: value }],
  };
}
