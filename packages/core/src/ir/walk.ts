import { Rational, parseLiteral } from '../numbers/rational.js';
import type { Expr, Group, Indicator, Plan, ScoredItem } from './schema.js';

export interface IndicatorOnPath {
  indicator: Indicator;
  /** enclosing groups, outermost first */
  groups: Group[];
  /** product of the weights along the path (a missing weight counts as 0) */
  effectiveWeight: Rational;
}

const weightOf = (item: ScoredItem): Rational =>
  item.weight ? (parseLiteral(item.weight.value) ?? Rational.ZERO) : Rational.ZERO;

/** Every indicator of a plan in source order, with its group path and effective weight. */
export function indicatorsOf(plan: Pick<Plan, 'items'>): IndicatorOnPath[] {
  const out: IndicatorOnPath[] = [];
  const visit = (items: ScoredItem[], groups: Group[], w: Rational) => {
    for (const item of items) {
      const ew = w.mul(weightOf(item));
      if (item.kind === 'indicator') out.push({ indicator: item, groups, effectiveWeight: ew });
      else visit(item.items, [...groups, item], ew);
    }
  };
  visit(plan.items, [], Rational.ONE);
  return out;
}

/** Every group of a plan, depth first, with its enclosing groups. */
export function groupsOf(plan: Pick<Plan, 'items'>): { group: Group; parents: Group[] }[] {
  const out: { group: Group; parents: Group[] }[] = [];
  const visit = (items: ScoredItem[], parents: Group[]) => {
    for (const item of items) {
      if (item.kind === 'group') {
        out.push({ group: item, parents });
        visit(item.items, [...parents, item]);
      }
    }
  };
  visit(plan.items, []);
  return out;
}

/**
 * Every node of an expression, in source order (a node before its operands, left before right).
 * Iterative: a metric summing thousands of terms is a left-nested chain thousands deep.
 */
export function exprNodes(e: Expr): Expr[] {
  const out: Expr[] = [];
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    out.push(x);
    switch (x.kind) {
      case 'neg':
      case 'not':
        stack.push(x.operand);
        break;
      case 'arith':
      case 'compare':
      case 'logic':
        stack.push(x.right, x.left);
        break;
      case 'call':
        for (let i = x.args.length - 1; i >= 0; i--) stack.push(x.args[i]!);
        break;
      default:
        break;
    }
  }
  return out;
}
