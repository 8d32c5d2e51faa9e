/**
 * Score report writers. Each takes rows one at a time, in one of two forms:
 * - `row(id, result)`: a RowResult (with money, SPEC §7, when the plan has it), formatted through the
 *   core's report shape (cellOf, csvLines, jsonRow): the general path, shared with the playground;
 * - `rowOf(id, out)`: a row scored into the numbers of run/layout.ts (`compiled.scoreInto`), what the batch
 *   pipeline of `kpi score` hands over (issue 14), formatted without an object per row. Same bytes as
 *   `row` (test/cli/score-pipeline.test.ts); needs `shape.layout` and a report without money columns.
 * Text is written out every 64 KB: csv, json and xlsx stream; table streams too once its rows no longer fit
 * in 1 MB of text (padded to the widest cell at the end, from a spool file).
 */
import {
  IND_ACTUAL,
  IND_NA,
  IND_RATIO,
  IND_SCORE,
  IND_WEIGHT,
  IND_WEIGHTED,
  OUT_BONUS,
  OUT_COEFFICIENT,
  OUT_GRADE,
  OUT_PENALTY,
  OUT_TOTAL,
  OUT_VETOES,
  csvLines,
  csvText,
  displayWidth,
  resultFrom,
  ui,
  visibleText,
  type GroupSummary,
  type ResultLayout,
  type RowResult,
} from '@kpi/core';
import { drained, put } from '../atomic.js';
import { cellOf, columnsOf, jsonRow, type Column, type ReportShape } from './shape.js';
import { Spool } from './spool.js';
import { MAX_PLACES } from './decimal.js';
import { ByteOut, bytesOf } from './bytes.js';

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
  /** SPEC §7: seats vs quotas and money totals per group (the XLSX report gets a summary sheet) */
  summary?(s: ReportSummary): void;
}

export interface ReportSummary {
  groups: GroupSummary[];
  totals: Record<string, number>;
}

export type Format = 'table' | 'csv' | 'json' | 'xlsx';

/** a report shape, with where a scored row's numbers sit when rows come as `rowOf` (`compiled.layout`) */
export type WriterShape = ReportShape & { layout?: ResultLayout };

// the CSV cell rules (formula-injection guard, quoting) and line layout are the core's: one CSV writer
export { csvText } from '@kpi/core';

/** what each column of a report reads from a row in the layout, decided once per report */
const K_ID = 0;
const K_KEEP = 1;
const K_TOTAL = 2;
const K_GRADE = 3;
const K_COEF = 4;
const K_BONUS = 5;
const K_VETO = 6;
const K_SCORE = 7;
const K_PENALTY = 8;
const KINDS: Partial<Record<Column['kind'], number>> = { id: K_ID, keep: K_KEEP, total: K_TOTAL, grade: K_GRADE, coefficient: K_COEF, bonus: K_BONUS, penalty: K_PENALTY, veto: K_VETO, score: K_SCORE };

interface LayoutColumns {
  L: ResultLayout;
  kind: Int32Array;
  /** the kept column's index, the indicator's first slot (-1: past the layout's indicators, blank) */
  arg: Int32Array;
}

/** the columns of a report as read from the layout; undefined when the shape has no layout */
function layoutColumns(shape: WriterShape, cols: Column[]): LayoutColumns | undefined {
  const L = shape.layout;
  if (!L) return undefined;
  const kind = new Int32Array(cols.length);
  const arg = new Int32Array(cols.length);
  cols.forEach((c, i) => {
    const k = KINDS[c.kind];
    // money columns come from the money pass over every row: such reports take `row` (score-money.ts)
    if (k === undefined) throw new Error(`a report with a \`${c.kind}\` column is written with row(), not rowOf()`);
    kind[i] = k;
    // a score column past the layout's indicators is blank (cellOf gives undefined)
    arg[i] = c.kind === 'keep' ? c.index! : c.kind === 'score' ? (c.index! < L.names.length ? L.indicator(c.index!) : -1) : 0;
  });
  return { L, kind, arg };
}

