/**
 * The playground: Monaco editor on the left, sample employees, charts and explanations on the right.
 * Plain DOM, no framework. All parsing, checking and scoring is the core's (see engine.ts).
 */
import './style.css';
import { indicatorsOf, headerKey, Rational } from '@kpi/core';
import { localize, rowErrorDiagnostic } from '@kpi/core';
import type { Diagnostic, Explanation, RowError } from '@kpi/core';
import { monaco, setMonacoLang } from './monaco.js';
import { LANGUAGE_ID, registerLanguage, setMarkers, type LanguageState } from './language.js';
import { analyse, explainRow, scoreTable, toJsonRows, type Analysis, type JsonRow, type Scoring } from './engine.js';
import { EXAMPLES, DEFAULT_EXAMPLE, type Example } from './examples.js';
import { STRINGS, type Lang } from './i18n.js';
import { decodeShare, encodeShare, type SharedState } from './share.js';
import { loadFile, parseCsvText, parsePasted, type Matrix } from './tabular.js';
import { buildCurves, curveSvg, gradeBarsSvg, weightLabel } from './charts.js';

const DEBOUNCE_MS = 150;

// ---------------- state ----------------
const state = {
  lang: 'zh' as Lang,
  example: DEFAULT_EXAMPLE.name as string | undefined,
  table: { columns: [], rows: [] } as Matrix,
  analysis: undefined as Analysis | undefined,
  /** the last analysis that compiled: its results stay on screen while the plan has errors */
  good: undefined as Analysis | undefined,
  scoring: undefined as Scoring | undefined,
  selected: null as number | null,
  /** timings of the last update (for the bench and the status line) */
  timing: { analyseMs: 0, scoreMs: 0, renderMs: 0, tableMs: 0, explainMs: 0, chartsMs: 0, totalMs: 0, at: 0, seq: 0, chartsSeq: 0 },
};
const t = () => STRINGS[state.lang];

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;

// ---------------- layout ----------------
document.querySelector('#app')!.innerHTML = `
<header class="bar">
  <h1 id="title"></h1>
  <label class="field"><span id="example-label"></span> <select id="example"></select></label>
  <span class="spacer"></span>
  <button id="share" type="button"></button>
  <button id="download-plan" type="button"></button>
  <button id="download-csv" type="button"></button>
  <button id="lang" type="button" aria-label="language"></button>
</header>
<div id="notice" role="status" hidden></div>
<main class="layout">
  <section class="pane editor-pane">
    <h2 id="editor-title"></h2>
    <div id="editor" aria-label="plan editor"></div>
    <details id="problems-box" open><summary id="problems-title"></summary><ul id="problems"></ul></details>
  </section>
  <section class="pane side">
    <div class="panel">
      <div class="panel-head">
        <h2 id="data-title"></h2>
        <span class="spacer"></span>
        <button id="fill" type="button"></button>
        <button id="add-row" type="button"></button>
        <label class="button" id="load-label"><span id="load-text"></span><input id="load" type="file" accept=".csv,.txt,.tsv,.xlsx,.xls" hidden></label>
      </div>
      <p class="small"><span id="status" class="muted"></span> <span id="paste-hint" class="muted"></span></p>
      <div class="table-wrap"><table id="table"></table></div>
    </div>
    <div class="panel">
      <div class="panel-head"><h2 id="explain-title"></h2><span id="explain-who" class="muted"></span></div>
      <div id="explain"></div>
    </div>
    <div class="panel">
      <div class="panel-head"><h2 id="charts-title"></h2><span id="charts-hint" class="muted small"></span></div>
      <div id="charts" class="charts"></div>
    </div>
  </section>
</main>`;

// ---------------- editor ----------------
const langState = (): LanguageState => ({
  text: state.analysis?.text ?? '',
  file: state.analysis?.file,
  diagnostics: state.analysis?.diagnostics ?? [],
  lang: state.lang,
});
registerLanguage(langState);

