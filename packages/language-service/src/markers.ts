import { localizeAll, type Diagnostic, type Lang } from '@kpi/core';
import { LineMap, type Range } from './positions.js';

/** Editor-neutral marker: Monaco's IMarkerData shape minus the enum (the adapter maps severity). */
export interface Marker extends Range {
  severity: 'error' | 'warning' | 'info';
  message: string;
  code: string;
  /** related locations, for the editor's "related information" */
  related: (Range & { message: string })[];
}

/**
 * Diagnostics with a span become markers. An empty span is widened to one character (or the end of
 * the line) so the squiggle is visible. The message carries the help line after a blank line.
 */
export function diagnosticsToMarkers(text: string, diagnostics: readonly Diagnostic[], lang: Lang = 'en'): Marker[] {
  const map = new LineMap(text);
  const out: Marker[] = [];
  for (const d of localizeAll(diagnostics, lang)) {
    // no marker for a warning the plan accepts with `allow`
    if (!d.span || d.suppressed) continue;
    let { start, end } = d.span;
    if (end <= start) {
      const eol = (i: number) => i >= text.length || text[i] === '\n' || text[i] === '\r';
      if (!eol(start)) end = start + 1;
      else if (start > 0 && !eol(start - 1)) {
        // at the end of a line or the file: mark the character before
        start = start - 1;
        end = start + 1;
      } else end = start;
    }
    const r = map.range({ start, end });
    out.push({
      ...r,
      severity: d.severity,
      message: d.help ? `${d.message}\n\n${d.help}` : d.message,
      code: d.code,
      related: (d.related ?? [])
        .filter((x) => !x.file || x.file === d.file)
        .map((x) => ({ ...map.range(x.span), message: x.message })),
    });
  }
  return out;
}
