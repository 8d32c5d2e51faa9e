/**
 * SARIF 2.1.0: one run, `tool.driver.rules` from the whole catalogue, one result per diagnostic with
 * a physicalLocation region (1-based, columns in Unicode code points as `columnKind` says), related
 * locations, and fixes as artifact changes.
 */
import type { Diagnostic, Severity } from '../types.js';
import type { Lang } from '../lang.js';
import { localizeAll, summaryOf, ui } from '../diag.js';
import type { SourceFile } from '../../source/span.js';
import { CATALOGUE } from '../catalogue.js';
import { regionOf, sourceFor } from './positions.js';

export interface SarifOptions {
  /** tool version reported in `tool.driver.version` */
  version?: string;
  /** documentation base for `helpUri`, e.g. `https://example.org/kpi/grammar/diagnostics/` */
  helpBase?: string;
  /** language of messages and rule descriptions (default English) */
  lang?: Lang;
}

const level = (s: Severity) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
const uri = (f: string) => encodeURI(f.replace(/\\/g, '/'));

export function toSarif(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: SarifOptions = {}): object {
  const lang = opts.lang ?? 'en';
  const entries = [...CATALOGUE.values()].sort((a, b) => a.code.localeCompare(b.code));
  const ruleIndex = new Map(entries.map((e, i) => [e.code, i]));
  const rules = entries.map((e) => ({
    id: e.code,
    name: e.name,
    shortDescription: { text: summaryOf(e.code, lang) },
    defaultConfiguration: { level: level(e.severity) },
    ...(opts.helpBase ? { helpUri: `${opts.helpBase}${e.code}.md` } : {}),
  }));
  const results = localizeAll(diags, lang).map((d) => {
    const src = sourceFor(d, sources);
    const r = regionOf(src, d.span);
    const physical = (file: string | undefined, region: ReturnType<typeof regionOf>) => ({
      artifactLocation: { uri: uri(file ?? '<input>'), uriBaseId: '%SRCROOT%' },
      ...(region ? { region } : {}),
    });
    const msg = d.help ? `${d.message}\n${ui('ui.help', {}, lang)}: ${d.help}` : d.message;
    const idx = ruleIndex.get(d.code);
    return {
      ruleId: d.code,
      ...(idx !== undefined ? { ruleIndex: idx } : {}),
      level: level(d.severity),
      message: { text: msg },
      // SARIF's own way to say "accepted in the source" (`allow CODE "reason"`)
      ...(d.suppressed ? { suppressions: [{ kind: 'inSource', justification: d.suppressed.reason }] } : {}),
      locations: [
        {
          physicalLocation: d.data && !r && d.data.row !== undefined ? physical(d.file, { startLine: d.data.row } as never) : physical(d.file, r),
        },
      ],
      ...(d.related?.length
        ? {
            relatedLocations: d.related.map((x, i) => ({
              id: i,
              message: { text: x.message },
              physicalLocation: physical(x.file ?? d.file, regionOf(sources.get(x.file ?? d.file ?? ''), x.span)),
            })),
          }
        : {}),
      ...(d.fix && src
        ? {
            fixes: [
              {
                description: { text: d.fix.message },
                artifactChanges: [
                  {
                    artifactLocation: { uri: uri(d.file ?? '<input>'), uriBaseId: '%SRCROOT%' },
                    replacements: d.fix.edits.map((e) => ({ deletedRegion: regionOf(src, e.span), insertedContent: { text: e.text } })),
                  },
                ],
              },
            ],
          }
        : {}),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'kpi', ...(opts.version ? { version: opts.version } : {}), rules } },
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}

export function renderSarif(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: SarifOptions = {}): string {
  return JSON.stringify(toSarif(diags, sources, opts), null, 2) + '\n';
}