const dark = window.matchMedia('(prefers-color-scheme: dark)');
const model = monaco.editor.createModel('', LANGUAGE_ID, monaco.Uri.parse('inmemory://playground/plan.kpi'));
const editor = monaco.editor.create($('#editor'), {
  model,
  theme: dark.matches ? 'vs-dark' : 'vs',
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 14,
  lineNumbersMinChars: 3,
  lineHeight: 21,
  fontFamily: 'ui-monospace, "Cascadia Mono", "Sarasa Mono SC", "Noto Sans Mono CJK SC", Menlo, Consolas, monospace',
  scrollBeyondLastLine: false,
  wordWrap: 'off',
  tabSize: 2,
  renderWhitespace: 'none',
  fixedOverflowWidgets: true,
  lightbulb: { enabled: monaco.editor.ShowLightbulbIconMode.OnCode },
});
dark.addEventListener('change', () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs'));

let debounce: ReturnType<typeof setTimeout> | undefined;
let changeAt = 0;
let settingText = false;
model.onDidChangeContent(() => {
  if (settingText) return;
  if (!changeAt) changeAt = performance.now();
  // the picker names an example while the text is that example's, also after editing it back
  const len = model.getValueLength();
  state.example = EXAMPLES.find((e) => e.plan.length === len && e.plan === model.getValue())?.name;
  syncExampleSelect();
  clearTimeout(debounce);
  debounce = setTimeout(() => refreshPlan(), DEBOUNCE_MS);
});

function setPlanText(text: string): void {
  clearTimeout(debounce);
  const old = model.getValue();
  if (old !== text) {
    settingText = true;
    try {
      // replace only the changed middle: Monaco re-tokenises and re-renders just that, as for a keystroke
      let a = 0;
      const max = Math.min(old.length, text.length);
      while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
      let b = 0;
      while (b < max - a && old.charCodeAt(old.length - 1 - b) === text.charCodeAt(text.length - 1 - b)) b++;
      const range = monaco.Range.fromPositions(model.getPositionAt(a), model.getPositionAt(old.length - b));
      model.pushEditOperations([], [{ range, text: text.slice(a, text.length - b) }], () => null);
    } finally {
      settingText = false;
    }
  }
  changeAt = performance.now();
  refreshPlan();
}

// ---------------- pipeline ----------------
function refreshPlan(): void {
  const t0 = changeAt || performance.now();
  changeAt = 0;
  const a0 = performance.now();
  const text = model.getValue();
  const analysis = analyse(text);
  state.analysis = analysis;
  setMarkers(model, text, analysis.diagnostics, state.lang);
  const a1 = performance.now();
  if (analysis.compiled && analysis.plan) state.good = analysis;
  ensureInputColumns();
  refreshScores(t0, a1 - a0);
  renderProblems();
}

function refreshScores(t0 = performance.now(), analyseMs = 0): void {
  const s0 = performance.now();
  const good = state.good;
  state.scoring = good?.compiled && good.plan ? scoreTable(good.compiled, good.plan, state.table) : undefined;
  const s1 = performance.now();
  renderTable();
  renderStatus();
  const s2 = performance.now();
  renderExplain();
  const s3 = performance.now();
  scheduleCharts();
  const s4 = performance.now();
  state.timing = {
    analyseMs,
    scoreMs: s1 - s0,
    renderMs: s4 - s1,
    tableMs: s2 - s1,
    explainMs: s3 - s2,
    chartsMs: state.timing.chartsMs,
    totalMs: s4 - t0,
    at: s4,
    seq: state.timing.seq + 1,
    chartsSeq: state.timing.chartsSeq,
  };
}

/** Columns the plan reads but the table lacks get an empty column, so the table can be filled in. */
function ensureInputColumns(): void {
  const inputs = state.good?.compiled?.inputs ?? [];
  const have = new Set(state.table.columns.map(headerKey));
  if (state.table.columns.length === 0) {
    state.table.columns.push(state.lang === 'zh' ? '工号' : 'id');
    have.add(headerKey(state.table.columns[0]!));
  }
  for (const c of inputs) {
    if (have.has(headerKey(c.column))) continue;
    state.table.columns.push(c.column);
    have.add(headerKey(c.column));
    for (const r of state.table.rows) r.push('');
  }
}

// ---------------- table ----------------
let tableShape = '';
interface RowRefs {
  tr: HTMLTableRowElement;
  tot: HTMLTableCellElement;
  grade: HTMLTableCellElement;
  coef: HTMLTableCellElement;
  inputs: { el: HTMLElement; key: string }[];
}
let rowRefs: RowRefs[] = [];
const setText = (el: HTMLElement, v: string) => {
  if (el.textContent !== v) el.textContent = v;
};
const setTitle = (el: HTMLElement, v: string) => {
  if (el.title !== v) el.title = v;
};

function displayColumns(): number[] {
  const inputs = state.good?.compiled?.inputs ?? [];
  const keys = state.table.columns.map(headerKey);
  const inputIdx = inputs.map((c) => keys.indexOf(headerKey(c.column))).filter((i) => i > 0);
  const inputSet = new Set(inputIdx);
  const extra = state.table.columns.map((_, i) => i).filter((i) => i > 0 && !inputSet.has(i));
  // id, other columns (名字 etc.), then the plan's inputs in plan order
  return [0, ...extra, ...inputIdx];
}

function renderTable(): void {
  const cols = displayColumns();
  const inputs = state.good?.compiled?.inputs ?? [];
  const inputKeys = new Set(inputs.map((c) => headerKey(c.column)));
  const shape = JSON.stringify([cols, state.table.columns, state.table.rows.length, state.lang]);
  const table = $<HTMLTableElement>('#table');
  if (shape !== tableShape) {
    tableShape = shape;
    if (editing) editing = undefined;
    // id and descriptive columns, then the results (visible without scrolling), then the plan's inputs
    const lead = cols.filter((c) => c === 0 || !inputKeys.has(headerKey(state.table.columns[c] ?? '')));
    const rest = cols.filter((c) => !lead.includes(c));
    const th = (c: number) => {
      const name = state.table.columns[c] ?? '';
      const cls = inputKeys.has(headerKey(name)) ? 'input-col' : 'extra-col';
      return `<th class="${cls}" title="${escapeHtml(name)}">${escapeHtml(name)}</th>`;
    };
    const td = (row: string[], r: number, c: number) =>
      `<td class="cell" data-r="${r}" data-c="${c}" tabindex="0">${escapeHtml(row[c] ?? '')}</td>`;
    const body = state.table.rows
      .map(
        (row, r) =>
          `<tr data-row="${r}">${lead.map((c) => td(row, r, c)).join('')}<td class="res total" data-field="total"></td><td class="res grade" data-field="grade"></td><td class="res coef" data-field="coefficient"></td>${rest.map((c) => td(row, r, c)).join('')}<td class="res"><button type="button" class="remove" data-remove="${r}" title="${escapeHtml(t().removeRow)}">×</button></td></tr>`,
      )
      .join('');
    table.innerHTML = `<thead><tr>${lead.map(th).join('')}<th class="res">${t().total}</th><th class="res">${t().grade}</th><th class="res">${t().coefficient}</th>${rest.map(th).join('')}<th></th></tr></thead><tbody>${body}</tbody>`;
    rowRefs = Array.from(table.tBodies[0]?.rows ?? [], (tr) => {
      const res = tr.querySelectorAll<HTMLTableCellElement>('td.res');
      return {
        tr,
        tot: res[0]!,
        grade: res[1]!,
        coef: res[2]!,
        inputs: Array.from(tr.querySelectorAll<HTMLElement>('td.cell'), (el) => ({
          el,
          key: headerKey(state.table.columns[Number(el.dataset.c)] ?? ''),
        })),
      };
    });
  }
  // results and cell errors, in place (keeps focus while typing); only what changed is written
  const rows = state.scoring?.rows ?? [];
  for (let r = 0; r < rowRefs.length; r++) {
    const { tr, tot, grade, coef, inputs: cells } = rowRefs[r]!;
    const sr = rows[r];
    tr.classList.toggle('selected', state.selected === r);
    let badCols: Set<string> | undefined;
    if (sr?.outcome?.ok) {
      const res = sr.outcome.result;
      setText(tot, String(res.total));
      setText(grade, res.grade ?? '');
      setText(coef, res.coefficient === undefined ? '' : String(res.coefficient));
      setTitle(tot, res.vetoes.length ? `veto: ${res.vetoes.join(', ')}` : '');
      tr.classList.toggle('row-error', false);
      tr.classList.toggle('vetoed', res.vetoes.length > 0);
    } else {
      const errs = sr?.outcome && !sr.outcome.ok ? sr.outcome.errors.map((e) => ({ message: rowErrorText(e), column: e.column })) : (sr?.errors ?? []).map((d) => ({ message: localize(d, state.lang).message, column: d.data?.column }));
      badCols = new Set(errs.flatMap((e) => (e.column ? [headerKey(e.column)] : [])));
      setText(tot, sr && (sr.values || errs.length) ? '⚠' : '');
      setText(grade, '');
      setText(coef, '');
      setTitle(tot, errs.map((e) => e.message).join('\n'));
      tr.classList.toggle('row-error', errs.length > 0);
      tr.classList.toggle('vetoed', false);
    }
    for (const c of cells) c.el.classList.toggle('bad', !!badCols?.has(c.key));
  }
}

// Cells are plain text (a table of thousands of <input>s is slow to lay out); one input edits in place.
let editing: { td: HTMLElement; input: HTMLInputElement; r: number; c: number; original: string } | undefined;

function startEdit(td: HTMLElement, initial?: string): void {
  if (editing?.td === td) return;
  finishEdit();
  const r = Number(td.dataset.r);
  const c = Number(td.dataset.c);
  const row = state.table.rows[r];
  if (!row) return;
  const input = document.createElement('input');
  input.className = 'cell-input';
  input.setAttribute('aria-label', `${state.table.columns[c] ?? ''} ${r + 1}`);
  input.dataset.r = String(r);
  input.dataset.c = String(c);
  input.value = initial ?? row[c] ?? '';
  td.textContent = '';
  td.classList.add('editing');
  td.append(input);
  editing = { td, input, r, c, original: row[c] ?? '' };
  input.focus();
  if (initial === undefined) input.select();
  else if (initial !== (row[c] ?? '')) commitCell(r, c, initial);
}

function commitCell(r: number, c: number, value: string): void {
  const row = state.table.rows[r];
  if (!row || row[c] === value) return;
  row[c] = value;
  refreshScores();
}

function finishEdit(revert = false): void {
  const e = editing;
  if (!e) return;
  editing = undefined;
  if (revert) commitCell(e.r, e.c, e.original);
  e.td.classList.remove('editing');
  if (e.td.isConnected) e.td.textContent = state.table.rows[e.r]?.[e.c] ?? '';
}

function moveEdit(from: HTMLElement, dr: number, dc: number): void {
  const tr = from.closest('tr');
  const cells = Array.from(tr?.querySelectorAll<HTMLElement>('td.cell') ?? []);
  const i = cells.indexOf(from);
  let target: HTMLElement | undefined;
  if (dc) target = cells[i + dc];
  else {
    const next = dr > 0 ? tr?.nextElementSibling : tr?.previousElementSibling;
    target = next?.querySelectorAll<HTMLElement>('td.cell')[i];
  }
  finishEdit();
  if (target) startEdit(target);
  else from.focus();
}

$('#table').addEventListener('input', (ev) => {
  const el = ev.target as HTMLInputElement;
  if (!editing || el !== editing.input) return;
  commitCell(editing.r, editing.c, el.value);
});
$('#table').addEventListener('keydown', (ev) => {
  const target = ev.target as HTMLElement;
  if (editing && target === editing.input) {
    const td = editing.td;
    if (ev.key === 'Enter') {
      ev.preventDefault();
      moveEdit(td, ev.shiftKey ? -1 : 1, 0);
    } else if (ev.key === 'Tab') {
      ev.preventDefault();
      moveEdit(td, 0, ev.shiftKey ? -1 : 1);
    } else if (ev.key === 'Escape') {
      finishEdit(true);
      td.focus();
    }
    return;
  }
  if (target.matches('td.cell')) {
    if (ev.key === 'Enter' || ev.key === 'F2') {
      ev.preventDefault();
      startEdit(target);
    } else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      ev.preventDefault();
      startEdit(target, ev.key);
    }
  }
});
$('#table').addEventListener('focusout', (ev) => {
  if (editing && ev.target === editing.input) finishEdit();
});
$('#table').addEventListener('click', (ev) => {
  const el = ev.target as HTMLElement;
  const rm = el.closest<HTMLElement>('[data-remove]');
  if (rm) {
    const r = Number(rm.dataset.remove);
    state.table.rows.splice(r, 1);
    if (state.selected === r) state.selected = null;
    else if (state.selected !== null && state.selected > r) state.selected--;
    refreshScores();
    return;
  }
  const cell = el.closest<HTMLElement>('td.cell');
  if (cell) startEdit(cell);
  const tr = el.closest<HTMLTableRowElement>('tr[data-row]');
  if (tr) {
    const r = Number(tr.dataset.row);
    if (state.selected !== r) {
      state.selected = r;
      renderTable();
      renderExplain();
      scheduleCharts();
    }
  }
});
$('#table').addEventListener('paste', (ev) => {
  const text = ev.clipboardData?.getData('text/plain') ?? '';
  if (!text.includes('\t') && !text.includes('\n')) return; // a single value: let the input take it
  ev.preventDefault();
  const el = (ev.target as HTMLElement).closest<HTMLElement>('[data-r]');
  const grid = parsePasted(text);
  finishEdit();
  pasteGrid(grid, el?.dataset.r ? Number(el.dataset.r) : state.table.rows.length, el?.dataset.c ? Number(el.dataset.c) : 0);
});

