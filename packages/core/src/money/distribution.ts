/**
 * Forced distribution (强制分布), SPEC §7: seats per grade by largest remainder (equal remainders → the
 * better grade), people ranked by total, cumulative cut-offs, equal totals sharing the grade of the
 * best-ranked of them (the overflow is reported and later grades shrink), vetoed people in the lowest grade.
 */
import { Rational } from '../numbers/rational.js';

/** seats per grade for `n` people: floor(n × share), then one more seat per largest remainder; ties → better grade */
export function seatsOf(n: number, shares: readonly Rational[]): number[] {
  const N = Rational.fromInt(n);
  const exact = shares.map((s) => N.mul(s));
  const seats = exact.map((x) => Number(x.floor()));
  let left = n - seats.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x.sub(Rational.of(x.floor())) }))
    // larger remainder first; equal remainders: the better grade (earlier index) first
    .sort((a, b) => b.rem.cmp(a.rem) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    seats[i]!++;
    left--;
  }
  // shares under 100% (a plan error the checker reports) leave seats: they go to the last grade
  if (left > 0 && seats.length) seats[seats.length - 1]! += left;
  return seats;
}

export interface Ranked {
  /** index of the person in the caller's list */
  index: number;
  total: Rational;
  vetoed: boolean;
}

export interface Placement {
  index: number;
  /** 0-based position in the ranking (best first) */
  rank: number;
  /** grade index in the distribution's order (best first) */
  grade: number;
  /** took a grade past its cut-off because of an equal total with a better-ranked person */
  overflow: boolean;
}

export interface DistributionOutcome {
  seats: number[];
  /** people per grade after placement */
  placed: number[];
  placements: Placement[];
}

export function distribute(people: readonly Ranked[], shares: readonly Rational[]): DistributionOutcome {
  const n = people.length;
  const seats = seatsOf(n, shares);
  const cut: number[] = [];
  seats.reduce((acc, s, k) => (cut[k] = acc + s), 0);
  const last = shares.length - 1;
  // best first; vetoed people last (they take the lowest grade); equal totals keep file order
  const ranked = [...people].sort((a, b) => Number(a.vetoed) - Number(b.vetoed) || b.total.cmp(a.total) || a.index - b.index);
  const placements: Placement[] = [];
  const placed = shares.map(() => 0);
  let prev: { total: Rational; grade: number } | undefined;
  ranked.forEach((p, rank) => {
    let grade: number;
    let overflow = false;
    if (p.vetoed) grade = last;
    else {
      grade = cut.findIndex((c) => rank < c);
      if (grade < 0) grade = last;
      if (prev && prev.total.eq(p.total) && prev.grade < grade) {
        grade = prev.grade;
        overflow = true;
      }
      prev = { total: p.total, grade };
    }
    placed[grade]!++;
    placements.push({ index: p.index, rank, grade, overflow });
  });
  return { seats, placed, placements };
}
