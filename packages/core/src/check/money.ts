/**
 * SPEC §7 checks (KPI10xx): commission tiers (ascending bounds, rates ≥ 0, an `else` last, a warning per
 * `whole` cliff with its size), distribution quotas (the plan's grades, shares summing to exactly 100%,
 * `min` a whole number), coefficients where money needs them, names of money items, and what a money
 * expression may read.
 */
import { moneyBuiltinOf } from '../money/names.js';
import type { Expr, Plan, TestCase } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import { exprNodes } from '../ir/walk.js';
import { commissionOf, tiersOf, wholeCliffs } from '../money/commission.js';
import { type CheckContext, bt, pct, val } from './context.js';
import { bilingual, joinTexts, note } from '../diagnostics/diag.js';
import type { Text } from '../diagnostics/lang.js';

/** names a test may `expect` besides the scoring subjects: commission, pool and pay results */
export function moneySubjects(plan: Plan): string[] {
  const m = plan.money;
  if (!m) return [];
  return [...m.commissions.map((c) => c.name.text), ...m.pools.map((p) => p.name.text), ...m.pays.map((p) => p.name.text)];
}

/** `甲.grade` in a test with `person 甲`: the person and the subject; otherwise the subject as written */
export function splitPersonSubject(t: TestCase, text: string): { person?: string; subject: string } {
  for (const p of t.people ?? []) {
    if (text.startsWith(`${p.name.text}.`)) return { person: p.name.text, subject: text.slice(p.name.text.length + 1) };
  }
  return { subject: text };
}