/** Paste a block of cells. A first line naming known columns is a header: then columns are matched by name. */
function pasteGrid(grid: string[][], atRow: number, atCol: number): void {
  const keys = state.table.columns.map(headerKey);
  const first = grid[0] ?? [];
  const headerHits = first.filter((h) => keys.includes(headerKey(h))).length;
  if (headerHits >= Math.max(1, Math.ceil(first.length / 2))) {
    // a table with its header: replace the sample data
    const m = parseCsvText(grid.map((r) => r.map(csvCell).join(',')).join('\n'));
    if (m.ok) setTable(m.table);
    notice(t().pasted(grid.length - 1));
    return;
  }
  const cols = displayColumns();
  const startVisual = Math.max(0, cols.indexOf(atCol));
  grid.forEach((line, i) => {
    const r = atRow + i;
    while (state.table.rows.length <= r) state.table.rows.push(state.table.columns.map(() => ''));
    line.forEach((v, j) => {
      const c = cols[startVisual + j];
      if (c !== undefined) state.table.rows[r]![c] = v.trim();
    });
  });
  notice(t().pasted(grid.length));
  refreshScores();
}

function setTable(m: Matrix): void {
  state.table = { columns: [...m.columns], rows: m.rows.map((r) => [...r]) };
  state.selected = null;
  ensureInputColumns();
  refreshScores();
}

