/**
 * Score report writers. Each takes rows one at a time — as numbers in the layout of run/layout.ts
 * (`rowOf`, what the batch pipeline of `kpi score` hands over) or as a RowResult (`row`) — and formats
 * them into a text buffer written out every 64 KB: csv, json and xlsx stream; table streams too once its
 * rows no longer fit in 1 MB of text (padded to the widest cell at the end, from a spool file).
 */
import { IND_ACTUAL, IND_RATIO, IND_SCORE, IND_WEIGHT, IND_WEIGHTED, OUT_BONUS, OUT_COEFFICIENT, OUT_GRADE, OUT_TOTAL, OUT_VETOES, resultInto, visibleText, type ResultLayout, type RowResult } from '@kpi/core';
import { once } from 'node:events';
import { put } from '../atomic.js';
import { cellOf, cellOfValues, columnsOf, vetoText, type Column, type ReportShape } from './shape.js';
import { Spool } from './spool.js';

export interface ResultWriter {
  /** take one row (buffered; never waits); `kept` are the cells of the `--keep` columns */
  row(id: string, r: RowResult, kept?: readonly string[]): void;
  /** the same for a row scored into the layout (`compiled.scoreInto`); `out` is read at once, not kept */
  rowOf(id: string, out: Float64Array, kept?: readonly string[]): void;
  /** write what is buffered, waiting for the output to drain (called after each batch of rows) */
  flush(): Promise<void>;
  /** write what remains (table, closing bracket, workbook) to the stream */
  end(): Promise<void>;
  /** give up: remove what the writer keeps aside (the table's spool file) */
  dispose?(): Promise<void>;
  /** table only, after end(): the display width of its lines */
  width?(): number;
}

export type Format = 'table' | 'csv' | 'json' | 'xlsx';

const layoutOf = (shape: ReportShape): ResultLayout => {
  if (!shape.layout) throw new Error('a report shape without a layout (use shapeOf)');
  return shape.layout;
};

/** `row(id, result)` through the layout: one formatting path per writer */
function viaLayout(L: ResultLayout, rowOf: ResultWriter['rowOf']): ResultWriter['row'] {
  const scratch = new Float64Array(L.size);
  return (id, r, kept) => {
    resultInto(r, L, scratch);
    rowOf(id, scratch, kept);
  };
}

// ---------- CSV ----------

/** a text cell safe for spreadsheets: formula-like text is prefixed with `'` (CSV injection), then quoted as needed */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
export function csvText(s: string): string {
  let t = s;
  if (FORMULA_START.test(t)) t = `'${t}`;
  if (NEEDS_QUOTES.test(t)) t = `"${t.replace(/"/g, '""')}"`;
  return t;
}

/** what each column of a report reads from a row in the layout, decided once per report */
const K_KEEP = 1;
const K_TOTAL = 2;
const K_GRADE = 3;
const K_COEF = 4;
const K_BONUS = 5;
const K_VETO = 6;
const K_SCORE = 7;
function plainColumns(cols: Column[], L: ResultLayout): { kind: Int32Array; arg: Int32Array } {
  const kind = new Int32Array(cols.length);
  const arg = new Int32Array(cols.length);
  cols.forEach((c, i) => {
    const k = { id: 0, keep: K_KEEP, total: K_TOTAL, grade: K_GRADE, coefficient: K_COEF, bonus: K_BONUS, veto: K_VETO, score: K_SCORE }[c.kind];
    kind[i] = k;
    // a score column past the layout's indicators is blank (cellOf gives undefined)
    arg[i] = c.kind === 'keep' ? c.index! : c.kind === 'score' ? (c.index! < L.names.length ? L.indicator(c.index!) + IND_SCORE : -1) : 0;
  });
  return { kind, arg };
}

