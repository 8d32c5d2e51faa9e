/**
 * Score report writers. Each takes rows one at a time; csv, json and xlsx stream to their output,
 * table keeps compact results (it needs every row to size its columns).
 */
import { csvLines, displayWidth, visibleText, type GroupSummary, type RowResult } from '@kpi/core';
import { once } from 'node:events';
import { put } from '../atomic.js';
import { cellOf, columnsOf, jsonRow, type Column, type ReportShape } from './shape.js';

export interface ResultWriter {
  /** take one row (buffered; never waits); `kept` are the cells of the `--keep` columns */
  row(id: string, r: RowResult, kept?: readonly string[]): void;
  /** write what is buffered, waiting for the output to drain (called after each batch of rows) */
  flush(): Promise<void>;
  /** write what remains (table, closing bracket, workbook) to the stream */
  end(): Promise<void>;
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

// ---------- CSV ----------

// the CSV cell rules (formula-injection guard, quoting) and line layout are the core's: one CSV writer
export { csvText } from '@kpi/core';

export function csvWriter(out: NodeJS.WritableStream, shape: ReportShape): ResultWriter {
  const lines = csvLines(shape);
  let started = false;
  let buf = '';
  const flushAt = 64 * 1024;
  const start = () => {
    started = true;
    buf = lines.header;
  };
  return {
    row(id, r, kept) {
      if (!started) start();
      buf += lines.row(id, r, kept);
    },
    async flush() {
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

export function jsonWriter(out: NodeJS.WritableStream, shape?: ReportShape): ResultWriter {
  let n = 0;
  let buf = '[';
  const headers = shape?.keep ?? [];
  return {
    row(id, r, kept) {
      buf += `${n++ ? ',' : ''}\n  ${JSON.stringify(jsonRow(id, r, headers.length ? { headers, cells: kept ?? [] } : undefined))}`;
    },
    async flush() {
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

interface Compact {
  id: string;
  grade: string | undefined;
  scoreGrade: string | undefined;
  periods: string;
  veto: string;
  kept: readonly string[] | undefined;
  /** total, coefficient, bonus, scores... (NaN = blank) */
  nums: Float64Array;
}

export function tableWriter(out: NodeJS.WritableStream, shape: ReportShape, color: { bold(s: string): string; dim(s: string): string }): ResultWriter {
  const cols = columnsOf(shape);
  const rows: Compact[] = [];
  const TEXT = new Set(['id', 'keep', 'grade', 'veto', 'scoreGrade', 'periods']);
  const numCols = cols.filter((c) => !TEXT.has(c.kind));
  let lineWidth = 0;
  return {
    width: () => lineWidth,
    row(id, r, kept) {
      const nums = new Float64Array(numCols.length);
      numCols.forEach((c, i) => {
        const v = cellOf(c, id, r, undefined, shape.lang);
        // a text score is the N/A label (不适用): −∞ marks it in the compact row
        nums[i] = typeof v === 'number' ? v : typeof v === 'string' ? -Infinity : NaN;
      });
      rows.push({ id, grade: r.grade, scoreGrade: cellOf({ kind: 'scoreGrade', header: '' }, id, r) as string | undefined, periods: (cellOf({ kind: 'periods', header: '' }, id, r) as string | undefined) ?? '', veto: r.vetoes.join(', '), kept, nums });
    },
    async flush() {},
    async end() {
      const stringWidth = displayWidth;
      // ids, kept cells, grades, vetoes and headers come from data and plans: no control characters to the terminal
      const text = (c: Column, row: Compact): string => {
        if (c.kind === 'id') return visibleText(row.id, false);
        if (c.kind === 'keep') return visibleText(row.kept?.[c.index!] ?? '', false);
        if (c.kind === 'grade') return visibleText(row.grade ?? '', false);
        if (c.kind === 'veto') return visibleText(row.veto, false);
        if (c.kind === 'scoreGrade') return visibleText(row.scoreGrade ?? '', false);
        if (c.kind === 'periods') return visibleText(row.periods, false);
        const v = row.nums[numCols.indexOf(c)]!;
        if (Number.isNaN(v)) return '';
        if (v === -Infinity) return shape.lang === 'zh' ? '不适用' : 'N/A';
        return c.kind === 'total' ? v.toFixed(shape.round) : c.kind === 'money' ? v.toFixed(2) : String(v);
      };
      const right = (c: Column) => !TEXT.has(c.kind);
      const header = (c: Column) => visibleText(c.header, false);
      const widths = cols.map((c) => stringWidth(header(c)));
      for (const row of rows) cols.forEach((c, i) => (widths[i] = Math.max(widths[i]!, stringWidth(text(c, row)))));
      const pad = (s: string, w: number, r: boolean) => {
        const fill = ' '.repeat(Math.max(0, w - stringWidth(s)));
        return r ? fill + s : s + fill;
      };
      lineWidth = widths.reduce((a, w) => a + w, 0) + 2 * (widths.length - 1);
      const line = (cells: string[]) => cells.map((s, i) => pad(s, widths[i]!, right(cols[i]!))).join('  ').trimEnd();
      let buf = `${color.bold(line(cols.map(header)))}\n${color.dim(widths.map((w) => '─'.repeat(w)).join('  '))}\n`;
      for (const row of rows) {
        buf += `${line(cols.map((c) => text(c, row)))}\n`;
        if (buf.length > 64 * 1024) {
          await put(out, buf);
          buf = '';
        }
      }
      await put(out, buf);
    },
  };
}

// ---------- XLSX ----------

export async function xlsxWriter(out: NodeJS.WritableStream, shape: ReportShape): Promise<ResultWriter> {
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
  return {
    summary(s) {
      summary = s;
    },
    row(id, r, kept) {
      ws.addRow(cols.map((c) => cellOf(c, id, r, kept, shape.lang) ?? null)).commit();
    },
    async flush() {
      // let exceljs' zip stream catch up with the rows committed so far
      if ((out as unknown as { writableNeedDrain?: boolean }).writableNeedDrain) await once(out as unknown as import('node:events').EventEmitter, 'drain');
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
