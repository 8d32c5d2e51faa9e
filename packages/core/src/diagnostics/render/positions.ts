/** Resolving a diagnostic's span to 1-based line:col ranges, shared by the renderers. */
import type { Diagnostic } from '../types.js';
import type { SourceFile, Span } from '../../source/span.js';
import type { Lang } from '../lang.js';
import { pluralS, ui } from '../diag.js';

export interface Region {
  startLine: number;
  startColumn: number;
  /** position just after the span (exclusive), as SARIF counts it */
  endLine: number;
  endColumn: number;
}

export function regionOf(source: SourceFile | undefined, span: Span | undefined): Region | undefined {
  if (!source || !span) return undefined;
  const s = source.lineCol(Math.min(span.start, source.text.length));
  const e = source.lineCol(Math.min(Math.max(span.end, span.start), source.text.length));
  return { startLine: s.line, startColumn: s.col, endLine: e.line, endColumn: e.col };
}

export function sourceFor(d: { file?: string | undefined }, sources: ReadonlyMap<string, SourceFile>, fallback?: string): SourceFile | undefined {
  const f = d.file ?? fallback;
  return f === undefined ? undefined : sources.get(f);
}

/** `file:line:col`, `file` alone when there is no span, or `file (row 3, column 销售额)` for data findings */
export function locationText(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): string {
  const file = d.file ?? '<input>';
  const r = regionOf(sourceFor(d, sources), d.span);
  if (r) return `${file}:${r.startLine}:${r.startColumn}`;
  if (d.data?.row !== undefined) return `${file}:${d.data.row}`;
  return file;
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  /** accepted with `allow` (not counted as warnings) */
  suppressed?: number;
}

export function countDiagnostics(diags: readonly Diagnostic[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const d of diags) {
    if (d.suppressed) c.suppressed = (c.suppressed ?? 0) + 1;
    else if (d.severity === 'error') c.errors++;
    else if (d.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

/** "2 errors, 1 warning in 3 files"; "no problems in 1 file"; in Chinese "3 个文件中：2 个错误，1 个警告" */
export function summaryLine(counts: Partial<Counts> & { files: number }, lang: Lang = 'en'): string {
  const parts: string[] = [];
  if (counts.errors) parts.push(ui('ui.errors', { n: counts.errors, s: pluralS(counts.errors) }, lang));
  if (counts.warnings) parts.push(ui('ui.warnings', { n: counts.warnings, s: pluralS(counts.warnings) }, lang));
  if (counts.infos) parts.push(ui('ui.notes', { n: counts.infos, s: pluralS(counts.infos) }, lang));
  const list = parts.length ? parts.join(ui('ui.list-sep', {}, lang)) : ui('ui.no-problems', {}, lang);
  const accepted = counts.suppressed
    ? ui('ui.accepted', { n: counts.suppressed, s: pluralS(counts.suppressed) }, lang)
    : '';
  return ui('ui.summary', { counts: list, files: ui('ui.files', { n: counts.files, s: pluralS(counts.files) }, lang) }, lang) + accepted;
}
