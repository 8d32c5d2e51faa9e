/**
 * SPEC §7 checks (KPI10xx): commission tiers (ascending bounds, rates ≥ 0, an `else` last, a warning per
 * `whole` cliff with its size), distribution quotas (the plan's grades, shares summing to exactly 100%,
 * `min` a whole number), coefficients where money needs them, names of money items, and what a money
 * expression may read.
 */
import type { Expr, Plan, TestCase } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import { exprNodes } from '../ir/walk.js';
import { indicatorsOf } from '../ir/walk.js';
import { commissionOf, tiersOf, wholeCliffs } from '../money/commission.js';
import { type CheckContext, bt, pct, val } from './context.js';

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
  const taken = new Map<string, string>();
  for (const { indicator } of indicatorsOf(plan)) taken.set(indicator.name.text, 'an indicator');
  for (const x of plan.metrics) taken.set(x.name.text, 'a metric');
  const own = new Map<string, { span: { start: number; end: number } }>();
  for (const item of [...m.commissions, ...m.pools, ...m.pays]) {
    const n = item.name.text;
    if (!n) continue;
    const first = own.get(n);
    const other = taken.get(n);
    if (first || other || n === 'total' || n === 'coefficient' || n === 'bonus') {
      ctx.report('KPI1008', item.name.span, `${bt(n)} is already ${first ? 'a money item of this plan' : other ? `${other} of this plan` : 'a built-in name'}`, {
        help: 'give each pay, commission and pool its own name (it becomes a column of the report)',
        ...(first ? { related: [{ span: first.span, message: `${bt(n)} is first defined here` }] } : {}),
      });
    } else own.set(n, { span: item.name.span });
  }

  // ---- what expressions may read ----
  const pays = new Set(m.pays.map((p) => p.name.text));
  const pools = new Set(m.pools.map((p) => p.name.text));
  const check = (e: Expr, owner: string, forbidden: Set<string>, what: string) => {
    if (isCondition(e)) {
      ctx.report('KPI1009', e.span, `the amount of ${bt(owner)} is a condition, not an amount`, { help: 'write an amount: columns, metrics, `total`, `coefficient`, numbers, + − × ÷, `min`, `max`, `abs`' });
      return;
    }
    for (const n of exprNodes(e)) {
      if (n.kind === 'ref' && forbidden.has(n.name)) {
        ctx.report('KPI1009', n.span, `${bt(owner)} reads ${bt(n.name)}, ${what}`, { help: 'commissions are computed first, then pools, then pays: a commission cannot read a pool or pay, and a pool cannot read a pay or pool' });
      }
    }
  };
  for (const c of m.commissions) check(c.on, c.name.text, new Set([...pays, ...pools]), 'which is computed after commissions');
  for (const p of m.pools) check(p.amount, p.name.text, new Set([...pays, ...pools]), 'which is computed after pools are split');
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
          ctx.report('KPI1009', p.name.span, `pay ${bt(p.name.text)} depends on itself`, { help: 'a pay may read other pays, but not in a cycle' });
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
    exprNodes(e).some((n) => n.kind === 'ref' && n.name === 'coefficient'),
  );
  const gradesOk = plan.grades && plan.grades.lines.length > 0 && plan.grades.lines.every((l) => l.coefficient);
  if (!gradesOk) {
    const at = m.pools[0]?.span ?? m.pays.find((p) => exprNodes(p.expr).some((n) => n.kind === 'ref' && n.name === 'coefficient'))?.span;
    if (at && (m.pools.length || usesCoefficient)) {
      ctx.report('KPI1007', at, plan.grades ? 'money here follows the coefficient, but not every grade has a `coefficient`' : 'money here follows the coefficient, but the plan has no grades', {
        help: 'add `grades { S >= 95 coefficient 1.5 … D coefficient 0.5 }` with a coefficient on every line',
      });
    }
  }

  // ---- commissions ----
  for (const c of m.commissions) {
    const tiers = c.tiers;
    const elseAt = tiers.findIndex((t) => !t.bound);
    if (tiers.length === 0 || elseAt !== tiers.length - 1) {
      ctx.report('KPI1004', c.span, tiers.length === 0 ? `commission ${bt(c.name.text)} has no tiers` : elseAt < 0 ? `commission ${bt(c.name.text)} has no \`else\` tier for amounts above its last bound` : `\`else\` must be the last tier of commission ${bt(c.name.text)}`, {
        help: 'write the tiers from the lowest bound up and end with `else: RATE`, e.g. `<= 300000: 3%  <= 500000: 5%  else: 7%`',
      });
    }
    let prev: Rational | undefined;
    let prevSpan: { start: number; end: number } | undefined;
    for (const t of tiers) {
      const rate = val(t.rate);
      if (rate && rate.isNegative()) {
        ctx.report('KPI1002', t.rate.span, `commission rate ${bt(pct(rate))} is negative`, { help: 'a commission rate is 0% or more' });
      }
      const b = val(t.bound);
      if (!b) continue;
      if (prev && !b.gt(prev)) {
        ctx.report('KPI1001', t.bound!.span, `commission bounds must ascend: ${b.toDecimalString()} comes after ${prev.toDecimalString()}`, {
          help: 'write the tiers from the lowest bound up; each tier takes the amounts up to its bound',
          ...(prevSpan ? { related: [{ span: prevSpan, message: 'the previous bound' }] } : {}),
        });
      }
      prev = b;
      prevSpan = t.bound!.span;
    }
    if (c.mode === 'whole' && !ctx.syntaxErrorIn(c.span)) {
      const lt = tiersOf(c);
      for (const cl of wholeCliffs(lt)) {
        const t = tiers[cl.index]!;
        const up = cl.jump.isNegative() ? 'drops' : 'jumps';
        ctx.report(
          'KPI1003',
          t.span,
          `\`whole\` pays ${moneyText(cl.payBelow)} on ${moneyText(cl.below)} but ${moneyText(cl.payAbove)} on ${moneyText(cl.above)}: the commission ${up} by ${moneyText(cl.jump.abs())} at this bound`,
          { help: `全额累进 pays the whole amount at the rate of its tier, so a sale across the bound changes the commission on all of it; \`marginal\` (超额累进) is continuous: it pays ${moneyText(commissionOf(lt, 'marginal', cl.above).value)} on ${moneyText(cl.above)}` },
        );
      }
    }
  }

  // ---- distribution ----
  const d = m.distribution;
  if (d) {
    const labels = plan.grades?.lines.map((l) => l.label.text) ?? [];
    if (!plan.grades) {
      ctx.report('KPI1005', d.span, 'a `distribution` assigns grades, but the plan has no grades', { help: 'add a `grades { … }` block whose labels the distribution uses' });
    }
    const seen = new Set<string>();
    let sum = Rational.ZERO;
    for (const q of d.quotas) {
      if (plan.grades && !labels.includes(q.label.text)) {
        ctx.report('KPI1005', q.label.span, `${bt(q.label.text)} is not one of the plan's grades`, { help: `the grades are ${labels.map(bt).join(', ')}`, related: [{ span: plan.grades.span, message: 'grades are defined here' }] });
      } else if (seen.has(q.label.text)) {
        ctx.report('KPI1005', q.label.span, `grade ${bt(q.label.text)} has two shares in the distribution`, { help: 'give each grade one share' });
      }
      seen.add(q.label.text);
      const s = val(q.share);
      if (s) {
        if (s.isNegative()) ctx.report('KPI1006', q.share.span, `share ${bt(pct(s))} is negative`, { help: 'a share is 0% or more' });
        sum = sum.add(s);
      }
    }
    if (d.quotas.length && !sum.eq(Rational.ONE) && !ctx.syntaxErrorIn(d.span)) {
      ctx.report('KPI1006', d.span, `the distribution's shares sum to ${pct(sum)}, not 100%`, {
        help: 'seats are shares of the group: make them sum to exactly 100% (e.g. `S 10%  A 20%  B 40%  C 20%  D 10%`)',
        related: d.quotas.map((q) => ({ span: q.share.span, message: `${q.label.text} ${pct(val(q.share) ?? Rational.ZERO)}` })),
      });
    }
    const min = val(d.min);
    if (d.min && (!min || min.isNegative() || min.den !== 1n)) {
      ctx.report('KPI1010', d.min.span, `\`min\` must be a whole number of people, found ${bt(ctx.source.text.slice(d.min.span.start, d.min.span.end))}`, { help: 'groups under `min N` people (default 5) are advisory, e.g. `min 5`' });
    }
  }
}