$('#add-row').addEventListener('click', () => {
  const row = state.table.columns.map(() => '');
  row[0] = nextId();
  state.table.rows.push(row);
  refreshScores();
  const td = $('#table').querySelector<HTMLElement>(`td.cell[data-r="${state.table.rows.length - 1}"][data-c="${displayColumns()[1] ?? 0}"]`);
  if (td) startEdit(td);
});

function nextId(): string {
  const ids = state.table.rows.map((r) => r[0] ?? '');
  const last = ids[ids.length - 1] ?? '';
  const m = /^(.*?)(\d+)$/.exec(last);
  if (m) {
    const n = String(Number(m[2]) + 1).padStart(m[2]!.length, '0');
    if (!ids.includes(m[1] + n)) return m[1] + n;
  }
  return `P${ids.length + 1}`;
}

/** Fill blank input cells with the indicator's target (a quick way to start a table for a new plan). */
$('#fill').addEventListener('click', () => {
  const plan = state.good?.plan;
  const compiled = state.good?.compiled;
  if (!plan || !compiled) return;
  const keys = state.table.columns.map(headerKey);
  const targets = new Map<string, string>();
  for (const { indicator } of indicatorsOf(plan)) {
    const col = indicator.input?.text ?? indicator.name.text;
    const m = indicator.method;
    let v: string | undefined;
    if (indicator.target) v = indicator.target.percent ? `${Rational.parse(indicator.target.value)!.mul(Rational.HUNDRED).toDecimalString(6)}%` : indicator.target.value;
    if (m?.kind === 'rating') v = m.hi.value;
    if (m?.kind === 'deduct') v = '0';
    if (v !== undefined) {
      targets.set(headerKey(col), v);
      if (m?.kind === 'rating') for (const r of m.raters ?? []) targets.set(headerKey(`${col}.${r.name.text}`), v);
    }
  }
  for (const b of plan.bonuses) targets.set(headerKey(b.input?.text ?? b.name.text), '0');
  if (state.table.rows.length === 0) state.table.rows.push(state.table.columns.map((_, i) => (i === 0 ? nextId() : '')));
  for (const row of state.table.rows)
    keys.forEach((k, i) => {
      if (i > 0 && (row[i] ?? '').trim() === '') row[i] = targets.get(k) ?? '0';
    });
  tableShape = '';
  refreshScores();
});

