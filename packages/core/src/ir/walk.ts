import { Rational, parseLiteral } from '../numbers/rational.js';
import type { Expr, Group, Indicator, Plan, ScoredItem } from './schema.js';

export interface IndicatorOnPath {
  readonly indicator: Indicator;
  /** enclosing groups, outermost first */
  readonly groups: Group[];
  /** product of the weights along the path (a missing weight counts as 0) */
  readonly effectiveWeight: Rational;
}

const weightOf = (item: ScoredItem): Rational =>
  item.weight ? (parseLiteral(item.weight.value) ?? Rational.ZERO) : Rational.ZERO;

/**
 * An indicator on its path. The effective weight is a product of BigInt rationals, computed when first read:
 * the checker walks every indicator five times and never reads it (10,000 indicators: ~10 ms of a cold `kpi check`).
 */
class OnPath implements IndicatorOnPath {
  private weight: Rational | undefined;
  constructor(
    readonly indicator: Indicator,
    readonly groups: Group[],
  ) {}
  get effectiveWeight(): Rational {
    if (this.weight === undefined) {
      let w = Rational.ONE;
      for (const g of this.groups) w = w.mul(weightOf(g));
      this.weight = w.mul(weightOf(this.indicator));
    }
    return this.weight;
  }
}

/** Every indicator of a plan in source order, with its group path and effective weight. */
export function indicatorsOf(plan: Pick<Plan, 'items'>): IndicatorOnPath[] {
  const out: IndicatorOnPath[] = [];
  const visit = (items: ScoredItem[], groups: Group[]) => {
    // an index, not for…of: in V8's interpreter each iterator step allocates (most walks run once, cold)
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'indicator') out.push(new OnPath(item, groups));
      else visit(item.items, [...groups, item]);
    }
  };
  visit(plan.items, []);
  return out;
}

/** Every indicator of a plan in source order, without its path: what most rules of the checker walk. */
export function indicatorList(plan: Pick<Plan, 'items'>): Indicator[] {
  const out: Indicator[] = [];
  const visit = (items: ScoredItem[]) => {
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === 'indicator') out.push(item);
      else visit(item.items);
    }
  };
  visit(plan.items);
  return out;
}

/** Every group of a plan, depth first, with its enclosing groups. */
export function groupsOf(plan: Pick<Plan, 'items'>): { group: Group; parents: Group[] }[] {
  const out: { group: Group; parents: Group[] }[] = [];
  const visit = (items: ScoredItem[], parents: Group[]) => {
    // an index, not for…of (see indicatorsOf)
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
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
