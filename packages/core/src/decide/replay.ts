/**
 * A team replayed on two plan versions: each person's old and new total, grade and coefficient,
 * sorted by impact, and a summary (up/down/unchanged, grade transition matrix, distribution before
 * and after). Results come from the same exact scorer `kpi score` uses; this module only compares.
 */
import type { RowResult } from '../model/results.js';
import { Rational } from '../numbers/rational.js';

export interface PersonDelta {
  id: string;
  old: { total: number; grade?: string; coefficient?: number };
  new: { total: number; grade?: string; coefficient?: number };
  /** new − old total, exact decimal text */
  delta: string;
}

export interface ReplaySummary {
  people: number;
  up: number;
  down: number;
  unchanged: number;
  /** Σ new − Σ old totals */
  totalDelta: string;
  /** matrix[oldGrade][newGrade] = count; labels in plan order (old, then any only in new) */
  grades: string[];
  transitions: Record<string, Record<string, number>>;
  before: Record<string, number>;
  after: Record<string, number>;
  /** Σ coefficients before and after (the pay bill moves with it when pay = base × coefficient) */
  coefficientSum: { before: string; after: string };
}

export interface Replay {
  people: PersonDelta[];
  summary: ReplaySummary;
}

const pick = (r: RowResult) => ({ total: r.total, ...(r.grade !== undefined ? { grade: r.grade } : {}), ...(r.coefficient !== undefined ? { coefficient: r.coefficient } : {}) });

export function replay(rows: { id: string; old: RowResult; new: RowResult }[], oldGrades: string[], newGrades: string[]): Replay {
  const q = (x: number) => Rational.fromNumber(x);
  const people: PersonDelta[] = rows.map((r) => ({ id: r.id, old: pick(r.old), new: pick(r.new), delta: q(r.new.total).sub(q(r.old.total)).toDecimalString(12) }));
  // by impact: largest move first (either way), then grade changes, then id for a stable order
  const gradeMoved = (p: PersonDelta) => (p.old.grade !== p.new.grade ? 1 : 0);
  people.sort((a, b) => {
    const d = Rational.parse(b.delta)!.abs().cmp(Rational.parse(a.delta)!.abs());
    if (d !== 0) return d;
    if (gradeMoved(a) !== gradeMoved(b)) return gradeMoved(b) - gradeMoved(a);
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const grades = [...oldGrades, ...newGrades.filter((g) => !oldGrades.includes(g))];
  const zero = () => Object.fromEntries(grades.map((g) => [g, 0])) as Record<string, number>;
  const transitions: Record<string, Record<string, number>> = Object.fromEntries(grades.map((g) => [g, zero()]));
  const before = zero();
  const after = zero();
  let up = 0;
  let down = 0;
  let sumOld = Rational.ZERO;
  let sumNew = Rational.ZERO;
  let cOld = Rational.ZERO;
  let cNew = Rational.ZERO;
  for (const p of people) {
    const d = Rational.parse(p.delta)!;
    if (d.gt(Rational.ZERO)) up++;
    else if (d.lt(Rational.ZERO)) down++;
    sumOld = sumOld.add(q(p.old.total));
    sumNew = sumNew.add(q(p.new.total));
    if (p.old.coefficient !== undefined) cOld = cOld.add(q(p.old.coefficient));
    if (p.new.coefficient !== undefined) cNew = cNew.add(q(p.new.coefficient));
    if (p.old.grade !== undefined) before[p.old.grade] = (before[p.old.grade] ?? 0) + 1;
    if (p.new.grade !== undefined) after[p.new.grade] = (after[p.new.grade] ?? 0) + 1;
    if (p.old.grade !== undefined && p.new.grade !== undefined) {
      const row = (transitions[p.old.grade] ??= zero());
      row[p.new.grade] = (row[p.new.grade] ?? 0) + 1;
    }
  }
  return {
    people,
    summary: {
      people: people.length,
      up,
      down,
      unchanged: people.length - up - down,
      totalDelta: sumNew.sub(sumOld).toDecimalString(12),
      grades,
      transitions,
      before,
      after,
      coefficientSum: { before: cOld.toDecimalString(12), after: cNew.toDecimalString(12) },
    },
  };
}