const noLayout = (): never => {
  throw new Error('rowOf needs a report shape with the compiled plan\'s layout');
};

/** the triggered vetoes' names of a scored row in the layout, joined as the report shows them */
export function vetoText(L: ResultLayout, out: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < L.vetoes.length; i++) if (out[OUT_VETOES + i] === 1) s += s === '' ? L.vetoes[i]! : `, ${L.vetoes[i]!}`;
  return s;
}

/** the N/A label a report shows for an indicator that does not apply (不适用), from the catalogue */
const naLabel = (shape: ReportShape): string => ui('ui.report.na', {}, shape.lang);

// ---------- CSV ----------

export function csvWriter(out: NodeJS.WritableStream, shape: WriterShape): ResultWriter {
  const lines = csvLines(shape);
  const cols = columnsOf(shape);
  const lc = layoutColumns(shape, cols);
  const n = cols.length;
  // UTF-8 bytes in 64 KB buffers (bytes.ts), each handed to the stream when full; flush() waits for the drain
  const bo = new ByteOut((b, done) => out.write(b, () => done()));
  const COMMA = bytesOf(',');
  const EOL = bytesOf('\r\n');
  const gradeBytes = lc ? lc.L.grades.map((g) => bytesOf(`,${csvText(g)}`)) : [];
  const NA = bytesOf(`,${csvText(naLabel(shape))}`);
  // totals, bonus and penalty have `round` decimals, scores `round + 2` (the engine rounds them so)
  const R = shape.round;
  let started = false;
  const start = () => {
    started = true;
    bo.text(lines.header);
  };
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    if (!lc) return noLayout();
    const { L, kind, arg } = lc;
    if (!started) start();
    if (!bo.plain(id)) bo.text(csvText(id));
    for (let i = 1; i < n; i++) {
      switch (kind[i]) {
        case K_KEEP: {
          bo.bytes(COMMA);
          const t = kept?.[arg[i]!];
          if (t) bo.text(csvText(t));
          break;
        }
        case K_TOTAL:
          bo.bytes(COMMA);
          bo.decimalAt(o, OUT_TOTAL, R);
          break;
        case K_GRADE:
          bo.bytes(o[OUT_GRADE]! >= 0 ? gradeBytes[o[OUT_GRADE]!]! : COMMA);
          break;
        case K_COEF:
          bo.bytes(COMMA);
          // `${x}` written digit by digit (decimal.ts): through a string, each row paid a call into Buffer#write
          if (o[OUT_GRADE]! >= 0 && o[OUT_COEFFICIENT] === o[OUT_COEFFICIENT]) bo.decimalAt(o, OUT_COEFFICIENT, MAX_PLACES);
          break;
        case K_BONUS:
          bo.bytes(COMMA);
          bo.decimalAt(o, OUT_BONUS, R);
          break;
        case K_PENALTY:
          bo.bytes(COMMA);
          if (o[OUT_PENALTY] === o[OUT_PENALTY]) bo.decimalAt(o, OUT_PENALTY, R);
          break;
        case K_VETO:
          bo.bytes(COMMA);
          bo.text(csvText(vetoText(L, o)));
          break;
        case K_SCORE: {
          const b = arg[i]!;
          if (b < 0) bo.bytes(COMMA);
          else if (o[b + IND_NA] === 1) bo.bytes(NA);
          else {
            bo.bytes(COMMA);
            bo.decimalAt(o, b + IND_SCORE, R + 2);
          }
          break;
        }
      }
    }
    bo.bytes(EOL);
  };
  return {
    rowOf,
    row(id, r, kept) {
      if (!started) start();
      bo.text(lines.row(id, r, kept));
    },
    async flush() {
      await drained(out);
    },
    async end() {
      if (!started) start();
      const b = bo.take();
      if (b) await put(out, b);
    },
  };
}

