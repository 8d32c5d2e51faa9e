import type { Diagnostic } from '@kpi/core';
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
export function diagnosticsToMarkers(text: string, diagnostics: readonly Diagnostic[]): Marker[] {
  const map = new LineMap(text);
  const out: Marker[] = [];
  for (const d of diagnostics) {
    if (!d.span) continue;
    let { start, end } = d.span;
    if (end <= start) {
      end = start + 1;
      if (end > text.length || text[start] === '\n' || text[start] === '\r') {
        // at the end of a line or the file: mark the character before
        if (start > 0 && text[start - 1] !== '\n') start = start - 1;
        end = Math.max(start + 1, end);
      }
      end = Math.min(end, text.length);
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
