/** Renderers: one module per output format, all from the same Diagnostic data. */
export { renderTerminal, visibleText, type TerminalOptions } from './terminal.js';
export { renderJson, toJsonData, type JsonOptions } from './json.js';
export { renderGithub, type GithubOptions } from './github.js';
export { renderSarif, toSarif, type SarifOptions } from './sarif.js';
export { renderJunit, type JunitOptions } from './junit.js';
export { summaryLine, countDiagnostics, regionOf, locationText, type Counts, type Region } from './positions.js';
export { displayWidth, charWidth } from '../../source/width.js';

import type { Diagnostic } from '../types.js';
import type { Lang } from '../lang.js';
import type { SourceFile } from '../../source/span.js';
import { renderTerminal } from './terminal.js';
import { renderJson } from './json.js';
import { renderGithub } from './github.js';
import { renderSarif } from './sarif.js';
import { renderJunit } from './junit.js';

export type DiagnosticFormat = 'terminal' | 'json' | 'github' | 'sarif' | 'junit';
export const DIAGNOSTIC_FORMATS: readonly DiagnosticFormat[] = ['terminal', 'json', 'github', 'sarif', 'junit'];

/** render in a format chosen at run time (`kpi check --format`) */
export function renderDiagnostics(
  format: DiagnosticFormat,
  diags: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  opts: { color?: boolean; files?: string[]; version?: string; lang?: Lang } = {},
): string {
  const lang = opts.lang ?? 'en';
  // warnings a plan accepts with `allow` are data for machines that can say so (JSON, SARIF), not findings to show
  const shown = diags.filter((d) => !d.suppressed);
  switch (format) {
    case 'terminal':
      return renderTerminal(shown, sources, opts.color !== undefined ? { color: opts.color, lang } : { lang });
    case 'json':
      return renderJson(diags, sources, { lang });
    case 'github':
      return renderGithub(shown, sources, { lang });
    case 'sarif':
      return renderSarif(diags, sources, opts.version ? { version: opts.version, lang } : { lang });
    case 'junit':
      return renderJunit(shown, sources, opts.files ? { files: opts.files, lang } : { lang });
  }
}
