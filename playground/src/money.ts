/**
 * SPEC §7 in the playground: a plan with money, a forced distribution or periods is scored over the
 * whole sample table at once by the core's scoreDataset (the same path as `kpi score`), one row per
 * person with their final grade and amounts. Kept apart from engine.ts, which calls it.
 */
import * as core from '@kpi/core';
import type { CompiledPlan, Plan } from '@kpi/core';
import type { Matrix } from './tabular.js';
import type { ScoredRow, Scoring } from './engine.js';

export const usesMoney = (plan: Plan): boolean => core.hasMoney(plan) || !!plan.money?.period;

export function scoreMoneyTable(compiled: CompiledPlan, plan: Plan, table: Matrix): Scoring & { summary?: { groups: core.GroupSummary[]; totals: Record<string, number> } } {
  const { inputs, extra } = core.moneyInputs(plan, compiled);
  const bound = core.bindTable(table.columns, table.rows, inputs, { fileName: 'sample', percentHints: core.percentHintsOf(plan) });
  const header = table.columns.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  const period = plan.money?.period?.text;
  const rows: ScoredRow[] = [];
  const data: core.DatasetRow[] = [];
  for (const b of bound.rows) {
    const errors = period ? b.errors.filter((e) => e.code !== 'KPI0808') : b.errors;
    const cells = table.rows[b.row - 2] ?? [];
    if (errors.some((e) => e.severity === 'error')) {
      rows.push({ index: b.row - 2, id: b.id, values: b.values, errors });
      continue;
    }
    const text = (c: string) => {
      const i = header.indexOf(c);
      const v = i < 0 ? undefined : cells[i];
      const s = v === null || v === undefined ? '' : String(v).trim();
      return s === '' ? undefined : s;
    };
    data.push({ id: b.id, row: b.row, values: b.values, text });
  }
  const diagnostics = bound.diagnostics.filter((d) => !(period && d.code === 'KPI0808'));
  if (rows.length) return { rows, diagnostics };
  const o = core.scoreDataset(plan, compiled, data, { extra, ...(period ? { period } : {}) });
  for (const r of o.rowErrors) rows.push({ index: r.row - 2, id: r.id, errors: [], outcome: { ok: false, errors: r.errors } });
  for (const p of o.people) {
    const b = data.find((d) => d.row === p.row);
    rows.push({ index: p.row - 2, id: p.id, ...(b ? { values: b.values } : {}), outcome: { ok: true, result: p.result }, errors: [] });
  }
  for (const i of o.issues) diagnostics.push({ code: i.code, severity: i.severity, file: 'sample', message: i.message, ...(i.help ? { help: i.help } : {}), ...(i.row ? { data: { row: i.row } } : {}) });
  rows.sort((a, b) => a.index - b.index);
  return { rows, diagnostics, summary: { groups: o.groups, totals: o.totals } };
}
