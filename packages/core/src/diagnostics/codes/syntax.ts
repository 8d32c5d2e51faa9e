import type { CatalogueEntry, Diagnostic, Fix, Related } from '../types.js';
import type { Span } from '../../source/span.js';

/** syntax diagnostics — see catalogue.ts for the code ranges */
export const SYNTAX_CODES: CatalogueEntry[] = [
  { code: 'KPI0101', severity: 'error', name: 'unexpected-token', summary: 'A token appears where the grammar does not allow it.' },
  { code: 'KPI0102', severity: 'error', name: 'missing-token', summary: 'A required token (a brace, a value, a keyword) is missing.' },
  { code: 'KPI0103', severity: 'error', name: 'unterminated-string', summary: 'A string is not closed with `"` on its line.' },
  { code: 'KPI0104', severity: 'error', name: 'invalid-character', summary: 'A character that is not part of the language.' },
  { code: 'KPI0105', severity: 'error', name: 'invalid-number', summary: 'A number literal is malformed (stray `_`, a quoted number that is not a number).' },
  { code: 'KPI0106', severity: 'error', name: 'missing-clause', summary: 'An indicator or bonus lacks a required clause (`weight`, `scoring`, `points ... per ...`).' },
  { code: 'KPI0107', severity: 'error', name: 'duplicate-clause', summary: 'A clause such as `cap` or `target` is written twice on one item.' },
  { code: 'KPI0108', severity: 'error', name: 'nested-too-deeply', summary: 'Parentheses or blocks nested deeper than the parser allows.' },
  { code: 'KPI0109', severity: 'error', name: 'invalid-setting', summary: 'A setting value is not allowed (e.g. `round` needs a whole number of decimals).' },
];

export type SyntaxCode = 'KPI0101' | 'KPI0102' | 'KPI0103' | 'KPI0104' | 'KPI0105' | 'KPI0106' | 'KPI0107' | 'KPI0108' | 'KPI0109';

/**
 * @deprecated use `diag()` (diagnostics/diag.ts) with a catalogue id: its texts exist in both
 * languages. Kept so code written against it still compiles; the texts given here stay English.
 */
export function syntaxDiagnostic(
  code: SyntaxCode,
  d: { file?: string | undefined; span: Span; message: string; help?: string; fix?: Fix; related?: Related[] },
): Diagnostic {
  // built here, not with diag.ts's legacyDiagnostic: diag.ts reads the catalogue, which lists these codes
  const out: Diagnostic = { code, severity: 'error', span: d.span, message: d.message };
  if (d.file !== undefined) out.file = d.file;
  if (d.help !== undefined) out.help = d.help;
  if (d.fix !== undefined) out.fix = d.fix;
  if (d.related !== undefined) out.related = d.related;
  return out;
}
