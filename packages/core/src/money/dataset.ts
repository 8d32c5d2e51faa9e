/**
 * A whole data set through SPEC §7, shared by `kpi score`, `kpi explain` and the playground: rows of
 * one person's periods combined (when a period column is given), every person scored, then money
 * (distribution, commissions, pools, pays) over all of them. Problems come back as issues with the
 * row and column they concern (codes KPI105x–KPI106x), never thrown.
 */
import type { Plan } from '../ir/schema.js';
import type { CompiledPlan } from '../compile/index.js';
import { Rational } from '../numbers/rational.js';
import type { InputColumn, RowError, RowOutcome, RowResultWithMoney } from '../model/results.js';
import { moneyColumns } from './names.js';
import { combinePeriods, comparePeriods, periodsDeclared } from './cycles.js';
import type { Text } from '../diagnostics/lang.js';
import { computeMoney, moneyIssue, type GroupSummary, type MoneyIssue, type MoneyOutcome } from './evaluate.js';

export interface DatasetRow {
  id: string;
  /** spreadsheet row */
  row: number;
  /** aligned with `compiled.inputs` then `extra` columns (NaN = missing) */
  values: Float64Array;
  /** text of grouping columns (`within`, period) by name */
  text: (column: string) => string | undefined;
  /** kept cells (`--keep`), carried through */
  kept?: string[];
}

export interface DatasetPerson {
  id: string;
  row: number;
  result: RowResultWithMoney;
  kept?: string[];
}

export interface DatasetOutcome {
  people: DatasetPerson[];
  /** row errors of scoring (per row) */
  rowErrors: { row: number; id: string; errors: RowError[] }[];
  issues: MoneyIssue[];
  groups: GroupSummary[];
  totals: Record<string, number>;
  money?: MoneyOutcome;
}

export interface DatasetOptions {
  /** the period column (`--period` or the plan's `period`) */
  period?: string;
  /** names of the extra numeric columns after the compiled inputs in `values` */
  extra: readonly string[];
  /** score one row (compiled fast path by default; tests pass the exact reference) */
  score?: (v: ArrayLike<number>) => RowOutcome;
}

/** `Q1`, `Q2` in English, `Q1`、`Q2` in Chinese */
const quoted = (ps: readonly string[]): Text => {
  const q = ps.map((p) => `\`${p}\``);
  return { en: q.join(', '), zh: q.join('、') };
};