// ---------- JSON ----------

/**
 * `rowOf` builds each row's text as JSON.stringify(jsonRow(…)) does (the core's report shape, SPEC §3) from
 * the numbers, without an object per row: keys are stringified once per report. Like jsonRow's objects, a
 * key that appears twice (two indicators or two kept columns with one name) keeps its first place and its
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
export function jsonWriter(out: NodeJS.WritableStream, shape?: WriterShape): ResultWriter {
  let n = 0;
  // the report as UTF-8 bytes in 64 KB buffers (bytes.ts); a full one goes to the stream at once, and
  // flush() waits for the drain
  const bo = new ByteOut((b, done) => out.write(b, () => done()));
  bo.bytes(bytesOf('['));
  const headers = shape?.keep ?? [];
  const L = shape?.layout;
  if (L && shape?.money) layoutColumns(shape, columnsOf(shape)); // refuses money columns
  const R = shape?.round ?? 2;
  const B = (s: string) => bytesOf(s);
  const FIRST = B('\n  {"id":');
  const NEXT = B(',\n  {"id":');
  const NULL = B('null');
  const columns = keyOrder(headers).map(({ key, from }, i) => ({ key: B(`${i ? ',' : ',"columns":{'}${key}:`), from }));
  const CLOSE = B('}');
  const TOTAL = B(',"total":');
  const GRADE = B(',"grade":');
  const grades = L ? L.grades.map((g) => B(JSON.stringify(g))) : [];
  const COEF = B(',"coefficient":');
  const BONUS = B(',"bonus":');
  const PENALTY = B(',"penalty":');
  const VETOES = B(',"vetoes":[');
  const vetoes = L ? L.vetoes.map((v) => B(JSON.stringify(v))) : [];
  const COMMA = B(',');
  const INDS = B('],"indicators":{');
  const inds = L
    ? keyOrder(L.names).map(({ key, from }, i) => ({
        head: B(`${i ? ',' : ''}${key}:{${L.paths[from]!.length ? `"path":${JSON.stringify(L.paths[from])},` : ''}"actual":`),
        base: L.indicator(from),
      }))
    : [];
  const NA = B(',"na":true');
  const RATIO = B(',"ratio":');
  const SCORE = B(',"score":');
  const WEIGHT = B(',"weight":');
  const WEIGHTED = B(',"weighted":');
  const END = B('}}');
  /** a number as JSON.stringify writes it (NaN: null), with at most `d` decimals for the fast path */
  const num = (o: Float64Array, i: number, d: number) => (o[i] === o[i] ? bo.decimalAt(o, i, d) : bo.bytes(NULL));
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    if (!L) return noLayout();
    bo.bytes(n++ ? NEXT : FIRST);
    if (!bo.plain(id, true)) bo.text(JSON.stringify(id));
    if (columns.length) {
      for (const c of columns) {
        bo.bytes(c.key);
        bo.text(JSON.stringify(kept?.[c.from] ?? ''));
      }
      bo.bytes(CLOSE);
    }
    const g = o[OUT_GRADE]!;
    bo.bytes(TOTAL);
    num(o, OUT_TOTAL, R);
    bo.bytes(GRADE);
    bo.bytes(g >= 0 ? grades[g]! : NULL);
    bo.bytes(COEF);
    // the coefficient as `${x}` written digit by digit (decimal.ts): through a string and Buffer#write it was ~10%
    // of this function's time in a 1M-row report (issue 14)
    if (g >= 0 && o[OUT_COEFFICIENT] === o[OUT_COEFFICIENT]) bo.decimalAt(o, OUT_COEFFICIENT, MAX_PLACES);
    else bo.bytes(NULL);
    bo.bytes(BONUS);
    num(o, OUT_BONUS, R);
    if (L.hasPenalty) {
      bo.bytes(PENALTY);
      num(o, OUT_PENALTY, R);
    }
    bo.bytes(VETOES);
    let first = true;
    for (let i = 0; i < vetoes.length; i++) {
      if (o[OUT_VETOES + i] !== 1) continue;
      if (!first) bo.bytes(COMMA);
      bo.bytes(vetoes[i]!);
      first = false;
    }
    bo.bytes(INDS);
    // total, bonus, penalty: `round` decimals; scores, weighted: `round + 2`; ratios `round + 4`; actuals as read
    for (let i = 0; i < inds.length; i++) {
      const { head, base } = inds[i]!;
      bo.bytes(head);
      num(o, base + IND_ACTUAL, MAX_PLACES);
      if (o[base + IND_NA] === 1) bo.bytes(NA);
      const ratio = o[base + IND_RATIO]!;
      if (ratio === ratio) {
        bo.bytes(RATIO);
        num(o, base + IND_RATIO, R + 4);
      }
      bo.bytes(SCORE);
      num(o, base + IND_SCORE, R + 2);
      bo.bytes(WEIGHT);
      num(o, base + IND_WEIGHT, MAX_PLACES);
      bo.bytes(WEIGHTED);
      num(o, base + IND_WEIGHTED, R + 2);
      bo.bytes(CLOSE);
    }
    bo.bytes(END);
  };
  return {
    rowOf,
    row(id, r, kept) {
      bo.text(`${n++ ? ',' : ''}\n  ${JSON.stringify(jsonRow(id, r, headers.length ? { headers, cells: kept ?? [] } : undefined))}`);
    },
    async flush() {
      await drained(out);
    },
    async end() {
      bo.bytes(bytesOf(n ? '\n]\n' : ']\n'));
      const b = bo.take();
      if (b) await put(out, b);
    },
  };
}

