import type { CatalogueEntry } from '../types.js';

/**
 * data diagnostics — see catalogue.ts for the code ranges.
 * Findings about a data file (CSV, XLSX, JSON) carry `data: { row, column, value }` instead of a span;
 * `row` is the spreadsheet row (header = 1).
 */
export const DATA_CODES: CatalogueEntry[] = [
  { code: 'KPI0801', severity: 'error', name: 'data-file-unreadable', summary: 'The data file cannot be read or decoded.' },
  { code: 'KPI0802', severity: 'error', name: 'data-file-empty', summary: 'The data file has no header row.' },
  { code: 'KPI0803', severity: 'error', name: 'data-no-rows', summary: 'The data file has a header but no data rows.' },
  { code: 'KPI0804', severity: 'error', name: 'missing-column', summary: 'A column the plan reads is not in the data file.' },
  { code: 'KPI0805', severity: 'error', name: 'duplicate-header', summary: 'Two columns of the data file have the same header.' },
  { code: 'KPI0806', severity: 'warning', name: 'blank-header', summary: 'A column with data has no header; it is ignored.' },
  { code: 'KPI0807', severity: 'error', name: 'id-column-not-found', summary: 'The id column named with `--id` is not in the data file.' },
  { code: 'KPI0808', severity: 'error', name: 'duplicate-id', summary: 'Two rows have the same id.' },
  { code: 'KPI0809', severity: 'error', name: 'blank-id', summary: 'A row with data has no id.' },
  { code: 'KPI0810', severity: 'error', name: 'ragged-row', summary: 'A row has a different number of cells than the header.' },
  { code: 'KPI0811', severity: 'error', name: 'unreadable-value', summary: 'A cell is not a number the plan can read.' },
  { code: 'KPI0812', severity: 'error', name: 'missing-value', summary: 'A cell the plan needs is blank and the plan declares no `default`.' },
  { code: 'KPI0813', severity: 'warning', name: 'percent-mistake', summary: 'A value written without `%` looks like a percent.' },
  { code: 'KPI0814', severity: 'error', name: 'too-many-errors', summary: 'Reporting stopped after too many data errors.' },
  { code: 'KPI0815', severity: 'error', name: 'sheet-not-found', summary: 'The worksheet named with `--sheet` is not in the workbook.' },
  { code: 'KPI0816', severity: 'error', name: 'id-not-found', summary: 'No row has the id given with `--id`.' },
  { code: 'KPI0817', severity: 'error', name: 'data-shape', summary: 'The data file does not have the expected shape (JSON: an array of objects).' },
  { code: 'KPI0818', severity: 'error', name: 'not-applicable-not-optional', summary: 'A cell says N/A (不适用) but the indicator that reads it is not `optional`.' },
  { code: 'KPI0819', severity: 'warning', name: 'mixed-percent-forms', summary: 'A column compared with a percent writes its values in more than one way (`95%`, `0.95`, `95`).' },
  // KPI0830–0849 reader budgets (issue 13)
  { code: 'KPI0830', severity: 'error', name: 'data-file-too-large-unpacked', summary: 'An XLSX workbook would unpack to more than kpi reads (a zip bomb, or a lying zip header), or is damaged.' },
  { code: 'KPI0831', severity: 'warning', name: 'hidden-sheet-skipped', summary: 'A hidden sheet of the workbook was skipped; the first visible sheet is read.' },
  { code: 'KPI0832', severity: 'error', name: 'json-too-deep', summary: 'A JSON data file nests arrays or objects deeper than kpi reads.' },
];
