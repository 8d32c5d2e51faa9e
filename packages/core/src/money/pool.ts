/**
 * Pool split (奖金池): each share = pool × own coefficient ÷ the group's sum, in cents; the cents left
 * after flooring go one each to the largest remainders. Tie rule (documented in LANGUAGE.md): equal
 * remainders → the larger coefficient first, then the earlier row of the data file.
 */
import { Rational } from '../numbers/rational.js';

/** shares in cents (bigint) of `poolCents` over `coefficients`; undefined when every coefficient is 0 */
export function splitPool(poolCents: bigint, coefficients: readonly Rational[]): bigint[] | undefined {
  const sum = coefficients.reduce((a, c) => a.add(c), Rational.ZERO);
  if (sum.isZero()) return poolCents === 0n ? coefficients.map(() => 0n) : undefined;
  const P = Rational.of(poolCents);
  const exact = coefficients.map((c) => P.mul(c).div(sum));
  const shares = exact.map((x) => x.floor());
  let left = poolCents - shares.reduce((a, b) => a + b, 0n);
  const order = exact
    .map((x, i) => ({ i, rem: x.sub(Rational.of(x.floor())), c: coefficients[i]! }))
    .sort((a, b) => b.rem.cmp(a.rem) || b.c.cmp(a.c) || a.i - b.i);
  // negative pools (a clawback) floor downwards: the leftover is then positive cents to hand back up
  for (const { i } of order) {
    if (left <= 0n) break;
    shares[i]! += 1n;
    left -= 1n;
  }
  return shares;
}

export const toCents = (x: Rational): bigint => x.round(2).mul(Rational.HUNDRED).floor();
export const fromCents = (c: bigint): Rational => Rational.of(c, 100n);
