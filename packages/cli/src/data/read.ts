/**
 * Data file readers: CSV (streamed; UTF-8, UTF-8 BOM, UTF-16 BOM or GBK, detected or `--encoding`),
 * XLSX (exceljs; first sheet or `--sheet`), JSON (array of objects). Each yields the header and then
 * rows with their spreadsheet row numbers (header = 1), as cells for `createBinder` from @kpi/core.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { checkZipBudget } from './zip-budget.js';
import { CSV_PARSE_OPTIONS, detectEncoding, sniffDelimiter, tableFromJson, decodeText, xlsxCell, bilingual, diag, joinTexts, pluralS, text, ui, type ArgsOf, type Cell, type Diagnostic, type DiagnosticId, type Lang, type MessageRef } from '@kpi/core';
import { openRawCsv, type RawBatch } from './csv-raw.js';
import { DataError } from './data-error.js';

export interface TableSource {
  format: 'csv' | 'xlsx' | 'json';
  header: Cell[];
  /** data rows in order, with spreadsheet row numbers, in batches (one await per batch, not per row) */
  rows: AsyncIterable<{ cells: Cell[]; row: number }[]>;
  /** encoding used (CSV) */
  encoding?: string;
  /** a note to print after header-level errors (e.g. the workbook's other sheets), in the run's language */
  hint?: MessageRef;
  /** findings about the file that do not stop the run (e.g. KPI0831 a hidden sheet was skipped) */
  warnings?: Diagnostic[];
  /** bytes read so far and total, for a progress bar */
  progress(): { done: number; total: number };
  /**
   * CSV in UTF-8 opened with `raw: true`: the same rows as `rows`, but unquoted lines come as their bytes
   * (see csv-raw.ts) for the batch pipeline of `kpi score`; `rows` is then not to be used.
   */
  raw?: AsyncIterable<RawBatch>;
  /** the CSV delimiter (one ASCII character) */
  delimiter?: string;
}

export { DataError } from './data-error.js';

export interface ReadOptions {
  encoding?: string;
  sheet?: string;
  /** file name for messages, as the user wrote it */
  displayName: string;
  /** CSV in UTF-8: hand unquoted lines over as bytes (TableSource.raw) */
  raw?: boolean;
  /** the run's language, for the words the reader puts into cells (an XLSX merged cell); English when unset */
  lang?: Lang;
}

/** a coded error about a data file, from the catalogue (so it prints in the user's language) */
export function dataError<I extends DiagnosticId>(file: string, id: I, args: ArgsOf<I>, opts: { row?: number; help?: MessageRef } = {}): DataError {
  return new DataError(diag(id, args, { file, ...(opts.row ? { data: { row: opts.row } } : {}), ...(opts.help ? { helpText: opts.help } : {}) }));
}

/** KPI0801 for bytes the file's encoding cannot decode, near byte `near` (the decoder's and the raw CSV reader's) */
export function undecodable(name: string, encoding: string, explicit: boolean, near: number): DataError {
  const help = text(encoding !== 'utf-8' ? 'help.pass-encoding' : explicit ? 'help.pass-gbk' : 'help.looked-utf8', {});
  return explicit || encoding !== 'gbk'
    ? dataError(name, 'KPI0801.bad-bytes', { file: name, encoding: encoding === 'utf-8' ? 'UTF-8' : encoding, at: near }, { help })
    : dataError(name, 'KPI0801.not-utf8-gbk', { file: name, at: near }, { help });
}

/** KPI0801 for a file that ends in the middle of a character */
export const cutShort = (name: string): DataError => dataError(name, 'KPI0801.ends-mid-char', { file: name });

export function formatOf(path: string): 'csv' | 'xlsx' | 'json' | undefined {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.json') return 'json';
  return undefined;
}

