/** An explanation of one row's score, as data: built by the evaluators (compile/), rendered in words by run/explain.ts. */
export interface ExplainedIndicator {
  name: string;
  path: string[];
  method: 'linear' | 'reverse' | 'threshold' | 'bands' | 'curve' | 'deduct' | 'steps' | 'rating';
  /** N/A in this row (optional indicator): no score, its weight went to its siblings */
  na?: boolean;
  /** some sibling was N/A in this row: `weight` is the re-shared effective weight */
  reweighted?: boolean;
  on: 'actual' | 'ratio';
  lower: boolean;
  /** the value scored (count for deduct, mark for rating) */
  actual: number;
  /** show actual (and target) as percents: the target was written as a percent or the unit is `%` */
  actualPercent: boolean;
  /** the actual was missing and the indicator's `default` was used */
  defaulted: boolean;
  unit?: string;
  target?: number;
  /** `target LO..HI`: the high end */
  targetHigh?: number;
  /** the column or metric the person's own target was read from */
  targetFrom?: string;
  targetPercent: boolean;
  ratio?: number;
  cap?: number;
  capApplied: boolean;
  floor?: number;
  floorApplied: boolean;
  /** bands: the row taken (index −1 = the `else` row) */
  band?: { index: number; op?: string; bound?: number; score: number };
  /** curve: the segment interpolated, or the flat end */
  segment?: { from: { x: number; y: number }; to: { x: number; y: number } } | { end: 'below' | 'above'; x: number; y: number };
  deduct?: { count: number; per: number; points: number; steps: number; deduction: number; max?: number; capped: boolean };
  /** steps from the target: each clause taken (gap = distance in the clause's measure; share: of the target) */
  steps?: {
    kind: 'deduct' | 'add';
    side: 'below' | 'above';
    gap: number;
    share: boolean;
    per: number;
    points: number;
    units: number;
    rounding: 'proportional' | 'whole' | 'started';
    value: number;
    max?: number;
    capped: boolean;
  }[];
  rating?: { lo: number; hi: number; mark: number; raters?: { name: string; weight: number; mark: number | null }[] };
  score: number;
  /** effective weight as a fraction */
  weight: number;
  weighted: number;
}

export interface Explanation {
  plan: string;
  round: number;
  indicators: ExplainedIndicator[];
  /** per group: effective weight, score on the 0–100 scale (Σ weighted / weight) and contribution */
  groups: { name: string; path: string[]; weight: number; score: number; weighted: number }[];
  /** Σ weighted scores before bonus and veto */
  subtotal: number;
  bonuses: { name: string; count: number; points: number; per: number; steps: number; value: number; max?: number; capped: boolean }[];
  bonus: number;
  /** penalty items (present only when the plan has some), their sum, and whether the total stopped at 0 */
  penalties?: { name: string; count: number; points: number; per: number; steps: number; value: number; max?: number; capped: boolean }[];
  penalty?: number;
  floored?: boolean;
  vetoes: { name: string; triggered: boolean }[];
  vetoed: boolean;
  total: number;
  grade?: string;
  coefficient?: number;
}