// ---------- table ----------

/** display width: the length for printable ASCII (numbers, most ids), else the core's display width */
const ASCII = /^[\x20-\x7e]*$/;
const widthOf = (s: string): number => (ASCII.test(s) ? s.length : displayWidth(s));

/** cells of a row in the spool: separated by NUL, rows by LF (visibleText leaves neither in a cell) */
const CELL = '\u0000';

/** columns shown as text, left-aligned; the others are numbers, right-aligned */
const TEXT_KINDS = new Set<Column['kind']>(['id', 'keep', 'grade', 'veto', 'scoreGrade', 'periods']);

export function tableWriter(out: NodeJS.WritableStream, shape: WriterShape, color: { bold(s: string): string; dim(s: string): string }): ResultWriter {
  const cols = columnsOf(shape);
  const lc = layoutColumns(shape, cols);
  const n = cols.length;
  const right = cols.map((c) => !TEXT_KINDS.has(c.kind));
  const headers = cols.map((c) => visibleText(c.header, false));
  const na = naLabel(shape);
  const naWidth = widthOf(na);
  /** a cell's display width: a number's text is ASCII (its length); text cells and the N/A label are measured */
  const cellWidth = (s: string, i: number): number => (!right[i] ? widthOf(s) : s === na ? naWidth : s.length);
  const grades = lc ? lc.L.grades.map((g) => visibleText(g, false)) : [];
  // ids, kept cells, grades, vetoes and headers come from data and plans: no control characters to the terminal
  const widths = new Int32Array(n);
  /**
   * rows as UTF-8 bytes, cells unpadded (separated by NUL, rows by LF), in 64 KB buffers spilled to a spool
   * file so that a million rows never sit in memory (padding needs every row's widths first). Bytes, not a
   * string per batch: a string built row by row is a rope that outlives young-generation collections and
   * piles up in the old generation until a full GC (that was 30 MB of the table run's peak).
   */
  const full: { b: Buffer; done: () => void }[] = [];
  const bo = new ByteOut((b, done) => full.push({ b, done }));
  const LF_B = bytesOf('\n');
  let spool: Spool | undefined;
  let lineWidth = 0;
  const cells: string[] = new Array(n);
  const take = () => {
    for (let i = 0; i < n; i++) {
      const w = cellWidth(cells[i]!, i);
      if (w > widths[i]!) widths[i] = w;
    }
    // one string per row, encoded at once (an encode per cell cost ~0.5 s per million rows)
    bo.text(`${cells.join(CELL)}\n`);
  };
  /** the full buffers to the spool file */
  const spill = async () => {
    if (full.length === 0) return;
    spool ??= await Spool.create();
    for (const { b, done } of full.splice(0)) {
      await spool.writeBytes(b);
      done();
    }
  };
  const CELL_B = bytesOf(CELL);
  const gradeBytes = grades.map((g) => bytesOf(g));
  const gradeWidths = grades.map((g) => widthOf(g));
  const naBytes = bytesOf(na);
  /** a text cell: its bytes, and its width */
  const textCell = (t: string): number => {
    bo.text(t);
    return widthOf(t);
  };
  /**
   * The scored row's cells straight into the spool's bytes, numbers written digit by digit (a string per
   * cell, joined and encoded, was a fifth of the table run); a number's width is the bytes written
   */
  const rowOf = (id: string, o: Float64Array, kept?: readonly string[]) => {
    if (!lc) return noLayout();
    const { L, kind, arg } = lc;
    for (let i = 0; i < n; i++) {
      if (i) bo.bytes(CELL_B);
      let w = 0;
      switch (kind[i]) {
        case K_ID:
          w = textCell(visibleText(id, false));
          break;
        case K_KEEP:
          w = textCell(visibleText(kept?.[arg[i]!] ?? '', false));
          break;
        case K_TOTAL:
          w = bo.decimalAt(o, OUT_TOTAL, shape.round, true);
          break;
        case K_GRADE:
          if (o[OUT_GRADE]! >= 0) {
            bo.bytes(gradeBytes[o[OUT_GRADE]!]!);
            w = gradeWidths[o[OUT_GRADE]!]!;
          }
          break;
        case K_COEF:
          // `${x}` written digit by digit (decimal.ts), as the other numbers
          if (o[OUT_GRADE]! >= 0 && o[OUT_COEFFICIENT] === o[OUT_COEFFICIENT]) w = bo.decimalAt(o, OUT_COEFFICIENT, MAX_PLACES);
          break;
        case K_BONUS:
          w = bo.decimalAt(o, OUT_BONUS, shape.round);
          break;
        case K_PENALTY:
          if (o[OUT_PENALTY] === o[OUT_PENALTY]) w = bo.decimalAt(o, OUT_PENALTY, shape.round);
          break;
        case K_VETO:
          w = textCell(visibleText(vetoText(L, o), false));
          break;
        default: {
          const b = arg[i]!;
          if (b < 0) break;
          if (o[b + IND_NA] === 1) {
            bo.bytes(naBytes);
            w = naWidth;
          } else w = bo.decimalAt(o, b + IND_SCORE, shape.round + 2);
        }
      }
      if (w > widths[i]!) widths[i] = w;
    }
    bo.bytes(LF_B);
  };
  /** a cell of a RowResult as the table shows it */
  const text = (c: Column, id: string, r: RowResult, kept: readonly string[] | undefined): string => {
    if (c.kind === 'keep') return visibleText(kept?.[c.index!] ?? '', false);
    const v = cellOf(c, id, r, undefined, shape.lang);
    if (TEXT_KINDS.has(c.kind)) return visibleText(typeof v === 'string' ? v : '', false);
    if (typeof v === 'string') return v; // the N/A label (不适用)
    if (v === undefined || Number.isNaN(v)) return '';
    return c.kind === 'total' ? v.toFixed(shape.round) : c.kind === 'money' ? v.toFixed(2) : String(v);
  };
  return {
    width: () => lineWidth,
    rowOf,
    row(id, r, kept) {
      for (let i = 0; i < n; i++) cells[i] = text(cols[i]!, id, r, kept);
      take();
    },
    async flush() {
      await spill();
    },
    async dispose() {
      await spool?.remove();
    },
    async end() {
      for (let i = 0; i < n; i++) widths[i] = Math.max(widths[i]!, widthOf(headers[i]!));
      /** spaces, by count: padding makes no string per cell */
      const fills = Array.from({ length: Math.max(0, ...widths) + 1 }, (_, k) => ' '.repeat(k));
      const pad = (s: string, w: number, i: number) => {
        const fill = fills[Math.max(0, widths[i]! - w)]!;
        return right[i] ? fill + s : s + fill;
      };
      lineWidth = widths.reduce((a, x) => a + x, 0) + 2 * (n - 1);
      const headerLine = headers.map((h, i) => pad(h, widthOf(h), i)).join('  ').trimEnd();
      /** the line of a spooled row: its cells from `at` to `end` (cells separated by CELL), padded */
      const line = (part: string, at: number, end: number) => {
        let s = '';
        for (let i = 0; i < n; i++) {
          const next = i < n - 1 ? part.indexOf(CELL, at) : end;
          const c = part.slice(at, next);
          s += i ? `  ${pad(c, cellWidth(c, i), i)}` : pad(c, cellWidth(c, i), i);
          at = next + 1;
        }
        return s.trimEnd();
      };
      // the padded lines as bytes into 64 KB buffers handed to the stream: cells are copied from the spool's
      // bytes with their padding, no string per cell or line (strings here were a third of the table run)
      const ob = new ByteOut((b, done) => out.write(b, () => done()));
      ob.text(`${color.bold(headerLine)}\n${color.dim(Array.from(widths, (x) => '─'.repeat(x)).join('  '))}\n`);
      const starts = new Int32Array(n + 1);
      const cw = new Int32Array(n);
      /** the row from byte `at` to the LF at `nl`, padded, without trailing whitespace (as `line`) */
      const lineBytes = (b: Buffer, at: number, nl: number): void => {
        let p = at;
        let total = 2 * (n - 1);
        for (let i = 0; i < n; i++) {
          starts[i] = p;
          let ascii = true;
          const last = i === n - 1;
          while (p < nl && (last || b[p] !== 0)) {
            if (b[p]! >= 0x80) ascii = false;
            p++;
          }
          if (p === nl && i < n - 1) return stringLine(b, at, nl, -1); // fewer cells than columns
          const w = ascii ? p - starts[i]! : cellWidth(b.toString('utf8', starts[i]!, p), i);
          cw[i] = w;
          total += p - starts[i]! + Math.max(0, widths[i]! - w);
          p++;
        }
        starts[n] = p;
        ob.room(total);
        const lineStart = ob.length;
        for (let i = 0; i < n; i++) {
          if (i) ob.fill(0x20, 2);
          const fill = widths[i]! - cw[i]!;
          if (right[i]) ob.fill(0x20, fill);
          ob.copy(b, starts[i]!, starts[i + 1]! - 1);
          if (!right[i]) ob.fill(0x20, fill);
        }
        if (!ob.trimEnd(lineStart)) stringLine(b, at, nl, lineStart);
      };
      /** the same line through `line` (strings), replacing what was written from `from` (-1: nothing) */
      const stringLine = (b: Buffer, at: number, nl: number, from: number): void => {
        if (from >= 0) ob.truncate(from);
        const s = b.toString('utf8', at, nl + 1);
        ob.text(line(s, 0, s.length - 1));
      };
      const emit = async (part: Buffer) => {
        let at = 0;
        for (;;) {
          const nl = part.indexOf(0x0a, at);
          if (nl < 0) break;
          lineBytes(part, at, nl);
          ob.bytes(LF_B);
          at = nl + 1;
        }
        await drained(out);
      };
      try {
        const last = bo.take();
        if (spool || full.length) {
          await spill();
          if (last) await spool!.writeBytes(last);
          for await (const part of spool!.chunks()) await emit(part);
        } else if (last) await emit(last);
      } finally {
        await spool?.remove();
      }
      const b = ob.take();
      if (b) await put(out, b);
    },
  };
}

