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

export interface LIndicator {
  name: string;
  path: string[];
  /** effective weight (product along the path), exact decimal fraction */
  weight: string;
  method: 'linear' | 'reverse' | 'threshold' | 'bands' | 'curve' | 'deduct' | 'rating';
  /** actual (linear…curve), count (deduct), mark (rating without raters); absent for rating with raters */
  src?: LSrc;
  raters?: LRater[];
  target?: string;
  targetPercent: boolean;
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
  vetoes: LVeto[];
  grades: LGrade[];
}

/** "ratio" is computed (and reported) for these */
export function usesRatio(ind: LIndicator): boolean {
  return ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio');
}

/** ratio is target/actual (lower is better) */
export function ratioIsInverse(ind: LIndicator): boolean {
  return ind.method === 'reverse' || ind.lower;
}
