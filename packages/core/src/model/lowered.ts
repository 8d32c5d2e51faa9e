/**
 * The lowered plan: plain JSON data that both evaluators run on (the exact one in compile/exact.ts and the
 * generated float code). Every name is resolved to an input slot or a metric index here; numbers stay
 * exact decimal strings. It is also embedded verbatim (as JSON data) in modules written by emitModule.
 */
import type { InputColumn } from './results.js';

/** where a value comes from: an input slot (data column) or a metric */
export type LSrc = { k: 'slot'; i: number } | { k: 'metric'; i: number };

export type LExpr =
  | { k: 'num'; v: string }
  | { k: 'src'; s: LSrc }
  | { k: 'neg' | 'not' | 'abs'; a: LExpr }
  | { k: '+' | '-' | '*' | '/' | '>' | '>=' | '<' | '<=' | '==' | '!=' | 'and' | 'or'; a: LExpr; b: LExpr }
  | { k: 'min' | 'max'; args: LExpr[] };

export interface LMetric {
  name: string;
  expr: LExpr;
  default?: string;
}

export interface LRater {
  name: string;
  /** exact decimal fraction */
  weight: string;
  slot: number;
}

export interface LBandRow {
  op: '>=' | '>' | '<=' | '<';
  bound: string;
  score: string;
}

/** one clause of a `steps` method: points per step of distance from the target */
export interface LStep {
  points: string;
  /** the step as an exact fraction (`1%` → 0.01) */
  per: string;
  side: 'below' | 'above';
  max?: string;
  rounding: 'proportional' | 'whole' | 'started';
}

export interface LIndicator {
  name: string;
  path: string[];
  /** effective weight (product along the path), exact decimal fraction */
  weight: string;
  /** the weight written on the indicator (its share of its scope), for N/A re-weighting */
  local: string;
  /** index into LPlan.groups of the enclosing group, −1 at plan level */
  parent: number;
  method: 'linear' | 'reverse' | 'threshold' | 'bands' | 'curve' | 'deduct' | 'steps' | 'rating';
  /** actual (linear…curve), count (deduct), mark (rating without raters); absent for rating with raters */
  src?: LSrc;
  raters?: LRater[];
  target?: string;
  /** per-person target: read from this column or metric in each row (then `target` is absent) */
  targetSrc?: LSrc;
  /** `target LO..HI`: the high end (`target` is the low end) */
  targetHigh?: string;
  targetPercent: boolean;
  /** `optional` (or inside an optional group): an N/A cell removes it for the row */
  optional?: boolean;
  /** steps: the clauses, and what a step measures: `share` = a fraction of the target (a `%` step on an
   * amount: 完成率每低1%), `abs` = units of the actual (percentage points of a percent, 秒, 次) */
  stepDeduct?: LStep;
  stepAdd?: LStep;
  stepMeasure?: 'abs' | 'share';
  /** cap as a fraction (default 1) */
  cap: string;
  floor?: string;
  lower: boolean;
  /** bands and curve: what the table reads */
  on: 'actual' | 'ratio';
  rows?: LBandRow[];
  else?: string;
  points?: { x: string; y: string }[];
  /** deduct */
  dpoints?: string;
  per?: string;
  max?: string;
  /** rating */
  lo?: string;
  hi?: string;
  default?: string;
  unit?: string;
}

export interface LBonus {
  name: string;
  /** present only on penalties, which subtract */
  penalty?: true;
  src: LSrc;
  points: string;
  per: string;
  max?: string;
  default?: string;
}

export interface LVeto {
  name: string;
  expr: LExpr;
}

export interface LGrade {
  label: string;
  min?: string;
  coefficient?: string;
}

export interface LGroup {
  name: string;
  path: string[];
  weight: string;
  /** the weight written on the group (its share of its scope) */
  local: string;
  /** enclosing group index, −1 at plan level */
  parent: number;
  /** indices into inds of every indicator under it (any depth) */
  inds: number[];
}

export interface LPlan {
  name: string;
  /** decimals of the reported total */
  round: number;
  inputs: InputColumn[];
  /** only the metrics something reads, in dependency order (a metric's refs come before it) */
  metrics: LMetric[];
  inds: LIndicator[];
  groups: LGroup[];
  bonuses: LBonus[];
  /** `penalty` items: points taken off after weighting (扣分项) */
  penalties: LBonus[];
  /** the total may go below 0 (`allow negative total`); otherwise penalties stop at 0 */
  negativeTotal: boolean;
  /** some indicator may be not applicable in a row (N/A re-weighting, run/exact.ts) */
  hasOptional: boolean;
  /** the plan has SPEC §7 items (pay, commission, pool, distribution, periods), computed over the whole table by
   * money/: present so that per-row consumers that cannot honour them (the SQL target, solve) refuse the plan */
  money?: true;
  vetoes: LVeto[];
  grades: LGrade[];
}

/** "ratio" is computed (and reported) for these */
/** the target divides (ratio, or a `%` step measured as a share of the target) */
export function targetDivides(ind: LIndicator): boolean {
  return usesRatio(ind) || (ind.method === 'steps' && ind.stepMeasure === 'share');
}

export function usesRatio(ind: LIndicator): boolean {
  return ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio');
}

/** ratio is target/actual (lower is better) */
export function ratioIsInverse(ind: LIndicator): boolean {
  return ind.method === 'reverse' || ind.lower;
}
