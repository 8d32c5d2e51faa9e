/**
 * Messages between the page and the engine worker. The worker holds every piece of the core (parser,
 * checker, compiler, scorer, tests, formatter, language service); the page holds Monaco and the DOM.
 * Everything crossing is plain data (structured clone).
 */
import type { ColumnKind, Diagnostic, Explanation, Lang, MessageRef } from '@kpi/core';
import type { Curve } from './curves.js';

export type { Lang };

export interface TableData {
  columns: string[];
  rows: string[][];
}

export interface UpdateArgs {
  text: string;
  table: TableData;
  lang: Lang;
  selected: number | null;
}

/** a result column of the score table, from the core's report shape (total, grade, coefficient, bonus, veto, …) */
export interface ResultColumn {
  kind: ColumnKind;
  header: string;
}

export interface RowView {
  index: number;
  id: string;
  /** no input cell filled: not scored, not an error */
  blank: boolean;
  /** one value per result column; null = blank */
  cells: (number | string | null)[];
  /** why the row could not be scored */
  errors: { message: string; column?: string }[];
  /** table columns of the cells the engine could not read */
  badCols: number[];
  vetoed: boolean;
  /** SPEC §7 cycles: a later period of the person on an earlier row (the same result, shown dimmed) */
  samePerson?: boolean;
}

/** One row as `kpi score --format json` prints it (the core's jsonRow), or an error row. */
export interface JsonRow {
  id: string;
  total: number | null;
  grade: string | null;
  coefficient: number | null;
  bonus?: number;
  vetoes?: string[];
  /** SPEC §7 fields (score_grade, group, rank, money, periods), as `kpi score --format json` */
  score_grade?: string | null;
  money?: Record<string, number>;
  periods?: string[];
  indicators: Record<string, { path?: string[]; actual: number | null; ratio?: number; score: number; weight: number; weighted: number }>;
  errors?: { code: string; message: string; column?: string; value?: string }[];
}

export interface TestView {
  name: string;
  /** 1-based line of the test's name */
  line: number;
  passed: boolean;
  checked: number;
  failures: { subject: string; expected: string; actual: string; line: number }[];
  errors: string[];
}

export interface ExplainData {
  index: number;
  id: string;
  errors: string[];
  explanation?: Explanation;
  lines: string[];
  /** SPEC §7: periods combined, distribution, commissions, pools and pays (the core's sentences) */
  money?: string[];
  total?: number;
  grade?: string;
  coefficient?: number;
}

/** Monaco's marker shape (severity as a word: the page maps it) */
export interface MarkerView {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  code: string;
}

export interface UpdateResult {
  text: string;
  diagnostics: Diagnostic[];
  markers: MarkerView[];
  /** the table with an empty column added for each input the plan reads and the table lacks */
  table?: TableData;
  /** per plan input, in plan order: its column in the table */
  inputCols: number[];
  hasErrors: boolean;
  /** results come from an earlier text (this one has errors): shown dimmed */
  stale: boolean;
  /**
   * the plan's only errors are weight sums (KPI0301/0302): it was scored anyway with the weights as written,
   * and this says how far off they are — the totals a consultant sees while retyping a weight
   */
  provisional?: string[];
  /** SPEC §7 findings about the sample as a whole (a distribution that cannot be met, rows left out of the money) */
  notes?: string[];
  /** a plan compiled (now or earlier): there are results */
  scored: boolean;
  inputs: { column: string; role: string }[];
  columns: ResultColumn[];
  rows: RowView[];
  json: JsonRow[];
  tests: TestView[];
  explain?: ExplainData;
  /** grade labels in order and people per grade */
  grades: { label: string; count: number }[];
  /** effective weight text per indicator */
  weights: Record<string, string>;
  /** from the scored plan */
  planName?: string;
  timing: { analyseMs: number; scoreMs: number; testsMs: number };
}

export interface ChartsResult {
  curves: Curve[];
}

export interface CompletionView {
  replace: { start: number; end: number };
  items: { label: string; kind: string; detail?: string; insertText?: string; snippet?: boolean; sort: number }[];
}

export interface HoverView {
  span: { start: number; end: number };
  contents: string[];
}

export interface ActionView {
  title: string;
  preferred?: boolean;
  diagnostic: Diagnostic;
  marker: MarkerView;
  edits: { span: { start: number; end: number }; text: string }[];
}

/** request methods: name → [args, result] */
export interface Methods {
  update: [UpdateArgs, UpdateResult];
  /** null: a newer update arrived while sampling */
  charts: [UpdateArgs, ChartsResult | null];
  complete: [{ text: string; offset: number; lang: Lang }, CompletionView];
  hover: [{ text: string; offset: number; lang: Lang }, HoverView | null];
  actions: [{ text: string; span: { start: number; end: number }; lang: Lang }, ActionView[]];
  format: [{ text: string }, { output?: string; errors: number }];
  output: [{ text: string; kind: 'ir' | 'module' }, string];
  csv: [UpdateArgs, { csv: string; skipped: number; name: string }];
  parseCsv: [{ bytes: Uint8Array; name: string }, { ok: true; table: TableData; encoding?: string } | { ok: false; reason: MessageRef }];
  cells: [{ header: unknown[]; rows: unknown[][] }, TableData];
  /** per header cell: the table column it names (the core's header rule), or -1 */
  matchHeader: [{ columns: string[]; header: string[] }, number[]];
  fill: [{ text: string; table: TableData }, TableData];
  monarch: [Record<string, never>, unknown];
  doc: [{ code: string }, string | null];
}
export type Method = keyof Methods;

export type Request = { id: number; method: Method; args: unknown };
export type Response = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | { ready: true };
