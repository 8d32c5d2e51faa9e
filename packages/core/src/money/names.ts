/** Which names a money expression reads, and which of them are data columns (read by `kpi score`). */
import type { Expr, Plan } from '../ir/schema.js';
import { exprNodes } from '../ir/walk.js';
import { enKeyword, zhKeyword } from '../lexer/keywords.js';

/** names a money expression may use besides columns and metrics */
export const MONEY_BUILTINS = ['total', 'coefficient', 'bonus'] as const;
export type MoneyBuiltin = (typeof MONEY_BUILTINS)[number];
/** the built-ins' Chinese keyword spellings (`系数` is the keyword `coefficient`, `加分` is `bonus`): a plan in
 * Chinese keywords writes `薪酬 绩效工资 = 绩效基数 * 系数`, and means the coefficient, as its English twin does */
const BUILTIN_SPELLINGS = new Set<string>([...MONEY_BUILTINS, ...MONEY_BUILTINS.flatMap((b) => zhKeyword(b) ?? [])]);

/** the built-in a name in a money expression stands for, in either spelling */
export function moneyBuiltinOf(name: string): MoneyBuiltin | undefined {
  if (!BUILTIN_SPELLINGS.has(name)) return undefined;
  return (MONEY_BUILTINS as readonly string[]).includes(name) ? (name as MoneyBuiltin) : (enKeyword(name) as MoneyBuiltin);
}

export function refsIn(e: Expr): string[] {
  const out: string[] = [];
  for (const n of exprNodes(e)) if (n.kind === 'ref') out.push(n.name);
  return out;
}

/** every money item's expressions */
export function moneyExprs(plan: Plan): { owner: string; expr: Expr }[] {
  const m = plan.money;
  if (!m) return [];
  return [
    ...m.commissions.map((c) => ({ owner: c.name.text, expr: c.on })),
    ...m.pools.map((p) => ({ owner: p.name.text, expr: p.amount })),
    ...m.pays.map((p) => ({ owner: p.name.text, expr: p.expr })),
  ];
}

/** data columns money items read (directly or through metrics), in first-use order */
export function moneyColumns(plan: Plan): string[] {
  const m = plan.money;
  if (!m) return [];
  const own = new Set([...BUILTIN_SPELLINGS, ...m.commissions.map((c) => c.name.text), ...m.pools.map((p) => p.name.text), ...m.pays.map((p) => p.name.text)]);
  const metrics = new Map(plan.metrics.map((x) => [x.name.text, x] as const));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (e: Expr, depth: number) => {
    for (const r of refsIn(e)) {
      if (own.has(r) || seen.has(r)) continue;
      seen.add(r);
      const mt = metrics.get(r);
      if (mt) {
        if (depth < 64) visit(mt.expr, depth + 1);
      } else out.push(r);
    }
  };
  for (const { expr } of moneyExprs(plan)) visit(expr, 0);
  return out;
}

export const hasMoney = (plan: Plan): boolean =>
  !!plan.money && (plan.money.pays.length > 0 || plan.money.commissions.length > 0 || plan.money.pools.length > 0 || !!plan.money.distribution);
