/**
 * The header and panel buttons: examples, new plan, reset, format, share, downloads, language; the table's
 * baseline pin, undo/redo, fill, add row, load file; the bottom tabs.
 */
import { args, currentWork, ed, engine, exampleTable, idle, redrawCharts, refresh, renderStatus, setExampleTable, setTable, syncDirty, syncExample, tableChanged } from '../app.js';
import { loadFile } from '../data/files.js';
import { EXAMPLES, type Example } from '../examples.js';
import { text } from '@kpi/core/diag';
import { STRINGS } from '../i18n.js';
import { setMonacoLang } from '../monaco-locale.js';
import { state } from '../state.js';
import { saveNow } from '../store/autosave.js';
import { encodeShare } from '../store/share.js';
import { $, download, escapeHtml, notice, renewNotice } from './dom.js';
import { clearHistory, redo, remember, undo } from './history.js';
import { renderOutput } from './output.js';
import { pasteAt, previewPaste } from './paste.js';
import { editCell, invalidateTable, renderTable, setupTable, displayColumns } from './table.js';

const t = () => STRINGS[state.lang];

export const NEW_PLAN = `plan 新方案 {
  cycle monthly

  indicator 指标一 weight 60% target 100% scoring linear cap 120%
  indicator 指标二 weight 40% target 100% scoring linear

  grades {
    A >= 90 coefficient 1.2
    B >= 70 coefficient 1.0
    C       coefficient 0.8
  }
}
`;

export async function loadExample(ex: Example, undoable = false): Promise<void> {
  state.example = ex.name;
  if (undoable) remember(state.table);
  else clearHistory();
  const table = exampleTable(ex.name);
  state.table = { columns: [...table.columns], rows: table.rows.map((r) => [...r]) };
  state.selected = state.table.rows.length ? 0 : null;
  invalidateTable(true);
  ed.setText(ex.plan, undoable);
  syncExample();
  await refresh();
}

export function shareUrl(): string {
  return `${location.origin === 'null' ? location.href.replace(/#.*$/, '').replace(/\?.*$/, '') : `${location.origin}${location.pathname}`}${location.search}${encodeShare(currentWork())}`;
}

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

export function addRow(): void {
  remember(state.table);
  const row = state.table.columns.map(() => '');
  row[0] = nextId();
  state.table.rows.push(row);
  void tableChanged().then(() => editCell(state.table.rows.length - 1, displayColumns().lead[1] ?? displayColumns().inputs[0] ?? 0));
}

/** pin the current results as the baseline: from now on every result shows its change */
export function pinBaseline(on = !state.baseline): void {
  const r = state.result;
  if (on && r) {
    state.baseline = { columns: r.columns, byId: new Map(r.rows.filter((x) => !x.blank && x.errors.length === 0).map((x) => [x.id, [...x.cells]])) };
    const n = state.baseline.byId.size;
    notice((s) => s.pinned(n));
  } else state.baseline = undefined;
  syncPin();
  renderTable();
}

function syncPin(): void {
  const b = $('#pin');
  b.textContent = state.baseline ? t().unpin : t().pin;
  b.setAttribute('aria-pressed', String(!!state.baseline));
}

export async function formatPlan(): Promise<boolean> {
  const r = await engine.call('format', { text: ed.model.getValue() });
  if (r.output === undefined) {
    notice((s) => s.formatFailed, true);
    return false;
  }
  ed.setText(r.output, true);
  notice((s) => s.formatted);
  await refresh();
  return true;
}

export function applyLang(): void {
  const s = t();
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  // Monaco's own labels (find widget, quick-fix menu, hovers) built from now on follow the toggle
  setMonacoLang(state.lang);
  renewNotice();
  document.title = s.title;
  const set = (id: string, v: string) => ($(`#${id}`).textContent = v);
  set('title', s.title);
  set('example-label', s.example);
  set('new-plan', s.newPlan);
  set('reset', s.reset);
  set('format', s.format);
  set('share', s.share);
  set('download-plan', s.downloadPlan);
  set('download-csv', s.downloadCsv);
  set('lang', s.langToggle);
  set('editor-title', s.editor);
  set('tab-problems', s.tabProblems);
  set('tab-tests', s.tabTests);
  set('tab-output', s.tabOutput);
  set('output-copy', s.copy);
  set('data-title', s.data);
  set('add-row', s.addRow);
  set('fill', s.fillTargets);
  set('undo', s.undo);
  set('redo', s.redo);
  set('load-text', s.loadFile);
  set('paste-hint', s.pasteHint);
  set('explain-title', s.explain);
  set('charts-title', s.charts);
  set('charts-hint', s.chartsHint);
  const kind = $<HTMLSelectElement>('#output-kind');
  kind.options[0]!.textContent = s.outIr;
  kind.options[1]!.textContent = s.outModule;
  syncPin();
  const sel = $<HTMLSelectElement>('#example');
  sel.innerHTML = `<option value="">${s.custom}</option>` + EXAMPLES.map((e) => `<option value="${escapeHtml(e.name)}">${escapeHtml(e.name)}</option>`).join('');
  syncExample();
}

export async function setLang(lang: 'zh' | 'en'): Promise<void> {
  if (state.lang === lang) return;
  state.lang = lang;
  applyLang();
  invalidateTable();
  await refresh();
  // the curves do not depend on the language: their labels change at once, without sampling again
  redrawCharts();
}

