/**
 * How the SPEC §7 modules (periods.ts, money.ts) extend the per-row query of generate.ts without living in
 * it: extra text read from each row, a GROUP BY after the cells are read (one row per person), scores
 * rounded before the total (as money/cycles.ts combines periods), internal values on the output for the
 * wrapping money query, and that wrapping query itself.
 */
import type { Dialect } from './dialect.js';
import type { Algebra, I, Q } from './rational.js';
import type { SqlQuery } from './generate.js';

export interface ReadContext {
  A: Algebra;
  D: Dialect;
  /** a new layer on top of the query so far */
  layer(): [string, string][];
  /** wrap the query so far (a GROUP BY) providing the columns `provides` */
  wrap(f: (sql: string) => string, provides: string[]): void;
  /** the error conditions so far, in report order: [condition, message expression]; may be replaced */
  errors: [string, string][];
  /** the value of each input slot; may be replaced (aggregated periods) */
  slotQ: Q[];
  /** a catalogue message as an SQL text expression (`{ sql }` arguments are SQL) */
  msg(id: string, args: Record<string, unknown>): string;
}

export interface GeneratorHooks {
  /** the rows' order when no `orderBy` column is given */
  rowOrder: string;
  /** [alias, expression] of the first layer: raw text the hooks read (period, group columns) */
  readText(): [string, string][];
  /** after the cells are read and checked */
  afterRead(ctx: ReadContext): void;
  /** total = Σ rounded score × weight + rounded bonus (periods, as money/cycles.ts) */
  roundedScores: boolean;
  /** internal output columns for the wrapping query: [alias, expression] */
  output(v: { total: I; bonus: I; vetoed: string }): [string, string][];
  /** the wrapping query */
  finish(q: SqlQuery, valueDigits: number): SqlQuery;
}
