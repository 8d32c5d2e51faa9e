/** The columns of a score report, taken from the plan: id, total, grade, coefficient, bonus, veto, indicator scores. */
import { IND_SCORE, OUT_BONUS, OUT_COEFFICIENT, OUT_GRADE, OUT_TOTAL, OUT_VETOES, indicatorsOf, resultLayout, type Plan, type ResultLayout, type RowResult } from '@kpi/core';

export type Lang = 'zh' | 'en';

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
  /** where a scored row's numbers sit in the Float64Array the batch pipeline hands to writers
   * (`compiled.layout`; from the plan when not given) */
  layout?: ResultLayout;
}

const LABELS = {
  zh: { total: '总分', grade: '等级', coefficient: '绩效系数', bonus: '加分', veto: '否决', score: ' 得分' },
  en: { total: 'total', grade: 'grade', coefficient: 'coefficient', bonus: 'bonus', veto: 'veto', score: ' score' },
} as const;

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
    layout: resultLayout({
      grades: plan.grades?.lines.map((l) => l.label.text) ?? [],
      vetoes: plan.vetoes.map((v) => v.name.text),
      names: indicatorsOf(plan).map((i) => i.indicator.name.text),
      paths: indicatorsOf(plan).map((i) => i.groups.map((g) => g.name.text)),
    }),
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
  const L = LABELS[shape.lang];
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

/** the triggered vetoes' names of a scored row in the layout, joined as the report shows them */
export function vetoText(L: ResultLayout, out: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < L.vetoes.length; i++) if (out[OUT_VETOES + i] === 1) s += s === '' ? L.vetoes[i]! : `, ${L.vetoes[i]!}`;
  return s;
}

/** cellOf for a row in the layout (run/layout.ts): the same values, read from the numbers */
export function cellOfValues(col: Column, L: ResultLayout, id: string, out: ArrayLike<number>, kept?: readonly string[]): number | string | undefined {
  switch (col.kind) {
    case 'id':
      return id;
    case 'keep':
      return kept?.[col.index!] || undefined;
    case 'total':
      return out[OUT_TOTAL];
    case 'grade':
      return out[OUT_GRADE]! >= 0 ? L.grades[out[OUT_GRADE]!] : undefined;
    case 'coefficient':
      return out[OUT_GRADE]! >= 0 && !Number.isNaN(out[OUT_COEFFICIENT]) ? out[OUT_COEFFICIENT] : undefined;
    case 'bonus':
      return out[OUT_BONUS];
    case 'veto':
      return vetoText(L, out);
    case 'score':
      return col.index! < L.names.length ? out[L.indicator(col.index!) + IND_SCORE] : undefined;
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
