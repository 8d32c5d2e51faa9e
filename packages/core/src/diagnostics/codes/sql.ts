import type { CatalogueEntry } from '../types.js';

/**
 * SQL target diagnostics (`kpi compile --target sql`, `kpi score --engine duckdb`) — see catalogue.ts.
 * KPI1101–1102: a plan the SQL generator refuses (it never emits SQL it cannot prove exact);
 * KPI1103: a data value the SQL engines cannot hold exactly.
 */
export const SQL_CODES: CatalogueEntry[] = [
  { code: 'KPI1101', severity: 'error', name: 'sql-unsupported', summary: 'The plan uses a construct the SQL target cannot express yet; no SQL is produced.' },
  { code: 'KPI1102', severity: 'error', name: 'sql-overflow', summary: "The plan's exact arithmetic could exceed the SQL dialect's integer range; no SQL is produced." },
  { code: 'KPI1103', severity: 'error', name: 'sql-value-range', summary: 'A value has more than 6 decimals or is 10^12 or more: the SQL engines read values to 6 decimals below 10^12.' },
];
