/**
 * The one place the CLI reaches into @kpi/core's pipeline (parser/checker, compiler, engine, formatter,
 * renderers). Everything the CLI prints comes from these functions; the CLI adds no logic of its own.
 */
import * as core from '@kpi/core';
import type { Diagnostic, InputColumn, Plan, PlanFile, RowOutcome, SourceFile } from '@kpi/core';

export interface Compiled {
  inputs: InputColumn[];
  score(values: ArrayLike<number>): RowOutcome;
  explain(values: ArrayLike<number>): unknown;
}

export interface Analyzed {
  file: PlanFile;
  diagnostics: Diagnostic[];
  source?: unknown;
}

interface CoreApi {
  analyze(fileName: string, text: string): Analyzed;
  compilePlan(plan: Plan): { compiled?: Compiled; diagnostics: Diagnostic[] };
  runPlanTests(plan: Plan): unknown[];
  renderExplanation(expl: unknown, lang: 'zh' | 'en'): string;
  emitModule(plan: Plan): string;
  formatText(name: string, text: string): { output?: string; diagnostics: Diagnostic[] };
  renderDiagnostics(
    format: DiagnosticFormat,
    diags: readonly Diagnostic[],
    sources: ReadonlyMap<string, SourceFile>,
    opts?: { color?: boolean; files?: string[]; version?: string },
  ): string;
  summaryLine(counts: { errors?: number; warnings?: number; infos?: number; files: number }): string;
}

export type DiagnosticFormat = 'terminal' | 'json' | 'github' | 'sarif' | 'junit';

const api = core as unknown as Partial<CoreApi>;

function need<K extends keyof CoreApi>(name: K): CoreApi[K] {
  const f = api[name];
  if (typeof f !== 'function') throw new Error(`@kpi/core does not provide \`${name}\` in this build`);
  return f as CoreApi[K];
}

export const analyze = (fileName: string, text: string): Analyzed => need('analyze')(fileName, text);
export const compilePlan = (plan: Plan) => need('compilePlan')(plan);
export const runPlanTests = (plan: Plan) => need('runPlanTests')(plan);
export const renderExplanation = (expl: unknown, lang: 'zh' | 'en') => need('renderExplanation')(expl, lang);
export const emitModule = (plan: Plan) => need('emitModule')(plan);
export const formatText = (name: string, text: string) => need('formatText')(name, text);
export const renderDiagnostics: CoreApi['renderDiagnostics'] = (format, diags, sources, opts) =>
  need('renderDiagnostics')(format, diags, sources, opts);
export const summaryLine: CoreApi['summaryLine'] = (counts) => need('summaryLine')(counts);
