/**
 * The playground. The layout is already on screen (index.html); this starts the engine worker, the editor,
 * and restores the work: a share link, else the autosaved work, else the default example.
 *
 * Parts: app.ts (update loop), engine/ (worker + client with a time budget), ui/editor.ts, ui/table.ts
 * (+ paste.ts, history.ts), ui/problems.ts, ui/tests.ts, ui/output.ts, ui/explain.ts, ui/charts.ts,
 * ui/docs.ts, ui/toolbar.ts, store/ (autosave, share links), data/files.ts, hook.ts (test hook).
 */
// first: the engine worker starts while the rest (Monaco) is evaluated
import './engine/boot.js';
import './style.css';
import { currentWork, ed, engine, idle, refresh, startEditor, syncExample } from './app.js';
import { DEFAULT_EXAMPLE, EXAMPLES } from './examples.js';
import { STRINGS } from './i18n.js';
import { installHook } from './hook.js';
import { state } from './state.js';
import { loadSaved, onSaveState } from './store/autosave.js';
import { decodeShare, encodeShare, type SharedState } from './store/share.js';
import { $, notice } from './ui/dom.js';
import { setupDocs } from './ui/docs.js';
import { invalidateTable } from './ui/table.js';
import { applyLang, loadExample, readExampleTables, setupToolbar } from './ui/toolbar.js';

const t = () => STRINGS[state.lang];

performance.mark('kpi:script');
// the plan shown (and perhaps already edited) in the page's textarea before this script arrived
const early = document.querySelector<HTMLTextAreaElement>('#early-editor');
const earlyWork = early && !early.hidden ? { text: early.value, edited: early.value !== early.defaultValue, focused: document.activeElement === early, at: early.selectionStart } : undefined;
startEditor();
performance.mark('kpi:editor');
setupToolbar();
setupDocs(engine);
onSaveState(({ saved, at }) => {
  const el = $('#save-state');
  el.textContent = saved && at ? t().saved(at.toLocaleTimeString(state.lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false })) : t().unsaved;
  el.classList.toggle('unsaved', !saved);
  document.title = `${saved ? '' : '● '}${t().title}`;
});

async function restoreWork(s: SharedState): Promise<void> {
  if (s.lang) state.lang = s.lang;
  applyLang();
  state.example = s.example && EXAMPLES.some((e) => e.name === s.example) ? s.example : undefined;
  state.table = s.data ? { columns: [...s.data.columns], rows: s.data.rows.map((r) => [...r]) } : { columns: [], rows: [] };
  state.selected = state.table.rows.length ? 0 : null;
  invalidateTable(true);
  ed.setText(s.plan, false);
  syncExample();
  await refresh();
}

async function start(hash: string): Promise<void> {
  await readExampleTables();
  const d = decodeShare(hash);
  if (d.ok === true) return restoreWork(d.state);
  const saved = d.ok === 'empty' ? loadSaved() : undefined;
  if (saved) {
    await restoreWork(saved);
    // say so only when there was work of one's own (not an untouched example)
    if (!document.querySelector<HTMLElement>('#dirty')!.hidden) notice((s) => s.restored);
    return;
  }
  applyLang();
  await loadExample(DEFAULT_EXAMPLE);
  if (d.ok === false) notice((s) => s.badLink + s.said(d.reason), true, true);
}

void start(location.hash).then(async () => {
  if (earlyWork?.edited) {
    ed.setText(earlyWork.text, true);
    syncExample();
    await refresh();
  }
  if (earlyWork?.focused) {
    ed.editor.setPosition(ed.model.getPositionAt(earlyWork.at));
    ed.editor.focus();
  }
  await idle();
  installHook();
});
window.addEventListener('hashchange', () => {
  if (location.hash !== encodeShare(currentWork())) void start(location.hash);
});
