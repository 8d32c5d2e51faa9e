/**
 * The engine's work on one plan text and one sample table, in the worker: analyse (parse + check),
 * compile, bind the table and score it, run the plan's tests, explain a person. Everything is the core's
 * own code; nothing here re-implements parsing, scoring or the report's columns.
 */
import * as core from '@kpi/core';
import type { Diagnostic, Lang, Plan, PlanFile, RowOutcome } from '@kpi/core';
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
  /** SPEC §7 cycles: this row is a later period of a person shown on an earlier row (same result) */
  samePerson?: boolean;
}

/** SPEC §7: the plan was scored as one data set (money, a forced distribution or periods) */
export interface DatasetScoring {
  period?: string;
  /** the core's people (one per id when there are periods), their results with money */
  people: core.DatasetPerson[];
  /** per person (same order): its money chain, for explanations */
  money: (core.PersonMoney | undefined)[];
  /** findings about the data set as a whole (no row of its own), as the CLI prints them */
  /** findings without a row (or not errors): shown under the table in the chosen language */
  notes: Diagnostic[];
  /** rows with errors left out of the money (the CLI scores nothing then) */
  skipped: number;
}

export interface Scoring {
  rows: ScoredRow[];
  /** table-level findings (missing columns...) */
  diagnostics: Diagnostic[];
  dataset?: DatasetScoring;
}

/**
 * The table bound to the columns a plan reads. Editing the plan (a weight, a cap) keeps the columns it
 * reads: the bound table is reused as long as the table and those columns are the same.
 */
export interface Binding {
  key: string;
  bound: core.BoundTable;
  /** SPEC §7: columns money reads besides the plan's inputs (after them in `values`) */
  extra?: string[];
  period?: string;
}

export function bind(compiled: CompiledPlan, plan: Plan, table: TableData, tableKey: string, previous?: Binding): Binding {
  const period = plan.money?.period?.text;
  const money = core.hasMoney(plan) || period !== undefined ? core.moneyInputs(plan, compiled) : undefined;
  const inputs = money?.inputs ?? compiled.inputs;
  const hints = core.percentHintsOf(plan);
  const key = `${tableKey}\u0000${JSON.stringify(inputs)}\u0000${JSON.stringify([...hints])}\u0000${period ?? ''}`;
  if (previous?.key === key) return previous;
  const bound = core.bindTable(table.columns, table.rows, inputs, { fileName: 'sample', percentHints: hints });
  // duplicate ids are one person's periods here: (person, period) duplicates are the data set's finding
  if (period !== undefined) for (const r of bound.rows) r.errors = r.errors.filter((d) => d.code !== 'KPI0808');
  return { key, bound, ...(money ? { extra: money.extra } : {}), ...(period !== undefined ? { period } : {}) };
}

export function scoreTable(compiled: CompiledPlan, plan: Plan, table: TableData, b: Binding): Scoring {
  const byRow = new Map(b.bound.rows.map((r) => [r.row, r]));
  if (b.extra) return scoreDataset(compiled, plan, table, b, byRow);
  const rows: ScoredRow[] = table.rows.map((cells, index) => {
    const r = byRow.get(index + 2);
    const id = cells[0] ?? '';
    if (!r) return { index, id, errors: [] };
    if (r.errors.some((e) => e.severity === 'error')) return { index, id, values: r.values, errors: r.errors };
    return { index, id, values: r.values, outcome: compiled.score(r.values), errors: r.errors };
  });
  return { rows, diagnostics: b.bound.diagnostics };
}

/**
 * SPEC §7, as `kpi score` does it: the rows (error-free ones) through the core's scoreDataset — periods
 * combined per person, then the distribution, commissions, pools and pays over everyone. Each table row
 * shows its person's result; findings with a row go to that row, the others are notes.
 */
function scoreDataset(compiled: CompiledPlan, plan: Plan, table: TableData, b: Binding, byRow: Map<number, core.BoundRow>): Scoring {
  const keys = table.columns.map(core.headerKey);
  const col = (c: string) => keys.indexOf(core.headerKey(c));
  const good: core.DatasetRow[] = [];
  let skipped = 0;
  for (const r of b.bound.rows) {
    if (r.errors.some((e) => e.severity === 'error')) {
      skipped++;
      continue;
    }
    const cells = table.rows[r.row - 2] ?? [];
    good.push({
      id: r.id,
      row: r.row,
      values: r.values,
      text: (c) => {
        const i = col(c);
        const v = i < 0 ? '' : (cells[i] ?? '').trim();
        return v === '' ? undefined : v;
      },
    });
  }
  const o = core.scoreDataset(plan, compiled, good, { extra: b.extra ?? [], ...(b.period !== undefined ? { period: b.period } : {}) });
  const personOf = new Map(o.people.map((p, i) => [b.period !== undefined ? p.id : String(p.row), i] as const));
  const failed = new Map(o.rowErrors.map((e) => [b.period !== undefined ? e.id : String(e.row), e.errors] as const));
  const issuesAt = new Map<number, Diagnostic[]>();
  const notes: Diagnostic[] = [];
  for (const i of o.issues) {
    // the catalogue reference `t` goes along: the page shows the finding in the language chosen then
    const d: Diagnostic = { code: i.code, severity: i.severity, message: i.message, ...(i.help ? { help: i.help } : {}), ...(i.t ? { t: i.t } : {}), ...(i.column ? { data: { column: i.column } } : {}) };
    if (i.row !== undefined && i.severity === 'error') issuesAt.set(i.row, [...(issuesAt.get(i.row) ?? []), d]);
    else notes.push(d);
  }
  const firstRow = new Set<number>();
  const rows: ScoredRow[] = table.rows.map((cells, index) => {
    const r = byRow.get(index + 2);
    const id = cells[0] ?? '';
    if (!r) return { index, id, errors: [] };
    const errors = [...r.errors, ...(issuesAt.get(r.row) ?? [])];
    if (errors.some((e) => e.severity === 'error')) return { index, id, values: r.values, errors };
    const key = b.period !== undefined ? r.id : String(r.row);
    const rowErr = failed.get(key);
    if (rowErr) return { index, id, values: r.values, outcome: { ok: false, errors: rowErr }, errors };
    const k = personOf.get(key);
    if (k === undefined) return { index, id, values: r.values, errors };
    const samePerson = firstRow.has(k);
    firstRow.add(k);
    return { index, id, values: r.values, outcome: { ok: true, result: o.people[k]!.result }, errors, ...(samePerson ? { samePerson } : {}) };
  });
  return {
    rows,
    diagnostics: b.bound.diagnostics,
    dataset: { ...(b.period !== undefined ? { period: b.period } : {}), people: o.people, money: o.people.map((_, i) => o.money?.people[i]), notes, skipped },
  };
}

/**
 * Why a row could not be scored, in `lang`: the engine's row errors in the catalogue's words (the text
 * `kpi score` prints for them, via the core's rowErrorDiagnostic, without the row prefix: the table
 * shows the row), or the binding errors.
 */
export function rowErrors(r: ScoredRow, lang: Lang): { code: string; message: string; column?: string; value?: string }[] {
  if (r.outcome && !r.outcome.ok)
    return r.outcome.errors.map((e) => ({ ...e, message: core.localize(core.rowErrorDiagnostic(undefined, undefined, '', e), lang).message }));
  return r.errors
    .filter((d) => d.severity === 'error')
    .map((d) => ({ code: d.code, message: core.localize(d, lang).message, ...(d.data?.column !== undefined ? { column: d.data.column } : {}), ...(d.data?.value !== undefined ? { value: d.data.value } : {}) }));
}
