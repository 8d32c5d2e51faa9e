/**
 * Getting a table of cells into the playground: CSV (bytes decoded by the core's decodeText, split by
 * papaparse), tab-separated text pasted from Excel, and XLSX (SheetJS, loaded only when needed).
 */
import Papa from 'papaparse';
import { decodeText } from '@kpi/core';

export interface Matrix {
  columns: string[];
  rows: string[][];
}

export type LoadResult = { ok: true; table: Matrix; encoding?: string } | { ok: false; reason: string };

/** Split delimited text into rows of cells; blank lines dropped; short rows padded. */
export function splitDelimited(text: string, delimiter?: string): string[][] {
  const res = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
    delimiter: delimiter ?? '',
    skipEmptyLines: 'greedy',
  });
  return res.data.map((r) => r.map((c) => (c ?? '').toString()));
}

export function toMatrix(cells: string[][]): Matrix | undefined {
  const [header, ...rows] = cells;
  if (!header || header.length === 0) return undefined;
  const columns = header.map((h) => h.trim());
  return { columns, rows: rows.map((r) => columns.map((_, i) => (r[i] ?? '').trim())) };
}

export function parseCsvText(text: string): LoadResult {
  const m = toMatrix(splitDelimited(text));
  return m ? { ok: true, table: m } : { ok: false, reason: 'empty file' };
}

export function parseCsvBytes(bytes: Uint8Array): LoadResult {
  const d = decodeText(bytes);
  if (!d.ok) return { ok: false, reason: d.reason };
  const r = parseCsvText(d.text);
  return r.ok ? { ...r, encoding: d.encoding } : r;
}

export async function parseXlsx(bytes: Uint8Array): Promise<LoadResult> {
  const XLSX = await import('xlsx');
  let wb;
  try {
    wb = XLSX.read(bytes, { type: 'array' });
  } catch (e) {
    return { ok: false, reason: `not a readable workbook (${(e as Error).message})` };
  }
  const name = wb.SheetNames[0];
  const sheet = name ? wb.Sheets[name] : undefined;
  if (!sheet) return { ok: false, reason: 'the workbook has no sheet' };
  // formatted text, as the cell shows it (`95%`, `1,200`): the core's parseValue reads it like a person
  const cells = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: false, defval: '', blankrows: false });
  const m = toMatrix(cells.map((r) => r.map((c) => (c == null ? '' : String(c)))));
  return m ? { ok: true, table: m } : { ok: false, reason: 'the first sheet is empty' };
}

export async function loadFile(name: string, bytes: Uint8Array): Promise<LoadResult> {
  if (/\.(xlsx|xlsm|xls)$/i.test(name)) return parseXlsx(bytes);
  return parseCsvBytes(bytes);
}

/** Text pasted from a spreadsheet: tab-separated when it has tabs, else one value per line. */
export function parsePasted(text: string): string[][] {
  const t = text.replace(/\r\n?/g, '\n').replace(/\n$/, '');
  if (t.includes('\t')) return t.split('\n').map((l) => l.split('\t'));
  if (t.includes('\n')) return t.split('\n').map((l) => [l]);
  return [[t]];
}