export function csvWriter(out: NodeJS.WritableStream, shape: ReportShape): ResultWriter {
  const cols = columnsOf(shape);
  const L = layoutOf(shape);
  const { kind, arg } = plainColumns(cols, L);
  const n = cols.length;
  const gradeText = L.grades.map(csvText);
  let started = false;
  let buf = '';
  const flushAt = 64 * 1024;
  const start = () => {
    started = true;
    buf = `\ufeff${cols.map((c) => csvText(c.header)).join(',')}\r\n`;
  };
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    if (!started) start();
    let line = csvText(id);
    for (let i = 1; i < n; i++) {
      switch (kind[i]) {
        case K_KEEP: {
          const t = kept?.[arg[i]!];
          line += t ? `,${csvText(t)}` : ',';
          break;
        }
        case K_TOTAL:
          line += `,${o[OUT_TOTAL]}`;
          break;
        case K_GRADE:
          line += o[OUT_GRADE]! >= 0 ? `,${gradeText[o[OUT_GRADE]!]}` : ',';
          break;
        case K_COEF:
          line += o[OUT_GRADE]! >= 0 && o[OUT_COEFFICIENT] === o[OUT_COEFFICIENT] ? `,${o[OUT_COEFFICIENT]}` : ',';
          break;
        case K_BONUS:
          line += `,${o[OUT_BONUS]}`;
          break;
        case K_VETO:
          line += `,${csvText(vetoText(L, o))}`;
          break;
        case K_SCORE:
          line += arg[i]! >= 0 ? `,${o[arg[i]!]}` : ',';
          break;
      }
    }
    buf += `${line}\r\n`;
    if (buf.length > flushAt) {
      out.write(buf); // flush() waits for the drain
      buf = '';
    }
  };
  return {
    rowOf,
    row: viaLayout(L, rowOf),
    async flush() {
      if ((out as unknown as { writableNeedDrain?: boolean }).writableNeedDrain) await once(out as unknown as import('node:events').EventEmitter, 'drain');
      if (buf.length < flushAt) return;
      const b = buf;
      buf = '';
      await put(out, b);
    },
    async end() {
      if (!started) start();
      if (buf) await put(out, buf);
      buf = '';
    },
  };
}

// ---------- JSON ----------

/**
 * The JSON writer builds each row's text as JSON.stringify(jsonRow(…)) would (shape.ts, SPEC §3) from the
 * numbers, without an object per row: keys are stringified once per report. Like jsonRow's objects, a key
 * that appears twice (two indicators or two kept columns with one name) keeps its first place and its
 * last value.
 */
function keyOrder(names: readonly string[]): { key: string; from: number }[] {
  const first = new Map<string, { key: string; from: number }>();
  names.forEach((name, i) => {
    const seen = first.get(name);
    if (seen) seen.from = i;
    else first.set(name, { key: JSON.stringify(name), from: i });
  });
  return [...first.values()];
}
/** a number as JSON.stringify writes it (finite: its shortest text; NaN: null) */
const jnum = (x: number): string => (x === x ? `${x}` : 'null');

export function jsonWriter(out: NodeJS.WritableStream, shape?: ReportShape): ResultWriter {
  if (!shape) throw new Error('jsonWriter needs the report shape');
  const L = layoutOf(shape);
  let n = 0;
  let buf = '[';
  const headers = shape.keep;
  const columns = keyOrder(headers);
  const grades = L.grades.map((g) => JSON.stringify(g));
  const vetoes = L.vetoes.map((v) => JSON.stringify(v));
  const inds = keyOrder(L.names).map(({ key, from }) => ({
    head: `${key}:{${L.paths[from]!.length ? `"path":${JSON.stringify(L.paths[from])},` : ''}"actual":`,
    base: L.indicator(from),
  }));
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    let s = `{"id":${JSON.stringify(id)}`;
    if (headers.length) {
      s += ',"columns":{';
      for (let i = 0; i < columns.length; i++) s += `${i ? ',' : ''}${columns[i]!.key}:${JSON.stringify(kept?.[columns[i]!.from] ?? '')}`;
      s += '}';
    }
    const g = o[OUT_GRADE]!;
    s += `,"total":${jnum(o[OUT_TOTAL]!)},"grade":${g >= 0 ? grades[g] : 'null'},"coefficient":${g >= 0 ? jnum(o[OUT_COEFFICIENT]!) : 'null'},"bonus":${jnum(o[OUT_BONUS]!)},"vetoes":[`;
    let first = true;
    for (let i = 0; i < vetoes.length; i++) {
      if (o[OUT_VETOES + i] !== 1) continue;
      s += first ? vetoes[i] : `,${vetoes[i]}`;
      first = false;
    }
    s += '],"indicators":{';
    for (let i = 0; i < inds.length; i++) {
      const { head, base } = inds[i]!;
      const ratio = o[base + IND_RATIO]!;
      s += `${i ? ',' : ''}${head}${jnum(o[base + IND_ACTUAL]!)}${ratio === ratio ? `,"ratio":${ratio}` : ''},"score":${jnum(o[base + IND_SCORE]!)},"weight":${jnum(o[base + IND_WEIGHT]!)},"weighted":${jnum(o[base + IND_WEIGHTED]!)}}`;
    }
    buf += `${n++ ? ',' : ''}\n  ${s}}}`;
    // hand the text over every 64 KB, not once per batch: a batch's text as one long rope of small
    // strings costs more to flatten and keeps the heap large; flush() then waits for the drain
    if (buf.length > 64 * 1024) {
      out.write(buf);
      buf = '';
    }
  };
  return {
    rowOf,
    row: viaLayout(L, rowOf),
    async flush() {
      if ((out as unknown as { writableNeedDrain?: boolean }).writableNeedDrain) await once(out as unknown as import('node:events').EventEmitter, 'drain');
      if (buf.length < 64 * 1024) return;
      const b = buf;
      buf = '';
      await put(out, b);
    },
    async end() {
      buf += n ? '\n]\n' : ']\n';
      await put(out, buf);
      buf = '';
    },
  };
}

