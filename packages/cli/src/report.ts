/** Printing diagnostics for people through @kpi/core's terminal renderer (code frames, CJK-aware carets). */
import { SourceFile } from '@kpi/core/source';
import type { Diagnostic, MessageRef } from '@kpi/core';
// the catalogue through its subpath: this module is on `kpi check`'s start-up path (see commands/check.ts)
import { render, ui } from '@kpi/core/diag';
import { renderDiagnostics } from './engine.js';
import { useColor, type Io, type Stream } from './io.js';

export interface SourceText {
  name: string;
  text: string;
}

export const sourceMap = (sources: SourceText[]): Map<string, SourceFile> =>
  new Map(sources.map((s) => [s.name, new SourceFile(s.name, s.text)]));

/** print diagnostics for people on `stream` (stderr for score/explain, stdout for check) */
export function printDiagnostics(io: Io, stream: Stream, diags: Diagnostic[], sources: SourceText[] = []): void {
  if (!diags.length) return;
  const text = renderDiagnostics('terminal', diags, sourceMap(sources), { color: useColor(io, stream), ...(io.lang ? { lang: io.lang } : {}) });
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** a note after the findings (a workbook's other sheets), `note: …` in the run's language, on stderr */
export function printHint(io: Io, hint: MessageRef | undefined): void {
  if (!hint) return;
  const lang = io.lang ?? 'en';
  io.stderr.write(`${ui('ui.note', {}, lang)}: ${render(hint, lang)}\n`);
}
