/**
 * The one CSV writer of score reports, for the CLI (`kpi score --format csv`, streamed line by line) and
 * the playground's download: UTF-8 with a BOM so Excel reads Chinese, CRLF line ends, the report shape's
 * columns, and text cells guarded against formula injection.
 */
import { cellOf, columnsOf, type ReportShape } from './shape.js';
import type { RowResult } from '../model/results.js';

/** a text cell safe for spreadsheets: formula-like text is prefixed with `'` (CSV injection), then quoted as needed */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
export function csvText(s: string): string {
  let t = s;
  if (FORMULA_START.test(t)) t = `'${t}`;
  if (NEEDS_QUOTES.test(t)) t = `"${t.replace(/"/g, '""')}"`;
  return t;
}

/** one cell: numbers as JavaScript prints them (the engine's exact rounding), text guarded, blank for undefined */
export const csvCell = (v: number | string | undefined): string => (v === undefined ? '' : typeof v === 'number' ? String(v) : csvText(v));

export interface CsvLines {
  /** BOM + header line, with its CRLF */
  header: string;
  /** one data line, with its CRLF; `kept` are the cells of the kept columns */
  row(id: string, r: RowResult, kept?: readonly string[]): string;
}

/** Header and row lines of a report in `shape`. */
export function csvLines(shape: ReportShape): CsvLines {
  const cols = columnsOf(shape);
  const n = cols.length;
  return {
    header: `\ufeff${cols.map((c) => csvText(c.header)).join(',')}\r\n`,
    row(id, r, kept) {
      let line = csvText(id);
      for (let i = 1; i < n; i++) line += `,${csvCell(cellOf(cols[i]!, id, r, kept, shape.lang))}`;
      return `${line}\r\n`;
    },
  };
}

/** A whole report as one CSV text (the playground's download; the CLI streams the same lines). */
export function reportCsv(shape: ReportShape, rows: Iterable<{ id: string; result: RowResult; kept?: readonly string[] }>): string {
  const f = csvLines(shape);
  let out = f.header;
  for (const r of rows) out += f.row(r.id, r.result, r.kept);
  return out;
}
