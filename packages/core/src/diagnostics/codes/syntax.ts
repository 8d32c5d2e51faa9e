import type { CatalogueEntry } from '../types.js';

/** syntax diagnostics — see catalogue.ts for the code ranges */
export const SYNTAX_CODES: CatalogueEntry[] = [];
