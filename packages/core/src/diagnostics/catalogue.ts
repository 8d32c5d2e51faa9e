/**
 * The one catalogue of diagnostic codes. Ranges, grouped by phase:
 *   KPI00xx command line: usage, files      codes/cli.ts
 *   KPI01xx syntax (lexer, parser)          codes/syntax.ts
 *   KPI02xx names: duplicates, unknown names, metric cycles
 *   KPI03xx weights
 *   KPI04xx ranges and values
 *   KPI05xx tables: bands, curves
 *   KPI06xx KPI-practice warnings
 *   KPI07xx tests (plan test blocks)        codes/check.ts holds 02xx–07xx
 *   KPI08xx data files (CLI and playground) codes/data.ts
 *   KPI09xx evaluation of a row             codes/run.ts
 *   KPI10xx money and cycles (SPEC §7)      codes/check.ts, codes/run.ts
 *   KPI11xx the SQL target                  codes/sql.ts
 * Codes are stable: never renumber or reuse one; retire it instead.
 */
import type { CatalogueEntry } from './types.js';
import { SYNTAX_CODES } from './codes/syntax.js';
import { CHECK_CODES } from './codes/check.js';
import { DATA_CODES } from './codes/data.js';
import { RUN_CODES } from './codes/run.js';
import { SQL_CODES } from './codes/sql.js';
import { CLI_CODES } from './codes/cli.js';

export const CATALOGUE: ReadonlyMap<string, CatalogueEntry> = new Map(
  [...CLI_CODES, ...SYNTAX_CODES, ...CHECK_CODES, ...DATA_CODES, ...RUN_CODES, ...SQL_CODES].map((e) => [e.code, e]),
);

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return CATALOGUE.get(code);
}
