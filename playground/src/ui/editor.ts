/**
 * The plan editor: Monaco with the plan language. Highlighting, completion, hover and quick fixes come from
 * @kpi/language-service running in the engine worker (the page never parses). While an input method is
 * composing (pinyin), nothing is analysed or completed: half-typed pinyin is not a plan.
 */
import { monaco } from '../monaco.js';
import type { EngineClient } from '../engine/client.js';
import type { MarkerView } from '../engine/protocol.js';
import { state } from '../state.js';
import { $ } from './dom.js';

export const LANGUAGE_ID = 'kpi';
export const DEBOUNCE_MS = 40;

const SEVERITY = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info } as const;
const KIND: Record<string, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  method: monaco.languages.CompletionItemKind.Function,
  value: monaco.languages.CompletionItemKind.EnumMember,
  indicator: monaco.languages.CompletionItemKind.Field,
  group: monaco.languages.CompletionItemKind.Module,
  metric: monaco.languages.CompletionItemKind.Variable,
  bonus: monaco.languages.CompletionItemKind.Constant,
  veto: monaco.languages.CompletionItemKind.Event,
  column: monaco.languages.CompletionItemKind.Property,
  grade: monaco.languages.CompletionItemKind.EnumMember,
  subject: monaco.languages.CompletionItemKind.Keyword,
};

export const toMarkerData = (m: MarkerView): monaco.editor.IMarkerData => ({
  startLineNumber: m.startLineNumber,
  startColumn: m.startColumn,
  endLineNumber: m.endLineNumber,
  endColumn: m.endColumn,
  severity: SEVERITY[m.severity],
  message: m.message,
  code: m.code,
  source: 'kpi',
});

let composing = false;
export const isComposing = () => composing;

export interface PlanEditor {
  editor: monaco.editor.IStandaloneCodeEditor;
  model: monaco.editor.ITextModel;
  /** replace the text as one undoable edit of only the changed middle (Monaco re-renders just that) */
  setText(text: string, undoable?: boolean): void;
  setMarkers(markers: MarkerView[]): void;
}

export function createEditor(engine: EngineClient, onChange: () => void): PlanEditor {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.kpi'], aliases: ['KPI plan', 'kpi'] });
  monaco.languages.setLanguageConfiguration(LANGUAGE_ID, {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    wordPattern: /[\p{L}\p{N}_.]+|[^\s\p{L}\p{N}_.]+/u,
  });
  // the tokenizer is generated from the lexer's catalogue, in the worker; the text shows plain until it arrives
  void engine.call('monarch', {}).then((m) => monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, m as monaco.languages.IMonarchLanguage));

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' '],
    async provideCompletionItems(model, position) {
      if (composing) return { suggestions: [] };
      const text = model.getValue();
      const r = await engine.call('complete', { text, offset: model.getOffsetAt(position), lang: state.lang }).catch(() => undefined);
      if (!r || composing || model.getValue() !== text) return { suggestions: [] };
      const range = monaco.Range.fromPositions(model.getPositionAt(r.replace.start), model.getPositionAt(r.replace.end));
      return {
        suggestions: r.items.map((it) => ({
          label: it.label,
          kind: KIND[it.kind] ?? monaco.languages.CompletionItemKind.Text,
          detail: it.detail,
          insertText: it.insertText ?? it.label,
          insertTextRules: it.snippet ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          sortText: `${it.sort}${it.label}`,
          range,
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider(LANGUAGE_ID, {
    async provideHover(model, position) {
      const h = await engine.call('hover', { text: model.getValue(), offset: model.getOffsetAt(position), lang: state.lang }).catch(() => null);
      if (!h) return null;
      return {
        range: monaco.Range.fromPositions(model.getPositionAt(h.span.start), model.getPositionAt(h.span.end)),
        contents: h.contents.map((value) => ({ value })),
      };
    },
  });
  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    async provideCodeActions(model, range) {
      const span = { start: model.getOffsetAt(range.getStartPosition()), end: model.getOffsetAt(range.getEndPosition()) };
      const versionId = model.getVersionId();
      const list = await engine.call('actions', { text: model.getValue(), span, lang: state.lang }).catch(() => []);
      const actions = list.map((a) => ({
        title: a.title,
        kind: 'quickfix',
        isPreferred: a.preferred,
        diagnostics: [toMarkerData(a.marker)],
        edit: {
          edits: a.edits.map((e) => ({
            resource: model.uri,
            versionId,
            textEdit: { range: monaco.Range.fromPositions(model.getPositionAt(e.span.start), model.getPositionAt(e.span.end)), text: e.text },
          })),
        },
      }));
      return { actions, dispose() {} };
    },
  });

  const dark = window.matchMedia('(prefers-color-scheme: dark)');
  const model = monaco.editor.createModel('', LANGUAGE_ID, monaco.Uri.parse('inmemory://playground/plan.kpi'));
  const host = $('#editor');
  host.textContent = '';
  const editor = monaco.editor.create(host, {
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
    // the plan's own completion only: no word-based guesses from the text (they offer back what was just typed)
    wordBasedSuggestions: 'off',
    // at the edge of its text the editor lets the wheel scroll the page
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  dark.addEventListener('change', () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs'));

  // stacked layout (narrow window): the editor is as tall as its text, so the page — not the editor — scrolls
  const narrow = window.matchMedia('(max-width: 900px)');
  const fit = () => {
    if (narrow.matches) {
      const h = Math.max(240, editor.getContentHeight());
      if (host.style.height !== `${h}px`) host.style.height = `${h}px`;
    } else if (host.style.height) host.style.height = '';
  };
  editor.onDidContentSizeChange(fit);
  narrow.addEventListener('change', fit);
  fit();

  let settingText = false;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  editor.onDidCompositionStart(() => {
    composing = true;
    clearTimeout(debounce);
  });
  editor.onDidCompositionEnd(() => {
    composing = false;
    clearTimeout(debounce);
    debounce = setTimeout(onChange, DEBOUNCE_MS);
  });
  let lastSent = 0;
  const send = () => {
    lastSent = performance.now();
    onChange();
  };
  model.onDidChangeContent(() => {
    if (settingText) return;
    if (!changeAt) changeAt = performance.now();
    clearTimeout(debounce);
    if (composing) return;
    // the first key after a pause goes at once (the engine is idle); keys in a burst wait for the burst to pause
    if (engine.idle && performance.now() - lastSent > DEBOUNCE_MS) send();
    else debounce = setTimeout(send, DEBOUNCE_MS);
  });

  return {
    editor,
    model,
    setText(text, undoable = true) {
      clearTimeout(debounce);
      const old = model.getValue();
      if (old === text) return;
      settingText = true;
      try {
        let a = 0;
        const max = Math.min(old.length, text.length);
        while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
        let b = 0;
        while (b < max - a && old.charCodeAt(old.length - 1 - b) === text.charCodeAt(text.length - 1 - b)) b++;
        const range = monaco.Range.fromPositions(model.getPositionAt(a), model.getPositionAt(old.length - b));
        if (undoable) editor.pushUndoStop();
        model.pushEditOperations([], [{ range, text: text.slice(a, text.length - b) }], () => null);
        if (undoable) editor.pushUndoStop();
      } finally {
        settingText = false;
      }
    },
    setMarkers(markers) {
      monaco.editor.setModelMarkers(model, 'kpi', markers.map(toMarkerData));
    },
  };
}

/** when the text first changed since the last update (keystroke → scores timing) */
let changeAt = 0;
export function takeChangeAt(): number {
  const t = changeAt;
  changeAt = 0;
  return t;
}
