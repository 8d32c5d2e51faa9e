/**
 * A scored row as numbers in a reusable Float64Array instead of a RowResult object graph: what
 * `CompiledPlan.scoreInto` writes and the batch writers format from (issue 14). Names, paths, grade
 * labels and veto names are per plan, not per row: they stay in the plan's side table.
 *
 * Layout, for V vetoes and K indicators (NaN = absent):
 *   [0] total  [1] grade index (-1 = none)  [2] coefficient  [3] bonus  [4] penalty (NaN: the plan has none)
 *   [5 … 5+V)  1 when that veto is triggered, else 0
 *   then per indicator k, at 5 + V + 6k: actual, ratio, score, weight, weighted, N/A (1 when the indicator
 *   is `optional` and its cell said 不适用: it then has no score in the report, SPEC §6)
 * Money (SPEC §7: pay, commission, pool, distribution, periods) is not in it: such plans need every row
 * before anything is written and take the general path (cli score-money.ts).
 */
import type { RowResult } from '../model/results.js';

export const OUT_TOTAL = 0;
export const OUT_GRADE = 1;
export const OUT_COEFFICIENT = 2;
export const OUT_BONUS = 3;
export const OUT_PENALTY = 4;
export const OUT_VETOES = 5;
/** fields of an indicator's five slots */
export const IND_ACTUAL = 0;
export const IND_RATIO = 1;
export const IND_SCORE = 2;
export const IND_WEIGHT = 3;
export const IND_WEIGHTED = 4;
export const IND_NA = 5;
export const IND_SLOTS = 6;

export interface ResultLayout {
  /** length of the array one row needs */
  size: number;
  /** offset of indicator k's slots */
  indicator(k: number): number;
  /** grade labels in plan order (the grade index points here) */
  grades: readonly string[];
  vetoes: readonly string[];
  /** the plan has `penalty` items: results carry `penalty` */
  hasPenalty: boolean;
  /** indicator names and group paths, in result order */
  names: readonly string[];
  paths: readonly (readonly string[])[];
}

export function resultLayout(plan: { grades: readonly string[]; vetoes: readonly string[]; hasPenalty: boolean; names: readonly string[]; paths: readonly (readonly string[])[] }): ResultLayout {
  const base = OUT_VETOES + plan.vetoes.length;
  return {
    size: base + IND_SLOTS * plan.names.length,
    indicator: (k) => base + IND_SLOTS * k,
    grades: plan.grades,
    vetoes: plan.vetoes,
    hasPenalty: plan.hasPenalty,
    names: plan.names,
    paths: plan.paths,
  };
}

/** a RowResult (the exact evaluator's, for the rare rows the fast path leaves to it) into the layout */
export function resultInto(r: RowResult, L: ResultLayout, out: Float64Array): void {
  out[OUT_TOTAL] = r.total;
  out[OUT_GRADE] = r.grade === undefined ? -1 : L.grades.indexOf(r.grade);
  out[OUT_COEFFICIENT] = r.coefficient ?? NaN;
  out[OUT_BONUS] = r.bonus;
  out[OUT_PENALTY] = r.penalty ?? NaN;
  // vetoes are listed in plan order: flag each name's next veto
  let from = 0;
  for (let i = 0; i < L.vetoes.length; i++) out[OUT_VETOES + i] = 0;
  for (const name of r.vetoes) {
    const i = L.vetoes.indexOf(name, from);
    if (i >= 0) {
      out[OUT_VETOES + i] = 1;
      from = i + 1;
    }
  }
  for (let k = 0; k < r.indicators.length; k++) {
    const ind = r.indicators[k]!;
    const b = L.indicator(k);
    out[b + IND_ACTUAL] = ind.actual ?? NaN;
    out[b + IND_RATIO] = ind.ratio ?? NaN;
    out[b + IND_SCORE] = ind.score;
    out[b + IND_WEIGHT] = ind.weight;
    out[b + IND_WEIGHTED] = ind.weighted;
    out[b + IND_NA] = ind.na === true ? 1 : 0;
  }
}

/** the layout back into a RowResult (tests, and writers that take objects) */
export function resultFrom(L: ResultLayout, out: ArrayLike<number>): RowResult {
  const g = out[OUT_GRADE]!;
  const vetoes: string[] = [];
  for (let i = 0; i < L.vetoes.length; i++) if (out[OUT_VETOES + i] === 1) vetoes.push(L.vetoes[i]!);
  const indicators = L.names.map((name, k) => {
    const b = L.indicator(k);
    const ratio = out[b + IND_RATIO]!;
    const actual = out[b + IND_ACTUAL]!;
    return {
      name,
      path: L.paths[k] as string[],
      actual: Number.isNaN(actual) ? null : actual,
      ...(out[b + IND_NA] === 1 ? { na: true as const } : {}),
      ...(Number.isNaN(ratio) ? {} : { ratio }),
      score: out[b + IND_SCORE]!,
      weight: out[b + IND_WEIGHT]!,
      weighted: out[b + IND_WEIGHTED]!,
    };
  });
  // key order as the engine builds it: total, grade, coefficient, bonus, penalty, vetoes, indicators
  const c = out[OUT_COEFFICIENT]!;
  return {
    total: out[OUT_TOTAL]!,
    ...(g >= 0 ? { grade: L.grades[g]! } : {}),
    ...(g >= 0 && !Number.isNaN(c) ? { coefficient: c } : {}),
    bonus: out[OUT_BONUS]!,
    ...(L.hasPenalty ? { penalty: out[OUT_PENALTY]! } : {}),
    vetoes,
    indicators,
  };
}
