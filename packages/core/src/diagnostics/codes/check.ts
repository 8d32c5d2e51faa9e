import type { CatalogueEntry } from '../types.js';

/** check diagnostics — see catalogue.ts for the code ranges */
export const CHECK_CODES: CatalogueEntry[] = [];