function showTab(name: string): void {
  for (const b of document.querySelectorAll<HTMLElement>('.tab')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const p of document.querySelectorAll<HTMLElement>('.tab-panel')) p.hidden = p.dataset.panel !== name;
  if (name === 'output') void renderOutput(engine, ed.model.getValue());
}

/** the examples' sample data, read by the same CSV rules as a loaded file (in the worker) */
export function readExampleTables(): Promise<unknown> {
  return Promise.all(
    EXAMPLES.map((ex) =>
      ex.csv ? engine.call('parseCsv', { bytes: new TextEncoder().encode(ex.csv), name: `${ex.name}.csv` }).then((r) => r.ok && setExampleTable(ex.name, r.table)) : undefined,
    ),
  );
}

export function setupToolbar(): void {
  $<HTMLSelectElement>('#example').addEventListener('change', (ev) => {
    const ex = EXAMPLES.find((e) => e.name === (ev.target as HTMLSelectElement).value);
    if (ex) void loadExample(ex, true);
  });
  $('#new-plan').addEventListener('click', async () => {
    remember(state.table);
    state.example = undefined;
    state.table = { columns: [], rows: [] };
    state.selected = null;
    state.baseline = undefined;
    syncPin();
    invalidateTable();
    ed.setText(NEW_PLAN, true);
    syncExample();
    await refresh();
    state.table.rows.push(state.table.columns.map((_, i) => (i === 0 ? 'P1' : '')));
    await tableChanged();
  });
  $('#reset').addEventListener('click', async () => {
    const ex = EXAMPLES.find((e) => e.name === state.example) ?? EXAMPLES[0]!;
    await loadExample(ex, true);
    notice((s) => s.resetDone);
  });
  $('#format').addEventListener('click', () => void formatPlan());
  $('#share').addEventListener('click', async () => {
    const url = shareUrl();
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      notice((s) => s.shared);
    } catch {
      notice((s) => s.sharedNoClipboard);
    }
  });
  const planFileName = () => `${state.result?.planName ?? state.example ?? 'plan'}.kpi`;
  $('#download-plan').addEventListener('click', () => download(planFileName(), ed.model.getValue(), 'text/plain;charset=utf-8'));
  $('#download-csv').addEventListener('click', async () => {
    await idle();
    const r = await engine.call('csv', args());
    download(`${r.name}.results.csv`, r.csv, 'text/csv;charset=utf-8');
  });
  $('#lang').addEventListener('click', () => void setLang(state.lang === 'zh' ? 'en' : 'zh'));

  $('#pin').addEventListener('click', () => pinBaseline());
  $('#undo').addEventListener('click', () => {
    const prev = undo(state.table);
    if (prev) void setTable(prev, state.selected);
  });
  $('#redo').addEventListener('click', () => {
    const next = redo(state.table);
    if (next) void setTable(next, state.selected);
  });
  $('#add-row').addEventListener('click', addRow);
  $('#fill').addEventListener('click', async () => {
    remember(state.table);
    if (state.table.rows.length === 0) state.table.rows.push(state.table.columns.map((_, i) => (i === 0 ? nextId() : '')));
    const filled = await engine.call('fill', { text: ed.model.getValue(), table: state.table });
    await setTable(filled, state.selected);
  });
  $<HTMLInputElement>('#load').addEventListener('change', async (ev) => {
    const input = ev.target as HTMLInputElement;
    const f = input.files?.[0];
    if (!f) return;
    const r = await loadFile(engine, f.name, new Uint8Array(await f.arrayBuffer())).catch((e: Error) => ({ ok: false as const, reason: text('ui.pg.file-failed', { detail: e.message }) }));
    input.value = '';
    if (!r.ok) return notice((s) => s.loadFailed + s.said(r.reason), true);
    remember(state.table);
    await setTable(r.table, r.table.rows.length ? 0 : null);
    notice((s) => s.loaded(r.table.rows.length, f.name));
  });
  for (const b of document.querySelectorAll<HTMLElement>('.tab')) b.addEventListener('click', () => showTab(b.dataset.tab!));
  $('#output-kind').addEventListener('change', () => void renderOutput(engine, ed.model.getValue()));
  $('#output-copy').addEventListener('click', () => void navigator.clipboard?.writeText($('#output').textContent ?? '').catch(() => {}));

  setupTable({
    changed: () => void tableChanged(),
    select(row) {
      state.selected = row;
      renderTable();
      void refresh();
    },
    paste(grid, atRow, atCol) {
      void (async () => {
        const shown = await previewPaste(engine, grid, (n) => {
          invalidateTable();
          void tableChanged();
          notice((s) => s.pasteDone(n));
        });
        if (shown) return;
        const n = pasteAt(grid, atRow, atCol);
        invalidateTable();
        await tableChanged();
        notice((s) => s.pasteDone(n));
      })();
    },
  });
  // Ctrl+Z / Ctrl+Y in the table (not in the editor, which has its own undo)
  $('#table').addEventListener('keydown', (ev) => {
    if (!(ev.ctrlKey || ev.metaKey) || (ev.target as HTMLElement).matches('input')) return;
    const k = ev.key.toLowerCase();
    if (k === 'z' && !ev.shiftKey) $('#undo').click();
    else if (k === 'y' || (k === 'z' && ev.shiftKey)) $('#redo').click();
    else return;
    ev.preventDefault();
  });
  addEventListener('beforeunload', saveNow);
  void renderStatus;
  void syncDirty;
}