$<HTMLInputElement>('#load').addEventListener('change', async (ev) => {
  const input = ev.target as HTMLInputElement;
  const f = input.files?.[0];
  if (!f) return;
  const r = await loadFile(f.name, new Uint8Array(await f.arrayBuffer()));
  input.value = '';
  if (!r.ok) return notice(t().loadFailed + r.reason, true);
  setTable(r.table);
  notice(t().loaded(r.table.rows.length, f.name));
});

// ---------------- status, problems ----------------
function renderStatus(): void {
  const a = state.analysis;
  const el = $('#status');
  if (!state.good) el.textContent = t().noPlan;
  else if (a && a.hasErrors) el.textContent = t().planErrors;
  else el.textContent = '';
  el.classList.toggle('warn', !!a?.hasErrors);
  document.body.classList.toggle('stale', !!a?.hasErrors && !!state.good);
}

function renderProblems(): void {
  const a = state.analysis;
  const ds = (a?.diagnostics ?? []).filter((d) => d.span).map((d) => localize(d, state.lang));
  $('#problems-title').textContent = `${t().problems} (${ds.length})`;
  const ul = $('#problems');
  if (ds.length === 0) {
    ul.innerHTML = `<li class="muted">${t().noProblems}</li>`;
    return;
  }
  ul.innerHTML = ds
    .map((d, i) => {
      const p = model.getPositionAt(d.span!.start);
      return `<li class="sev-${d.severity}" data-i="${i}"><span class="loc">${p.lineNumber}:${p.column}</span> <span class="code">${d.code}</span> ${escapeHtml(d.message)}${d.help ? `<div class="help">${escapeHtml(d.help)}</div>` : ''}</li>`;
    })
    .join('');
  ul.onclick = (ev) => {
    const li = (ev.target as HTMLElement).closest<HTMLElement>('li[data-i]');
    const d: Diagnostic | undefined = li ? ds[Number(li.dataset.i)] : undefined;
    if (!d?.span) return;
    const p = model.getPositionAt(d.span.start);
    editor.setPosition(p);
    editor.revealPositionInCenter(p);
    editor.focus();
  };
}

