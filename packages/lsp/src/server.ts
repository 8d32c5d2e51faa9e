/**
 * The kpi language server: the editor-neutral @kpi/language-service and the core's analyze/format,
 * spoken over LSP with vscode-languageserver. Nothing here decides anything about the language; it
 * converts offsets to positions and shapes to protocol types.
 *
 * Documents sync incrementally; each version is analysed at most once (AnalysisCache), diagnostics are
 * published after a short pause in typing, and a request on a newer version analyses it on demand.
 */
import { formatText, type Diagnostic as KpiDiagnostic, type Span } from '@kpi/core';
import {
  codeActions,
  complete,
  documentSymbols,
  hover,
  prepareRename,
  rename,
  semanticTokens,
  SEMANTIC_TOKEN_MODIFIERS,
  SEMANTIC_TOKEN_TYPES,
  type CompletionKind,
  type DocumentSymbol as KpiSymbol,
  type Lang,
} from '@kpi/language-service';
import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  ResponseError,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentSymbol,
  type InitializeParams,
  type InitializeResult,
  type Location,
  type Range,
  type TextEdit,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { AnalysisCache, fileNameOf } from './analysis.js';

export interface ServerOptions {
  /** pause after the last edit before diagnostics are published (ms) */
  debounceMs?: number;
  /** the server's version, reported in `serverInfo` */
  version?: string;
}

/** `zh-cn`, `zh-tw` → zh; anything else → en; no locale at all → zh (the users' language) */
export function langOf(locale: string | undefined, override?: unknown): Lang {
  if (override === 'zh' || override === 'en') return override;
  if (!locale) return 'zh';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  keyword: CompletionItemKind.Keyword,
  method: CompletionItemKind.Function,
  value: CompletionItemKind.EnumMember,
  indicator: CompletionItemKind.Field,
  group: CompletionItemKind.Module,
  metric: CompletionItemKind.Variable,
  bonus: CompletionItemKind.Constant,
  penalty: CompletionItemKind.Constant,
  veto: CompletionItemKind.Event,
  column: CompletionItemKind.Property,
  grade: CompletionItemKind.EnumMember,
  subject: CompletionItemKind.Keyword,
};

