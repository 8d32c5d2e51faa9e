/**
 * The batch pipeline of `kpi score` (issue 14): rows are bound, scored and written without an object per
 * row. A raw CSV line (data/csv-raw.ts) has its plain numbers read straight from its bytes into one
 * reusable Float64Array and only its id and `--keep` cells decoded; the compiled plan's scoreInto writes
 * the result into another; the writer formats from there. Any line the fast path is not sure of (a blank
 * or unusual cell, a short row, a duplicate id, a value that needs a warning) is bound by the binder's
 * bindRow from its cells, as every row was before, so every rule and message holds.
 */
import { plainNumberAt, plainRead, type Cell, type CompiledPlan, type Diagnostic, type TableBinder } from '@kpi/core';
import type { TableSource } from '../data/read.js';
import type { RawBatch } from '../data/csv-raw.js';
import type { ResultWriter } from '../writers/index.js';

export interface RowSink {
  /** a row's data errors (binding or scoring) */
  errors(ds: Diagnostic[]): void;
  /** after each batch: write out, show progress */
  batchDone(): Promise<void>;
}

export interface ScoreRowsOptions {
  source: TableSource;
  binder: TableBinder;
  compiled: CompiledPlan;
  writer: ResultWriter;
  /** header index of each `--keep` column */
  keepIndex: readonly number[];
  dataName: string;
  sink: RowSink;
  /** row errors from the engine as data diagnostics (score.ts rowErrorDiagnostics) */
  rowErrors(row: number, id: string, errors: NonNullable<ReturnType<CompiledPlan['scoreInto']>>): Diagnostic[];
}

const cellText = (c: unknown): string => (c === null || c === undefined ? '' : String(c).trim());

/** score every row; resolves to the number of rows written (0 once any row had an error: nothing is written after it) */
export async function scoreRows(o: ScoreRowsOptions): Promise<{ ok: boolean; scored: number }> {
  const { binder, compiled, writer, keepIndex, sink } = o;
  const out = new Float64Array(compiled.layout.size);
  const kept: string[] = new Array(keepIndex.length);
  const keeping = keepIndex.length > 0;
  let ok = true;
  let scored = 0;

  /** score bound values and write the row (when every row so far was fine) */
  const score = (values: Float64Array, id: string, row: number, keptCells: readonly string[] | undefined) => {
    const errs = compiled.scoreInto(values, out);
    if (errs !== null) {
      ok = false;
      sink.errors(o.rowErrors(row, id, errs));
    } else if (ok) {
      writer.rowOf(id, out, keptCells);
      scored++;
    }
  };
  /** the general path: a row as cells */
  const slow = (cells: readonly Cell[], row: number) => {
    const bound = binder.bindRow(cells, row);
    if (!bound) return;
    if (bound.errors.length) {
      ok = false;
      sink.errors(bound.errors);
      return;
    }
    score(bound.values, bound.id, row, keeping ? keepIndex.map((i) => cellText(cells[i])) : undefined);
  };

  if (!o.source.raw) {
    for await (const batch of o.source.rows) {
      for (const { cells, row } of batch) slow(cells, row);
      await sink.batchDone();
    }
    return { ok, scored };
  }

  // ---- raw lines ----
  const delimiter = o.source.delimiter!;
  const delim = delimiter.charCodeAt(0);
  const width = o.source.header.length;
  const idIndex = binder.idIndex;
  const columns = Int32Array.from(binder.columnIndex);
  const nIn = columns.length;
  const values = new Float64Array(nIn);
  const percent = new Uint8Array(nIn);
  const fs = new Int32Array(width + 1);
  const fe = new Int32Array(width + 1);
  const keepAt = Int32Array.from(keepIndex);

  const lines = (b: Extract<RawBatch, { kind: 'lines' }>) => {
    const bytes = b.bytes;
    for (let li = 0; li < b.count; li++) {
      const row = b.row + li;
      const s = b.starts[li]!;
      const e = b.ends[li]!;
      // fields: as many as the header has, or the general path
      let n = 0;
      let at = s;
      for (let i = s; i < e; i++) {
        if (bytes[i] === delim) {
          if (n === width - 1) {
            n = -1; // more cells than the header
            break;
          }
          fs[n] = at;
          fe[n++] = i;
          at = i + 1;
        }
      }
      if (n >= 0) {
        fs[n] = at;
        fe[n++] = e;
      }
      let fast = n === width;
      let id = '';
      if (fast) {
        id = bytes.toString('utf8', fs[idIndex], fe[idIndex]);
        // the binder's id is the trimmed cell; a blank or padded one goes the general way
        const first = bytes[fs[idIndex]!]!;
        const lastB = bytes[fe[idIndex]! - 1]!;
        if (id === '' || first <= 0x20 || lastB <= 0x20 || ((first >= 0x80 || lastB >= 0x80) && id.trim() !== id)) fast = false;
      }
      for (let k = 0; fast && k < nIn; k++) {
        const h = columns[k]!;
        if (h < 0) {
          values[k] = NaN;
          percent[k] = 0;
          continue;
        }
        // into the row's array: a double returned by a call that is not inlined would be a heap number
        if (!plainNumberAt(bytes, fs[h]!, fe[h]!, values, k)) fast = false;
        else percent[k] = plainRead.percent ? 1 : 0;
      }
      if (fast) {
        const r = binder.bindPlain(id, values, percent, row);
        if (r === 'slow') fast = false;
        else if (r !== null) {
          ok = false;
          sink.errors(r);
          continue;
        }
      }
      if (!fast) {
        slow(bytes.toString('utf8', s, e).split(delimiter), row);
        continue;
      }
      if (keeping) for (let j = 0; j < keepAt.length; j++) kept[j] = bytes.toString('utf8', fs[keepAt[j]!], fe[keepAt[j]!]).trim();
      score(values, id, row, keeping ? kept : undefined);
    }
  };

  for await (const b of o.source.raw) {
    if (b.kind === 'lines') lines(b);
    else for (const { cells, row } of b.rows) slow(cells, row);
    await sink.batchDone();
  }
  return { ok, scored };
}
