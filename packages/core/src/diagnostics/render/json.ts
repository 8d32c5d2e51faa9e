/** JSON rendering: the diagnostics as data, with 1-based line/column ranges added next to the spans. */
import type { Diagnostic } from '../types.js';
import type { Lang } from '../lang.js';
import { localizeAll } from '../diag.js';
import type { SourceFile } from '../../source/span.js';
import { regionOf, sourceFor } from './positions.js';

export interface JsonOptions {
  /** indentation (default 2; 0 for one line) */
  indent?: number;
  /** language of messages, helps and fix labels (default English) */
  lang?: Lang;
}

export function toJsonData(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, lang: Lang = 'en'): unknown[] {
  return localizeAll(diags, lang).map((d) => {
    const src = sourceFor(d, sources);
    const r = regionOf(src, d.span);
    return {
      file: d.file ?? null,
      code: d.code,
      severity: d.severity,
      message: d.message,
      ...(r ? { line: r.startLine, column: r.startColumn, endLine: r.endLine, endColumn: r.endColumn } : {}),
      ...(d.span ? { span: d.span } : {}),
      ...(d.help ? { help: d.help } : {}),
      ...(d.related?.length
        ? {
            related: d.related.map((x) => {
              const rr = regionOf(sources.get(x.file ?? d.file ?? ''), x.span);
              return { file: x.file ?? d.file ?? null, message: x.message, span: x.span, ...(rr ? { line: rr.startLine, column: rr.startColumn, endLine: rr.endLine, endColumn: rr.endColumn } : {}) };
            }),
          }
        : {}),
      ...(d.fix
        ? {
            fix: {
              message: d.fix.message,
              edits: d.fix.edits.map((e) => {
                const er = regionOf(src, e.span);
                return { span: e.span, text: e.text, ...(er ? { line: er.startLine, column: er.startColumn, endLine: er.endLine, endColumn: er.endColumn } : {}) };
              }),
            },
          }
        : {}),
      ...(d.data ? { data: d.data } : {}),
      ...(d.suppressed ? { suppressed: { reason: d.suppressed.reason } } : {}),
    };
  });
}

export function renderJson(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: JsonOptions = {}): string {
  return JSON.stringify(toJsonData(diags, sources, opts.lang), null, opts.indent ?? 2) + '\n';
}