// ---------- table ----------

/** display width: the length for printable ASCII (numbers, most ids), else string-width's answer */
const ASCII = /^[\x20-\x7e]*$/;
type Width = (s: string) => number;
const widthWith = (stringWidth: Width): Width => (s) => (ASCII.test(s) ? s.length : stringWidth(s));

/** cells of a row in the spool: separated by NUL, rows by LF (visibleText leaves neither in a cell) */
const CELL = '\u0000';

export function tableWriter(out: NodeJS.WritableStream, shape: ReportShape, color: { bold(s: string): string; dim(s: string): string }): ResultWriter {
  const cols = columnsOf(shape);
  const L = layoutOf(shape);
  const { kind, arg } = plainColumns(cols, L);
  const n = cols.length;
  const right = cols.map((c) => c.kind !== 'id' && c.kind !== 'keep' && c.kind !== 'grade' && c.kind !== 'veto');
  const headers = cols.map((c) => visibleText(c.header, false));
  const grades = L.grades.map((g) => visibleText(g, false));
  // widths grow as rows come; string-width is loaded (at the next flush) once a cell is not plain ASCII
  const widths = new Int32Array(n);
  let width: Width | undefined;
  /** cells seen before string-width was loaded: column, text */
  const pending: { i: number; s: string }[] = [];
  /** rows as text, cells unpadded; spilled to a spool file past 1 MB so a million rows never sit in memory */
  let rows = '';
  let spool: Spool | undefined;
  let lineWidth = 0;
  const measure = (cells: string[]) => {
    for (let i = 0; i < n; i++) {
      const s = cells[i]!;
      let w: number;
      if (ASCII.test(s)) w = s.length;
      else if (width) w = width(s);
      else {
        pending.push({ i, s });
        continue;
      }
      if (w > widths[i]!) widths[i] = w;
    }
  };
  const cells: string[] = new Array(n);
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    for (let i = 0; i < n; i++) {
      let t: string;
      switch (kind[i]) {
        case 0:
          t = visibleText(id, false);
          break;
        case K_KEEP:
          t = visibleText(kept?.[arg[i]!] ?? '', false);
          break;
        case K_TOTAL:
          t = o[OUT_TOTAL]!.toFixed(shape.round);
          break;
        case K_GRADE:
          t = o[OUT_GRADE]! >= 0 ? grades[o[OUT_GRADE]!]! : '';
          break;
        case K_COEF:
          t = o[OUT_GRADE]! >= 0 && o[OUT_COEFFICIENT] === o[OUT_COEFFICIENT] ? `${o[OUT_COEFFICIENT]}` : '';
          break;
        case K_BONUS:
          t = `${o[OUT_BONUS]}`;
          break;
        case K_VETO:
          t = visibleText(vetoText(L, o), false);
          break;
        default:
          t = arg[i]! >= 0 ? `${o[arg[i]!]}` : '';
      }
      cells[i] = t;
    }
    measure(cells);
    rows += `${cells.join(CELL)}\n`;
  };
  const settle = async () => {
    if (width || !pending.length) return;
    const { default: sw } = await import('string-width');
    width = widthWith(sw);
    for (const { i, s } of pending) widths[i] = Math.max(widths[i]!, width(s));
    pending.length = 0;
  };
  return {
    width: () => lineWidth,
    rowOf,
    row: viaLayout(L, rowOf),
    async flush() {
      if (pending.length) await settle();
      if (rows.length < 1 << 20) return;
      spool ??= await Spool.create();
      await spool.write(rows);
      rows = '';
    },
    async dispose() {
      await spool?.remove();
    },
    async end() {
      if (!width && headers.some((h) => !ASCII.test(h))) pending.push({ i: 0, s: '' });
      await settle();
      const w: Width = width ?? ((x) => x.length);
      for (let i = 0; i < n; i++) widths[i] = Math.max(widths[i]!, w(headers[i]!));
      const pad = (s: string, i: number) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - w(s)));
        return right[i] ? fill + s : s + fill;
      };
      lineWidth = widths.reduce((a, x) => a + x, 0) + 2 * (n - 1);
      const line = (cs: string[]) => {
        let s = pad(cs[0]!, 0);
        for (let i = 1; i < n; i++) s += `  ${pad(cs[i]!, i)}`;
        return s.trimEnd();
      };
      let buf = `${color.bold(line(headers))}\n${color.dim(Array.from(widths, (x) => '─'.repeat(x)).join('  '))}\n`;
      const emit = async (text: string) => {
        let at = 0;
        for (;;) {
          const nl = text.indexOf('\n', at);
          if (nl < 0) break;
          buf += `${line(text.slice(at, nl).split(CELL))}\n`;
          at = nl + 1;
          if (buf.length > 64 * 1024) {
            await put(out, buf);
            buf = '';
          }
        }
      };
      try {
        if (spool) for await (const part of spool.lines()) await emit(part);
        await emit(rows);
      } finally {
        await spool?.remove();
      }
      rows = '';
      await put(out, buf);
    },
  };
}

