/**
 * The engine worker: every use of the core happens here, off the page's main thread, so a plan that takes
 * long to analyse or score never freezes typing, scrolling or the table. The page (engine/client.ts) gives
 * each request a time budget and replaces this worker when it runs over.
 */
import * as core from '@kpi/core';
import { codeActions, complete, diagnosticsToMarkers, generateMonarch, hover, DEFAULT_VOCABULARY } from '@kpi/language-service';
import { parse as parseCsvSync } from 'csv-parse/browser/esm/sync';
import { analyse, bind, rowErrors, scoreTable, FILE_NAME, type Analysis, type Binding, type ScoredRow, type Scoring } from './analysis.js';
import { curvesOf, type Curve } from './curves.js';
import type { ExplainData, JsonRow, Lang, Method, Methods, Request, Response, ResultColumn, RowView, TableData, TestView, UpdateArgs, UpdateResult } from './protocol.js';

/** the diagnostic pages (grammar/diagnostics/KPI….md), bundled so the problems list links work offline */
const DOCS = import.meta.glob('../../../grammar/diagnostics/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

// ---------------- analysis cache ----------------
let last: Analysis | undefined;
/** the last analysis that compiled: its results stay on screen (dimmed) while the text has errors */
let good: Analysis | undefined;
let scored: { good: Analysis; tableKey: string; scoring: Scoring } | undefined;
/** the table bound to the plan's columns: kept across plan edits that read the same columns */
let binding: Binding | undefined;

function analysisOf(text: string): Analysis {
  if (last?.text !== text) last = analyse(text);
  if (last.compiled && last.plan) good = last;
  return last;
}

const tableKey = (t: TableData) => JSON.stringify(t);

function scoringOf(g: Analysis, table: TableData): Scoring {
  const key = tableKey(table);
  if (scored?.good === g && scored.tableKey === key) return scored.scoring;
  binding = bind(g.compiled!, g.plan!, table, key, binding);
  const scoring = scoreTable(g.compiled!, g.plan!, table, binding);
  scored = { good: g, tableKey: key, scoring };
  return scoring;
}

/** the report shape of the scored plan: the core's, with its SPEC §7 columns as `kpi score` has them */
function shapeFor(g: Analysis, table: TableData, lang: Lang): core.ReportShape {
  const shape = core.shapeOf(g.plan!, table.columns[0] ?? 'id', lang);
  const money = core.moneyShapeOf(g.plan!, g.plan!.money?.period?.text);
  if (money) shape.money = money;
  return shape;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

// ---------------- update: diagnostics, scores, tests, explanation ----------------
/** result columns of the table: the report shape's, without the id, kept columns and per-indicator scores */
function resultColumns(shape: core.ReportShape): core.Column[] {
  return core.columnsOf(shape).filter((c) => c.kind !== 'id' && c.kind !== 'keep' && c.kind !== 'score');
}

/** the table with an empty column for every input the plan reads and the table lacks (so it can be filled in) */
function withInputColumns(g: Analysis | undefined, table: TableData, lang: Lang): TableData | undefined {
  const inputs = g?.compiled?.inputs ?? [];
  const have = new Set(table.columns.map(core.headerKey));
  const add: string[] = [];
  if (table.columns.length === 0) add.push(core.ui('ui.pg.id-column', {}, lang));
  for (const c of inputs) {
    const k = core.headerKey(c.column);
    if (have.has(k)) continue;
    have.add(k);
    add.push(c.column);
  }
  if (!add.length) return undefined;
  return { columns: [...table.columns, ...add], rows: table.rows.map((r) => [...r, ...add.map(() => '')]) };
}

/** the selected row's explanation: the core's tree for its values; with money, the person's money chain after it */
function explainRow(g: Analysis, sel: ScoredRow, scoring: Scoring, lang: Lang): ExplainData {
  const base: ExplainData = { index: sel.index, id: sel.id, errors: rowErrors(sel, lang).map((e) => e.message), lines: [] };
  if (!sel.values || !sel.outcome?.ok) return base;
  const res = sel.outcome.result as core.RowResultWithMoney;
  const ds = scoring.dataset;
  const k = ds ? ds.people.findIndex((p) => p.result === res) : -1;
  const pm = k >= 0 ? ds!.money[k] : undefined;
  const money = [
    ...(res.money?.periods ? [core.ui('ui.pg.periods-combined', { n: res.money.periods.length, periods: { en: res.money.periods.join(', '), zh: res.money.periods.join('、') } }, lang)] : []),
    ...(pm ? core.renderMoneyExplanation(pm, lang) : []),
  ];
  const out: ExplainData = {
    ...base,
    total: res.total,
    ...(res.grade !== undefined ? { grade: res.grade } : {}),
    ...(res.coefficient !== undefined ? { coefficient: res.coefficient } : {}),
    ...(money.length ? { money } : {}),
  };
  // one row's explanation is the person's only when a row is a person (no periods)
  if (ds?.period !== undefined) return out;
  const { explanation } = g.compiled!.explain(sel.values.subarray(0, g.compiled!.inputs.length));
  return explanation ? { ...out, explanation, lines: core.renderExplanation(explanation, lang) } : out;
}

function update(args: UpdateArgs): UpdateResult {
  const a0 = performance.now();
  const a = analysisOf(args.text);
  const a1 = performance.now();
  const g = good;
  const widened = withInputColumns(g, args.table, args.lang);
  if (widened) args = { ...args, table: widened };
  const keys = args.table.columns.map(core.headerKey);
  const colOf = (name: string) => keys.indexOf(core.headerKey(name));
  const lang = args.lang;
  const diagnostics = [...a.diagnostics];
  let tests: TestView[] = [];
  let testsMs = 0;
  // tests run on the text as it is (never on an earlier plan): a wrong `expect` shows at once
  if (a.compiled && a.plan && !a.hasErrors) {
    const t0 = performance.now();
    const reports = core.runPlanTests(a.plan, { compiled: a.compiled, lang: args.lang, file: FILE_NAME });
    testsMs = performance.now() - t0;
    tests = reports.map((r) => ({
      name: r.name,
      line: lineOf(a.text, r.nameSpan.start),
      passed: r.passed,
      checked: r.checked,
      failures: r.failures.map((f) => ({ subject: f.subject, expected: f.expected, actual: f.actual, line: lineOf(a.text, f.span.start) })),
      errors: r.errors.map((e) => core.localize(core.rowErrorDiagnostic(undefined, undefined, '', e), lang).message),
    }));
    // failing expects are problems on their lines (KPI0920), like `kpi test` reports them
    for (const r of reports) diagnostics.push(...r.diagnostics);
  }
  const s0 = performance.now();
  let columns: ResultColumn[] = [];
  let rows: RowView[] = [];
  const json: JsonRow[] = [];
  let explain: ExplainData | undefined;
  const grades: { label: string; count: number }[] = [];
  const notes: string[] = [];
  const weights: Record<string, string> = {};
  if (g?.compiled && g.plan) {
    const scoring = scoringOf(g, args.table);
    const resultCols = resultColumns(shapeFor(g, args.table, args.lang));
    columns = resultCols.map((c) => ({ kind: c.kind, header: c.header }));
    const counts = new Map<string, number>();
    const ds = scoring.dataset;
    rows = scoring.rows.map((r) => {
      const blank = !r.values && r.errors.length === 0;
      if (r.outcome?.ok) {
        const res = r.outcome.result;
        if (!r.samePerson) {
          json.push(core.jsonRow(r.id, res) as unknown as JsonRow);
          if (res.grade) counts.set(res.grade, (counts.get(res.grade) ?? 0) + 1);
        }
        return { index: r.index, id: r.id, blank, cells: resultCols.map((c) => core.cellOf(c, r.id, res, undefined, args.lang) ?? null), errors: [], badCols: [], vetoed: res.vetoes.length > 0, ...(r.samePerson ? { samePerson: true } : {}) };
      }
      const errors = rowErrors(r, lang);
      if (!blank) json.push({ id: r.id, total: null, grade: null, coefficient: null, indicators: {}, errors });
      const badCols = errors.flatMap((e) => (e.column !== undefined && colOf(e.column) >= 0 ? [colOf(e.column)] : []));
      return { index: r.index, id: r.id, blank, cells: resultCols.map(() => null), errors: errors.map((e) => ({ message: e.message, ...(e.column ? { column: e.column } : {}) })), badCols, vetoed: false };
    });
    if (ds) {
      notes.push(...ds.notes.map((d) => `${d.code} ${core.localize(d, lang).message}`));
      if (ds.skipped) notes.push(core.ui('ui.pg.rows-left-out', { n: ds.skipped, s: core.pluralS(ds.skipped) }, lang));
    }
    for (const l of g.plan.grades?.lines ?? []) grades.push({ label: l.label.text, count: counts.get(l.label.text) ?? 0 });
    for (const x of core.indicatorsOf(g.plan)) weights[x.indicator.name.text] = `${x.effectiveWeight.mul(core.Rational.HUNDRED).toDecimalString(2)}%`;
    const sel = args.selected !== null ? scoring.rows[args.selected] : undefined;
    if (sel) explain = explainRow(g, sel, scoring, args.lang);
  }
  const s1 = performance.now();
  return {
    text: a.text,
    // in the playground's language: the problems list, the markers and their hover show the catalogue's text
    diagnostics: core.localizeAll(diagnostics, lang),
    markers: diagnosticsToMarkers(a.text, diagnostics, lang),
    ...(widened ? { table: widened } : {}),
    inputCols: (g?.compiled?.inputs ?? []).map((c) => colOf(c.column)),
    hasErrors: a.hasErrors,
    stale: !!g && g !== a,
    ...(a.provisional ? { provisional: a.provisional.map((d) => core.localize(d, lang).message) } : {}),
    ...(notes.length ? { notes } : {}),
    scored: !!g,
    inputs: (g?.compiled?.inputs ?? []).map((c) => ({ column: c.column, role: c.role })),
    columns,
    rows,
    json,
    tests,
    ...(explain ? { explain } : {}),
    grades,
    weights,
    ...(g?.plan ? { planName: g.plan.name.text } : {}),
    timing: { analyseMs: a1 - a0, scoreMs: s1 - s0, testsMs },
  };
}

// ---------------- the other requests ----------------
function fill(text: string, table: TableData): TableData {
  const a = analysisOf(text);
  const plan = good?.plan ?? a.plan;
  const out: TableData = { columns: [...table.columns], rows: table.rows.map((r) => [...r]) };
  if (!plan) return out;
  const keys = out.columns.map(core.headerKey);
  const targets = new Map<string, string>();
  for (const { indicator } of core.indicatorsOf(plan)) {
    const col = indicator.input?.text ?? indicator.name.text;
    const m = indicator.method;
    let v: string | undefined;
    if (indicator.target) v = indicator.target.percent ? `${core.Rational.parse(indicator.target.value)!.mul(core.Rational.HUNDRED).toDecimalString(6)}%` : indicator.target.value;
    if (m?.kind === 'rating') v = m.hi.value;
    if (m?.kind === 'deduct') v = '0';
    if (v !== undefined) {
      targets.set(core.headerKey(col), v);
      if (m?.kind === 'rating') for (const r of m.raters ?? []) targets.set(core.headerKey(`${col}.${r.name.text}`), v);
    }
  }
  for (const b of plan.bonuses) targets.set(core.headerKey(b.input?.text ?? b.name.text), '0');
  for (const row of out.rows)
    keys.forEach((k, i) => {
      if (i > 0 && (row[i] ?? '').trim() === '') row[i] = targets.get(k) ?? '0';
    });
  return out;
}

function csv(args: UpdateArgs): Methods['csv'][1] {
  analysisOf(args.text);
  const g = good;
  if (!g?.plan || !g.compiled) return { csv: '', skipped: 0, name: 'plan' };
  const scoring = scoringOf(g, args.table);
  const shape = shapeFor(g, args.table, args.lang);
  // one row per person, as `kpi score` writes it (with periods, a person has several table rows)
  const ok = scoring.rows.flatMap((r) => (r.outcome?.ok && !r.samePerson ? [{ id: r.id, result: r.outcome.result }] : []));
  const skipped = scoring.rows.filter((r) => !r.outcome?.ok && (r.values || r.errors.length)).length;
  return { csv: core.reportCsv(shape, ok), skipped, name: g.plan.name.text };
}

function parseCsv(bytes: Uint8Array): Methods['parseCsv'][1] {
  const d = core.decodeText(bytes);
  // no encoding is asked for here: the core tried UTF-8 and GBK
  if (!d.ok) return { ok: false, reason: core.text('ui.pg.file-not-text', {}) };
  const firstLine = d.text.replace(/^\ufeff/, '').split(/\r\n|\n|\r/, 1)[0] ?? '';
  let cells: string[][];
  try {
    cells = parseCsvSync(d.text, { ...core.CSV_PARSE_OPTIONS, record_delimiter: [...core.CSV_PARSE_OPTIONS.record_delimiter], delimiter: core.sniffDelimiter(firstLine) }) as string[][];
  } catch (e) {
    return { ok: false, reason: core.text('ui.pg.file-bad-csv', { detail: (e as Error).message }) };
  }
  const table = toTable(cells);
  return table ? { ok: true, table, encoding: d.encoding } : { ok: false, reason: core.text('ui.pg.file-empty', {}) };
}

/** header + rows of text; blank lines dropped, short rows padded */
function toTable(cells: string[][]): TableData | undefined {
  const nonBlank = cells.filter((r) => r.some((c) => c.trim() !== ''));
  const [header, ...rows] = nonBlank;
  if (!header || header.length === 0) return undefined;
  const columns = header.map((h) => h.trim());
  return { columns, rows: rows.map((r) => columns.map((_, i) => (r[i] ?? '').trim())) };
}

function output(text: string, kind: 'ir' | 'module'): string {
  const a = analysisOf(text);
  if (!a.plan) return '';
  if (kind === 'ir') return JSON.stringify(a.file?.plans.length === 1 ? a.plan : a.file, null, 2);
  return core.emitModule(a.plan, { file: FILE_NAME });
}

/** bumped by every update: a chart sampling in progress gives up when the text or table has moved on */
let generation = 0;
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** charts, one indicator at a time, letting a newer update (a keystroke) run in between; null when overtaken */
async function charts(args: UpdateArgs): Promise<Methods['charts'][1] | null> {
  const mine = generation;
  analysisOf(args.text);
  const g = good;
  if (!g?.plan || !g.compiled) return { curves: [] };
  const curves: Curve[] = [];
  for (const c of curvesOf(g.plan, g.compiled, scoringOf(g, args.table).rows, args.selected)) {
    curves.push(c);
    await yieldToMessages();
    if (generation !== mine) return null;
  }
  return { curves };
}

const handlers: { [M in Method]: (args: Methods[M][0]) => Methods[M][1] | Promise<Methods[M][1] | null> } = {
  update(args) {
    generation++;
    return update(args);
  },
  charts,
  complete({ text, offset, lang }) {
    const a = analysisOf(text);
    return complete(text, offset, a.file, lang, DEFAULT_VOCABULARY);
  },
  hover({ text, offset, lang }) {
    const h = hover(analysisOf(text).file, offset, lang);
    return h ? { span: { start: h.span.start, end: h.span.end }, contents: h.contents } : null;
  },
  actions({ text, span, lang }) {
    return codeActions(analysisOf(text).diagnostics, span, lang).map((x) => ({
      title: x.title,
      ...(x.preferred !== undefined ? { preferred: x.preferred } : {}),
      diagnostic: x.diagnostic,
      marker: diagnosticsToMarkers(text, [x.diagnostic], lang)[0]!,
      edits: x.edits.map((e) => ({ span: { start: e.span.start, end: e.span.end }, text: e.text })),
    }));
  },
  format({ text }) {
    const r = core.formatText(FILE_NAME, text);
    return { ...(r.output !== undefined ? { output: r.output } : {}), errors: r.diagnostics.filter((d) => d.severity === 'error').length };
  },
  output: ({ text, kind }) => output(text, kind),
  csv,
  parseCsv: ({ bytes }) => parseCsv(bytes),
  cells: ({ header, rows }) => toTable([header, ...rows].map((r) => r.map((c) => (c == null ? '' : String(c))))) ?? { columns: [], rows: [] },
  fill: ({ text, table }) => fill(text, table),
  matchHeader({ columns, header }) {
    const keys = columns.map(core.headerKey);
    return header.map((h) => (h.trim() === '' ? -1 : keys.indexOf(core.headerKey(h))));
  },
  monarch: () => generateMonarch(core.TOKEN_CATALOG),
  doc({ code }) {
    const hit = Object.entries(DOCS).find(([p]) => p.endsWith(`/${code}.md`));
    return hit ? hit[1] : null;
  },
};

self.onmessage = (ev: MessageEvent<Request>) => {
  const { id, method, args } = ev.data;
  const fail = (e: unknown): Response => ({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  let value: unknown;
  try {
    value = (handlers[method] as (a: unknown) => unknown)(args);
  } catch (e) {
    (self as unknown as Worker).postMessage(fail(e));
    return;
  }
  if (value instanceof Promise) value.then((v) => (self as unknown as Worker).postMessage({ id, ok: true, value: v } satisfies Response), (e) => (self as unknown as Worker).postMessage(fail(e)));
  else (self as unknown as Worker).postMessage({ id, ok: true, value } satisfies Response);
};
(self as unknown as Worker).postMessage({ ready: true } satisfies Response);
