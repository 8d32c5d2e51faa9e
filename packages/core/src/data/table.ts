/**
 * Table → rows: binds a data file's header to the columns a compiled plan reads (`InputColumn[]`) and
 * turns each row into a `Float64Array` aligned with those inputs (NaN = missing), with row-level
 * diagnostics naming the spreadsheet row (header = row 1), the column and the offending value.
 * Streaming: `createBinder` binds one row at a time and keeps only the ids seen (for duplicates).
 * Shared with the playground: no Node-only APIs.
 */
import { IdRows } from './id-rows.js';
import { printName } from '../format/text.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { InputColumn } from '../run/types.js';
import { numberValue, parseValue, type ParsedValue } from './value.js';

/** A cell as a reader hands it over: text (CSV, JSON strings), a number (XLSX, JSON numbers), or blank. */
export type Cell = string | number | null | undefined;

export interface PercentHint {
  /** the target as a fraction (98% → 0.98) */
  target: number;
}

export interface BindOptions {
  /** header of the id column; default: the first column */
  idColumn?: string;
  /** file name for diagnostics */
  fileName?: string;
  /** column → its indicator's percent target, to warn about `95` written for `95%` */
  percentHints?: ReadonlyMap<string, PercentHint> | Readonly<Record<string, PercentHint>>;
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
   * needs bindRow to see its cells (a negative count, a value that looks like a percent without `%`, a
   * header with blank names), and then nothing was recorded.
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

/** the candidate closest to `name`, if close enough to be a likely typo */
export function nearest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  const len = [...name].length;
  const limit = Math.max(1, Math.floor(len / 2));
  for (const c of candidates) {
    if (c.trim() === '') continue;
    const d = editDistance(headerKey(name), headerKey(c));
    const contains = headerKey(c).includes(headerKey(name)) || headerKey(name).includes(headerKey(c));
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
  const d = (code: string, severity: Diagnostic['severity'], message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
    code,
    severity,
    ...(file !== undefined ? { file } : {}),
    message,
    ...extra,
  });

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
        d('KPI0805', 'error', `column ${bt(name)} appears ${found.length} times in the header (columns ${found.map((i) => i + 1).join(', ')})`, {
          help: 'rename or delete the extra columns so each column the plan reads appears once',
          data: { row: 1, column: name },
        }),
      );
    }
    return found[0] ?? -1;
  };

  let ok = true;
  if (names.every((n) => n === '')) {
    diagnostics.push(d('KPI0802', 'error', 'the data file has no header row', { help: 'the first row must name the columns: an id column, then one column per input the plan reads', data: { row: 1 } }));
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
          d('KPI0807', 'error', `id column ${bt(opts.idColumn)} is not in the data file`, {
            help: near ? `did you mean ${bt(near)}?` : `the header has ${names.filter(Boolean).map(bt).join(', ')}`,
            data: { row: 1, column: opts.idColumn },
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
        const readers = inp.readers.length ? ` (read by ${inp.readers.map(bt).join(', ')})` : '';
        diagnostics.push(
          d('KPI0804', 'error', `column ${bt(inp.column)} is missing from the data file${readers}`, {
            help:
              inp.role === 'rater'
                ? `${near ? `did you mean ${bt(near)}? ` : ''}a rater's marks are read from the column \`INDICATOR.RATER\`: ${near ? `rename ${bt(near)} to` : 'add a column'} ${bt(inp.column)} (a blank mark in a row re-weights the other raters)`
                : near
                  ? `did you mean ${bt(near)}? Rename the column, or point the indicator at it with \`input ${printName(near, 'qualified')}\``
                  : `add a column ${bt(inp.column)}, or give its readers a \`default\``,
            data: { row: 1, column: inp.column },
          }),
        );
      }
    }
  }
  if (diagnostics.some((x) => x.severity === 'error')) ok = false;

  // state kept while streaming: ids seen (for duplicates), blank-header data, percent hints
  const seen = new IdRows();
  const blankHeaderData = new Map<number, number>(); // header index → first row with data
  const hints = inputs.map((inp) => hintFor(opts.percentHints, inp.column));
  const percentSeen: ({ row: number; value: string; read: number; count: number } | undefined)[] = inputs.map(() => undefined);
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
          d('KPI0810', 'error', `row ${row} has ${cells.length} cells, the header has ${width}`, {
            help:
              cells.length < width
                ? 'a cell is missing: check for a missing separator or an unquoted line break'
                : 'a value is outside the named columns: check for an unquoted comma in a value (`"1,200"`)',
            data: { row, ...(firstExtra >= 0 ? { value: showValue(cells[firstExtra]) } : {}) },
          }),
        );
      }
    }

    const idCell = cells[idIndex];
    const id = isBlank(idCell) ? '' : String(idCell).trim();
    if (id === '') {
      errors.push(d('KPI0809', 'error', `row ${row} has no id in column ${bt(idName)}`, { help: 'fill in the id, or delete the row', data: { row, column: idName } }));
    } else {
      const first = seen.firstRow(id, row);
      if (first !== undefined) errors.push(duplicateId(id, row, first));
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
          d('KPI0811', 'error', `cannot read ${bt(showValue(cell))} in column ${bt(column)}, row ${row}: ${p.reason}`, {
            help: 'write a number as `95%`, `0.95`, `1,200,000` or `¥1,200,000`; leave the cell blank only if the plan gives a `default`',
            data: { row, column, value: showValue(cell) },
          }),
        );
        continue;
      }
      values[k] = p.value;
      if (p.missing) {
        if (required[k] && hi < cells.length) {
          errors.push(
            d('KPI0812', 'error', `column ${bt(column)} is blank in row ${row}`, {
              help: `fill in the value, or give ${inputs[k]!.readers.map(bt).join(', ') || 'its reader'} a \`default\``,
              data: { row, column, value: showValue(cell) },
            }),
          );
        }
        continue;
      }
      const role = inputs[k]!.role;
      if ((role === 'count' || role === 'bonus-input') && p.value < 0) {
        // a deduction or bonus counts events: a negative count would turn a deduction into extra points
        errors.push(
          d('KPI0811', 'error', `${bt(showValue(cell))} in column ${bt(column)}, row ${row} is negative, but it counts events`, {
            help: `write how many times it happened (0 or more); ${inputs[k]!.readers.map(bt).join(', ')} ${role === 'count' ? 'deducts' : 'adds'} points per event`,
            data: { row, column, value: showValue(cell) },
          }),
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
    }
    return { row, id, values, errors };
  };

  const duplicateId = (id: string, row: number, first: number): Diagnostic =>
    d('KPI0808', 'error', `id ${bt(id)} in row ${row} was already used in row ${first}`, {
      help: `each row needs its own id in column ${bt(idName)}; if this column is not unique, name one that is (\`kpi score --id COLUMN\`, \`kpi explain --id-column COLUMN\`)`,
      data: { row, column: idName, value: id },
    });

  const roles = inputs.map((inp) => inp.role);
  const bindPlain = (id: string, values: Float64Array, percent: Uint8Array, row: number): Diagnostic[] | null | 'slow' => {
    if (blankHeaders.length) return 'slow';
    for (let k = 0; k < values.length; k++) {
      const v = values[k]!;
      if (v < 0 && (roles[k] === 'count' || roles[k] === 'bonus-input')) return 'slow';
      const hint = hints[k];
      if (hint && percent[k] === 0 && v > 1 && v >= 10 * hint.target) return 'slow';
    }
    rowCount++;
    const first = seen.firstRow(id, row);
    return first === undefined ? null : [duplicateId(id, row, first)];
  };

  const finish = (): Diagnostic[] => {
    const out: Diagnostic[] = [];
    if (ok && rowCount === 0) {
      out.push(d('KPI0803', 'error', 'the data file has a header but no data rows', { help: 'add one row per employee below the header (or pick the right sheet with `--sheet`)', data: { row: 2 } }));
    }
    for (const [h, row] of blankHeaderData) {
      out.push(
        d('KPI0806', 'warning', `column ${h + 1} has data but no header; it is ignored`, {
          help: 'give the column a header, or delete it',
          data: { row },
        }),
      );
    }
    inputs.forEach((inp, k) => {
      const s = percentSeen[k];
      const hint = hints[k];
      if (!s || !hint) return;
      const pct = (x: number) => `${+(x * 100).toPrecision(12)}%`;
      const more = s.count > 1 ? ` (and ${s.count - 1} more row${s.count > 2 ? 's' : ''})` : '';
      out.push(
        d('KPI0813', 'warning', `${bt(s.value)} in column ${bt(inp.column)}, row ${s.row}${more}, reads as ${pct(s.read)}, but the target is ${pct(hint.target)}`, {
          help: `if it is a percent, write ${bt(`${s.value.trim()}%`)} (or ${bt(String(+(s.read / 100).toPrecision(12)))}); a number without \`%\` is a fraction`,
          data: { row: s.row, column: inp.column, value: s.value },
        }),
      );
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
