/**
 * The one place the CLI reaches into @kpi/core's pipeline (parser/checker, compiler, engine, formatter,
 * renderers). Everything the CLI prints comes from these functions; the CLI adds no logic of its own.
 */

export {
  analyze,
  compilePlan,
  runPlanTests,
  renderExplanation,
  emitModule,
  formatText,
  renderDiagnostics,
  summaryLine,
  countDiagnostics,
  type CompiledPlan as Compiled,
  type DiagnosticFormat,
  type Explanation,
  type TestReport,
} from '@kpi/core';
