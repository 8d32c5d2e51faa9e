/** The columns of a score report, taken from the plan: id, total, grade, coefficient, bonus, veto, indicator scores. */
import { ui } from '@kpi/core';
import { indicatorsOf, type Plan, type RowResult } from '@kpi/core';

export type { Lang } from '@kpi/core';
import type { Lang } from '@kpi/core';

export interface ReportShape {
  idHeader: string;
  /** data columns copied into the report after the id (`--keep 姓名,部门`) */
  keep: string[];
  indicators: string[];
  hasGrades: boolean;
  hasBonus: boolean;
  hasVeto: boolean;
  /** decimals of totals */
  round: number;
  lang: Lang;
}

/** report headers, from the one table of texts (diagnostics/messages/ui.ts) */
const labels = (lang: Lang) => ({
  total: ui('ui.report.total', {}, lang),
  grade: ui('ui.report.grade', {}, lang),
  coefficient: ui('ui.report.coefficient', {}, lang),
  bonus: ui('ui.report.bonus', {}, lang),
  veto: ui('ui.report.veto', {}, lang),
  score: ui('ui.report.score', {}, lang),
});

export function shapeOf(plan: Plan, idHeader: string, lang: Lang, keep: string[] = []): ReportShape {
  return {
    idHeader,
    keep,
    indicators: indicatorsOf(plan).map((i) => i.indicator.name.text),
    hasGrades: (plan.grades?.lines.length ?? 0) > 0,
    hasBonus: plan.bonuses.length > 0,
    hasVeto: plan.vetoes.length > 0,
    round: plan.settings.round?.value ?? 2,
    lang,
  };
}

export type ColumnKind = 'id' | 'keep' | 'total' | 'grade' | 'coefficient' | 'bonus' | 'veto' | 'score';
export interface Column {
  kind: ColumnKind;
  header: string;
  /** indicator index for `score`, kept-column index for `keep` */
  index?: number;
}

export function columnsOf(shape: ReportShape): Column[] {
  const L = labels(shape.lang);
  const cols: Column[] = [{ kind: 'id', header: shape.idHeader }];
  shape.keep.forEach((header, index) => cols.push({ kind: 'keep', header, index }));
  cols.push({ kind: 'total', header: L.total });
  if (shape.hasGrades) cols.push({ kind: 'grade', header: L.grade }, { kind: 'coefficient', header: L.coefficient });
  if (shape.hasBonus) cols.push({ kind: 'bonus', header: L.bonus });
  if (shape.hasVeto) cols.push({ kind: 'veto', header: L.veto });
  shape.indicators.forEach((name, index) => cols.push({ kind: 'score', header: `${name}${L.score}`, index }));
  return cols;
}

/** the value of one column of a result: a number, text, or blank (undefined); `kept` are the `--keep` cells */
export function cellOf(col: Column, id: string, r: RowResult, kept?: readonly string[]): number | string | undefined {
  switch (col.kind) {
    case 'id':
      return id;
    case 'keep':
      return kept?.[col.index!] || undefined;
    case 'total':
      return r.total;
    case 'grade':
      return r.grade;
    case 'coefficient':
      return r.coefficient;
    case 'bonus':
      return r.bonus;
    case 'veto':
      return r.vetoes.join(', ');
    case 'score':
      return r.indicators[col.index!]?.score;
  }
}

/** The JSON form of a row (SPEC §3): id, total, grade, coefficient, indicators keyed by name. */
export function jsonRow(id: string, r: RowResult, keep?: { headers: readonly string[]; cells: readonly string[] }): Record<string, unknown> {
  const indicators: Record<string, unknown> = {};
  for (const ind of r.indicators) {
    const value = {
      ...(ind.path.length ? { path: ind.path } : {}),
      actual: ind.actual,
      ...(ind.ratio !== undefined ? { ratio: ind.ratio } : {}),
      score: ind.score,
      weight: ind.weight,
      weighted: ind.weighted,
    };
    // defineProperty, not `indicators[name] =`: an indicator named `__proto__` is a key like any other
    Object.defineProperty(indicators, ind.name, { value, enumerable: true, writable: true, configurable: true });
  }
  return {
    id,
    ...(keep?.headers.length ? { columns: Object.fromEntries(keep.headers.map((h, i) => [h, keep.cells[i] ?? ''])) } : {}),
    total: r.total,
    grade: r.grade ?? null,
    coefficient: r.coefficient ?? null,
    bonus: r.bonus,
    vetoes: r.vetoes,
    indicators,
  };
}
