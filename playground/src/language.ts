/** Registers the plan language with Monaco by adapting the editor-neutral @kpi/language-service. */
import { analyze, TOKEN_CATALOG } from '@kpi/core';
import type { Diagnostic, PlanFile } from '@kpi/core';
import {
  DEFAULT_VOCABULARY,
  codeActions,
  complete,
  diagnosticsToMarkers,
  generateMonarch,
  hover,
  type CompletionKind,
  type Lang,
} from '@kpi/language-service';
import { monaco } from './monaco.js';

export const LANGUAGE_ID = 'kpi';

/** What the providers read: the latest analysis of the model's text. */
export interface LanguageState {
  text: string;
  file?: PlanFile;
  diagnostics: Diagnostic[];
  lang: Lang;
}

const vocabulary = DEFAULT_VOCABULARY;

const KIND: Record<CompletionKind, monaco.languages.CompletionItemKind> = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  method: monaco.languages.CompletionItemKind.Function,
  value: monaco.languages.CompletionItemKind.EnumMember,
  indicator: monaco.languages.CompletionItemKind.Field,
  group: monaco.languages.CompletionItemKind.Module,
  metric: monaco.languages.CompletionItemKind.Variable,
  bonus: monaco.languages.CompletionItemKind.Constant,
  penalty: monaco.languages.CompletionItemKind.Constant,
  veto: monaco.languages.CompletionItemKind.Event,
  column: monaco.languages.CompletionItemKind.Property,
  grade: monaco.languages.CompletionItemKind.EnumMember,
  subject: monaco.languages.CompletionItemKind.Keyword,
};

const SEVERITY = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
} as const;

export function registerLanguage(getState: () => LanguageState): void {
  monaco.languages.register({ id: LANGUAGE_ID, extensions: ['.kpi'], aliases: ['KPI plan', 'kpi'] });
  monaco.languages.setMonarchTokensProvider(LANGUAGE_ID, generateMonarch(TOKEN_CATALOG) as unknown as monaco.languages.IMonarchLanguage);
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

  // the providers read the state the app keeps current; stale text (mid-debounce) falls back to fresh analysis
  const fresh = (model: monaco.editor.ITextModel): LanguageState => {
    const s = getState();
    if (s.text === model.getValue()) return s;
    const text = model.getValue();
    const a = analyze('plan.kpi', text);
    return { text, file: a.file, diagnostics: a.diagnostics, lang: s.lang };
  };

  monaco.languages.registerCompletionItemProvider(LANGUAGE_ID, {
    triggerCharacters: [' '],
    provideCompletionItems(model, position) {
      const s = fresh(model);
      const offset = model.getOffsetAt(position);
      const r = complete(s.text, offset, s.file, s.lang, vocabulary);
      const range = monaco.Range.fromPositions(model.getPositionAt(r.replace.start), model.getPositionAt(r.replace.end));
      return {
        suggestions: r.items.map((it) => ({
          label: it.label,
          kind: KIND[it.kind],
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
    provideHover(model, position) {
      const s = fresh(model);
      const h = hover(s.file, model.getOffsetAt(position), s.lang);
      if (!h) return null;
      return {
        range: monaco.Range.fromPositions(model.getPositionAt(h.span.start), model.getPositionAt(h.span.end)),
        contents: h.contents.map((value) => ({ value })),
      };
    },
  });

  monaco.languages.registerCodeActionProvider(LANGUAGE_ID, {
    provideCodeActions(model, range) {
      const s = fresh(model);
      const span = { start: model.getOffsetAt(range.getStartPosition()), end: model.getOffsetAt(range.getEndPosition()) };
      const actions = codeActions(s.diagnostics, span, s.lang).map((a) => ({
        title: a.title,
        kind: 'quickfix',
        isPreferred: a.preferred,
        diagnostics: diagnosticsToMarkers(s.text, [a.diagnostic], s.lang).map(toMarkerData),
        edit: {
          edits: a.edits.map((e) => ({
            resource: model.uri,
            versionId: model.getVersionId(),
            textEdit: {
              range: monaco.Range.fromPositions(model.getPositionAt(e.span.start), model.getPositionAt(e.span.end)),
              text: e.text,
            },
          })),
        },
      }));
      return { actions, dispose() {} };
    },
  });
}

function toMarkerData(m: ReturnType<typeof diagnosticsToMarkers>[number]): monaco.editor.IMarkerData {
  return {
    startLineNumber: m.startLineNumber,
    startColumn: m.startColumn,
    endLineNumber: m.endLineNumber,
    endColumn: m.endColumn,
    severity: SEVERITY[m.severity],
    message: m.message,
    code: m.code,
    source: 'kpi',
  };
}

export function setMarkers(model: monaco.editor.ITextModel, text: string, diagnostics: Diagnostic[], lang: Lang = 'en'): void {
  monaco.editor.setModelMarkers(model, 'kpi', diagnosticsToMarkers(text, diagnostics, lang).map(toMarkerData));
}
