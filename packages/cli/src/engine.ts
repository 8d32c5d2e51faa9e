/**
 * The one place the CLI reaches into @kpi/core's pipeline (parser/checker, compiler, engine, formatter,
 * renderers). Everything the CLI prints comes from these functions; the CLI adds no logic of its own.
 */
import * as core from '@kpi/core';
import type { Diagnostic } from '@kpi/core';

export {
  analyze,
  compilePlan,
  runPlanTests,
  renderExplanation,
  emitModule,
  renderDiagnostics,
  summaryLine,
  type CompiledPlan as Compiled,
  type DiagnosticFormat,
  type Explanation,
  type TestReport,
} from '@kpi/core';

type FormatText = (name: string, text: string) => { output?: string; diagnostics: Diagnostic[] };

/** the formatter (core/src/format), looked up at run time while it lands */
export const formatText: FormatText = (name, text) => {
  const f = (core as unknown as { formatText?: FormatText }).formatText;
  if (typeof f !== 'function') throw new Error('@kpi/core does not provide `formatText` in this build');
  return f(name, text);
};
