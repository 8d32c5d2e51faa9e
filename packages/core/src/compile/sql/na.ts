/**
 * N/A (不适用, SPEC §6) in the SQL target, as run/exact.ts and data/table.ts have it:
 *
 * - a cell that says N/A (`N/A`, `NA`, `不适用`, `—`, `——`; data/value.ts NOT_APPLICABLE) in a column some
 *   `optional` indicator reads (InputColumn.na) is the N/A mark, not a blank;
 * - a value fails "with N/A" when the first failure met evaluating it (left to right, as exact.ts's
 *   evalExpr) is such a cell: that removes an `optional` indicator from the row and is KPI0906 anywhere else;
 * - the weights of what remains: a removed indicator's weight goes to its siblings in proportion, scope by
 *   scope (groups too); nothing left at plan level is KPI0907.
 *
 * Everything here is SQL booleans and exact rationals (rational.ts); the generator names them in layers.
 */
import type { LPlan } from '../../model/lowered.js';
import type { Dialect } from './dialect.js';
import { gcd, type Algebra, type I, type Q } from './rational.js';

/** the cells that say N/A once normalised (trimmed, full-width folded, lower-cased): data/value.ts NOT_APPLICABLE */
export const NA_CELLS = ['n/a', 'na', '不适用', '—', '——'];
/** the cells that are blank (missing) once normalised: data/value.ts MISSING */
export const BLANK_CELLS = ['', '-', '--', '–', '#n/a', '#na', 'null'];

export const TRUE = '(1=1)';
export const FALSE = '(1=0)';

/** normalised text `t` says N/A (never NULL) */
export const naCell = (D: Dialect, t: string): string => `(${t} IS NOT NULL AND ${t} IN (${NA_CELLS.map((c) => D.str(c)).join(', ')}))`;

export const or = (...xs: string[]): string => {
  if (xs.includes(TRUE)) return TRUE;
  const ys = xs.filter((x) => x !== FALSE);
  return ys.length === 0 ? FALSE : ys.length === 1 ? ys[0]! : `(${ys.join(' OR ')})`;
};
export const and = (...xs: string[]): string => {
  if (xs.includes(FALSE)) return FALSE;
  const ys = xs.filter((x) => x !== TRUE);
  return ys.length === 0 ? TRUE : ys.length === 1 ? ys[0]! : `(${ys.join(' AND ')})`;
};
export const not = (x: string): string => (x === TRUE ? FALSE : x === FALSE ? TRUE : `(NOT ${x})`);

/**
 * "the first failure of a list of operands evaluated in order is N/A": operand j's own N/A, every operand
 * before it computed (not NULL). `na[j]` is the operand's N/A condition, `ok[j]` SQL saying it computed.
 */
export function firstFailureNa(na: readonly string[], ok: readonly string[]): string {
  const arms: string[] = [];
  for (let j = 0; j < na.length; j++) {
    if (na[j] === FALSE) continue;
    arms.push(and(...ok.slice(0, j), na[j]!));
  }
  return or(...arms);
}

export interface NaWeightsOut {
  /** the effective weight of each indicator in this row (SPEC §6 re-weighting) */
  weight: Q[];
  /** some optional indicator is N/A in this row */
  anyNa: string;
  /** KPI0907: nothing applies at plan level */
  none: string;
}

/**
 * The weights that remain when optional indicators drop out (exact.ts: Σ local of the scope ÷ Σ local of what
 * applies there, multiplied along the path). Per scope p (the plan, each group) the locals are integers over a
 * common denominator: T_p = Σ all of them, S_p = Σ those that apply (an indicator that is not N/A, a group with
 * something applying under it). The weight of an indicator is then (Π locals on its path) × Π T_p / Π S_p over
 * the scopes on its path, which is its constant weight when nothing is N/A (S_p = T_p). S_p = 0 (a scope with
 * nothing left) divides nothing: what lies under it is N/A and weighs 0 either way.
 *
 * `na[x]` names the condition "indicator x is N/A" (a column of an earlier layer); `layer()` opens the next
 * layer: the S of the deepest groups come first, the plan's last.
 */