export async function openTable(path: string, opts: ReadOptions): Promise<TableSource> {
  const name = opts.displayName;
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    throw dataError(name, 'KPI0801.missing', { file: name });
  }
  const fmt = formatOf(path);
  if (extname(path).toLowerCase() === '.xls') {
    throw dataError(name, 'KPI0801.xls', { file: name });
  }
  if (fmt === 'xlsx') return openXlsx(path, size, opts);
  if (fmt === 'json') return openJson(path, size, opts);
  return openCsv(path, size, opts);
}

// ---------- CSV ----------


async function openCsv(path: string, size: number, opts: ReadOptions): Promise<TableSource> {
  const name = opts.displayName;
  const fh = await open(path, 'r');
  const probe = new Uint8Array(Math.min(size, 1 << 20));
  try {
    await fh.read(probe, 0, probe.length, 0);
  } finally {
    await fh.close();
  }
  let encoding: string;
  if (opts.encoding) {
    try {
      // the canonical name: `utf8` → `utf-8`, `GB2312` → `gbk`
      encoding = new TextDecoder(opts.encoding.toLowerCase()).encoding;
    } catch {
      throw dataError(name, 'KPI0801.encoding', { encoding: opts.encoding });
    }
  } else {
    encoding = detectEncoding(probe, probe.length < size).encoding;
    if (encoding === 'gbk') {
      // not UTF-8. A header that is UTF-8 text (with CJK) means a UTF-8 file with a few bad bytes, not GBK:
      // say where, instead of decoding it all as GBK and reporting garbled columns as missing
      const bad = firstNonUtf8(probe);
      const eol = probe.indexOf(0x0a);
      const headerEnd = eol < 0 ? probe.length : eol;
      if (bad > headerEnd && bad < probe.length && probe.subarray(0, headerEnd).some((b) => b >= 0x80)) {
        const row = rowAt(probe, bad);
        const cutShort = probe.length === size && probe.length - bad < 4 && probe[bad]! >= 0xc2;
        throw cutShort
          ? dataError(name, 'KPI0801.cut-short', { file: name, row }, { row })
          : dataError(name, 'KPI0801.bad-utf8-row', { file: name, row, at: bad, hex: `0x${probe[bad]!.toString(16).padStart(2, '0')}` }, { row });
      }
    }
  }
  if (!opts.encoding && !encoding.startsWith('utf-16') && probe.subarray(0, Math.min(probe.length, 4096)).includes(0)) {
    throw dataError(name, 'KPI0801.nul', { file: name }, { row: 1 });
  }
  const firstText = new TextDecoder(encoding).decode(probe.subarray(0, 4096));
  const firstLine = firstText.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = sniffDelimiter(firstLine, extname(path));

  if (opts.raw && encoding === 'utf-8') {
    const raw = await openRawCsv(path, size, name, delimiter, opts.encoding !== undefined, (start, row) => libraryRecords(path, start, encoding, delimiter, opts, row));
    if (raw) return raw;
  }
  const { batches, input, toDataError, progress } = libraryRecords(path, 0, encoding, delimiter, opts, 1);
  let first: IteratorResult<string[][]>;
  try {
    first = await batches.next();
  } catch (e) {
    input.destroy();
    return toDataError(e);
  }
  const firstBatch = first.done ? [] : first.value;
  const head = firstBatch.shift();
  if (!head || (head.length === 1 && head[0]!.trim() === '')) {
    input.destroy();
    throw dataError(name, 'KPI0802.empty', { file: name }, { row: 1, help: text('KPI0802', {}) });
  }
  async function* rows() {
    let row = 1;
    const number = (b: string[][]) => b.map((cells) => ({ cells: cells as Cell[], row: ++row }));
    try {
      if (firstBatch.length) yield number(firstBatch);
      for (;;) {
        const r = await batches.next();
        if (r.done) return;
        yield number(r.value);
      }
    } catch (e) {
      toDataError(e);
    } finally {
      input.destroy();
    }
  }
  return { format: 'csv', header: head, rows: rows(), encoding, progress: () => ({ done: progress(), total: size }) };
}

