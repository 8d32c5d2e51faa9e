/** Quick fixes: diagnostics that carry `fix` edits become code actions for the range asked about. */
import { localizeAll, type Diagnostic, type Lang, type Span, type TextEdit } from '@kpi/core';

export interface CodeAction {
  title: string;
  edits: TextEdit[];
  /** the diagnostic it fixes */
  diagnostic: Diagnostic;
  /** the only fix for that diagnostic: editors may apply it with one key */
  preferred: boolean;
}

const overlaps = (a: Span, b: Span) => a.start <= b.end && b.start <= a.end;

export function codeActions(diagnostics: readonly Diagnostic[], range: Span, lang: Lang = 'en'): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of localizeAll(diagnostics, lang)) {
    if (!d.fix || d.fix.edits.length === 0) continue;
    const anchors = [d.span, ...(d.related ?? []).map((r) => r.span), ...d.fix.edits.map((e) => e.span)].filter(
      (s): s is Span => !!s,
    );
    if (!anchors.some((s) => overlaps(s, range))) continue;
    out.push({ title: d.fix.message, edits: d.fix.edits, diagnostic: d, preferred: true });
  }
  return out;
}

/** Apply non-overlapping edits to a text (for tests and for editors without an edit API). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}