const SYMBOL_KIND: Record<KpiSymbol['kind'], SymbolKind> = {
  plan: SymbolKind.Namespace,
  group: SymbolKind.Module,
  indicator: SymbolKind.Field,
  metric: SymbolKind.Function,
  bonus: SymbolKind.Constant,
  veto: SymbolKind.Event,
  grades: SymbolKind.Enum,
  grade: SymbolKind.EnumMember,
  column: SymbolKind.Property,
  test: SymbolKind.Method,
};

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** Wire the handlers onto a connection and start listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new AnalysisCache();
  let debounceMs = options.debounceMs ?? 150;
  const timers = new Map<string, NodeJS.Timeout>();
  let lang: Lang = 'zh';

  const range = (doc: TextDocument, span: Span): Range => ({ start: doc.positionAt(span.start), end: doc.positionAt(Math.max(span.start, span.end)) });

  const toDiagnostic = (doc: TextDocument, d: KpiDiagnostic): Diagnostic => {
    let span = d.span ?? { start: 0, end: 0 };
    if (span.end <= span.start) {
      // an empty span (a missing token at the end of a line) gets one character so the squiggle shows
      const text = doc.getText();
      const eol = (i: number) => i >= text.length || text[i] === '\n' || text[i] === '\r';
      if (!eol(span.start)) span = { start: span.start, end: span.start + 1 };
      else if (span.start > 0 && !eol(span.start - 1)) span = { start: span.start - 1, end: span.start };
    }
    return {
      range: range(doc, span),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: 'kpi',
      message: d.help ? `${d.message}\n${d.help}` : d.message,
      relatedInformation: (d.related ?? [])
        .filter((r) => !r.file || r.file === d.file)
        .map((r) => ({ location: { uri: doc.uri, range: range(doc, r.span) }, message: r.message })),
    };
  };

  // what the last analysis of each document cost: on a big plan, typing waits at least that long before
  // the next one (analysis runs on this thread; analysing every keystroke would queue them up)
  const cost = new Map<string, number>();
  /** requests waiting for the analysis that ends a burst of edits */
  const waiting = new Map<string, ((doc: TextDocument | undefined) => void)[]>();

  const publish = (doc: TextDocument) => {
    const t0 = performance.now();
    const a = cache.get(doc);
    cost.set(doc.uri, performance.now() - t0);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: a.diagnostics.map((d) => toDiagnostic(doc, d)) });
  };
  const settle = (uri: string) => {
    const w = waiting.get(uri);
    waiting.delete(uri);
    for (const f of w ?? []) f(documents.get(uri));
  };
  const schedule = (doc: TextDocument, delay: number) => {
    clearTimeout(timers.get(doc.uri));
    if (delay <= 0) {
      timers.delete(doc.uri);
      publish(doc);
      settle(doc.uri);
      return;
    }
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) publish(current);
        settle(doc.uri);
      }, Math.max(delay, Math.min(cost.get(doc.uri) ?? 0, 2000))),
    );
  };

  /**
   * The document once edits pause: at once when its current version is analysed or no analysis is
   * pending, else when the debounced one runs. Outline, semantic tokens and hovers asked for while the
   * user types then cost one analysis per pause, not one per keystroke.
   */
  const settled = (uri: string): Promise<TextDocument | undefined> => {
    const doc = documents.get(uri);
    if (!doc || !timers.has(uri)) return Promise.resolve(doc);
    return new Promise((resolve) => {
      const w = waiting.get(uri);
      if (w) w.push(resolve);
      else waiting.set(uri, [resolve]);
    });
  };

  /** run a request on the settled document (null when it was closed) */
  const withDoc = async <T>(uri: string, f: (doc: TextDocument) => T): Promise<T | null> => {
    const doc = await settled(uri);
    return doc ? f(doc) : null;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as { lang?: unknown; debounceMs?: unknown };
    lang = langOf(params.locale, init.lang);
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0 && init.debounceMs <= 10_000) debounceMs = init.debounceMs;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        documentHighlightProvider: true,
        semanticTokensProvider: {
          legend: { tokenTypes: [...SEMANTIC_TOKEN_TYPES], tokenModifiers: [...SEMANTIC_TOKEN_MODIFIERS] },
          full: true,
          range: false,
        },
      },
      serverInfo: { name: 'kpi', ...(options.version ? { version: options.version } : {}) },
    };
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, debounceMs));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    settle(e.document.uri);
    cache.delete(e.document.uri);
    cost.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover((p) =>
    withDoc(p.textDocument.uri, (doc) => {
      const a = cache.get(doc);
      const offset = doc.offsetAt(p.position);
      // most hovers rest on keywords, numbers or space: the index answers "no name here" without a walk of the plan
      const at = a.indexAt(offset)?.at(offset);
      if (!at || at.kind === 'test' || at.kind === 'plan') return null;
      const h = hover(a.file, offset, lang, { name: at.name, span: at.span });
      if (!h) return null;
      return { range: range(doc, h.span), contents: { kind: MarkupKind.Markdown, value: h.contents.join('\n\n') } };
    }),
  );

  // completion answers at once, while typing: the text is current, the names come from the latest
  // analysis made (a plan's names change far less often than its text)
  connection.onCompletion((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return null;
    const latest = cache.peek(doc.uri);
    const a = latest ?? cache.get(doc);
    const offset = doc.offsetAt(p.position);
    const r = complete(doc.getText(), offset, a.file, lang);
    const replace = range(doc, r.replace);
    return r.items.map(
      (it): CompletionItem => ({
        label: it.label,
        kind: COMPLETION_KIND[it.kind],
        ...(it.detail ? { detail: it.detail } : {}),
        sortText: `${it.sort}${it.label}`,
        filterText: it.label,
        insertTextFormat: it.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
        textEdit: { range: replace, newText: it.insertText ?? it.label },
      }),
    );
  });

  connection.onDocumentFormatting((p) =>
    withDoc(p.textDocument.uri, (doc): TextEdit[] => {
      const text = doc.getText();
      const r = formatText(fileNameOf(doc.uri), text);
      // a plan with syntax errors is left alone (as `kpi fmt` does); its diagnostics say why
      if (r.output === undefined) return [];
      // the canonical layout has LF line ends; a file written with CRLF keeps them (as `kpi fmt` does)
      const crlf = /\r\n/.test(text.slice(0, text.indexOf('\n') + 1));
      return minimalEdit(doc, text, crlf ? r.output.replace(/\r?\n/g, '\r\n') : r.output);
    }),
  );

  connection.onCodeAction((p) =>
    withDoc(p.textDocument.uri, (doc): CodeAction[] => {
      const a = cache.get(doc);
      const span = { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) };
      return codeActions(a.diagnostics, span).map((x) => ({
        title: x.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: x.preferred,
        diagnostics: [toDiagnostic(doc, x.diagnostic)],
        edit: { changes: { [doc.uri]: x.edits.map((e) => ({ range: range(doc, e.span), newText: e.text })) } },
      }));
    }),
  );

  connection.onDefinition((p) =>
    withDoc(p.textDocument.uri, (doc): Location | null => {
      const offset = doc.offsetAt(p.position);
      const idx = cache.get(doc).indexAt(offset);
      const at = idx?.at(offset);
      const d = at && idx!.definitionOf(at);
      return d ? { uri: doc.uri, range: range(doc, d.span) } : null;
    }),
  );

  connection.onReferences((p) =>
    withDoc(p.textDocument.uri, (doc): Location[] => {
      const offset = doc.offsetAt(p.position);
      const idx = cache.get(doc).indexAt(offset);
      const at = idx?.at(offset);
      if (!idx || !at) return [];
      return idx
        .referencesOf(at)
        .filter((o) => p.context.includeDeclaration || !o.definition)
        .map((o) => ({ uri: doc.uri, range: range(doc, o.span) }));
    }),
  );

  connection.onDocumentHighlight((p) =>
    withDoc(p.textDocument.uri, (doc) => {
      const offset = doc.offsetAt(p.position);
      const idx = cache.get(doc).indexAt(offset);
      const at = idx?.at(offset);
      if (!idx || !at) return [];
      return idx.referencesOf(at).map((o) => ({ range: range(doc, o.span), kind: o.definition ? 3 : 2 }));
    }),
  );

  connection.onPrepareRename((p) =>
    withDoc(p.textDocument.uri, (doc) => {
      const offset = doc.offsetAt(p.position);
      const idx = cache.get(doc).indexAt(offset);
      const r = idx && prepareRename(idx, offset);
      return r ? { range: range(doc, r.span), placeholder: r.name } : null;
    }),
  );

  connection.onRenameRequest((p) =>
    withDoc(p.textDocument.uri, (doc) => {
      const offset = doc.offsetAt(p.position);
      const idx = cache.get(doc).indexAt(offset);
      if (!idx) return null;
      const r = rename(idx, offset, p.newName, lang);
      if ('error' in r) throw new ResponseError(-32803 /* RequestFailed */, r.error);
      return { changes: { [doc.uri]: r.edits.map((e) => ({ range: range(doc, e.span), newText: e.text })) } };
    }),
  );

  connection.onDocumentSymbol((p) =>
    withDoc(p.textDocument.uri, (doc): DocumentSymbol[] => {
      const convert = (s: KpiSymbol): DocumentSymbol => {
        const full = range(doc, s.span);
        let sel = range(doc, s.selection);
        // the selection must lie inside the full range (recovered nodes can have odd spans)
        if (s.selection.start < s.span.start || s.selection.end > s.span.end) sel = full;
        return {
          name: s.name,
          kind: SYMBOL_KIND[s.kind],
          range: full,
          selectionRange: sel,
          ...(s.detail ? { detail: s.detail } : {}),
          children: s.children.map(convert),
        };
      };
      return documentSymbols(cache.get(doc).file).map(convert);
    }),
  );

  connection.languages.semanticTokens.on(async (p) =>
    (await withDoc(p.textDocument.uri, (doc) => {
      const a = cache.get(doc);
      const data: number[] = [];
      let line = 0;
      let char = 0;
      for (const plan of a.file.plans) {
        const idx = a.indexAt(plan.span.start);
        if (!idx || idx.plan !== plan) continue;
        for (const t of semanticTokens(idx)) {
          const s = doc.positionAt(t.span.start);
          const e = doc.positionAt(t.span.end);
          if (e.line !== s.line) continue; // tokens are single-line
          data.push(s.line - line, s.line === line ? s.character - char : s.character, e.character - s.character, t.type, t.modifiers);
          line = s.line;
          char = s.character;
        }
      }
      return { data };
    })) ?? { data: [] },
  );

  documents.listen(connection);
  connection.listen();
}

/** one edit covering only what changed between the text and its formatted form (keeps the cursor and undo small) */
export function minimalEdit(doc: TextDocument, before: string, after: string): TextEdit[] {
  if (before === after) return [];
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  // never split a surrogate pair or a CRLF
  while (start > 0 && (isLow(before.charCodeAt(start)) || (before[start] === '\n' && before[start - 1] === '\r'))) start--;
  while (endB < before.length && (isLow(before.charCodeAt(endB)) || (before[endB] === '\n' && before[endB - 1] === '\r'))) {
    endB++;
    endA++;
  }
  return [{ range: { start: doc.positionAt(start), end: doc.positionAt(endB) }, newText: after.slice(start, endA) }];
}

const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
