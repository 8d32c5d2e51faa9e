/** An explanation of one row's score, as data: built by the evaluators (compile/), rendered in words by run/explain.ts. */
export interface ExplainedIndicator {
  name: string;
  path: string[];
  method: 'linear' | 'reverse' | 'threshold' | 'bands' | 'curve' | 'deduct' | 'rating';
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
  vetoes: { name: string; triggered: boolean }[];
  vetoed: boolean;
  total: number;
  grade?: string;
  coefficient?: number;
}
