/**
 * Cycles (SPEC §7): several periods per person combine as the plan declares, never guessed.
 *   sum      actuals (and every other input: targets, counts) summed over the periods, then one ratio
 *   average  inputs averaged over the periods, then scored
 *   last     the last period's inputs only (milestone)
 *   score    each period scored on its own; the indicator's score is the mean of the period scores
 * per indicator (its own `aggregate`, else its nearest group's, else the plan's). The indicators'
 * scores are then weighted and totalled as in SPEC §2: total = Σ score × effective weight + bonus
 * (bonus and vetoes under the plan's default mode; with `score`, the mean bonus and any period's veto).
 * Periods are ordered naturally (1月 < 2月 < 10月, 2024-Q1 < 2024-Q2).
 */
import { Rational } from '../numbers/rational.js';
import { dec } from '../numbers/decimal.js';
import type { AggregateMode, Group, Indicator, Plan } from '../ir/schema.js';
import type { LPlan } from '../model/lowered.js';
import type { IndicatorResult, RowError, RowOutcome, RowResult } from '../model/results.js';

export interface PeriodRow {
  period: string;
  /** spreadsheet row, for messages */
  row: number;
  values: ArrayLike<number>;
}

export const comparePeriods = (a: string, b: string): number => a.localeCompare(b, 'zh', { numeric: true });

/** the aggregate mode of every indicator, in the plan's indicator order (undefined: none declared) */
export function indicatorModes(plan: Plan): (AggregateMode | undefined)[] {
  const def = plan.money?.aggregate?.mode;
  const out: (AggregateMode | undefined)[] = [];
  const walk = (items: (Indicator | Group)[], inherited: AggregateMode | undefined) => {
    for (const it of items) {
      if (it.kind === 'group') walk(it.items, it.aggregate?.mode ?? inherited);
      else out.push(it.aggregate?.mode ?? inherited);
    }
  };
  walk(plan.items, def);
  return out;
}

/** whether the plan says how periods combine for every indicator */
export const periodsDeclared = (plan: Plan): boolean => indicatorModes(plan).every((m) => m !== undefined);

function aggregateValues(periods: readonly PeriodRow[], mode: 'sum' | 'average' | 'last'): Float64Array {
  const n = periods[0]!.values.length;
  const out = new Float64Array(n);
  if (mode === 'last') {
    const v = periods[periods.length - 1]!.values;
    for (let k = 0; k < n; k++) out[k] = v[k]!;
    return out;
  }
  for (let k = 0; k < n; k++) {
    let s = Rational.ZERO;
    let missing = false;
    for (const p of periods) {
      const x = p.values[k]!;
      if (Number.isNaN(x)) {
        missing = true;
        break;
      }
      s = s.add(Rational.fromNumber(x));
    }
    // sums are exact; an average that does not terminate is the nearest double
    out[k] = missing ? NaN : (mode === 'average' ? s.div(Rational.fromInt(periods.length)) : s).toNumber();
  }
  return out;
}

const Q = (x: number) => Rational.fromNumber(x);

/** an error of one period's row (with `aggregate score`, each period is scored on its own): its spreadsheet row and period */
export interface PeriodRowError extends RowError {
  row?: number;
  period?: string;
}
export type PeriodsOutcome = { ok: true; result: RowResult } | { ok: false; errors: PeriodRowError[] };

/** combine one person's periods (sorted) into one result */
export function combinePeriods(plan: Plan, lowered: LPlan, score: (v: ArrayLike<number>) => RowOutcome, periods: readonly PeriodRow[]): PeriodsOutcome {
  const modes = indicatorModes(plan);
  const def: AggregateMode = plan.money?.aggregate?.mode ?? modes.find((m) => m !== undefined) ?? 'sum';
  const needed = new Set<AggregateMode>([...modes.map((m) => m ?? def), def]);
  const byMode = new Map<AggregateMode, RowResult>();
  const perPeriod: RowResult[] = [];
  const errors: PeriodRowError[] = [];
  for (const mode of needed) {
    if (mode === 'score') {
      for (const p of periods) {
        const o = score(p.values);
        if (!o.ok) errors.push(...o.errors.map((e) => ({ ...e, message: `period \`${p.period}\`: ${e.message}`, row: p.row, period: p.period })));
        else perPeriod.push(o.result);
      }
    } else {
      const o = score(aggregateValues(periods, mode));
      if (!o.ok) errors.push(...o.errors);
      else byMode.set(mode, o.result);
    }
  }
  if (errors.length) return { ok: false, errors };

  const R = lowered.round;

  const indicators: IndicatorResult[] = [];
  let sum = Rational.ZERO;
  lowered.inds.forEach((li, i) => {
    const mode = modes[i] ?? def;
    const w = dec.toRational(li.weight);
    let s: Rational;
    let from: IndicatorResult;
    if (mode === 'score') {
      s = perPeriod.reduce((a, r) => a.add(Q(r.indicators[i]!.score)), Rational.ZERO).div(Rational.fromInt(perPeriod.length));
      from = { ...perPeriod[perPeriod.length - 1]!.indicators[i]!, actual: null };
      delete from.ratio;
    } else {
      from = byMode.get(mode)!.indicators[i]!;
      s = Q(from.score);
    }
    const weighted = s.mul(w);
    sum = sum.add(weighted);
    indicators.push({ ...from, score: s.round(R + 2).toNumber(), weighted: weighted.round(R + 2).toNumber() });
  });
  let bonus: Rational;
  let vetoes: string[];
  if (def === 'score') {
    bonus = perPeriod.reduce((a, r) => a.add(Q(r.bonus)), Rational.ZERO).div(Rational.fromInt(perPeriod.length));
    vetoes = [...new Set(perPeriod.flatMap((r) => r.vetoes))];
  } else {
    bonus = Q(byMode.get(def)!.bonus);
    vetoes = byMode.get(def)!.vetoes;
  }
  const total = vetoes.length ? Rational.ZERO : sum.add(bonus).round(R);
  const result: RowResult = { total: total.toNumber(), bonus: bonus.round(R).toNumber(), vetoes, indicators };
  const grades = lowered.grades;
  if (grades.length) {
    const g = vetoes.length ? grades[grades.length - 1]! : grades.find((x) => x.min === undefined || total.ge(dec.toRational(x.min)));
    if (g) {
      result.grade = g.label;
      if (g.coefficient !== undefined) result.coefficient = dec.toRational(g.coefficient).toNumber();
    }
  }

  return { ok: true, result };
}
