import type { CatalogueEntry } from '../types.js';

/**
 * run diagnostics — see catalogue.ts for the code ranges.
 * KPI0901–0909: a row cannot be scored (RowError.code); KPI0910–0919: a plan cannot be compiled
 * (compilePlan diagnostics, with spans); KPI0920: an in-plan `test` failed (runPlanTests).
 */
export const RUN_CODES: CatalogueEntry[] = [
  { code: 'KPI0901', severity: 'error', name: 'missing-input', summary: 'A value the plan needs is missing in this row and the reader declares no `default`.' },
  { code: 'KPI0902', severity: 'error', name: 'division-by-zero', summary: 'A metric divides by zero in this row and declares no `default`.' },
  { code: 'KPI0903', severity: 'error', name: 'rating-out-of-range', summary: 'A rating mark lies outside the rating scale LO..HI.' },
  { code: 'KPI0904', severity: 'error', name: 'non-finite-input', summary: 'An input value is not a finite number.' },
  { code: 'KPI0905', severity: 'error', name: 'person-target-unusable', summary: 'A per-person target (`target COLUMN`) is blank, or 0 or negative where the method divides by it.' },
  { code: 'KPI0906', severity: 'error', name: 'not-applicable-value', summary: 'A value reached through a metric is N/A (不适用) but its reader is not `optional`.' },
  { code: 'KPI0907', severity: 'error', name: 'nothing-applicable', summary: 'Every indicator of the plan is N/A for a row, so nothing can be scored.' },
  { code: 'KPI0910', severity: 'error', name: 'no-scoring-method', summary: 'An indicator has no usable scoring method, so the plan cannot be scored.' },
  { code: 'KPI0911', severity: 'error', name: 'target-required', summary: 'The scoring method divides by the target, but the target is missing or not above 0.' },
  { code: 'KPI0912', severity: 'error', name: 'metric-cycle-unscorable', summary: 'Metrics refer to each other in a cycle, so they cannot be evaluated.' },
  { code: 'KPI0913', severity: 'error', name: 'invalid-scoring-table', summary: 'A curve, rating scale or `per` step cannot be evaluated (empty, unordered, or not above 0).' },
  { code: 'KPI0914', severity: 'error', name: 'incomplete-expression', summary: 'An expression is incomplete after a syntax error, so the plan cannot be scored.' },
  // KPI0950–0969 resource bounds and CLI output (issue 13)
  { code: 'KPI0950', severity: 'error', name: 'expression-too-large', summary: 'A metric or veto can grow too large to be computed exactly (e.g. a metric squared again and again), so rows could not finish in bounded time.' },
  { code: 'KPI0951', severity: 'error', name: 'exact-value-too-large', summary: 'An exact intermediate value of a row grew beyond the evaluator\'s bound; the row is not scored.' },
  { code: 'KPI0952', severity: 'error', name: 'output-not-written', summary: 'An output file cannot be written (disk full, permission, read-only, a special file).' },
  { code: 'KPI0953', severity: 'error', name: 'plan-file-unreadable', summary: 'A plan file cannot be read: missing, a folder, a binary file, or not UTF-8 text.' },
  { code: 'KPI0920', severity: 'error', name: 'plan-test-failed', summary: 'An in-plan `test` block expected a different result.' },
  // ---- 105x–109x money and cycles on a data set (SPEC §7) ----
  { code: 'KPI1051', severity: 'error', name: 'pool-differs-within-group', summary: 'A pool amount is not the same for every person of a group.' },
  { code: 'KPI1052', severity: 'error', name: 'duplicate-period', summary: 'A person has two rows for the same period.' },
  { code: 'KPI1053', severity: 'error', name: 'missing-period', summary: 'A person has no row for a period that others have.' },
  { code: 'KPI1054', severity: 'info', name: 'distribution-overflow', summary: 'Equal totals took a grade past its cut-off in a forced distribution; later grades shrink.' },
  { code: 'KPI1055', severity: 'info', name: 'distribution-advisory', summary: 'An advisory distribution (`advise`, or a group under `min` people) differs from the score-based grades.' },
  { code: 'KPI1056', severity: 'error', name: 'money-not-computable', summary: 'A money amount cannot be computed for a person (division by zero, no coefficient, a pool that cannot be split).' },
  { code: 'KPI1057', severity: 'error', name: 'money-value-missing', summary: 'A column a money item reads is blank or missing for a person.' },
  { code: 'KPI1058', severity: 'error', name: 'group-column-blank', summary: 'The `within` column of a pool or distribution is missing or blank for a person.' },
  { code: 'KPI1059', severity: 'error', name: 'period-column-missing', summary: 'The period column (`--period` or `period`) is not in the data file, or blank in a row.' },
  { code: 'KPI1060', severity: 'error', name: 'aggregate-not-declared', summary: 'The data has several periods per person, but the plan does not say how they combine (`aggregate`).' },
];
