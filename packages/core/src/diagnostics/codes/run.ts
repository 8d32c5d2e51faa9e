import type { CatalogueEntry } from '../types.js';

/** run diagnostics — see catalogue.ts for the code ranges */
export const RUN_CODES: CatalogueEntry[] = [];
