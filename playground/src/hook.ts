/**
 * `window.kpiPlayground`: the test and automation hook. Everything that changes state returns a promise
 * that resolves once the engine's answer is on screen.
 */
import { currentWork, ed, engine, idle, refresh, setTable } from './app.js';
import type { JsonRow } from './engine/protocol.js';
import { EXAMPLES } from './examples.js';
import type { Lang } from './i18n.js';
import { monaco } from './monaco.js';
import { state } from './state.js';
import { formatPlan, loadExample, pinBaseline, setLang, shareUrl } from './ui/toolbar.js';
import { renderTable } from './ui/table.js';

type Data = Record<string, string | number>[] | { columns: string[]; rows: string[][] };

export interface Hook {
  setPlan(text: string): Promise<void>;
  getPlan(): string;
  getResults(): JsonRow[];
  setData(rows: Data): Promise<void>;
  getData(): { columns: string[]; rows: string[][] };
  getDiagnostics(): unknown[];
  getMarkers(): monaco.editor.IMarker[];
  getTests(): unknown[];
  shareUrl(): string;
  loadExample(name: string): Promise<boolean>;
  setLang(lang: Lang): Promise<void>;
  select(row: number | null): Promise<void>;
  selectText(text: string, occurrence?: number): boolean;
  pointAt(text: string, occurrence?: number, inside?: number): { x: number; y: number } | null;
  pinBaseline(on?: boolean): void;
  format(): Promise<boolean>;
  /** the engine's time budget (ms); a request over it restarts the worker */
  setBudget(ms: number): void;
  engineRestarts(): number;
  idle(): Promise<void>;
  timing(): typeof state.timing;
  examples(): string[];
  work(): ReturnType<typeof currentWork>;
  ready: boolean;
}

function findText(text: string, occurrence: number): number {
  const all = ed.model.getValue();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = all.indexOf(text, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

declare global {
  interface Window {
    kpiPlayground: Hook;
  }
}

export function installHook(): void {
  window.kpiPlayground = {
    async setPlan(text) {
      ed.setText(text);
      await refresh();
      await idle();
    },
    getPlan: () => ed.model.getValue(),
    getResults: () => state.result?.json ?? [],
    async setData(data) {
      if (Array.isArray(data)) {
        const columns: string[] = [];
        for (const r of data) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
        await setTable({ columns, rows: data.map((r) => columns.map((c) => (r[c] === undefined ? '' : String(r[c])))) });
      } else await setTable(data);
      await idle();
    },
    getData: () => ({ columns: [...state.table.columns], rows: state.table.rows.map((r) => [...r]) }),
    getDiagnostics: () => state.result?.diagnostics ?? [],
    getMarkers: () => monaco.editor.getModelMarkers({ resource: ed.model.uri }),
    getTests: () => state.result?.tests ?? [],
    shareUrl,
    async loadExample(name) {
      const ex = EXAMPLES.find((e) => e.name === name);
      if (ex) await loadExample(ex);
      await idle();
      return !!ex;
    },
    async setLang(lang) {
      await setLang(lang);
      await idle();
    },
    async select(row) {
      state.selected = row;
      renderTable();
      await refresh();
      await idle();
    },
    selectText(text, occurrence = 0) {
      const at = findText(text, occurrence);
      if (at < 0) return false;
      ed.editor.focus();
      ed.editor.setSelection(monaco.Range.fromPositions(ed.model.getPositionAt(at), ed.model.getPositionAt(at + text.length)));
      ed.editor.revealRangeInCenter(ed.editor.getSelection()!);
      return true;
    },
    pointAt(text, occurrence = 0, inside = 1) {
      const at = findText(text, occurrence);
      if (at < 0) return null;
      const pos = ed.model.getPositionAt(at + Math.min(Math.max(0, inside), text.length));
      ed.editor.revealPositionInCenterIfOutsideViewport(pos, monaco.editor.ScrollType.Immediate);
      const p = ed.editor.getScrolledVisiblePosition(pos);
      const dom = ed.editor.getDomNode();
      if (!p || !dom) return null;
      const box = dom.getBoundingClientRect();
      return { x: box.left + p.left + 2, y: box.top + p.top + p.height / 2 };
    },
    pinBaseline: (on) => pinBaseline(on),
    format: () => formatPlan(),
    setBudget(ms) {
      engine.budgetMs = ms;
    },
    engineRestarts: () => engine.restarts,
    idle,
    timing: () => ({ ...state.timing }),
    examples: () => EXAMPLES.map((e) => e.name),
    work: () => currentWork(),
    ready: true,
  };
}
