/**
 * The resource model of exact arithmetic (issue 13): a static bound on how large the exact value of a
 * metric or veto expression can grow, so that every row finishes in bounded time.
 *
 * The exact evaluator works on fractions of BigInts. One data value is at most ~1,100 bits (15 significant
 * digits, exponent up to ±308): call that one *unit*. A product or quotient holds up to the sum of its
 * operands' sizes; a sum of decimals (no `/` below it) keeps the larger denominator, so it stays the size of
 * its larger operand, while a sum of fractions multiplies the denominators (sizes add). `min`, `max`, `abs`
 * and `-` keep the size; conditions are 0 or 1. A metric has the size of its expression, and a name that is
 * a data column is one unit. `metric m1 = m0 * m0` … `m20` is 2^20 units: billions of bits, which no row can
 * finish; KPI0950 refuses it at check time, pointing at the first metric over the bound.
 *
 * The bound is generous for real plans (a ratio of sums times a factor is 3 units) and the evaluator keeps its
 * own per-row backstop (run/exact.ts MAXBITS, KPI0951) for values this estimate cannot see.
 */
import type { Expr, Plan } from '../ir/schema.js';
import { exprNodes } from '../ir/walk.js';
import type { CheckContext } from './context.js';
import { bilingual } from '../diagnostics/diag.js';
import type { Text } from '../diagnostics/lang.js';

/** the largest size (in units of one data value) an expression may reach */
export const MAX_EXPR_UNITS = 64;

interface Size {
  /** units */
  u: number;
  /** no division below: the denominator is a power of ten */
  decimal: boolean;
}

/** size of a plan constant: ~330 decimal digits per unit (1,100 bits) */
const constUnits = (text: string): number => Math.max(1, Math.ceil(text.replace(/[^0-9]/g, '').length / 330));

/**
 * Size of an expression, given the sizes of the metrics it may name. Iterative over the nodes (a sum of
 * 20,000 terms is a chain 20,000 deep) and saturating (2^1000 units is still "too large", not Infinity).
 */
export function exprSize(e: Expr, metricSize: (name: string) => Size | undefined, onNode?: (node: Expr, s: Size) => void): Size {
  const nodes = exprNodes(e);
  const size = new Map<Expr, Size>();
  const cap = (u: number) => Math.min(u, 1e9);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    let s: Size;
    switch (n.kind) {
      case 'num':
        s = { u: constUnits(n.value), decimal: true };
        break;
      case 'ref':
        s = metricSize(n.name) ?? { u: 1, decimal: true };
        break;
      case 'neg':
        s = size.get(n.operand)!;
        break;
      case 'not':
      case 'compare':
      case 'logic':
      case 'error':
        s = { u: 0, decimal: true };
        break;
      case 'call': {
        const args = n.args.map((a) => size.get(a)!);
        s = { u: Math.max(0, ...args.map((a) => a.u)), decimal: args.every((a) => a.decimal) };
        break;
      }
      case 'arith': {
        const a = size.get(n.left)!;
        const b = size.get(n.right)!;
        if (n.op === '*') s = { u: cap(a.u + b.u), decimal: a.decimal && b.decimal };
        else if (n.op === '/') s = { u: cap(a.u + b.u), decimal: false };
        else if (a.decimal && b.decimal) s = { u: Math.max(a.u, b.u), decimal: true };
        else s = { u: cap(a.u + b.u), decimal: false };
        break;
      }
    }
    size.set(n, s);
    onNode?.(n, s);
  }
  return size.get(e)!;
}

/** KPI0950: a metric or veto whose exact value could grow beyond MAX_EXPR_UNITS */
export function checkCost(plan: Plan, ctx: CheckContext): void {
  const metrics = new Map(plan.metrics.map((m) => [m.name.text, m]));
  const sizes = new Map<string, Size>();
  // dependency order without recursion (chains are thousands long); metrics in a cycle (KPI0210) count as one unit
  const deps = new Map(plan.metrics.map((m) => [m.name.text, [...new Set(exprNodes(m.expr).flatMap((n) => (n.kind === 'ref' && metrics.has(n.name) && n.name !== m.name.text ? [n.name] : [])))]]));
  const pending = new Map([...deps].map(([k, v]) => [k, v.length]));
  const users = new Map<string, string[]>();
  for (const [k, v] of deps) for (const d of v) (users.get(d) ?? users.set(d, []).get(d)!).push(k);
  const queue = [...pending].filter(([, n]) => n === 0).map(([k]) => k);
  const order: string[] = [];
  while (queue.length) {
    const k = queue.pop()!;
    order.push(k);
    for (const u of users.get(k) ?? []) {
      const left = pending.get(u)! - 1;
      pending.set(u, left);
      if (left === 0) queue.push(u);
    }
  }
  const lookup = (name: string) => (metrics.has(name) ? (sizes.get(name) ?? { u: 1, decimal: true }) : undefined);
  let reported = false;
  const tooLarge = (where: Expr, what: Text) => {
    if (reported || ctx.syntaxErrorIn(where.span)) return;
    reported = true; // the first one: every metric built on it is too large as well
    ctx.diag('KPI0950', { what, units: MAX_EXPR_UNITS }, where.span);
  };
  for (const name of order) {
    const m = metrics.get(name)!;
    let first: Expr | undefined;
    const s = exprSize(m.expr, lookup, (node, ns) => {
      if (first === undefined && ns.u > MAX_EXPR_UNITS) first = node;
    });
    sizes.set(name, s);
    if (first) tooLarge(first, bilingual('what.metric-named', { name }));
  }
  for (const v of plan.vetoes) {
    let first: Expr | undefined;
    exprSize(v.when, lookup, (node, ns) => {
      if (first === undefined && ns.u > MAX_EXPR_UNITS) first = node;
    });
    if (first) tooLarge(first, bilingual('what.veto-named', { name: v.name.text }));
  }
}
