/**
 * The scoring engine's public contract, shared by the CLI, the playground and tests.
 * Numbers in results are display-ready: exact values rounded half-up (total to the plan's `round`
 * decimals, default 2; ratio/score/weighted to `round + 2`, ratio as a fraction to `round + 4`),
 * returned as JS numbers whose shortest text is that decimal — no float noise.
 */

/** One input slot the compiled plan reads from a data row. */
export interface InputColumn {
  /** column name in the data file: `销售额达成`, `执行力.manager`, `准时交付订单数` */
  column: string;
  /** why the plan reads it */
  role: 'actual' | 'target' | 'rater' | 'count' | 'metric-input' | 'veto-input' | 'bonus-input' | 'penalty-input';
  /** true when every reader has a `default` (a blank cell is then not an error) */
  optional: boolean;
  /** the plan element(s) that read it, for messages */
  readers: string[];
  /** an N/A cell (不适用) is allowed: some reader is `optional` (it then drops out of the row) */
  na?: boolean;
}

export interface IndicatorResult {
  name: string;
  /** group names from the plan down to the indicator's parent */
  path: string[];
  /** the value scored (data column or metric), null for rating/deduct when not applicable */
  actual: number | null;
  /** the cell said N/A (不适用) and the indicator is `optional`: it scores nothing and weighs 0 in this row */
  na?: true;
  /** actual/target or target/actual, when the method uses one */
  ratio?: number;
  score: number;
  /** effective weight: product of weights along the path, as a fraction (0.385) */
  weight: number;
  weighted: number;
}

export interface RowResult {
  total: number;
  grade?: string;
  coefficient?: number;
  bonus: number;
  /** points taken off by `penalty` items (present only when the plan has some) */
  penalty?: number;
  /** names of triggered vetoes, empty when none */
  vetoes: string[];
  indicators: IndicatorResult[];
}

/** A per-row evaluation error (missing input, division by zero, rating out of range). Codes KPI09xx. */
export interface RowError {
  code: string;
  message: string;
  /** how to fix it */
  help?: string;
  column?: string;
  value?: string;
  /** the plan element being evaluated */
  element?: string;
  /** what the message is made of besides column and value (metric, rating scale), to render it in another language */
  parts?: { element?: string; metric?: string; detail?: string; digits?: string };
}

export type RowOutcome = { ok: true; result: RowResult } | { ok: false; errors: RowError[] };

/** SPEC §7: what money and the forced distribution add to a row (present only when the plan has them) */
export interface RowMoney {
  /** the grade the total earns, before the distribution (`grade` on the row is the final grade) */
  scoreGrade?: string;
  /** the distribution group and rank (1 = best) */
  group?: string;
  rank?: number;
  /** commission, pool and pay results by name, to the cent */
  items: { name: string; kind: 'commission' | 'pool' | 'pay'; value: number }[];
  /** periods combined into this row (with `--period` / `period`) */
  periods?: string[];
}

export interface RowResultWithMoney extends RowResult {
  money?: RowMoney;
}
