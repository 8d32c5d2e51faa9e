/**
 * A row that cannot be scored, as a data diagnostic in the catalogue's words: the CLI (score, explain)
 * and the playground show the same text, in the language the user chose.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { bilingual, diag } from '../diagnostics/diag.js';
import type { RowError } from '../model/results.js';

export function rowErrorDiagnostic(file: string | undefined, row: number | undefined, id: string, e: RowError): Diagnostic {
  const at = row !== undefined ? bilingual('what.row-at', { row, id: id ? ` (\`${id}\`)` : '' }) : '';
  const data = { ...(row !== undefined ? { row } : {}), ...(e.column !== undefined ? { column: e.column } : {}), ...(e.value !== undefined ? { value: e.value } : {}) };
  const p = e.parts;
  const element = p?.element ?? e.element ?? '';
  const via = p?.metric !== undefined ? bilingual('what.via-metric', { metric: p.metric }) : '';
  const column = e.column ?? '';
  const value = e.value ?? '';
  const where = { ...(file !== undefined ? { file } : {}), data };
  if (p) {
    switch (e.code) {
      case 'KPI0901':
        return diag('KPI0901', { at, column, via, element }, where);
      case 'KPI0902':
        return diag('KPI0902', { at, metric: p.metric ?? '', element }, where);
      case 'KPI0903':
        return diag('KPI0903', { at, value, column, detail: p.detail ?? '', element }, where);
      case 'KPI0904':
        return diag('KPI0904', { at, value, column, via }, where);
      case 'KPI0905':
        return e.value === undefined ? diag('KPI0905', { at, column, via, element }, where) : diag('KPI0905.not-positive', { at, value, column, via, element }, where);
      case 'KPI0906':
        return diag('KPI0906', { at, column, via, element }, where);
      case 'KPI0907':
        return diag('KPI0907', { at }, where);
      case 'KPI0951':
        return p.detail === 'range' ? diag('KPI0951.range', { at }, where) : diag('KPI0951', { at, bits: p.detail ?? '', digits: p.digits ?? '' }, where);
    }
  }
  // an error without parts (a plan that could not be compiled): its English text as given
  const prefix = row !== undefined ? `row ${row}${id ? ` (\`${id}\`)` : ''}: ` : '';
  return { code: e.code, severity: 'error', ...(file !== undefined ? { file } : {}), message: `${prefix}${e.message}`, ...(e.help !== undefined ? { help: e.help } : {}), data };
}
