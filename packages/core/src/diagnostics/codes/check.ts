import type { CatalogueEntry } from '../types.js';

/**
 * check diagnostics — see catalogue.ts for the code ranges.
 * Every code has a page grammar/diagnostics/<CODE>.md with a wrong and a right example (tested).
 * Severity here is the default the checker uses; codes are stable: never renumber or reuse one.
 */
export const CHECK_CODES: CatalogueEntry[] = [
  // ---- 02xx names ----
  { code: 'KPI0201', severity: 'error', name: 'duplicate-indicator-name', summary: 'Two indicators or groups (or two plans in a file) share a name.' },
  { code: 'KPI0202', severity: 'error', name: 'duplicate-metric', summary: 'A metric is defined twice in one plan.' },
  { code: 'KPI0203', severity: 'error', name: 'duplicate-bonus-or-veto', summary: 'Two bonus items, or two vetoes, share a name.' },
  { code: 'KPI0204', severity: 'error', name: 'duplicate-grade-label', summary: 'A grade label appears twice in `grades`.' },
  { code: 'KPI0205', severity: 'error', name: 'duplicate-test-name', summary: 'Two tests in a plan share a name.' },
  { code: 'KPI0206', severity: 'error', name: 'duplicate-rater', summary: 'A rater appears twice in one `raters` list.' },
  { code: 'KPI0210', severity: 'error', name: 'metric-cycle', summary: 'Metrics depend on each other in a cycle (or a metric refers to itself).' },
  { code: 'KPI0220', severity: 'warning', name: 'reserved-subject-name', summary: 'An indicator or group is named like a test subject (`total`, `grade`, `coefficient`, `bonus`).' },
  // ---- 03xx weights ----
  { code: 'KPI0301', severity: 'error', name: 'weights-do-not-sum-to-100', summary: 'The weights in a plan or group do not sum to exactly 100%.' },
  { code: 'KPI0302', severity: 'error', name: 'rater-weights-do-not-sum-to-100', summary: 'The rater weights of a `rating` indicator do not sum to exactly 100%.' },
  { code: 'KPI0303', severity: 'error', name: 'empty-scope', summary: 'A plan or group has no indicators, so nothing can be scored.' },
  // ---- 04xx ranges and values ----
  { code: 'KPI0401', severity: 'error', name: 'weight-out-of-range', summary: 'A weight is not above 0% and at most 100%.' },
  { code: 'KPI0402', severity: 'error', name: 'target-not-positive', summary: 'A target is 0 or negative but the scoring method divides by it.' },
  { code: 'KPI0403', severity: 'error', name: 'cap-below-100', summary: 'A `cap` is below 100%.' },
  { code: 'KPI0404', severity: 'error', name: 'floor-out-of-range', summary: 'A `floor` is negative or not below the cap.' },
  { code: 'KPI0405', severity: 'error', name: 'grade-bounds-not-descending', summary: 'Grade bounds are not strictly descending.' },
  { code: 'KPI0406', severity: 'error', name: 'grade-catch-all-misplaced', summary: 'The catch-all grade line (no bound) is missing or not last.' },
  { code: 'KPI0407', severity: 'error', name: 'rating-range-invalid', summary: 'A `rating LO..HI` range has LO not below HI, or HI not above 0.' },
  { code: 'KPI0408', severity: 'error', name: 'round-out-of-range', summary: '`round` is not between 0 and 6 decimals.' },
  { code: 'KPI0409', severity: 'error', name: 'points-not-positive', summary: 'Points, `per` or `max` of a `deduct` method or a bonus is not above 0.' },
  { code: 'KPI0410', severity: 'warning', name: 'missing-percent-sign', summary: 'A cap or floor written as a plain number (`120`) means 12000%; a `%` is probably missing.' },
  { code: 'KPI0411', severity: 'error', name: 'veto-not-a-condition', summary: 'A veto’s `when` expression is a number, not a condition.' },
  { code: 'KPI0412', severity: 'error', name: 'metric-is-a-condition', summary: 'A metric’s expression is a condition (true/false), not a number.' },
  { code: 'KPI0413', severity: 'error', name: 'function-arguments', summary: '`min`/`max` without arguments, or `abs` without exactly one argument.' },
  { code: 'KPI0414', severity: 'error', name: 'percent-grade-bound', summary: 'A grade bound is written as a percent (`S >= 95%`), but totals are points on a 0–100 scale.' },
  { code: 'KPI0415', severity: 'error', name: 'step-does-not-fit-input', summary: 'A `%` step counts occurrences (`deduct N per 1%` without `below/above target`), or two steps of one method measure different things.' },
  { code: 'KPI0416', severity: 'error', name: 'target-range-invalid', summary: 'A target range `LO..HI` is empty, or is given to a method that needs one target.' },
  { code: 'KPI0417', severity: 'error', name: 'steps-same-side', summary: 'A steps method deducts and adds on the same side of the target.' },
  // ---- 05xx tables ----
  { code: 'KPI0501', severity: 'error', name: 'band-direction-mixed', summary: 'A bands table mixes `>=`/`>` rows with `<=`/`<` rows.' },
  { code: 'KPI0502', severity: 'error', name: 'band-row-unreachable', summary: 'A band row can never be chosen: an earlier row (or `else`) already covers it.' },
  { code: 'KPI0503', severity: 'warning', name: 'band-not-monotonic', summary: 'A bands table gives a lower score for better achievement.' },
  { code: 'KPI0504', severity: 'error', name: 'curve-x-not-increasing', summary: 'Curve points are not strictly increasing in X.' },
  { code: 'KPI0505', severity: 'warning', name: 'curve-not-monotonic', summary: 'A curve rises and falls (or falls on a ratio), so better achievement can score less.' },
  { code: 'KPI0506', severity: 'warning', name: 'ratio-bound-without-percent', summary: 'A bound in an `on ratio` table is a plain number like `90` (9000%); a `%` is probably missing.' },
  { code: 'KPI0507', severity: 'error', name: 'empty-table', summary: 'A bands table or curve has no rows.' },
  // ---- 06xx practice ----
  { code: 'KPI0601', severity: 'warning', name: 'too-many-indicators', summary: 'More than 10 indicators or groups in one scope.' },
  { code: 'KPI0602', severity: 'warning', name: 'indicator-weight-under-5', summary: 'An indicator weighs under 5% in its scope.' },
  { code: 'KPI0603', severity: 'warning', name: 'missing-target', summary: 'An indicator has no target but its method needs one; it cannot be scored.' },
  { code: 'KPI0604', severity: 'warning', name: 'option-has-no-effect', summary: 'An option (target, cap, floor) is ignored by the indicator’s scoring method.' },
  { code: 'KPI0605', severity: 'error', name: 'allow-invalid', summary: '`allow` names a code that is not a practice warning (KPI06xx), or gives no reason.' },
  { code: 'KPI0606', severity: 'warning', name: 'allow-unused', summary: '`allow` accepts a warning the plan does not have.' },
  // ---- 07xx tests ----
  { code: 'KPI0701', severity: 'error', name: 'unknown-given-column', summary: 'A test `given` names a column the plan never reads.' },
  { code: 'KPI0702', severity: 'error', name: 'unknown-expect-subject', summary: 'A test `expect` names something that is not `total`, `grade`, `coefficient`, `bonus`, an indicator or a group.' },
  { code: 'KPI0703', severity: 'error', name: 'unknown-grade-label', summary: '`expect grade = L` names a label the plan’s grades do not have, or the plan has no grades.' },
  { code: 'KPI0704', severity: 'error', name: 'expect-value-kind', summary: 'An `expect` compares a number with a label, or a label with a number.' },
  { code: 'KPI0705', severity: 'warning', name: 'test-without-expect', summary: 'A test has no `expect` line, so it checks nothing.' },
  { code: 'KPI0706', severity: 'error', name: 'duplicate-given', summary: 'A test gives the same column twice.' },
  // ---- 10xx money and cycles (SPEC §7); KPI1001–1049 plan checks, KPI1050–1099 data and runs (codes/run.ts) ----
  { code: 'KPI1001', severity: 'error', name: 'commission-bounds-not-ascending', summary: 'The bounds of a commission’s tiers do not ascend.' },
  { code: 'KPI1002', severity: 'error', name: 'commission-rate-negative', summary: 'A commission rate is below 0%.' },
  { code: 'KPI1003', severity: 'warning', name: 'whole-commission-cliff', summary: 'A `whole` (全额累进) commission jumps at a tier bound; the warning gives the size of the jump.' },
  { code: 'KPI1004', severity: 'error', name: 'commission-tiers-incomplete', summary: 'A commission has no tiers, no `else` tier, or an `else` that is not last.' },
  { code: 'KPI1005', severity: 'error', name: 'distribution-unknown-grade', summary: 'A distribution names a grade the plan does not have (or twice), or the plan has no grades.' },
  { code: 'KPI1006', severity: 'error', name: 'distribution-shares-not-100', summary: 'The shares of a distribution do not sum to exactly 100%, or one is negative.' },
  { code: 'KPI1007', severity: 'error', name: 'money-needs-coefficient', summary: 'A pool or pay follows the coefficient, but the plan has no grades with coefficients.' },
  { code: 'KPI1008', severity: 'error', name: 'duplicate-money-name', summary: 'A pay, commission or pool has the name of another item of the plan.' },
  { code: 'KPI1009', severity: 'error', name: 'money-reference-invalid', summary: 'A money amount is a condition, reads an item computed after it, or a pay depends on itself.' },
  { code: 'KPI1010', severity: 'error', name: 'distribution-min-invalid', summary: 'The `min` of a distribution is not a whole number of people.' },
];
