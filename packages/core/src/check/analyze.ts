/**
 * parse + check in one call, the entry point of `kpi check`, the playground and the language service.
 * Syntax diagnostics and check diagnostics come back together, sorted by position.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { PlanFile } from '../ir/schema.js';
import { SourceFile } from '../source/span.js';
import { parse } from '../parser/index.js';
import { check, sortDiagnostics } from './index.js';

export interface AnalyzeResult {
  source: SourceFile;
  file: PlanFile;
  diagnostics: Diagnostic[];
}

export function analyze(fileName: string, text: string): AnalyzeResult {
  const source = new SourceFile(fileName, text);
  return analyzeSource(source);
}

export function analyzeSource(source: SourceFile): AnalyzeResult {
  const parsed = parse(source);
  const checked = check(parsed.file, source, { syntax: parsed.diagnostics });
  return { source, file: parsed.file, diagnostics: sortDiagnostics([...parsed.diagnostics, ...checked]) };
}

/** true when any diagnostic is an error (`kpi check` exits 1); `strict` counts warnings too */
export function hasErrors(diags: readonly Diagnostic[], strict = false): boolean {
  return diags.some((d) => d.severity === 'error' || (strict && d.severity === 'warning'));
}
