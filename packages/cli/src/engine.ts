/**
 * The one place the CLI reaches into @kpi/core's pipeline. Everything the CLI prints comes from these
 * functions; the CLI adds no logic of its own.
 *
 * Parsing, checking and the diagnostic renderers come from their own entry points of @kpi/core, not from its
 * index: `kpi check` (and the start of every command) then loads only those phases, not the compiler, the
 * engine, the SQL generator and the decision tools (issue 14: startup). Those are in engine-run.ts.
 */
export { analyze } from '@kpi/core/analyze';
export { renderDiagnostics, summaryLine, countDiagnostics, type DiagnosticFormat } from '@kpi/core/render';
export type { CompiledPlan as Compiled, Explanation, TestReport } from '@kpi/core';
