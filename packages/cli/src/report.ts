/** Printing diagnostics for people through @kpi/core's terminal renderer (code frames, CJK-aware carets). */
import { SourceFile } from '@kpi/core/source';
import type { Diagnostic } from '@kpi/core';
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