/** money amounts for messages: 25000 → `25,000`, 35000.0007 → `35,000.00` */
export function moneyText(r: Rational): string {
  const cents = r.round(2);
  const s = cents.toDecimalString(2);
  const [i, f] = s.split('.');
  const neg = i!.startsWith('-');
  const digits = neg ? i!.slice(1) : i!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${f ? `.${f.padEnd(2, '0')}` : ''}`;
}

const isCondition = (e: Expr) => exprNodes(e).some((n) => n.kind === 'compare' || n.kind === 'logic' || n.kind === 'not');

export function checkMoney(plan: Plan, ctx: CheckContext): void {
  const m = plan.money;
  if (!m) return;

  // ---- names ----
  const taken = new Map<string, Text>();
  const indicatorOfPlan = bilingual('what.money.indicator-of-plan', {});
  for (const { indicator } of ctx.indicatorsOf(plan)) taken.set(indicator.name.text, indicatorOfPlan);
  for (const x of plan.metrics) taken.set(x.name.text, bilingual('what.money.metric-of-plan', {}));
  const own = new Map<string, { span: { start: number; end: number } }>();
  for (const item of [...m.commissions, ...m.pools, ...m.pays]) {
    const n = item.name.text;
    if (!n) continue;
    const first = own.get(n);
    const other = taken.get(n);
    if (first || other || moneyBuiltinOf(n)) {
      const what = first ? bilingual('what.money.item-of-plan', {}) : (other ?? bilingual('what.money.built-in', {}));
      ctx.diag('KPI1008', { name: n, what }, item.name.span, first ? { related: [note('note.first-defined', { name: n }, first.span)] } : {});
    } else own.set(n, { span: item.name.span });
  }

  // ---- what expressions may read ----
  const pays = new Set(m.pays.map((p) => p.name.text));
  const pools = new Set(m.pools.map((p) => p.name.text));
  const check = (e: Expr, owner: string, forbidden: Set<string>, what: Text | '') => {
    if (isCondition(e)) {
      ctx.diag('KPI1009.condition', { owner }, e.span);
      return;
    }
    for (const n of exprNodes(e)) {
      if (n.kind === 'ref' && forbidden.has(n.name)) ctx.diag('KPI1009', { owner, name: n.name, what }, n.span);
    }
  };
  for (const c of m.commissions) check(c.on, c.name.text, new Set([...pays, ...pools]), bilingual('what.money.after-commissions', {}));
  for (const p of m.pools) check(p.amount, p.name.text, new Set([...pays, ...pools]), bilingual('what.money.after-pools', {}));
  // pays may read each other, without cycles
  const payExpr = new Map(m.pays.map((p) => [p.name.text, p] as const));
  for (const p of m.pays) {
    check(p.expr, p.name.text, new Set(), '');
    const seen = new Set<string>();
    const stack = [p.name.text];
    while (stack.length) {
      const cur = stack.pop()!;
      for (const n of exprNodes(payExpr.get(cur)!.expr)) {
        if (n.kind !== 'ref' || !payExpr.has(n.name)) continue;
        if (n.name === p.name.text) {
          ctx.diag('KPI1009.self', { name: p.name.text }, p.name.span);
          stack.length = 0;
          break;
        }
        if (!seen.has(n.name)) {
          seen.add(n.name);
          stack.push(n.name);
        }
      }
    }
  }

  // ---- coefficients ----
  const usesCoefficient = [...m.commissions.map((c) => c.on), ...m.pools.map((p) => p.amount), ...m.pays.map((p) => p.expr)].some((e) =>
    exprNodes(e).some((n) => n.kind === 'ref' && moneyBuiltinOf(n.name) === 'coefficient'),
  );
  const gradesOk = plan.grades && plan.grades.lines.length > 0 && plan.grades.lines.every((l) => l.coefficient);
  if (!gradesOk) {
    const at = m.pools[0]?.span ?? m.pays.find((p) => exprNodes(p.expr).some((n) => n.kind === 'ref' && moneyBuiltinOf(n.name) === 'coefficient'))?.span;
    if (at && (m.pools.length || usesCoefficient)) {
      ctx.diag(plan.grades ? 'KPI1007.some-grades' : 'KPI1007', {}, at);
    }
  }

  // ---- commissions ----
  for (const c of m.commissions) {
    const tiers = c.tiers;
    const elseAt = tiers.findIndex((t) => !t.bound);
    if (tiers.length === 0 || elseAt !== tiers.length - 1) {
      ctx.diag(tiers.length === 0 ? 'KPI1004' : elseAt < 0 ? 'KPI1004.no-else' : 'KPI1004.else-not-last', { name: c.name.text }, c.span);
    }
    let prev: Rational | undefined;
    let prevSpan: { start: number; end: number } | undefined;
    for (const t of tiers) {
      const rate = val(t.rate);
      if (rate && rate.isNegative()) {
        ctx.diag('KPI1002', { rate: pct(rate) }, t.rate.span);
      }
      const b = val(t.bound);
      if (!b) continue;
      if (prev && !b.gt(prev)) {
        ctx.diag('KPI1001', { bound: b.toDecimalString(), prev: prev.toDecimalString() }, t.bound!.span, prevSpan ? { related: [note('note.money.previous-bound', {}, prevSpan)] } : {});
      }
      prev = b;
      prevSpan = t.bound!.span;
    }
    if (c.mode === 'whole' && !ctx.syntaxErrorIn(c.span)) {
      const lt = tiersOf(c);
      for (const cl of wholeCliffs(lt)) {
        const t = tiers[cl.index]!;
        ctx.diag(
          'KPI1003',
          {
            payBelow: moneyText(cl.payBelow),
            below: moneyText(cl.below),
            payAbove: moneyText(cl.payAbove),
            above: moneyText(cl.above),
            change: bilingual(cl.jump.isNegative() ? 'what.money.drops' : 'what.money.jumps', {}),
            jump: moneyText(cl.jump.abs()),
            marginal: moneyText(commissionOf(lt, 'marginal', cl.above).value),
          },
          t.span,
        );
      }
    }
  }

  // ---- distribution ----
  const d = m.distribution;
  if (d) {
    const labels = plan.grades?.lines.map((l) => l.label.text) ?? [];
    if (!plan.grades) {
      ctx.diag('KPI1005', {}, d.span);
    }
    const seen = new Set<string>();
    let sum = Rational.ZERO;
    for (const q of d.quotas) {
      if (plan.grades && !labels.includes(q.label.text)) {
        ctx.diag('KPI1005.unknown', { label: q.label.text, labels: joinTexts(labels.map(bt), { en: ', ', zh: '、' }) }, q.label.span, { related: [note('note.money.grades-here', {}, plan.grades.span)] });
      } else if (seen.has(q.label.text)) {
        ctx.diag('KPI1005.twice', { label: q.label.text }, q.label.span);
      }
      seen.add(q.label.text);
      const s = val(q.share);
      if (s) {
        if (s.isNegative()) ctx.diag('KPI1006.negative', { share: pct(s) }, q.share.span);
        sum = sum.add(s);
      }
    }
    if (d.quotas.length && !sum.eq(Rational.ONE) && !ctx.syntaxErrorIn(d.span)) {
      ctx.diag('KPI1006', { sum: pct(sum) }, d.span, {
        related: d.quotas.map((q) => note('note.money.share', { label: q.label.text, share: pct(val(q.share) ?? Rational.ZERO) }, q.share.span)),
      });
    }
    const min = val(d.min);
    if (d.min && (!min || min.isNegative() || min.den !== 1n)) {
      ctx.diag('KPI1010', { text: ctx.source.text.slice(d.min.span.start, d.min.span.end) }, d.min.span);
    }
  }
}
