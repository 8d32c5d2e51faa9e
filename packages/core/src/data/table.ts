/**
 * Table → rows: binds a data file's header to the columns a compiled plan reads (`InputColumn[]`) and
 * turns each row into a `Float64Array` aligned with those inputs (NaN = missing), with row-level
 * diagnostics naming the spreadsheet row (header = row 1), the column and the offending value.
 * Streaming: `createBinder` binds one row at a time and keeps only the ids seen (for duplicates).
 * Shared with the playground: no Node-only APIs.
 */
import { IdRows } from './id-rows.js';
import { printName } from '../format/text.js';
import { idKey } from './id-key.js';
import type { DataLocation, Diagnostic } from '../diagnostics/types.js';
import { bilingual, diag, text, type ArgsOf, type At, type DiagnosticId } from '../diagnostics/diag.js';
import type { InputColumn } from '../model/results.js';
import { numberValue, parseValue, type ParsedValue } from './value.js';

/** A cell as a reader hands it over: text (CSV, JSON strings), a number (XLSX, JSON numbers), or blank. */
export type Cell = string | number | null | undefined;

export interface PercentHint {
  /** the target as a fraction (98% → 0.98) */
  target: number;
  /** the metric or indicator the column feeds, when it is not the indicator's own column */
  via?: string;
}

export interface BindOptions {
  /** header of the id column; default: the first column */
  idColumn?: string;
  /** file name for diagnostics */
  fileName?: string;
  /** column → its indicator's percent target, to warn about `95` written for `95%` */
  percentHints?: ReadonlyMap<string, PercentHint> | Readonly<Record<string, PercentHint>>;
  /**
   * where the ids seen so far are kept for the duplicate check (KPI0808); default: all of them in memory
   * (IdRows). `kpi score` passes one that keeps a bounded number in memory and checks the rest at the end
   * (packages/cli/src/data/id-spill.ts).
   */
  ids?: IdStore;
}

/** the ids seen while streaming, keyed as `idKey` makes them */
export interface IdStore {
  /** the row where `key` was first seen, or undefined after recording it at `row` (rows come in increasing order) */
  firstRow(key: string, row: number): number | undefined;
}

export interface BoundRow {
  /** spreadsheet row number (header = 1) */
  row: number;
  id: string;
  /** aligned with the inputs; NaN = missing */
  values: Float64Array;
  /** row-level errors (empty when the row can be scored) */
  errors: Diagnostic[];
}

export interface TableBinder {
  /** header-level findings (missing columns, duplicate headers, unknown id column) */
  readonly diagnostics: Diagnostic[];
  /** false when a header-level error means no row can be bound */
  readonly ok: boolean;
  /** index of the id column in the header, -1 when not found */
  readonly idIndex: number;
  /** for each input, its index in the header, or -1 (missing, optional) */
  readonly columnIndex: readonly number[];
  /** bind one row; returns null for a row whose cells are all blank (skipped). A short row is one
   * KPI0810 error; its absent cells are not reported again as blank. */
  bindRow(cells: readonly Cell[], row: number): BoundRow | null;
  /**
   * The batch reader's fast path (issue 14): a row whose cells are all there (as many as the header has),
   * whose id cell is `id` (trimmed, not blank) and whose input cells held plain numbers, read into `values`
   * (NaN for a column the plan may lack) with `percent[k]` = 1 when written with `%`. Does for it what
   * bindRow would: null when the row can be scored, or its errors (a duplicate id); 'slow' when the row
   * needs bindRow to see its cells (a negative count, a value that looks like a percent without `%`, the
   * first value of a percent column written a new way (KPI0819), a header with blank names), and then
   * nothing was recorded.
   */
  bindPlain(id: string, values: Float64Array, percent: Uint8Array, row: number): Diagnostic[] | null | 'slow';
  /** findings only known at the end: no data rows, blank-header data, percent-mistake warnings */
  finish(): Diagnostic[];
  /** number of non-blank rows bound */
  readonly rowCount: number;
}

const isBlank = (c: Cell): boolean =>
  c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

/** header key used for tolerant matching: NFKC (full-width → ASCII), no spaces, case-folded */
export const headerKey = (h: string): string => h.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** Levenshtein distance over code points */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/** did-you-mean looks at names up to this long: a 50 MB header cell is not a typo of a column name, and
 * edit distance is quadratic (issue 13: a 50 MB single-line CSV took 117 s and 3.2 GB for three KPI0804) */
export const MAX_SUGGEST_LENGTH = 256;

