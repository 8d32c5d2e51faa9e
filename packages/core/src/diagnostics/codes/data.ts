import type { CatalogueEntry } from '../types.js';

/** data diagnostics — see catalogue.ts for the code ranges */
export const DATA_CODES: CatalogueEntry[] = [];