export function scoreDataset(plan: Plan, compiled: CompiledPlan, rows: readonly DatasetRow[], opts: DatasetOptions): DatasetOutcome {
  const score = opts.score ?? ((v: ArrayLike<number>) => compiled.score(v));
  const n = compiled.inputs.length;
  const extraIndex = new Map(opts.extra.map((c, i) => [c, n + i] as const));
  const slotOf = (c: string) => compiled.slotOf(c) ?? extraIndex.get(c);
  const issues: MoneyIssue[] = [];
  const rowErrors: DatasetOutcome['rowErrors'] = [];
  const people: DatasetPerson[] = [];
  const valuesOf: Float64Array[] = [];
  const textOf: ((c: string) => string | undefined)[] = [];

  if (opts.period) {
    const period = opts.period;
    if (!periodsDeclared(plan)) {
      issues.push(moneyIssue('KPI1060', { column: period, plan: plan.name.text }));
      return { people, rowErrors, issues, groups: [], totals: {} };
    }
    const byId = new Map<string, DatasetRow[]>();
    const all = new Set<string>();
    for (const r of rows) {
      const p = r.text(period);
      if (p === undefined) {
        issues.push(moneyIssue('KPI1059', { row: r.row, id: r.id, column: period }, { id: r.id, row: r.row, column: period }));
        continue;
      }
      all.add(p);
      (byId.get(r.id) ?? byId.set(r.id, []).get(r.id)!).push(r);
    }
    const periods = [...all].sort(comparePeriods);
    for (const [id, list] of byId) {
      const seen = new Map<string, number>();
      let bad = false;
      for (const r of list) {
        const p = r.text(period)!;
        if (seen.has(p)) {
          issues.push(moneyIssue('KPI1052', { id, period: p, first: seen.get(p)!, row: r.row }, { id, row: r.row, column: period, value: p }));
          bad = true;
        } else seen.set(p, r.row);
      }
      const missing = periods.filter((p) => !seen.has(p));
      if (missing.length) {
        issues.push(moneyIssue('KPI1053', { id, s: missing.length > 1 ? 's' : '', missing: quoted(missing), all: quoted(periods) }, { id, row: list[0]!.row, column: period }));
        bad = true;
      }
      if (bad) continue;
      const sorted = [...list].sort((a, b) => comparePeriods(a.text(period)!, b.text(period)!));
      const o = combinePeriods(plan, compiled.lowered, (v) => score(v), sorted.map((r) => ({ period: r.text(period)!, row: r.row, values: r.values.subarray(0, n) })));
      if (!o.ok) {
        // an error of one period (`aggregate score`) points at that period's row; the others at the person's first row
        for (const e of o.errors) rowErrors.push({ row: e.row ?? list[0]!.row, id, errors: [e] });
        continue;
      }
      // money columns over the periods: summed (amounts add up over a cycle), or as the plan's average/last
      const mode = plan.money?.aggregate?.mode;
      const agg = new Float64Array(n + opts.extra.length);
      for (let k = 0; k < agg.length; k++) {
        if (mode === 'last') agg[k] = sorted[sorted.length - 1]!.values[k]!;
        else {
          let s = Rational.ZERO;
          let miss = false;
          for (const r of sorted) {
            const x = r.values[k]!;
            if (Number.isNaN(x)) miss = true;
            else s = s.add(Rational.fromNumber(x));
          }
          agg[k] = miss ? NaN : (mode === 'average' ? s.div(Rational.fromInt(sorted.length)) : s).toNumber();
        }
      }
      const last = sorted[sorted.length - 1]!;
      people.push({ id, row: list[0]!.row, result: { ...o.result, money: { items: [], periods: sorted.map((r) => r.text(period)!) } }, ...(last.kept ? { kept: last.kept } : {}) });
      valuesOf.push(agg);
      textOf.push(last.text);
    }
  } else {
    for (const r of rows) {
      const o = score(r.values.subarray(0, n));
      if (!o.ok) {
        rowErrors.push({ row: r.row, id: r.id, errors: o.errors });
        continue;
      }
      people.push({ id: r.id, row: r.row, result: { ...o.result }, ...(r.kept ? { kept: r.kept } : {}) });
      valuesOf.push(r.values);
      textOf.push(r.text);
    }
  }
  if (rowErrors.length || issues.some((i) => i.severity === 'error')) return { people, rowErrors, issues, groups: [], totals: {} };

  const money = computeMoney(
    plan,
    people.map((p, i) => ({
      id: p.id,
      row: p.row,
      result: p.result,
      value: (c) => {
        const s = slotOf(c);
        const x = s === undefined ? NaN : valuesOf[i]![s]!;
        return Number.isNaN(x) ? undefined : Rational.fromNumber(x);
      },
      text: (c) => textOf[i]!(c),
    })),
  );
  people.forEach((p, i) => {
    const pm = money.people[i]!;
    const periods = p.result.money?.periods;
    if (pm.grade !== undefined) p.result.grade = pm.grade;
    if (pm.coefficient !== undefined) p.result.coefficient = pm.coefficient;
    p.result.money = {
      ...(pm.scoreGrade !== undefined ? { scoreGrade: pm.scoreGrade } : {}),
      ...(pm.distribution ? { group: pm.distribution.group, rank: pm.distribution.rank } : {}),
      items: pm.items,
      ...(periods ? { periods } : {}),
    };
  });
  return { people, rowErrors, issues: [...issues, ...money.issues], groups: money.groups, totals: money.totals, money };
}

/** the columns a data table is bound with for money: the plan's inputs, then money-only columns (optional: a blank is KPI1057) */
export function moneyInputs(plan: Plan, compiled: CompiledPlan): { inputs: InputColumn[]; extra: string[] } {
  const extra = moneyColumns(plan).filter((c) => compiled.slotOf(c) === undefined);
  return { inputs: [...compiled.inputs, ...extra.map((column) => ({ column, role: 'metric-input' as const, optional: true, readers: ['money'] }))], extra };
}

/** SPEC §7 fields of a JSON result row (CLI `--format json` and the playground): score_grade (grade is the final one), group and rank, money by name, periods */
export function moneyJsonFields(r: RowResultWithMoney): Record<string, unknown> {
  const m = r.money;
  if (!m) return {};
  const money: Record<string, number> = {};
  for (const it of m.items) Object.defineProperty(money, it.name, { value: it.value, enumerable: true, writable: true, configurable: true });
  return {
    score_grade: m.scoreGrade ?? null,
    ...(m.rank !== undefined ? { group: m.group ?? '', rank: m.rank } : {}),
    money,
    ...(m.periods ? { periods: m.periods } : {}),
  };
}
