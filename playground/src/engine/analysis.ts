/**
 * The engine's work on one plan text and one sample table, in the worker: analyse (parse + check),
 * compile, bind the table and score it, run the plan's tests, explain a person. Everything is the core's
 * own code; nothing here re-implements parsing, scoring or the report's columns.
 */
import * as core from '@kpi/core';
import type { Diagnostic, Plan, PlanFile, RowOutcome } from '@kpi/core';
import type { TableData } from './protocol.js';

export type { CompiledPlan } from '@kpi/core';
import type { CompiledPlan } from '@kpi/core';

export const FILE_NAME = 'plan.kpi';

/** weight sums that are off: the plan is still scored, with the weights as written (shown as provisional) */
const WEIGHT_SUMS = new Set(['KPI0301', 'KPI0302']);

export interface Analysis {
  text: string;
  file?: PlanFile;
  plan?: Plan;
  /** parse + check + compile diagnostics */
  diagnostics: Diagnostic[];
  compiled?: CompiledPlan;
  hasErrors: boolean;
  /** compiled although the weights do not add up (their diagnostics) */
  provisional?: Diagnostic[];
}

export function analyse(text: string, planIndex = 0): Analysis {
  const a = core.analyze(FILE_NAME, text);
  const diagnostics = [...a.diagnostics];
  const plan = a.file.plans[Math.min(planIndex, Math.max(0, a.file.plans.length - 1))];
  let compiled: CompiledPlan | undefined;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const onlyWeights = errors.length > 0 && errors.every((d) => WEIGHT_SUMS.has(d.code));
  if (plan && (errors.length === 0 || onlyWeights)) {
    const c = core.compilePlan(plan, { file: FILE_NAME });
    if (errors.length === 0) diagnostics.push(...c.diagnostics);
    compiled = c.compiled;
  }
  return {
    text,
    file: a.file,
    plan,
    diagnostics,
    compiled,
    hasErrors: diagnostics.some((d) => d.severity === 'error'),
    ...(onlyWeights && compiled ? { provisional: errors } : {}),
  };
}

export interface ScoredRow {
  /** index in the sample table */
  index: number;
  id: string;
  values?: Float64Array;
  outcome?: RowOutcome;
  /** binding errors (unreadable or missing cells) */
  errors: Diagnostic[];
}

export interface Scoring {
  rows: ScoredRow[];
  /** table-level findings (missing columns...) */
  diagnostics: Diagnostic[];
}

export function scoreTable(compiled: CompiledPlan, plan: Plan, table: TableData): Scoring {
  const bound = core.bindTable(table.columns, table.rows, compiled.inputs, {
    fileName: 'sample',
    percentHints: core.percentHintsOf(plan),
  });
  const byRow = new Map(bound.rows.map((r) => [r.row, r]));
  const rows: ScoredRow[] = table.rows.map((cells, index) => {
    const b = byRow.get(index + 2);
    const id = cells[0] ?? '';
    if (!b) return { index, id, errors: [] };
    if (b.errors.some((e) => e.severity === 'error')) return { index, id, values: b.values, errors: b.errors };
    return { index, id, values: b.values, outcome: compiled.score(b.values), errors: b.errors };
  });
  return { rows, diagnostics: bound.diagnostics };
}

/** why a row could not be scored: the engine's row errors, or the binding errors */
export function rowErrors(r: ScoredRow): { code: string; message: string; column?: string; value?: string }[] {
  if (r.outcome && !r.outcome.ok) return r.outcome.errors;
  return r.errors
    .filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, message: d.message, ...(d.data?.column !== undefined ? { column: d.data.column } : {}), ...(d.data?.value !== undefined ? { value: d.data.value } : {}) }));
}
