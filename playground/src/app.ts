/**
 * The update loop: the plan text and the table go to the engine worker; its answer is drawn into the
 * editor's markers, the score table, the status line, problems, tests, explanation, output and charts.
 */
import { EngineClient, Superseded, Timeout } from './engine/client.js';
import type { TableData, UpdateArgs, UpdateResult } from './engine/protocol.js';
import { STRINGS } from './i18n.js';
import { state } from './state.js';
import { EXAMPLES } from './examples.js';
import { changed as autosaveChanged } from './store/autosave.js';
import type { SharedState } from './store/share.js';
import { renderCharts } from './ui/charts.js';
import { $, notice } from './ui/dom.js';
import { createEditor, takeChangeAt, type PlanEditor } from './ui/editor.js';
import { renderExplain } from './ui/explain.js';
import { renderOutput } from './ui/output.js';
import { renderProblems } from './ui/problems.js';
import { invalidateTable, renderTable } from './ui/table.js';
import { renderTests } from './ui/tests.js';

const t = () => STRINGS[state.lang];

export const engine = new EngineClient(Number(new URLSearchParams(location.search).get('budget')) || 3000);
export let ed: PlanEditor;

let current: Promise<void> = Promise.resolve();

export function startEditor(): PlanEditor {
  ed = createEditor(engine, () => {
    syncExample();
    void refresh();
  });
  return ed;
}

export const args = (): UpdateArgs => ({ text: ed.model.getValue(), table: state.table, lang: state.lang, selected: state.selected });

/** send the current text and table to the engine; resolves when the answer is on screen */
export function refresh(): Promise<void> {
  syncExample();
  const a = args();
  const t0 = takeChangeAt() || performance.now();
  const sent = performance.now();
  const p = engine.update(a).then(
    (r) => apply(r, a, t0, sent),
    (e) => {
      if (e instanceof Superseded) return;
      if (e instanceof Timeout) return timedOut(e);
      throw e;
    },
  );
  current = p;
  save();
  return p;
}

/** resolves once every update asked for so far is on screen */
export async function idle(): Promise<void> {
  let p: Promise<void>;
  do {
    p = current;
    await p;
  } while (p !== current);
}

function apply(r: UpdateResult, a: UpdateArgs, t0: number, sent: number): void {
  const got = performance.now();
  // columns the plan reads and the table lacked: added empty, to be filled in
  if (r.table) {
    for (const c of r.table.columns.slice(a.table.columns.length)) {
      if (state.table.columns.includes(c)) continue;
      state.table.columns.push(c);
      for (const row of state.table.rows) row.push('');
    }
  }
  state.result = r;
  state.timedOut = false;
  ed.setMarkers(r.markers);
  renderTable();
  renderStatus();
  const r0 = performance.now();
  renderExplain();
  renderProblems(ed);
  renderTests(ed);
  void renderOutput(engine, r.text);
  const r1 = performance.now();
  state.timing = {
    analyseMs: r.timing.analyseMs,
    scoreMs: r.timing.scoreMs,
    testsMs: r.timing.testsMs,
    renderMs: r1 - got,
    chartsMs: state.timing.chartsMs,
    roundTripMs: got - sent,
    totalMs: r0 - t0,
    at: r0,
    seq: state.timing.seq + 1,
    chartsSeq: state.timing.chartsSeq,
  };
  scheduleCharts();
}

function timedOut(e: Timeout): void {
  state.timedOut = true;
  renderStatus();
  notice((s) => s.timeout(e.budgetMs), true, true);
  state.timing = { ...state.timing, seq: state.timing.seq + 1, at: performance.now() };
}

export function renderStatus(): void {
  const r = state.result;
  const el = $('#status');
  let text = '';
  if (state.timedOut) text = t().timeout(engine.budgetMs);
  else if (!r?.scored) text = t().noPlan;
  else if (r.provisional) text = t().withDetail(t().provisional, r.provisional.join(t().detailSep));
  else if (r.hasErrors) text = t().planErrors;
  if (r?.notes?.length && !state.timedOut) text = [text, ...r.notes].filter(Boolean).join(t().detailSep);
  el.textContent = text;
  el.classList.toggle('warn', !!r?.hasErrors || state.timedOut);
  el.classList.toggle('provisional', !!r?.provisional);
  document.body.classList.toggle('stale', (!!r?.stale && !r.provisional) || state.timedOut);
}

// ---------------- charts: once typing pauses ----------------
/**
 * Charts are sampled in the worker (tens of ms on a large table): asked for only once the updates pause, so
 * a chart request never sits in the worker's queue in front of the next keystroke's scores.
 */
const CHARTS_AFTER_MS = 200;
let chartsTimer: ReturnType<typeof setTimeout> | undefined;
function scheduleCharts(): void {
  clearTimeout(chartsTimer);
  chartsTimer = setTimeout(async () => {
    const seq = state.timing.seq;
    const c0 = performance.now();
    const res = await engine.call('charts', args()).catch(() => undefined);
    if (!res || seq !== state.timing.seq) return;
    state.curves = res.curves;
    redrawCharts();
    state.timing.chartsMs = performance.now() - c0;
    state.timing.chartsSeq = seq;
  }, CHARTS_AFTER_MS);
}

/** the charts from the curves at hand (after sampling, or at once when the language changes: the labels) */
export function redrawCharts(): void {
  const r = state.result;
  if (state.curves) renderCharts($('#charts'), state.curves, r?.grades ?? [], r?.weights ?? {}, t());
}

// ---------------- the work as a whole: autosave, share, example ----------------
export function currentWork(): SharedState {
  return {
    plan: ed.model.getValue(),
    data: { columns: [...state.table.columns], rows: state.table.rows.map((r) => [...r]) },
    ...(state.example ? { example: state.example } : {}),
    lang: state.lang,
  };
}

function save(): void {
  autosaveChanged(currentWork);
  syncDirty();
}

/** the ● beside the title: the work differs from the example it started from (a reset would undo it) */
export function syncDirty(): void {
  const ex = EXAMPLES.find((e) => e.name === state.example);
  const dirty = !ex || ed.model.getValue() !== ex.plan || JSON.stringify(state.table) !== JSON.stringify(exampleTable(ex.name));
  const el = $('#dirty');
  el.hidden = !dirty;
  el.title = t().unsaved;
}

const exampleTables = new Map<string, TableData>();
export function exampleTable(name: string): TableData {
  return exampleTables.get(name) ?? { columns: [], rows: [] };
}
export function setExampleTable(name: string, table: TableData): void {
  exampleTables.set(name, table);
}

/** the picker names an example while the text is that example's, also after editing it back */
export function syncExample(): void {
  const len = ed.model.getValueLength();
  const hit = EXAMPLES.find((e) => e.plan.length === len && e.plan === ed.model.getValue())?.name;
  if (hit) state.example = hit;
  $<HTMLSelectElement>('#example').value = hit ?? '';
}

/** the table changed (edit, paste, undo…): rescore */
export function tableChanged(): Promise<void> {
  return refresh();
}

export function setTable(t: TableData, selected: number | null = null): Promise<void> {
  state.table = { columns: [...t.columns], rows: t.rows.map((r) => [...r]) };
  state.selected = selected;
  invalidateTable(true);
  return refresh();
}