/**
 * The library CSV parser (csv-parse) over the file from byte `start` (0, or the start of a line where the
 * raw reader met a quote or a lone CR): records in batches, with the errors it can meet as DataErrors.
 */
export function libraryRecords(path: string, start: number, encoding: string, delimiter: string, opts: ReadOptions, firstRow: number) {
  const name = opts.displayName;
  let done = start;
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: start > 0 });
  const decode = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, cb) {
      done += chunk.length;
      try {
        cb(null, decoder.decode(chunk, { stream: true }));
      } catch {
        cb(undecodable(name, encoding, opts.encoding !== undefined, done - chunk.length));
      }
    },
    flush(cb) {
      try {
        cb(null, decoder.decode());
      } catch {
        cb(cutShort(name));
      }
    },
  });
  const parser = parse({ ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter], delimiter, bom: start === 0 });
  const input = createReadStream(path, { highWaterMark: 256 * 1024, start });
  input.on('error', (e) => parser.destroy(e));
  decode.on('error', (e) => parser.destroy(e));
  input.pipe(decode).pipe(parser);

  const batches = batchesOf<string[]>(parser);
  const toDataError = (e: unknown): never => {
    if (e instanceof DataError) throw e;
    if (e instanceof CsvError) {
      const err = e as CsvError & { records?: number; lines?: number };
      const row = typeof err.records === 'number' ? err.records + firstRow : undefined;
      throw dataError(name, 'KPI0801.csv', { file: name, reason: err.message }, row ? { row } : {});
    }
    throw e;
  };
  return { batches, input, toDataError, progress: () => done };
}

/** offset of the first byte that breaks UTF-8, or the length when there is none */
export function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (i + need >= bytes.length) return i; // a character cut at the end
    for (let k = 1; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** spreadsheet row (1-based line) of a byte offset */
function rowAt(bytes: Uint8Array, offset: number): number {
  let row = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) row++;
  return row;
}

/** read an object-mode stream in batches: one promise per batch instead of one per record */
function batchesOf<T>(stream: Readable, size = 2048): AsyncGenerator<T[]> {
  let ended = false;
  let error: unknown;
  stream.on('end', () => (ended = true));
  stream.on('error', (e) => (error = e));
  return (async function* () {
    for (;;) {
      const batch: T[] = [];
      let rec: T | null;
      while (batch.length < size && (rec = stream.read() as T | null) !== null) batch.push(rec);
      if (batch.length) {
        yield batch;
        continue;
      }
      if (error) throw error;
      if (ended) return;
      await new Promise<void>((res) => {
        const done = () => {
          stream.off('readable', done);
          stream.off('end', done);
          stream.off('error', done);
          res();
        };
        stream.on('readable', done);
        stream.on('end', done);
        stream.on('error', done);
      });
    }
  })();
}

// ---------- JSON ----------

async function openJson(path: string, size: number, opts: ReadOptions): Promise<TableSource> {
  const name = opts.displayName;
  const bytes = await readFile(path);
  const dec = decodeText(bytes, opts.encoding);
  if (!dec.ok) throw dataError(name, 'KPI0801.decode', { file: name, reason: dec.why });
  const t = tableFromJson(dec.text, name);
  if (!t.ok) throw new DataError(t.diagnostic);
  if (t.header.length === 0) throw dataError(name, 'KPI0802.json-empty', { file: name });
  async function* rows() {
    let row = 1;
    yield (t.ok ? t.rows : []).map((cells) => ({ cells, row: ++row }));
  }
  return { format: 'json', header: t.header, rows: rows(), progress: () => ({ done: size, total: size }) };
}

// ---------- XLSX ----------

export { xlsxCell } from '@kpi/core';