// ---------------- explanation ----------------
function renderExplain(): void {
  const box = $('#explain');
  const who = $('#explain-who');
  const compiled = state.good?.compiled;
  const sr = state.selected !== null ? state.scoring?.rows[state.selected] : undefined;
  if (!compiled || !sr) {
    who.textContent = '';
    box.innerHTML = `<p class="muted">${t().explainHint}</p>`;
    return;
  }
  const name = state.table.columns.length > 1 && !state.good?.compiled?.inputs.some((c) => headerKey(c.column) === headerKey(state.table.columns[1]!)) ? state.table.rows[sr.index]?.[1] : '';
  who.textContent = `${sr.id}${name ? ` · ${name}` : ''}`;
  if (!sr.values || !sr.outcome) {
    box.innerHTML = `<p class="err">${t().rowError}</p><ul>${sr.errors.map((e) => `<li>${escapeHtml(localize(e, state.lang).message)}</li>`).join('')}</ul>`;
    return;
  }
  if (!sr.outcome.ok) {
    box.innerHTML = `<p class="err">${t().rowError}</p><ul>${sr.outcome.errors.map((e) => `<li>${escapeHtml(rowErrorText(e))}</li>`).join('')}</ul>`;
    return;
  }
  const res = sr.outcome.result;
  const view = explainRow(compiled, sr.values, state.lang);
  const summary = `<p class="summary"><b>${t().total} ${res.total}</b>${res.grade ? ` · ${t().grade} <b>${escapeHtml(res.grade)}</b>` : ''}${res.coefficient !== undefined ? ` · ${t().coefficient} <b>${res.coefficient}</b>` : ''}</p>`;
  box.innerHTML = summary + (view.explanation ? explainTree(view.explanation, view.lines) : '');
}

/**
 * The explanation as a tree: groups hold their indicators (each line is the core's own sentence),
 * then bonus, veto, total and grade lines.
 */
function explainTree(ex: Explanation, lines: string[]): string {
  const nInd = ex.indicators.length;
  const groupLine = new Map(ex.groups.map((g, i) => [[...g.path, g.name].join('\u0000'), lines[nInd + i] ?? g.name]));
  interface Node { key: string; line: string; children: Node[]; leaf: boolean }
  const root: Node = { key: '', line: '', children: [], leaf: false };
  const nodeFor = (path: string[]): Node => {
    let n = root;
    for (let i = 0; i < path.length; i++) {
      const key = path.slice(0, i + 1).join('\u0000');
      let c = n.children.find((x) => !x.leaf && x.key === key);
      if (!c) {
        c = { key, line: groupLine.get(key) ?? path[i]!, children: [], leaf: false };
        n.children.push(c);
      }
      n = c;
    }
    return n;
  };
  ex.indicators.forEach((ind, i) => nodeFor(ind.path).children.push({ key: ind.name, line: lines[i] ?? ind.name, children: [], leaf: true }));
  const render = (n: Node): string =>
    n.leaf
      ? `<li class="leaf">${escapeHtml(n.line)}</li>`
      : `<li class="group"><span class="group-line">${escapeHtml(n.line)}</span><ul>${n.children.map(render).join('')}</ul></li>`;
  const rest = lines.slice(nInd + ex.groups.length);
  return `<ul class="tree">${root.children.map(render).join('')}${rest.map((l, i) => `<li class="${i >= rest.length - (ex.grade !== undefined ? 2 : 1) ? 'total-line' : 'extra-line'}">${escapeHtml(l)}</li>`).join('')}</ul>`;
}

// ---------------- charts ----------------
/** Charts follow the scores: drawn after the frame that shows the new numbers. */
let chartsPending = 0;
function scheduleCharts(): void {
  if (chartsPending) return;
  chartsPending = requestAnimationFrame(() =>
    setTimeout(() => {
      chartsPending = 0;
      const c0 = performance.now();
      renderCharts();
      state.timing.chartsMs = performance.now() - c0;
      state.timing.chartsSeq = state.timing.seq;
    }, 0),
  );
}

function renderCharts(): void {
  const box = $('#charts');
  const good = state.good;
  if (!good?.plan || !good.compiled || !state.scoring) {
    box.innerHTML = '';
    return;
  }
  const curves = buildCurves(good.plan, good.compiled, state.scoring.rows, state.selected);
  const weights = new Map(indicatorsOf(good.plan).map((x) => [x.indicator.name.text, x.effectiveWeight]));
  const labels = good.plan.grades?.lines.map((l) => l.label.text) ?? [];
  const counts = new Map<string, number>();
  for (const r of state.scoring.rows) if (r.outcome?.ok && r.outcome.result.grade) counts.set(r.outcome.result.grade, (counts.get(r.outcome.result.grade) ?? 0) + 1);
  box.innerHTML = (labels.length ? gradeBarsSvg(labels, counts, t()) : '') + curves.map((c) => curveSvg(c, t(), weightLabel(weights.get(c.name) ?? Rational.ZERO))).join('');
}

