/**
 * The data-reading rules shared by the CLI and the playground, whatever library reads the bytes:
 * - CSV: the delimiter is sniffed from the first line the same way, and csv-parse runs with the same options
 *   (`CSV_PARSE_OPTIONS`; Node streams it, the browser uses its sync build);
 * - XLSX: exceljs in both (Node: `wb.xlsx.readFile`, browser: `wb.xlsx.load`); a worksheet becomes header and
 *   rows of cells by `worksheetRows`, with formulas, rich text, dates and merged cells read one way.
 * The core does not depend on either library: the worksheet is described by the little it needs.
 */
import type { Cell } from './table.js';

/** `,`, `;` or tab: whichever the first line has most of (`.tsv` files are tab-separated) */
export function sniffDelimiter(firstLine: string, ext = ''): string {
  if (ext.toLowerCase() === '.tsv') return '\t';
  const count = (ch: string) => firstLine.split(ch).length - 1;
  const tabs = count('\t');
  const commas = count(',');
  const semis = count(';');
  if (tabs > commas && tabs >= semis) return '\t';
  if (semis > commas) return ';';
  return ',';
}

/** csv-parse options for data files (add `delimiter`) */
export const CSV_PARSE_OPTIONS = {
  // line ends as a person sees them: CRLF, LF and lone CR, even mixed in one file
  record_delimiter: ['\r\n', '\n', '\r'],
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  trim: false,
} as const;

/** An exceljs cell value as a plain cell: numbers stay numbers, rich text and formulas give their text/result. */
export function xlsxCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if ('result' in o) return xlsxCell(o.result);
    // a formula the saving program never calculated: its text (unreadable as a number: an error with row and column)
    if ('formula' in o) return `=${String(o.formula)}`;
    if ('sharedFormula' in o) return `=(formula shared with ${String(o.sharedFormula)})`;
    if (typeof o.error === 'string') return o.error;
    if (typeof o.text === 'string') return o.text;
    if ('text' in o) return xlsxCell(o.text);
  }
  return String(v);
}

/** the part of an exceljs worksheet the readers use */
export interface SheetLike {
  name: string;
  eachRow(opts: { includeEmpty: boolean }, f: (row: RowLike, rowNumber: number) => void): void;
}
interface RowLike {
  values: unknown;
  eachCell(opts: { includeEmpty: boolean }, f: (cell: { isMerged: boolean; master: unknown; address: string }, col: number) => void): void;
}

export interface SheetRows {
  /** the first non-blank row */
  header: Cell[];
  headerRow: number;
  /** rows below the header with their spreadsheet row numbers, padded to the header's width */
  rows: { cells: Cell[]; row: number }[];
}

/** A worksheet as header + rows of cells; undefined when the sheet is empty. */
export function worksheetRows(ws: SheetLike): SheetRows | undefined {
  const all: { cells: Cell[]; row: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const vals = r.values as unknown[];
    const cells: Cell[] = [];
    for (let i = 1; i < vals.length; i++) cells.push(xlsxCell(vals[i]));
    // a merged range holds its value in its top-left cell only; exceljs repeats it in the others. Reading it
    // again there would give one value to several people: show those cells as what they are (an error
    // with row and column when the plan reads them)
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      const master = cell.master as { address: string };
      if (cell.isMerged && master !== (cell as unknown) && col <= cells.length) cells[col - 1] = `(merged with ${master.address})`;
    });
    all.push({ cells, row: rowNumber });
  });
  const headerRow = all.find((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (!headerRow) return undefined;
  const header = headerRow.cells;
  // a spreadsheet has no ragged rows: trailing empty cells are simply absent in the file
  const rows = all.filter((r) => r.row > headerRow.row);
  for (const r of rows) while (r.cells.length < header.length) r.cells.push(null);
  return { header, headerRow: headerRow.row, rows };
}