export function naWeights(P: LPlan, A: Algebra, na: readonly string[], layer: () => [string, string][]): NaWeightsOut {
  const G = P.groups.length;
  // scope index: 0 = plan, g + 1 = group g
  const scopeLocals: { kind: 'ind' | 'group'; i: number; local: Q }[][] = Array.from({ length: G + 1 }, () => []);
  P.inds.forEach((ind, x) => scopeLocals[ind.parent + 1]!.push({ kind: 'ind', i: x, local: A.dec(ind.local) }));
  P.groups.forEach((g, gi) => scopeLocals[g.parent + 1]!.push({ kind: 'group', i: gi, local: A.dec(g.local) }));
  const depth = (g: number): number => (g < 0 ? 0 : 1 + depth(P.groups[g]!.parent));
  const T: bigint[] = [];
  const L: bigint[] = [];
  scopeLocals.forEach((xs, p) => {
    const l = xs.reduce((acc, x) => (acc * x.local.k) / gcd(acc, x.local.k), 1n);
    L[p] = l;
    T[p] = xs.reduce((acc, x) => acc + (x.local.n.c! * l) / x.local.k, 0n);
  });
  /** S'_p: S_p, or 1 where it is 0 (a column), and whether the scope has something applying */
  const sPos: I[] = [];
  const live: string[] = [];
  const byDepth = [...Array(G).keys()].sort((a, b) => depth(b) - depth(a));
  const emit = (p: number, l: [string, string][]) => {
    const terms = scopeLocals[p]!.map((x) => {
      const a = (x.local.n.c! * L[p]!) / x.local.k;
      const applies = x.kind === 'ind' ? not(na[x.i]!) : live[x.i + 1]!;
      return A.caseI([[applies, A.lit(a)]], A.lit(0n));
    });
    const S = terms.reduce((acc, t) => A.iadd(acc, t), A.lit(0n));
    l.push([`k_ls${p}`, S.s]);
    live[p] = `(k_ls${p} <> 0)`;
  };
  let lastDepth = -1;
  let l: [string, string][] = [];
  for (const g of byDepth) {
    if (depth(g) !== lastDepth) {
      l = layer();
      lastDepth = depth(g);
    }
    emit(g + 1, l);
  }
  emit(0, layer());
  const lr = layer();
  for (let p = 0; p <= G; p++) {
    lr.push([`k_lsr${p}`, `(CASE WHEN k_ls${p} = 0 THEN ${A.D.int(1n)} ELSE k_ls${p} END)`]);
    sPos[p] = A.col(`k_lsr${p}`, T[p]! > 0n ? T[p]! : 1n);
  }

  const anyNa = or(...na);
  const weight = P.inds.map((ind) => {
    // the scopes on the path: the plan, then each enclosing group
    const scopes = [0];
    for (let g = ind.parent; g >= 0; g = P.groups[g]!.parent) scopes.push(g + 1);
    let c = A.q(1n, 1n);
    for (let g = ind.parent; g >= 0; g = P.groups[g]!.parent) c = A.mul(c, A.dec(P.groups[g]!.local));
    c = A.mul(c, A.dec(ind.local));
    const constant = A.dec(ind.weight);
    if (A.cmp(c, '<>', constant) !== FALSE) throw new Error(`lowered weight of ${ind.name} is not the product of its path`);
    let num = c;
    let den: I = A.lit(1n);
    for (const p of scopes) {
      num = A.mul(num, A.q(T[p]!, 1n));
      den = A.imul(den, sPos[p]!);
    }
    if (den.c !== undefined) return constant;
    // Π T / Π S' ≤ Π T; the weight itself is at most the constant times that
    return A.mul(num, A.mk(A.lit(1n), 1n, den, 0n, 1n));
  });
  return { weight, anyNa, none: and(anyNa, `(k_ls0 = 0)`) };
}
