/**
 * The terminal's view of a plan with thousands of the same finding (10,000 indicators each lighter than 5%):
 * the first few of a code in a file, then one line with how many more there are. Errors are all shown, each
 * needs its own fix; machine formats (json, sarif, github, junit) always carry every finding.
 */
import type { Diagnostic } from '@kpi/core';

/** a code with more than MORE_THAN warnings or notes in one file shows its first KEEP */
export const KEEP = 10;
export const MORE_THAN = 20;

export interface Omitted {
  file: string;
  code: string;
  severity: 'warning' | 'info';
  n: number;
}

/** which of `diags` (in report order) to show, and what is left out, per file and code in order of first appearance */
export function capRepeated(diags: readonly Diagnostic[]): { shown: Diagnostic[]; omitted: Omitted[] } {
  const key = (d: Diagnostic) => `${d.file ?? ''}\u0000${d.code}`;
  const totals = new Map<string, number>();
  for (const d of diags) if (d.severity !== 'error' && !d.suppressed) totals.set(key(d), (totals.get(key(d)) ?? 0) + 1);
  const seen = new Map<string, number>();
  const shown: Diagnostic[] = [];
  const omitted: Omitted[] = [];
  for (const d of diags) {
    const k = key(d);
    const total = totals.get(k);
    // every error is shown (a code may be reported as an error and as a warning); an accepted warning (`allow`)
    // is not shown anyway (the renderer drops it) and takes no place among the first
    if (d.severity === 'error' || d.suppressed || total === undefined || total <= MORE_THAN) {
      shown.push(d);
      continue;
    }
    const i = (seen.get(k) ?? 0) + 1;
    seen.set(k, i);
    if (i <= KEEP) shown.push(d);
    if (i === KEEP) omitted.push({ file: d.file ?? '', code: d.code, severity: d.severity === 'warning' ? 'warning' : 'info', n: total - KEEP });
  }
  return { shown, omitted };
}