/** the candidate closest to `name`, if close enough to be a likely typo */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  if (name.length > MAX_SUGGEST_LENGTH) return undefined;
  const len = [...name].length;
  const limit = Math.max(1, Math.floor(len / 2));
  const nameKey = headerKey(name);
  for (const c of candidates) {
    if (c.length > MAX_SUGGEST_LENGTH || c.trim() === '') continue;
    const cKey = headerKey(c);
    const d = editDistance(nameKey, cKey);
    const contains = cKey.includes(nameKey) || nameKey.includes(cKey);
    const score = contains ? Math.min(d, limit) : d;
    if (score < bestD) {
      bestD = score;
      best = c;
    }
  }
  return bestD <= limit ? best : undefined;
}

const bt = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/** Show a raw cell in a message (cut when long). */
export const showValue = (c: Cell): string => {
  const s = c === null || c === undefined ? '' : String(c);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

function hintFor(hints: BindOptions['percentHints'], column: string): PercentHint | undefined {
  if (!hints) return undefined;
  if (hints instanceof Map) return hints.get(column);
  return (hints as Record<string, PercentHint>)[column];
}

export function createBinder(header: readonly Cell[], inputs: readonly InputColumn[], opts: BindOptions = {}): TableBinder {
  const file = opts.fileName;
  const diagnostics: Diagnostic[] = [];
  const names = header.map((h) => (h === null || h === undefined ? '' : String(h).trim()));
  /** a data diagnostic from the catalogue, about this file */
  const dg = <I extends DiagnosticId>(id: I, args: ArgsOf<I>, data: DataLocation, at: Omit<At, 'file' | 'data'> = {}): Diagnostic =>
    diag(id, args, { ...at, file, data });

  // exact and tolerant lookup; remember duplicates
  const exact = new Map<string, number[]>();
  const tolerant = new Map<string, number[]>();
  names.forEach((n, i) => {
    if (n === '') return;
    (exact.get(n) ?? exact.set(n, []).get(n)!).push(i);
    const k = headerKey(n);
    (tolerant.get(k) ?? tolerant.set(k, []).get(k)!).push(i);
  });
  const lookup = (name: string): number[] => exact.get(name.trim()) ?? tolerant.get(headerKey(name)) ?? [];
  const reportedDuplicate = new Set<string>();
  const resolve = (name: string): number => {
    const found = lookup(name);
    if (found.length > 1 && !reportedDuplicate.has(name)) {
      reportedDuplicate.add(name);
      diagnostics.push(
        dg('KPI0805', { column: name, n: found.length, columns: found.map((i) => i + 1).join(', ') }, { row: 1, column: name }),
      );
    }
    return found[0] ?? -1;
  };

  let ok = true;
  if (names.every((n) => n === '')) {
    diagnostics.push(dg('KPI0802', {}, { row: 1 }));
    ok = false;
  }

  let idIndex = -1;
  let idName = '';
  if (ok) {
    if (opts.idColumn !== undefined) {
      idIndex = resolve(opts.idColumn);
      idName = opts.idColumn;
      if (idIndex < 0) {
        const near = nearest(opts.idColumn, names);
        diagnostics.push(
          dg('KPI0807', { column: opts.idColumn }, { row: 1, column: opts.idColumn }, {
            helpText: near ? text('help.did-you-mean', { word: near }) : text('help.header-has', { columns: names.filter(Boolean).map(bt).join(', ') }),
          }),
        );
        ok = false;
      }
    } else {
      idIndex = names.findIndex((n) => n !== '');
      idName = names[idIndex] ?? '';
    }
  }

  const columnIndex: number[] = [];
  const required = inputs.map((inp) => !inp.optional && inp.role !== 'rater');
  if (ok) {
    for (const inp of inputs) {
      const i = resolve(inp.column);
      columnIndex.push(i);
      if (i < 0 && !inp.optional) {
        const near = nearest(inp.column, names);
        const readers = inp.readers.length ? bilingual('what.read-by', { readers: inp.readers.map(bt).join(', ') }) : '';
        diagnostics.push(
          dg('KPI0804', { column: inp.column, readers }, { row: 1, column: inp.column }, {
            helpText:
              inp.role === 'rater'
                ? near
                  ? text('help.rater-column-near', { near, column: inp.column })
                  : text('help.rater-column', { column: inp.column })
                : near
                  ? text('help.column-near', { near, input: printName(near, 'qualified') })
                  : text('help.column-add', { column: inp.column }),
          }),
        );
      }
    }
  }
  if (diagnostics.some((x) => x.severity === 'error')) ok = false;

  // state kept while streaming: ids seen (for duplicates), blank-header data, percent hints
  const seen: IdStore = opts.ids ?? new IdRows();
  const blankHeaderData = new Map<number, number>(); // header index → first row with data
  const hints = inputs.map((inp) => hintFor(opts.percentHints, inp.column));
  const percentSeen: ({ row: number; value: string; read: number; count: number } | undefined)[] = inputs.map(() => undefined);
  /** per input: the first row of each way of writing a percent: [`95%`, `0.95`, `95`] */
  const formsSeen: ({ row: number; value: string } | undefined)[][] = inputs.map(() => [undefined, undefined, undefined]);
  let rowCount = 0;
  const width = names.length;
  const blankHeaders = names.flatMap((n, i) => (n === '' ? [i] : []));

  const bindRow = (cells: readonly Cell[], row: number): BoundRow | null => {
    let allBlank = true;
    for (let i = 0; i < cells.length; i++) {
      if (!isBlank(cells[i])) {
        allBlank = false;
        break;
      }
    }
    if (allBlank) return null;
    rowCount++;
    const errors: Diagnostic[] = [];
    const values = new Float64Array(inputs.length);

    // ragged rows: fewer cells, or extra non-blank cells
    let ragged = false;
    if (cells.length !== width) {
      let extra = false;
      for (let i = width; i < cells.length; i++) if (!isBlank(cells[i])) extra = true;
      if (cells.length < width || extra) {
        // values after an unquoted comma sit one column to the right: no percent hints for them
        ragged = extra;
        const firstExtra = cells.findIndex((c, i) => i >= width && !isBlank(c));
        errors.push(
          dg('KPI0810', { row, n: cells.length, width }, { row, ...(firstExtra >= 0 ? { value: showValue(cells[firstExtra]) } : {}) }, {
            helpText: cells.length < width ? text('help.cell-missing', {}) : text('help.cell-extra', {}),
          }),
        );
      }
    }

    const idCell = cells[idIndex];
    const id = isBlank(idCell) ? '' : String(idCell).trim();
    if (id === '') {
      errors.push(dg('KPI0809', { row, column: idName }, { row, column: idName }));
    } else {
      const dup = duplicateId(id, row);
      if (dup) errors.push(dup);
    }

    for (const h of blankHeaders) {
      if (!blankHeaderData.has(h) && !isBlank(cells[h])) blankHeaderData.set(h, row);
    }

    for (let k = 0; k < inputs.length; k++) {
      const hi = columnIndex[k]!;
      if (hi < 0) {
        values[k] = NaN;
        continue;
      }
      const cell = cells[hi];
      const column = inputs[k]!.column;
      let p: ParsedValue;
      if (typeof cell === 'number') p = numberValue(cell);
      else if (cell === null || cell === undefined) p = { ok: true, value: NaN, percent: false, missing: true };
      else p = parseValue(cell);
      if (!p.ok) {
        values[k] = NaN;
        errors.push(
          dg('KPI0811', { value: showValue(cell), column, row, reason: p.reason }, { row, column, value: showValue(cell) }),
        );
        continue;
      }
      values[k] = p.value;
      if (p.missing && p.na === true) {
        if (inputs[k]!.na === true) {
          // not applicable: the optional reader drops out of this row (−∞ marks it, run/exact.ts)
          values[k] = -Infinity;
          continue;
        }
        if (required[k]) {
          const readers = inputs[k]!.readers.map(bt).join(', ');
          errors.push(dg('KPI0818', { column, value: showValue(cell), row, readers: readers || bilingual('what.the-indicator', {}) }, { row, column, value: showValue(cell) }));
        }
        continue;
      }
      if (p.missing) {
        if (required[k] && hi < cells.length) {
          errors.push(
            dg('KPI0812', { column, row, readers: inputs[k]!.readers.map(bt).join(', ') || bilingual('what.its-reader', {}) }, { row, column, value: showValue(cell) }),
          );
        }
        continue;
      }
      const role = inputs[k]!.role;
      if ((role === 'count' || role === 'bonus-input') && p.value < 0) {
        // a deduction or bonus counts events: a negative count would turn a deduction into extra points
        errors.push(
          dg('KPI0811.negative', { value: showValue(cell), column, row, readers: inputs[k]!.readers.map(bt).join(', '), verb: role === 'count' ? bilingual('what.deducts', {}) : bilingual('what.adds', {}) }, { row, column, value: showValue(cell) }),
        );
        continue;
      }
      const hint = hints[k];
      // no percent hint on a row with extra cells: its values may sit in the wrong columns (KPI0810 says so)
      if (hint && !ragged && !p.percent && p.value > 1 && p.value >= 10 * hint.target) {
        const s = percentSeen[k];
        if (s) s.count++;
        else percentSeen[k] = { row, value: showValue(cell), read: p.value, count: 1 };
      }
      // which way a percent was written (`95%`, `0.95`, `95`): a column that mixes them is a warning (KPI0819)
      if (hint && !ragged && typeof cell === 'string') {
        const form = p.percent ? 0 : Math.abs(p.value) <= 1 ? 1 : 2;
        const fs = formsSeen[k]!;
        if (fs[form] === undefined) fs[form] = { row, value: showValue(cell) };
      }
    }
    return { row, id, values, errors };
  };

  /** KPI0808 when `id` was seen before (compared as people read them: NFKC, invisible characters removed, id-key.ts) */
  const duplicateId = (id: string, row: number): Diagnostic | undefined => {
    const key = idKey(id);
    const first = seen.firstRow(key, row);
    if (first === undefined) return undefined;
    const lookalike = key !== id ? bilingual('what.id-lookalike', {}) : '';
    return dg('KPI0808', { id, row, first, column: idName, lookalike }, { row, column: idName, value: id });
  };

  const roles = inputs.map((inp) => inp.role);
  const bindPlain = (id: string, values: Float64Array, percent: Uint8Array, row: number): Diagnostic[] | null | 'slow' => {
    if (blankHeaders.length) return 'slow';
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (v < 0 && (roles[k] === 'count' || roles[k] === 'bonus-input')) return 'slow';
      const hint = hints[k];
      if (hint === undefined || v !== v) continue;
      if (percent[k] === 0 && v > 1 && v >= 10 * hint.target) return 'slow';
      // the way a percent was written (KPI0819), as bindRow records it for a text cell
      const form = percent[k] === 1 ? 0 : Math.abs(v) <= 1 ? 1 : 2;
      if (formsSeen[k]![form] === undefined) return 'slow';
    }
    rowCount++;
    const dup = duplicateId(id, row);
    return dup === undefined ? null : [dup];
  };

  const finish = (): Diagnostic[] => {
    const out: Diagnostic[] = [];
    if (ok && rowCount === 0) {
      out.push(dg('KPI0803', {}, { row: 2 }));
    }
    for (const [h, row] of blankHeaderData) {
      out.push(
        dg('KPI0806', { n: h + 1 }, { row }),
      );
    }
    inputs.forEach((inp, k) => {
      const s = percentSeen[k];
      const hint = hints[k];
      if (!s || !hint) return;
      const pct = (x: number) => `${+(x * 100).toPrecision(12)}%`;
      const more = s.count > 1 ? bilingual('what.more-rows', { n: s.count - 1, s: s.count > 2 ? 's' : '' }) : '';
      const via = hint.via ? bilingual('what.percent-via', { metric: hint.via, target: pct(hint.target) }) : '';
      out.push(
        dg(
          'KPI0813',
          { value: s.value, column: inp.column, row: s.row, more, read: pct(s.read), target: pct(hint.target), via, percent: `${s.value.trim()}%`, fraction: String(+(s.read / 100).toPrecision(12)) },
          { row: s.row, column: inp.column, value: s.value },
        ),
      );
    });
    inputs.forEach((inp, k) => {
      const fs = formsSeen[k]!;
      const seenForms = fs.flatMap((x, i) => (x ? [{ ...x, i }] : []));
      if (seenForms.length < 2) return;
      const label = ['`95%`', '`0.95`', '`95`'];
      const items = seenForms.map((x) => bilingual('what.percent-form', { form: label[x.i]!, row: x.row, value: x.value }));
      const list = { en: items.map((t) => t.en).join(', '), zh: items.map((t) => t.zh).join('、') };
      const last = seenForms[seenForms.length - 1]!;
      out.push(dg('KPI0819', { column: inp.column, n: seenForms.length, list }, { row: last.row, column: inp.column, value: last.value }));
    });
    return out;
  };

  return {
    diagnostics,
    get ok() {
      return ok;
    },
    idIndex,
    columnIndex,
    bindRow,
    bindPlain,
    finish,
    get rowCount() {
      return rowCount;
    },
  };
}

export interface BoundTable {
  rows: BoundRow[];
  /** header-level and end-of-file findings (row errors stay on their rows) */
  diagnostics: Diagnostic[];
  ok: boolean;
}

/** Bind a whole table in memory (the playground, small files). Rows start at spreadsheet row 2. */
export function bindTable(
  header: readonly Cell[],
  rows: Iterable<readonly Cell[]>,
  inputs: readonly InputColumn[],
  opts: BindOptions = {},
): BoundTable {
  const binder = createBinder(header, inputs, opts);
  const out: BoundRow[] = [];
  if (binder.ok) {
    let r = 2;
    for (const cells of rows) {
      const b = binder.bindRow(cells, r++);
      if (b) out.push(b);
    }
  }
  const diagnostics = [...binder.diagnostics, ...(binder.ok ? binder.finish() : [])];
  return { rows: out, diagnostics, ok: binder.ok && !diagnostics.some((x) => x.severity === 'error') };
}