// ---------- XLSX ----------

export async function xlsxWriter(out: NodeJS.WritableStream, shape: WriterShape): Promise<ResultWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const stringWidth = displayWidth;
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
  const L = shape.layout;
  const ws = wb.addWorksheet(shape.lang === 'zh' ? '考核结果' : 'scores', { views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  const decimals = (n: number) => (n <= 0 ? '0' : `0.${'0'.repeat(n)}`);
  ws.columns = cols.map((c) => ({
    key: `${c.kind}${c.index ?? ''}`,
    width: Math.min(40, Math.max(10, stringWidth(c.header) + 2)),
    style:
      c.kind === 'total'
        ? { numFmt: decimals(shape.round) }
        : c.kind === 'score' || c.kind === 'bonus' || c.kind === 'penalty'
          ? { numFmt: '0.00##' }
          : c.kind === 'coefficient'
            ? { numFmt: '0.0#' }
            : c.kind === 'money'
              ? { numFmt: '#,##0.00' }
              : {},
  }));
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.commit();
  let summary: ReportSummary | undefined;
  const row = (id: string, r: RowResult, kept?: readonly string[]) => {
    ws.addRow(cols.map((c) => cellOf(c, id, r, kept, shape.lang) ?? null)).commit();
  };
  return {
    summary(s) {
      summary = s;
    },
    row,
    // exceljs builds objects per cell anyway: the layout back into a RowResult costs little beside it
    rowOf: (id, o, kept) => row(id, resultFrom(L ?? noLayout(), o), kept),
    async flush() {
      // let exceljs' zip stream catch up with the rows committed so far
      await drained(out);
    },
    async end() {
      ws.commit();
      if (summary) writeSummarySheet(wb, summary, shape);
      await wb.commit();
    },
  };
}

/** the XLSX summary sheet (SPEC §7): per group, seats vs quotas of the distribution and money totals */
function writeSummarySheet(wb: { addWorksheet(name: string): import('exceljs').Worksheet }, s: ReportSummary, shape: ReportShape): void {
  const zh = shape.lang === 'zh';
  const ws = wb.addWorksheet(zh ? '汇总' : 'summary');
  const items = Object.keys(s.totals);
  const labels = s.groups[0]?.quotas.map((q) => q.label) ?? [];
  const head = [zh ? '分组' : 'group', zh ? '人数' : 'people', zh ? '强制' : 'enforced'];
  for (const l of labels) head.push(zh ? `${l} 名额` : `${l} seats`, zh ? `${l} 实际` : `${l} placed`, zh ? `${l} 按分` : `${l} by score`);
  head.push(...items.map((i) => (zh ? `${i} 合计` : `${i} total`)));
  const h = ws.addRow(head);
  h.font = { bold: true };
  h.commit();
  for (const g of s.groups) {
    const row: (string | number)[] = [g.group || (zh ? '全部' : 'all'), g.size, g.advisory ? (zh ? '参考' : 'advisory') : zh ? '是' : 'yes'];
    for (const q of g.quotas) row.push(q.seats, q.placed, q.scored);
    row.push(...items.map((i) => g.totals[i] ?? 0));
    ws.addRow(row).commit();
  }
  const total = [zh ? '合计' : 'total', s.groups.reduce((a, g) => a + g.size, 0), ''];
  for (let k = 0; k < labels.length; k++) total.push('', '', '');
  total.push(...items.map((i) => s.totals[i] ?? 0));
  const t = ws.addRow(total);
  t.font = { bold: true };
  t.commit();
  ws.commit();
}
