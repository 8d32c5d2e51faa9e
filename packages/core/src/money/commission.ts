/**
 * Commission tiers (提成): 超额累进 `marginal` (each slice of the amount at its own tier's rate) and
 * 全额累进 `whole` (the whole amount at the rate of the tier it falls in). Exact rationals throughout.
 */
import { Rational } from '../numbers/rational.js';
import { dec } from '../numbers/decimal.js';
import type { Commission } from '../ir/schema.js';

export interface LTier {
  op?: '<=' | '<';
  /** absent on the `else` tier */
  bound?: Rational;
  rate: Rational;
}

export interface CommissionSlice {
  /** the slice's lower and upper end (undefined = unbounded) */
  from?: Rational;
  to?: Rational;
  rate: Rational;
  /** the part of the amount inside the slice (marginal), or the whole amount (whole) */
  base: Rational;
  value: Rational;
}

export interface CommissionResult {
  amount: Rational;
  mode: 'marginal' | 'whole';
  slices: CommissionSlice[];
  value: Rational;
}

export function tiersOf(c: Commission): LTier[] {
  return c.tiers.map((t) => ({
    ...(t.op ? { op: t.op } : {}),
    ...(t.bound ? { bound: dec.toRational(t.bound.value) } : {}),
    rate: dec.toRational(t.rate.value),
  }));
}

/** the tier an amount falls in: the first whose bound holds (`<=` or `<`), else the `else` tier (or the last) */
export function tierIndex(tiers: readonly LTier[], amount: Rational): number {
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i]!;
    if (!t.bound) return i;
    if (t.op === '<' ? amount.lt(t.bound) : amount.le(t.bound)) return i;
  }
  return tiers.length - 1;
}

export function commissionOf(tiers: readonly LTier[], mode: 'marginal' | 'whole', amount: Rational): CommissionResult {
  if (tiers.length === 0) return { amount, mode, slices: [], value: Rational.ZERO };
  if (mode === 'whole') {
    const i = tierIndex(tiers, amount);
    const t = tiers[i]!;
    const from = i > 0 ? tiers[i - 1]!.bound : undefined;
    const value = amount.mul(t.rate);
    return { amount, mode, slices: [{ ...(from ? { from } : {}), ...(t.bound ? { to: t.bound } : {}), rate: t.rate, base: amount, value }], value };
  }
  // marginal: the slice (prev, bound] of the amount at the tier's rate; `<` and `<=` give the same sum
  const slices: CommissionSlice[] = [];
  let value = Rational.ZERO;
  let prev: Rational | undefined;
  for (const t of tiers) {
    const lo = prev;
    const top = t.bound === undefined ? amount : Rational.min(amount, t.bound);
    const base = lo === undefined ? top : Rational.max(Rational.ZERO, top.sub(lo));
    if (lo === undefined || amount.gt(lo)) {
      const v = base.mul(t.rate);
      slices.push({ ...(lo ? { from: lo } : {}), ...(t.bound ? { to: t.bound } : {}), rate: t.rate, base, value: v });
      value = value.add(v);
    }
    if (t.bound === undefined || amount.le(t.bound)) break;
    prev = t.bound;
  }
  return { amount, mode, slices, value };
}

/** `whole` cliffs: at each bound, what the amount on each side of it pays (a step of one cent) */
export function wholeCliffs(tiers: readonly LTier[]): { index: number; below: Rational; above: Rational; payBelow: Rational; payAbove: Rational; jump: Rational }[] {
  const cent = Rational.of(1n, 100n);
  const out = [];
  for (let i = 0; i + 1 < tiers.length; i++) {
    const t = tiers[i]!;
    const next = tiers[i + 1]!;
    if (!t.bound) continue;
    // `<= B`: B is in tier i, B + 0.01 in tier i+1; `< B`: B − 0.01 in tier i, B in tier i+1
    const below = t.op === '<' ? t.bound.sub(cent) : t.bound;
    const above = t.op === '<' ? t.bound : t.bound.add(cent);
    const payBelow = below.mul(t.rate);
    const payAbove = above.mul(next.rate);
    const jump = payAbove.sub(payBelow);
    if (!t.rate.eq(next.rate)) out.push({ index: i, below, above, payBelow, payAbove, jump });
  }
  return out;
}