// ---------------- header: examples, share, downloads, language ----------------
function syncExampleSelect(): void {
  const sel = $<HTMLSelectElement>('#example');
  sel.value = state.example ?? '';
}

function loadExample(ex: Example): void {
  state.example = ex.name;
  const m = ex.csv ? parseCsvText(ex.csv) : undefined;
  state.table = m?.ok ? m.table : { columns: [], rows: [] };
  state.selected = state.table.rows.length ? 0 : null;
  tableShape = '';
  setPlanText(ex.plan);
  syncExampleSelect();
}

$<HTMLSelectElement>('#example').addEventListener('change', (ev) => {
  const v = (ev.target as HTMLSelectElement).value;
  const ex = EXAMPLES.find((e) => e.name === v);
  if (ex) loadExample(ex);
});

function currentShare(): SharedState {
  return {
    plan: model.getValue(),
    data: { columns: [...state.table.columns], rows: state.table.rows.map((r) => [...r]) },
    ...(state.example ? { example: state.example } : {}),
    lang: state.lang,
  };
}

function shareUrl(): string {
  return `${location.origin}${location.pathname}${location.search}${encodeShare(currentShare())}`;
}

$('#share').addEventListener('click', async () => {
  const url = shareUrl();
  history.replaceState(null, '', url);
  try {
    await navigator.clipboard.writeText(url);
    notice(t().shared);
  } catch {
    notice(t().sharedNoClipboard);
  }
});

