import type { CatalogueEntry } from '../types.js';

/**
 * command-line diagnostics (KPI00xx): usage mistakes and files that cannot be read or written. They
 * have no span; the CLI renders them like every other diagnostic, in the format and language chosen.
 */
export const CLI_CODES: CatalogueEntry[] = [
  { code: 'KPI0001', severity: 'error', name: 'file-not-found', summary: 'A file named on the command line does not exist.' },
  { code: 'KPI0002', severity: 'error', name: 'not-a-plan-file', summary: 'A command that takes plan files was given a folder or a data file.' },
  { code: 'KPI0004', severity: 'error', name: 'no-plan-files', summary: 'A folder or pattern names no plan files (.kpi).' },
  { code: 'KPI0005', severity: 'error', name: 'plan-not-chosen', summary: 'The file has no plan of that name, no plan, or several plans and `--plan` is missing.' },
  { code: 'KPI0006', severity: 'error', name: 'invalid-argument', summary: 'An argument or option of the command is not valid.' },
];
