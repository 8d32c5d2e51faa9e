/**
 * `kpi score` for plans with money, a forced distribution or periods (SPEC §7): rows are bound as
 * usual (money columns added to the columns read), kept in memory, then scored and paid together by
 * the core's scoreDataset — pools and the distribution need every person of a group before anything
 * is written. Findings come back as data diagnostics with their row and column.
 */
import { diag, hasMoney, moneyInputs, moneyShapeOf, rowErrorDiagnostic, scoreDataset, type BoundRow, type CompiledPlan, type DatasetPerson, type DatasetRow, type Diagnostic, type InputColumn, type MoneyOutcome, type Plan } from '@kpi/core';
import type { ReportShape } from '../writers/shape.js';
import type { ReportSummary } from '../writers/index.js';

export interface MoneyRun {
  inputs: InputColumn[];
  period?: string;
  extendShape(shape: ReportShape): void;
  add(bound: BoundRow, cells: readonly unknown[], kept?: string[]): void;
  finish(file: string): { errors: Diagnostic[]; notes: Diagnostic[]; people: DatasetPerson[]; summary: ReportSummary; money?: MoneyOutcome };
}

/** undefined when the plan is scored row by row as before */
export function moneyRunOf(plan: Plan, compiled: CompiledPlan, header: string[], periodFlag?: string): MoneyRun | undefined {
  const period = periodFlag ?? plan.money?.period?.text;
  if (!hasMoney(plan) && !period) return undefined;
  const { inputs, extra } = moneyInputs(plan, compiled);
  const rows: DatasetRow[] = [];
  const index = (c: string) => header.indexOf(c.trim());
  const grouping = [period, plan.money?.distribution?.within?.text, ...(plan.money?.pools ?? []).map((p) => p.within?.text)].filter((x): x is string => !!x);
  const headerErrors: Diagnostic[] = [];
  for (const g of new Set(grouping)) {
    if (index(g) < 0) {
      headerErrors.push(diag(g === period ? 'KPI1059.column-missing' : 'KPI1058.column-missing', { column: g }, { data: { row: 1, column: g } }));
    }
  }
  return {
    inputs,
    ...(period ? { period } : {}),
    extendShape(shape) {
      const money = moneyShapeOf(plan, period);
      if (money) shape.money = money;
    },
    add(bound, cells, kept) {
      const text = (c: string) => {
        const i = index(c);
        const v = i < 0 ? undefined : cells[i];
        const s = v === null || v === undefined ? '' : String(v).trim();
        return s === '' ? undefined : s;
      };
      rows.push({ id: bound.id, row: bound.row, values: bound.values, text, ...(kept ? { kept } : {}) });
    },
    finish(file) {
      if (headerErrors.length) return { errors: headerErrors.map((d) => ({ ...d, file })), notes: [], people: [], summary: { groups: [], totals: {} } };
      const o = scoreDataset(plan, compiled, rows, { extra, ...(period ? { period } : {}) });
      const errors: Diagnostic[] = [];
      const notes: Diagnostic[] = [];
      for (const r of o.rowErrors) {
        for (const e of r.errors) errors.push(rowErrorDiagnostic(file, r.row, r.id, e));
      }
      for (const i of o.issues) {
        // the catalogue reference `t` goes along, so the renderers print it in the chosen language
        const d: Diagnostic = { code: i.code, severity: i.severity, file, message: i.message, ...(i.help ? { help: i.help } : {}), ...(i.t ? { t: i.t } : {}) };
        if (i.row !== undefined || i.column !== undefined) d.data = { ...(i.row !== undefined ? { row: i.row } : {}), ...(i.column ? { column: i.column } : {}), ...(i.value ? { value: i.value } : {}) };
        (i.severity === 'error' ? errors : notes).push(d);
      }
      return { errors, notes, people: o.people, summary: { groups: o.groups, totals: o.totals }, ...(o.money ? { money: o.money } : {}) };
    },
  };
}
