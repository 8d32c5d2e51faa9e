/**
 * The checker: every rule of SPEC §2 "Checks" as `check*` functions grouped by concern
 * (names, weights, ranges, tables, practice, tests). `check` never throws on user errors; it returns
 * diagnostics in source order. Nodes the parser recovered (missing weight, method, ...) are skipped
 * where their missing part matters, because the parser already reported the syntax error.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { PlanFile } from '../ir/schema.js';
import type { SourceFile } from '../source/span.js';
import { CheckContext } from './context.js';
import { checkFileNames, checkNames } from './names.js';
import { checkWeights } from './weights.js';
import { checkRanges } from './ranges.js';
import { checkTables } from './tables.js';
import { checkPractice } from './practice.js';
import { checkTests } from './tests.js';
import { applyAllows } from './allow.js';
import { checkCost } from './cost.js';
import { checkMoney } from './money.js';

export interface CheckOptions {
  /** the parser's diagnostics for this file: errors there keep cascading findings quiet */
  syntax?: readonly Diagnostic[];
}

export function check(file: PlanFile, source: SourceFile, opts: CheckOptions = {}): Diagnostic[] {
  const syntaxErrors = (opts.syntax ?? []).filter((d) => d.severity === 'error' && d.span).map((d) => d.span!);
  const ctx = new CheckContext(source, syntaxErrors);
  checkFileNames(file, ctx);
  for (const plan of file.plans) {
    checkNames(plan, ctx);
    checkWeights(plan, ctx);
    checkRanges(plan, ctx);
    checkTables(plan, ctx);
    checkPractice(plan, ctx);
    checkTests(plan, ctx);
    checkCost(plan, ctx);
    checkMoney(plan, ctx);
  }
  // an ignored option that is also out of range is reported once, as the range error
  const errorSpans = new Set(ctx.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.span?.start}:${d.span?.end}`));
  const kept = ctx.diagnostics.filter((d) => d.code !== 'KPI0604' || !errorSpans.has(`${d.span?.start}:${d.span?.end}`));
  // `allow CODE "reason"` marks the practice warnings a plan accepts (its own findings are reported through ctx)
  const before = ctx.diagnostics.length;
  for (const plan of file.plans) applyAllows(plan, ctx, kept);
  kept.push(...ctx.diagnostics.slice(before));
  return sortDiagnostics(kept);
}

const rank = { error: 0, warning: 1, info: 2 } as const;

/** by file, position, then severity and code: a stable order for output and golden files */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort(
    (a, b) =>
      (a.file ?? '').localeCompare(b.file ?? '') ||
      (a.span?.start ?? -1) - (b.span?.start ?? -1) ||
      (a.span?.end ?? -1) - (b.span?.end ?? -1) ||
      rank[a.severity] - rank[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

export { CheckContext } from './context.js';
export { RESERVED_SUBJECTS } from './names.js';
export { dividesByTarget, needsTarget } from './ranges.js';
export { analyze, analyzeSource, hasErrors, type AnalyzeResult } from './analyze.js';
