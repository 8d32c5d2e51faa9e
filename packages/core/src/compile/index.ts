/**
 * compilePlan: IR → a specialised float64 scoring function that is exact by construction (fragile rows
 * fall back to the exact evaluator), and explain(): a second, traced variant of the generated code that
 * also builds the explanation tree (generated on the first explain() call, so scoring never pays for it),
 * with the exact evaluator, traced, for fragile rows.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { Plan } from '../ir/schema.js';
import { makeExact, type ExactEvaluator } from './exact.js';
import type { Explanation } from '../model/explanation.js';
import type { InputColumn, RowError, RowOutcome } from '../model/results.js';
import { resultInto, resultLayout, type ResultLayout } from '../run/layout.js';
import { generate, type Generated } from './codegen.js';
import type { LPlan } from '../model/lowered.js';
import { lowerPlan } from './lower.js';

export interface CompiledPlan {
  plan: Plan;
  lowered: LPlan;
  /** the columns read, in slot order: `values[i]` is `inputs[i].column`'s value (NaN = missing) */
  inputs: InputColumn[];
  /** slot of a column name, or undefined when the plan does not read it */
  slotOf(column: string): number | undefined;
  /** score one row; values aligned with `inputs`, NaN = missing */
  score(values: ArrayLike<number>): RowOutcome;
  /** score a row given as an object keyed by column name (absent, null or NaN = missing) */
  scoreRecord(row: Record<string, number | null | undefined>): RowOutcome;
  /**
   * score one row into `out` (a Float64Array of `layout.size`, see run/layout.ts) without building result
   * objects: null when scored, else the row's errors. Same numbers as score(): the generated `scoreInto`
   * (made on first use), with the exact evaluator for the rows it leaves.
   */
  scoreInto(values: ArrayLike<number>, out: Float64Array): RowError[] | null;
  /** where scoreInto puts each number, and the names that go with them */
  layout: ResultLayout;
  /** score many rows (each aligned with `inputs`) */
  scoreBatch(rows: ArrayLike<ArrayLike<number>>): RowOutcome[];
  /** the explanation tree of one row (traced generated code, or the exact evaluator traced); undefined when the row has errors */
  explain(values: ArrayLike<number>): { outcome: RowOutcome; explanation?: Explanation };
  /** how rows were scored so far (fast float path vs exact fallback), for benchmarks and tests */
  stats: { fast: number; exact: number };
  /** the same for scoreInto(): generated scoreInto vs the exact evaluator */
  intoStats: { fast: number; exact: number };
  /** the same for explain(): traced generated code vs the exact evaluator traced */
  traceStats: { fast: number; exact: number };
  /** true when the generated fast path is in use (false: every row uses the exact evaluator) */
  accelerated: boolean;
  /** why the fast path is off (a plan constant out of float range, no `Function` constructor, …) */
  fallbackReason?: string;
  /** generated source, for `kpi compile --target js` debugging and tests */
  source?: string;
}

type Fast = (v: ArrayLike<number>) => RowOutcome | null;
type FastInto = (v: ArrayLike<number>, out: Float64Array) => true | null;
type Traced = (v: ArrayLike<number>) => { outcome: RowOutcome; explanation: Explanation } | null;

/** build the fast function from generated code (names come in through the side table only) */
function instantiate<F = Fast>(g: Generated): F {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('T', g.body) as (t: Generated['table']) => F;
  return factory(g.table);
}

export function compilePlan(plan: Plan, options: { file?: string; fast?: boolean } = {}): { compiled?: CompiledPlan; diagnostics: Diagnostic[] } {
  const { lowered, diagnostics } = lowerPlan(plan, options.file);
  if (!lowered) return { diagnostics };
  const exact: ExactEvaluator = makeExact(lowered);
  let fast: Fast | undefined;
  let source: string | undefined;
  let fallbackReason: string | undefined;
  if (options.fast !== false) {
    try {
      const g = generate(lowered);
      source = g.body;
      fast = instantiate(g);
    } catch (err) {
      // a plan constant out of float range, or no Function constructor (strict CSP): exact path only
      fast = undefined;
      fallbackReason = err instanceof Error ? err.message : String(err);
    }
  }
  const stats = { fast: 0, exact: 0 };
  const traceStats = { fast: 0, exact: 0 };
  const intoStats = { fast: 0, exact: 0 };
  /** the traced variant: generated on first use; null when it cannot be (the exact evaluator explains) */
  let traced: Traced | null | undefined = fast ? undefined : null;
  const tracedFn = (): Traced | null => {
    if (traced === undefined) {
      try {
        traced = instantiate<Traced>(generate(lowered, { traced: true }));
      } catch {
        traced = null;
      }
    }
    return traced;
  };
  /** the generated scoreInto: made on first use; null when it cannot be (the exact evaluator scores) */
  let into: FastInto | null | undefined = fast ? undefined : null;
  const intoFn = (): FastInto | null => {
    if (into === undefined) {
      try {
        into = instantiate<FastInto>(generate(lowered, { into: true }));
      } catch {
        into = null;
      }
    }
    return into;
  };
  const layout = resultLayout({
    grades: lowered.grades.map((g) => g.label),
    vetoes: lowered.vetoes.map((v) => v.name),
    hasPenalty: (lowered.penalties ?? []).length > 0,
    names: lowered.inds.map((i) => i.name),
    paths: lowered.inds.map((i) => i.path),
  });
  const slots = new Map(lowered.inputs.map((c, i) => [c.column, i] as const));
  const score = fast
    ? (values: ArrayLike<number>): RowOutcome => {
        const r = fast!(values);
        if (r !== null) {
          stats.fast++;
          return r;
        }
        stats.exact++;
        return exact(values).outcome;
      }
    : (values: ArrayLike<number>): RowOutcome => {
        stats.exact++;
        return exact(values).outcome;
      };
  const compiled: CompiledPlan = {
    plan,
    lowered,
    inputs: lowered.inputs,
    slotOf: (c) => slots.get(c),
    score,
    scoreRecord(row) {
      const v = new Float64Array(lowered.inputs.length);
      for (let i = 0; i < v.length; i++) {
        const x = Object.prototype.hasOwnProperty.call(row, lowered.inputs[i]!.column) ? row[lowered.inputs[i]!.column] : undefined;
        v[i] = typeof x === 'number' ? x : NaN;
      }
      return score(v);
    },
    scoreInto(values, out) {
      const f = into === undefined ? intoFn() : into;
      if (f !== null && f(values, out) === true) {
        intoStats.fast++;
        return null;
      }
      intoStats.exact++;
      const o = exact(values).outcome;
      if (!o.ok) return o.errors;
      resultInto(o.result, layout, out);
      return null;
    },
    layout,
    scoreBatch(rows) {
      const out: RowOutcome[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = score(rows[i]!);
      return out;
    },
    explain(values) {
      const t = tracedFn();
      const f = t ? t(values) : null;
      if (f !== null) {
        traceStats.fast++;
        return f;
      }
      traceStats.exact++;
      const r = exact(values, true);
      return r.explanation ? { outcome: r.outcome, explanation: r.explanation } : { outcome: r.outcome };
    },
    stats,
    intoStats,
    traceStats,
    accelerated: fast !== undefined,
  };
  if (source !== undefined) compiled.source = source;
  if (fallbackReason !== undefined) compiled.fallbackReason = fallbackReason;
  return { compiled, diagnostics };
}

export { lowerPlan } from './lower.js';
export type { LPlan } from '../model/lowered.js';
