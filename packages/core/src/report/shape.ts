/**
 * The columns of a score report, taken from the plan: id, total, grade, coefficient, bonus, veto, indicator
 * scores. One shape for every report: the CLI's table/CSV/JSON/XLSX writers and the playground's score table
 * and downloads read their columns from here, so a new column (money, final grade) appears in all of them.
 */
import { indicatorsOf } from '../ir/index.js';
import type { Plan } from '../ir/schema.js';
import type { RowResult, RowResultWithMoney } from '../model/results.js';
import { moneyJsonFields } from '../money/dataset.js';
import { hasMoney } from '../money/names.js';

import type { Lang } from '../diagnostics/lang.js';
import { ui } from '../diagnostics/diag.js';

export type { Lang };

export interface ReportShape {
  idHeader: string;
  /** data columns copied into the report after the id (`--keep 姓名,部门`) */
  keep: string[];
  indicators: string[];
  hasGrades: boolean;
  hasBonus: boolean;
  /** the plan has `penalty` items (扣分项) */
  hasPenalty: boolean;
  hasVeto: boolean;
  /** decimals of totals */
  round: number;
  lang: Lang;
  /** SPEC §7: the score-based grade beside the final one, and money items (commission, pool, pay) by name */
  money?: { scoreGrade: boolean; items: string[]; rank: boolean; periods: boolean };
}

/** report headers, from the one table of texts (diagnostics/messages/ui.ts) */
const LABEL_IDS = {
  total: 'ui.report.total', grade: 'ui.report.grade', coefficient: 'ui.report.coefficient', bonus: 'ui.report.bonus',
  penalty: 'ui.report.penalty', veto: 'ui.report.veto', score: 'ui.report.score', na: 'ui.report.na',
  scoreGrade: 'ui.report.score-grade', finalGrade: 'ui.report.final-grade', rank: 'ui.report.rank', periods: 'ui.report.periods',
} as const;
type Labels = { [K in keyof typeof LABEL_IDS]: string };
const labelCache = new Map<Lang, Labels>();
function labelsOf(lang: Lang): Labels {
  let l = labelCache.get(lang);
  if (!l) {
    l = Object.fromEntries(Object.entries(LABEL_IDS).map(([k, id]) => [k, ui(id, {}, lang)])) as Labels;
    labelCache.set(lang, l);
  }
  return l;
}

export function shapeOf(plan: Plan, idHeader: string, lang: Lang, keep: string[] = []): ReportShape {
  return {
    idHeader,
    keep,
    indicators: indicatorsOf(plan).map((i) => i.indicator.name.text),
    hasGrades: (plan.grades?.lines.length ?? 0) > 0,
    hasBonus: plan.bonuses.length > 0,
    hasPenalty: (plan.penalties ?? []).length > 0,
    hasVeto: plan.vetoes.length > 0,
    round: plan.settings.round?.value ?? 2,
    lang,
  };
}

/**
 * SPEC §7 columns (`shape.money`) of a plan scored as a whole data set: the score-based grade and rank
 * beside the final grade when there is a distribution, commissions, pools and pays by name, the periods
 * combined. Undefined when the plan is scored row by row (no money, no distribution, no period column).
 * `kpi score` and the playground's table both take their money columns from here.
 */
export function moneyShapeOf(plan: Plan, period?: string): ReportShape['money'] {
  if (!hasMoney(plan) && !period) return undefined;
  const m = plan.money;
  return {
    scoreGrade: !!m?.distribution,
    rank: !!m?.distribution,
    items: m ? [...m.commissions, ...m.pools, ...m.pays].map((x) => x.name.text) : [],
    periods: !!period,
  };
}

export type ColumnKind = 'id' | 'keep' | 'total' | 'grade' | 'coefficient' | 'bonus' | 'penalty' | 'veto' | 'score' | 'scoreGrade' | 'rank' | 'periods' | 'money';
export interface Column {
  kind: ColumnKind;
  header: string;
  /** indicator index for `score`, kept-column index for `keep` */
  index?: number;
}

export function columnsOf(shape: ReportShape): Column[] {
  const L = labelsOf(shape.lang);
  const cols: Column[] = [{ kind: 'id', header: shape.idHeader }];
  shape.keep.forEach((header, index) => cols.push({ kind: 'keep', header, index }));
  cols.push({ kind: 'total', header: L.total });
  if (shape.hasGrades && shape.money?.scoreGrade) {
    cols.push({ kind: 'scoreGrade', header: L.scoreGrade });
    if (shape.money.rank) cols.push({ kind: 'rank', header: L.rank });
    cols.push({ kind: 'grade', header: L.finalGrade }, { kind: 'coefficient', header: L.coefficient });
  } else if (shape.hasGrades) cols.push({ kind: 'grade', header: L.grade }, { kind: 'coefficient', header: L.coefficient });
  shape.money?.items.forEach((header, index) => cols.push({ kind: 'money', header, index }));
  if (shape.money?.periods) cols.push({ kind: 'periods', header: L.periods });
  if (shape.hasBonus) cols.push({ kind: 'bonus', header: L.bonus });
  if (shape.hasPenalty) cols.push({ kind: 'penalty', header: L.penalty });
  if (shape.hasVeto) cols.push({ kind: 'veto', header: L.veto });
  shape.indicators.forEach((name, index) => cols.push({ kind: 'score', header: `${name}${L.score}`, index }));
  return cols;
}

/** the value of one column of a result: a number, text, or blank (undefined); `kept` are the `--keep` cells */
export function cellOf(col: Column, id: string, r: RowResult, kept?: readonly string[], lang: Lang = 'zh'): number | string | undefined {
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
    case 'penalty':
      return r.penalty;
    case 'veto':
      return r.vetoes.join(', ');
    case 'score': {
      const ind = r.indicators[col.index!];
      // an optional indicator that does not apply to this person (不适用) has no score, not a 0
      return ind?.na ? labelsOf(lang).na : ind?.score;
    }
    case 'scoreGrade':
      return (r as RowResultWithMoney).money?.scoreGrade;
    case 'rank':
      return (r as RowResultWithMoney).money?.rank;
    case 'periods':
      return (r as RowResultWithMoney).money?.periods?.join('、');
    case 'money': {
      const name = col.header;
      return (r as RowResultWithMoney).money?.items.find((x) => x.name === name)?.value;
    }
  }
}

/** The JSON form of a row (SPEC §3): id, total, grade, coefficient, indicators keyed by name. */
export function jsonRow(id: string, r: RowResult, keep?: { headers: readonly string[]; cells: readonly string[] }): Record<string, unknown> {
  const indicators: Record<string, unknown> = {};
  for (const ind of r.indicators) {
    const value = {
      ...(ind.path.length ? { path: ind.path } : {}),
      actual: ind.actual,
      ...(ind.na ? { na: true } : {}),
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
    ...(r.penalty !== undefined ? { penalty: r.penalty } : {}),
    vetoes: r.vetoes,
    indicators,
    ...moneyJsonFields(r as RowResultWithMoney),
  };
}