// ---------- XLSX ----------

export async function xlsxWriter(out: NodeJS.WritableStream, shape: ReportShape): Promise<ResultWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const { default: stringWidth } = await import('string-width');
  // Same plan and data, same bytes: the workbook's created/modified dates and the zip entries' dates are
  // fixed (SOURCE_DATE_EPOCH when set, as reproducible builds do), not the time of the run.
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  const date = new Date(Number.isFinite(epoch) && epoch > 315532800 ? epoch * 1000 : Date.UTC(2000, 0, 1));
  type Zip = { append(src: unknown, data: Record<string, unknown>): unknown };
  const Base = ExcelJS.stream.xlsx.WorkbookWriter;
  // the writer appends its first zip entries from its constructor (addThemes comes first): date them from there on
  class Reproducible extends Base {
    override addThemes(): Promise<void> {
      const zip = (this as unknown as { zip: Zip }).zip;
      const append = zip.append.bind(zip);
      zip.append = (src, data) => append(src, { ...data, date });
      return super.addThemes();
    }
  }
  const wb = new Reproducible({
    stream: out as unknown as import('stream').Stream,
    useStyles: true,
    useSharedStrings: false,
    created: date,
    modified: date,
  } as ConstructorParameters<typeof Base>[0]);
  const cols = columnsOf(shape);
  const L = layoutOf(shape);
  const ws = wb.addWorksheet(shape.lang === 'zh' ? '考核结果' : 'scores', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const decimals = (n: number) => (n <= 0 ? '0' : `0.${'0'.repeat(n)}`);
  ws.columns = cols.map((c) => ({
    key: `${c.kind}${c.index ?? ''}`,
    width: Math.min(40, Math.max(10, stringWidth(c.header) + 2)),
    style:
      c.kind === 'total'
        ? { numFmt: decimals(shape.round) }
        : c.kind === 'score' || c.kind === 'bonus'
          ? { numFmt: '0.00##' }
          : c.kind === 'coefficient'
            ? { numFmt: '0.0#' }
            : {},
  }));
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.commit();
  return {
    row(id, r, kept) {
      ws.addRow(cols.map((c) => cellOf(c, id, r, kept) ?? null)).commit();
    },
    rowOf(id, o, kept) {
      ws.addRow(cols.map((c) => cellOfValues(c, L, id, o, kept) ?? null)).commit();
    },
    async flush() {
      // let exceljs' zip stream catch up with the rows committed so far
      if ((out as unknown as { writableNeedDrain?: boolean }).writableNeedDrain) await once(out as unknown as import('node:events').EventEmitter, 'drain');
    },
    async end() {
      ws.commit();
      await wb.commit();
    },
  };
}