async function openXlsx(path: string, size: number, opts: ReadOptions): Promise<TableSource> {
  const name = opts.displayName;
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const magic = new Uint8Array(4);
  const fh = await open(path, 'r');
  try {
    await fh.read(magic, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (!(magic[0] === 0x50 && magic[1] === 0x4b && magic[2] === 0x03 && magic[3] === 0x04)) {
    throw dataError(name, 'KPI0801.not-zip', { file: name });
  }
  // budgets before anything is inflated (zip-budget.ts): a workbook that unpacks to gigabytes is refused
  const bytes = await readFile(path);
  const verdict = checkZipBudget(bytes, name);
  if (!verdict.ok) throw new DataError(verdict.diagnostic);
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw dataError(name, 'KPI0801.workbook', { file: name, reason: (e as Error).message });
  }
  const sheets = wb.worksheets;
  // the default is the first sheet a person sees: a hidden sheet (decoy numbers, old data) is skipped with a
  // warning; `--sheet` may still name it
  const hidden = sheets.filter((s) => s.state === 'hidden' || s.state === 'veryHidden');
  let ws = sheets.find((s) => !hidden.includes(s)) ?? sheets[0];
  const warnings: Diagnostic[] = [];
  if (opts.sheet !== undefined) {
    ws = wb.getWorksheet(opts.sheet) ?? (/^\d+$/.test(opts.sheet) ? sheets[Number(opts.sheet) - 1] : undefined);
    if (!ws) {
      throw dataError(name, 'KPI0815', { file: name, sheet: opts.sheet, sheets: sheets.map((s) => `\`${s.name}\``).join(', ') });
    }
  }
  if (!ws) throw dataError(name, 'KPI0802.no-sheets', { file: name });
  if (opts.sheet === undefined && hidden.length && hidden.includes(ws)) {
    throw dataError(name, 'KPI0815.all-hidden', { file: name, sheet: ws.name });
  }
  const skipped = opts.sheet === undefined ? hidden.filter((h) => sheets.indexOf(h) < sheets.indexOf(ws!)) : [];
  if (skipped.length) {
    const names = skipped.map((h) => `\`${h.name}\``);
    warnings.push(diag('KPI0831', { s: pluralS(skipped.length), sheets: { en: names.join(', '), zh: names.join('、') }, file: name, sheet: ws.name, hidden: skipped[0]!.name }, { file: name }));
  }
  const all: { cells: Cell[]; row: number }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const vals = r.values as unknown[];
    const cells: Cell[] = [];
    for (let i = 1; i < vals.length; i++) cells.push(xlsxCell(vals[i]));
    // a merged range holds its value in its top-left cell only; exceljs repeats it in the others. Reading it
    // again there would give one value to several people: show those cells as what they are (an error
    // with row and column when the plan reads them)
    r.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged && cell.master !== cell && col <= cells.length) cells[col - 1] = ui('ui.data.merged-with', { cell: cell.master.address }, opts.lang ?? 'en');
    });
    all.push({ cells, row: rowNumber });
  });
  const headerRow = all.find((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (!headerRow) throw dataError(name, 'KPI0802.empty-sheet', { file: name, sheet: ws.name }, { row: 1 });
  const header = headerRow.cells;
  // a spreadsheet has no ragged rows: trailing empty cells are simply absent in the file
  const body = all.filter((r) => r.row > headerRow.row);
  for (const r of body) while (r.cells.length < header.length) r.cells.push(null);
  async function* rows() {
    yield body;
  }
  const others = sheets.filter((s) => s !== ws).map((s) => `\`${s.name}\``);
  const hint = others.length ? text('ui.data.other-sheets', { sheet: ws.name, others: joinTexts(others, bilingual('ui.list-sep', {})) }) : undefined;
  return { format: 'xlsx', header, rows: rows(), ...(hint ? { hint } : {}), ...(warnings.length ? { warnings } : {}), progress: () => ({ done: size, total: size }) };
}
