/**
 * The playground's only door to the core: analyse (parse + check), compile, bind the sample table and
 * score it. Everything is the core's own code; nothing here re-implements parsing or scoring.
 */
import * as core from '@kpi/core';
import type { Diagnostic, Plan, PlanFile, RowOutcome } from '@kpi/core';
import type { Matrix } from './tabular.js';
import { scoreMoneyTable, usesMoney } from './money.js';

export type { CompiledPlan } from '@kpi/core';
import type { CompiledPlan, Explanation } from '@kpi/core';

export const FILE_NAME = 'plan.kpi';

export interface Analysis {
  text: string;
  file?: PlanFile;
  plan?: Plan;
  /** parse + check + compile diagnostics */
  diagnostics: Diagnostic[];
  compiled?: CompiledPlan;
  hasErrors: boolean;
}

export function analyse(text: string, planIndex = 0): Analysis {
  const a = core.analyze(FILE_NAME, text);
  const diagnostics = [...a.diagnostics];
  const plan = a.file.plans[Math.min(planIndex, Math.max(0, a.file.plans.length - 1))];
  let compiled: CompiledPlan | undefined;
  const checkErrors = diagnostics.some((d) => d.severity === 'error');
  if (plan && !checkErrors) {
    const c = core.compilePlan(plan, { file: FILE_NAME });
    diagnostics.push(...c.diagnostics);
    compiled = c.compiled;
  }
  return { text, file: a.file, plan, diagnostics, compiled, hasErrors: diagnostics.some((d) => d.severity === 'error') };
}

export interface ScoredRow {
  /** index in the sample table */
  index: number;
  id: string;
  values?: Float64Array;
  outcome?: RowOutcome;
  /** binding errors (unreadable or missing cells) */
  errors: Diagnostic[];
}

export interface Scoring {
  rows: ScoredRow[];
  /** table-level findings (missing columns...) */
  diagnostics: Diagnostic[];
}

export function scoreTable(compiled: CompiledPlan, plan: Plan, table: Matrix): Scoring {
  // SPEC §7: money, distribution or periods score the whole table together (money.ts)
  if (usesMoney(plan)) return scoreMoneyTable(compiled, plan, table);
  const bound = core.bindTable(table.columns, table.rows, compiled.inputs, {
    fileName: 'sample',
    percentHints: core.percentHintsOf(plan),
  });
  const idIdx = 0;
  const byRow = new Map(bound.rows.map((r) => [r.row, r]));
  const rows: ScoredRow[] = table.rows.map((cells, index) => {
    const b = byRow.get(index + 2);
    const id = cells[idIdx] ?? '';
    if (!b) return { index, id, errors: [] };
    if (b.errors.some((e) => e.severity === 'error')) return { index, id, values: b.values, errors: b.errors };
    return { index, id, values: b.values, outcome: compiled.score(b.values), errors: b.errors };
  });
  return { rows, diagnostics: bound.diagnostics };
}

/** One row as `kpi score --format json` prints it. */
export interface JsonRow {
  id: string;
  total: number | null;
  grade: string | null;
  coefficient: number | null;
  bonus?: number;
  vetoes?: string[];
  indicators: Record<string, { path?: string[]; actual: number | null; ratio?: number; score: number; weight: number; weighted: number }>;
  errors?: { code: string; message: string; column?: string; value?: string }[];
}

export function toJsonRows(s: Scoring): JsonRow[] {
  const out: JsonRow[] = [];
  for (const r of s.rows) {
    if (!r.values && r.errors.length === 0) continue; // blank row
    if (r.outcome?.ok) {
      const res = r.outcome.result;
      const indicators: JsonRow['indicators'] = {};
      // key order and fields as the CLI's jsonRow (packages/cli/src/writers/shape.ts)
      for (const i of res.indicators) {
        const value = {
          ...(i.path.length ? { path: i.path } : {}),
          actual: i.actual,
          ...(i.ratio !== undefined ? { ratio: i.ratio } : {}),
          score: i.score,
          weight: i.weight,
          weighted: i.weighted,
        };
        // defineProperty, not `indicators[name] =`: an indicator named `__proto__` is a key like any other
        Object.defineProperty(indicators, i.name, { value, enumerable: true, writable: true, configurable: true });
      }
      out.push({
        id: r.id,
        total: res.total,
        grade: res.grade ?? null,
        coefficient: res.coefficient ?? null,
        bonus: res.bonus,
        vetoes: res.vetoes,
        indicators,
        ...core.moneyJsonFields(res),
      });
    } else {
      const errors = r.outcome && !r.outcome.ok ? r.outcome.errors : r.errors.map((d) => ({ code: d.code, message: d.message, column: d.data?.column, value: d.data?.value }));
      out.push({ id: r.id, total: null, grade: null, coefficient: null, indicators: {}, errors });
    }
  }
  return out;
}

export interface ExplainView {
  explanation?: Explanation;
  /** one sentence per line, from the core's renderExplanation */
  lines: string[];
}

export function explainRow(compiled: CompiledPlan, values: ArrayLike<number>, lang: 'zh' | 'en'): ExplainView {
  const { explanation } = compiled.explain(values);
  return explanation ? { explanation, lines: core.renderExplanation(explanation, lang) } : { lines: [] };
}