function download(name: string, text: string, type: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

const planFileName = () => `${state.good?.plan?.name.text ?? state.example ?? 'plan'}.kpi`;
$('#download-plan').addEventListener('click', () => download(planFileName(), model.getValue(), 'text/plain;charset=utf-8'));
$('#download-csv').addEventListener('click', () => download(planFileName().replace(/\.kpi$/, '.results.csv'), resultsCsv(), 'text/csv;charset=utf-8'));

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Results as CSV: id, total, grade, coefficient, then each indicator's score; BOM so Excel reads UTF-8. */
function resultsCsv(): string {
  const rows = getResults();
  const names = state.good?.plan ? indicatorsOf(state.good.plan).map((x) => x.indicator.name.text) : [];
  const head = [state.table.columns[0] ?? 'id', 'total', 'grade', 'coefficient', ...names, 'errors'];
  const lines = rows.map((r) => [r.id, r.total ?? '', r.grade ?? '', r.coefficient ?? '', ...names.map((n) => r.indicators[n]?.score ?? ''), (r.errors ?? []).map((e) => e.message).join('; ')].map((v) => csvCell(String(v))).join(','));
  return '\ufeff' + [head.map(csvCell).join(','), ...lines].join('\r\n') + '\r\n';
}

$('#lang').addEventListener('click', () => {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  applyLang();
  if (state.analysis) setMarkers(model, model.getValue(), state.analysis.diagnostics, state.lang);
  tableShape = '';
  refreshScores();
  renderProblems();
});

function applyLang(): void {
  const s = t();
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  setMonacoLang(state.lang);
  document.title = s.title;
  const set = (id: string, v: string) => ($(`#${id}`).textContent = v);
  set('title', s.title);
  set('example-label', s.example);
  set('share', s.share);
  set('download-plan', s.downloadPlan);
  set('download-csv', s.downloadCsv);
  set('lang', s.langToggle);
  set('editor-title', s.editor);
  set('data-title', s.data);
  set('add-row', s.addRow);
  set('fill', s.fillTargets);
  set('load-text', s.loadFile);
  set('paste-hint', s.pasteHint);
  set('explain-title', s.explain);
  set('charts-title', s.charts);
  set('charts-hint', s.chartsHint);
  const sel = $<HTMLSelectElement>('#example');
  sel.innerHTML = `<option value="">${s.custom}</option>` + EXAMPLES.map((e) => `<option value="${escapeHtml(e.name)}">${escapeHtml(e.name)}</option>`).join('');
  syncExampleSelect();
}

let noticeTimer: ReturnType<typeof setTimeout> | undefined;
function notice(text: string, error = false, sticky = false): void {
  const el = $('#notice');
  el.textContent = text;
  el.hidden = false;
  el.classList.toggle('error', error);
  clearTimeout(noticeTimer);
  if (!sticky) noticeTimer = setTimeout(() => (el.hidden = true), 6000);
}

/** a row error in the catalogue's words, in the playground's language (the CLI shows the same text) */
function rowErrorText(e: RowError): string {
  return localize(rowErrorDiagnostic(undefined, undefined, '', e), state.lang).message;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

// ---------------- start: share link or default example ----------------
function restore(hash: string): void {
  const d = decodeShare(hash);
  if (d.ok === true) {
    if (d.state.lang) state.lang = d.state.lang;
    applyLang();
    state.example = d.state.example && EXAMPLES.some((e) => e.name === d.state.example) ? d.state.example : undefined;
    state.table = d.state.data ? { columns: [...d.state.data.columns], rows: d.state.data.rows.map((r) => [...r]) } : { columns: [], rows: [] };
    state.selected = state.table.rows.length ? 0 : null;
    tableShape = '';
    setPlanText(d.state.plan);
    // setPlanText marks the plan as edited; keep the example name the link carried
    state.example = d.state.example;
    syncExampleSelect();
    return;
  }
  applyLang();
  loadExample(DEFAULT_EXAMPLE);
  if (d.ok === false) notice(t().badLink + d.reason, true, true);
}
restore(location.hash);
window.addEventListener('hashchange', () => {
  if (location.hash !== encodeShare(currentShare())) restore(location.hash);
});

// ---------------- test hook ----------------
/** offset of the n-th (0-based) occurrence of `text` in the editor, or -1 */
function findText(text: string, occurrence: number): number {
  const all = model.getValue();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = all.indexOf(text, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

function getResults(): JsonRow[] {
  return state.scoring ? toJsonRows(state.scoring) : [];
}

declare global {
  interface Window {
    kpiPlayground: {
      setPlan(text: string): void;
      getPlan(): string;
      getResults(): JsonRow[];
      setData(rows: Record<string, string | number>[] | { columns: string[]; rows: string[][] }): void;
      getData(): { columns: string[]; rows: string[][] };
      getDiagnostics(): Diagnostic[];
      getMarkers(): monaco.editor.IMarker[];
      shareUrl(): string;
      loadExample(name: string): boolean;
      setLang(lang: Lang): void;
      select(row: number | null): void;
      /** put the editor's selection on the first occurrence of `text` (for real-keyboard tests) */
      selectText(text: string, occurrence?: number): boolean;
      /**
       * page coordinates of a point inside the n-th occurrence of `text` (`inside` characters in), scrolled
       * into view: for real mouse tests (hover), from Monaco's own layout (getScrolledVisiblePosition)
       */
      pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
      timing(): typeof state.timing;
      examples(): string[];
      ready: boolean;
    };
  }
}

window.kpiPlayground = {
  setPlan: (text) => setPlanText(text),
  getPlan: () => model.getValue(),
  getResults,
  setData(data) {
    if (Array.isArray(data)) {
      const columns: string[] = [];
      for (const r of data) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
      setTable({ columns, rows: data.map((r) => columns.map((c) => (r[c] === undefined ? '' : String(r[c])))) });
    } else setTable(data);
    tableShape = '';
    refreshScores();
  },
  getData: () => ({ columns: [...state.table.columns], rows: state.table.rows.map((r) => [...r]) }),
  getDiagnostics: () => state.analysis?.diagnostics ?? [],
  getMarkers: () => monaco.editor.getModelMarkers({ resource: model.uri }),
  shareUrl,
  loadExample(name) {
    const ex = EXAMPLES.find((e) => e.name === name);
    if (ex) loadExample(ex);
    return !!ex;
  },
  setLang(lang) {
    if (state.lang !== lang) $('#lang').click();
  },
  select(row) {
    state.selected = row;
    refreshScores();
  },
  selectText(text, occurrence = 0) {
    const at = findText(text, occurrence);
    if (at < 0) return false;
    editor.focus();
    editor.setSelection(monaco.Range.fromPositions(model.getPositionAt(at), model.getPositionAt(at + text.length)));
    editor.revealRangeInCenter(editor.getSelection()!);
    return true;
  },
  pointAt(text, occurrence = 0, inside = 1) {
    const at = findText(text, occurrence);
    if (at < 0) return null;
    const pos = model.getPositionAt(at + Math.min(Math.max(0, inside), text.length));
    editor.revealPositionInCenterIfOutsideViewport(pos, monaco.editor.ScrollType.Immediate);
    const p = editor.getScrolledVisiblePosition(pos);
    const dom = editor.getDomNode();
    if (!p || !dom) return null;
    const box = dom.getBoundingClientRect();
    return { x: box.left + p.left + 2, y: box.top + p.top + p.height / 2 };
  },
  timing: () => ({ ...state.timing }),
  examples: () => EXAMPLES.map((e) => e.name),
  ready: true,
};
