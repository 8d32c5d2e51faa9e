/**
 * From scores to money (SPEC §7), for a whole data set at once (pools and the forced distribution need
 * every person of a group): final grades, coefficients, commissions, pool shares and pay, exact
 * (BigInt rationals), reported to the cent half-up. It runs after either evaluator (the compiled fast
 * path or the exact reference): both report the same display-exact totals, which are all it reads.
 *
 * Order: distribution (final grade → coefficient) → commissions → pools → pays. A commission or pool
 * result used in a pay is its reported amount in cents, so the printed numbers add up.
 */
import { moneyBuiltinOf } from './names.js';
import { Rational } from '../numbers/rational.js';
import { dec } from '../numbers/decimal.js';
import type { Expr, Plan } from '../ir/schema.js';
import type { RowResult } from '../model/results.js';
import { commissionOf, tiersOf, type CommissionResult, type LTier } from './commission.js';
import { distribute } from './distribution.js';
import { fromCents, splitPool, toCents } from './pool.js';
import { printExpr } from '../format/expr.js';
import { bilingual, diag, type ArgsOf, type DiagnosticId } from '../diagnostics/diag.js';
import type { Diagnostic, DiagnosticText } from '../diagnostics/types.js';
import type { Text } from '../diagnostics/lang.js';

export interface MoneyPerson {
  id: string;
  /** spreadsheet row of the person (the first of their periods), for messages */
  row?: number;
  result: RowResult;
  /** exact value of a numeric column or undefined when blank or absent */
  value(column: string): Rational | undefined;
  /** text of a grouping column (`within`), undefined when blank or absent */
  text(column: string): string | undefined;
}

export interface MoneyItem {
  name: string;
  kind: 'commission' | 'pool' | 'pay';
  /** to the cent, half-up */
  value: number;
}

export interface PersonMoney {
  /** the grade the total earns (before the distribution) */
  scoreGrade?: string;
  /** the final grade (after the distribution; = scoreGrade without one, or when advisory) */
  grade?: string;
  coefficient?: number;
  distribution?: { group: string; rank: number; overflow: boolean; advisory: boolean };
  items: MoneyItem[];
  /** per commission: the tiers applied (for explanations) */
  commissions: { name: string; on: string; result: CommissionResult }[];
  /** per pool: the pool, the group and its coefficient sum (for explanations) */
  pools: { name: string; group: string; pool: Rational; coefficientSum: Rational; coefficient: Rational; share: Rational }[];
  /** per pay: the expression with its values */
  pays: { name: string; value: Rational; expr: string }[];
}

/** a finding about a data set: the diagnostic's code and English texts, its catalogue reference `t` (to render it
 * in the user's language with `localize`), and where it is: person, row, column, value */
export interface MoneyIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  help?: string;
  t?: DiagnosticText;
  id?: string;
  row?: number;
  column?: string;
  value?: string;
}

export interface GroupSummary {
  /** the `within` value, or '' for the whole file */
  group: string;
  size: number;
  advisory: boolean;
  quotas: { label: string; share: number; seats: number; placed: number; scored: number }[];
  /** money totals of the group, by item name */
  totals: Record<string, number>;
}

export interface MoneyOutcome {
  people: PersonMoney[];
  issues: MoneyIssue[];
  groups: GroupSummary[];
  /** money totals of the file, by item name */
  totals: Record<string, number>;
}

const R = (d: string) => dec.toRational(d);
const num = (x: Rational) => x.round(2).toNumber();

type Where = Pick<MoneyIssue, 'id' | 'row' | 'column' | 'value'>;

/** a money issue from the catalogue: the texts of `diag(id, args)` and where it is */
export function moneyIssue<I extends DiagnosticId>(id: I, args: ArgsOf<I>, where: Where = {}): MoneyIssue {
  return issueOf(diag(id, args), where);
}

function issueOf(d: Diagnostic, where: Where): MoneyIssue {
  const out: MoneyIssue = { code: d.code, severity: d.severity, message: d.message };
  if (d.help !== undefined) out.help = d.help;
  if (d.t) out.t = d.t;
  if (where.id !== undefined) out.id = where.id;
  if (where.row !== undefined) out.row = where.row;
  if (where.column !== undefined) out.column = where.column;
  if (where.value !== undefined) out.value = where.value;
  return out;
}

/** a person's amount that cannot be computed: thrown inside the evaluation, reported as an issue of that person */
class Fail {
  constructor(
    readonly d: Diagnostic,
    readonly column?: string,
  ) {}
}
const fail = <I extends DiagnosticId>(id: I, args: ArgsOf<I>, column?: string): Fail => new Fail(diag(id, args), column);

/** `部门 \`一部\`` for a group of a `within` column, else the whole file */
const whereOf = (column: string | undefined, group: string): Text => (column ? bilingual('what.money.group', { column, group }) : bilingual('what.money.the-file', {}));
const joinTexts = (ts: readonly Text[], sep: Text): Text => ({ en: ts.map((t) => t.en).join(sep.en), zh: ts.map((t) => t.zh).join(sep.zh) });

export function computeMoney(plan: Plan, people: readonly MoneyPerson[]): MoneyOutcome {
  const money = plan.money ?? { pays: [], commissions: [], pools: [] };
  const issues: MoneyIssue[] = [];
  const grades = plan.grades?.lines ?? [];
  const coefOf = new Map(grades.map((g) => [g.label.text, g.coefficient ? R(g.coefficient.value) : undefined] as const));
  const out: PersonMoney[] = people.map((p) => {
    const pm: PersonMoney = { items: [], commissions: [], pools: [], pays: [] };
    if (p.result.grade !== undefined) pm.scoreGrade = pm.grade = p.result.grade;
    if (p.result.coefficient !== undefined) pm.coefficient = p.result.coefficient;
    return pm;
  });
  const groups: GroupSummary[] = [];

  // ---- forced distribution ----
  const dist = money.distribution;
  const groupKey = (p: MoneyPerson, column: string | undefined): string => (column ? (p.text(column) ?? '') : '');
  if (dist && grades.length) {
    const order = grades.map((g) => g.label.text);
    const shareOf = new Map(dist.quotas.map((q) => [q.label.text, R(q.share.value)] as const));
    const shares = order.map((l) => shareOf.get(l) ?? Rational.ZERO);
    const min = dist.min ? Number(dist.min.value) : 5;
    const byGroup = new Map<string, number[]>();
    people.forEach((p, i) => {
      const g = groupKey(p, dist.within?.text);
      if (dist.within && p.text(dist.within.text) === undefined) {
        issues.push(moneyIssue('KPI1058', { column: dist.within.text, id: p.id }, { id: p.id, ...(p.row ? { row: p.row } : {}), column: dist.within.text }));
      }
      (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(i);
    });
    for (const [g, members] of byGroup) {
      const advisory = dist.advise || members.length < min;
      const d = distribute(
        members.map((i) => ({ index: i, total: Rational.fromNumber(people[i]!.result.total), vetoed: people[i]!.result.vetoes.length > 0 })),
        shares,
      );
      const scored = order.map(() => 0);
      for (const i of members) {
        const k = order.indexOf(people[i]!.result.grade ?? '');
        if (k >= 0) scored[k]!++;
      }
      const overflowed: Text[] = [];
      for (const pl of d.placements) {
        const pm = out[pl.index]!;
        const label = order[pl.grade]!;
        pm.distribution = { group: g, rank: pl.rank + 1, overflow: pl.overflow, advisory };
        if (pl.overflow) overflowed.push(bilingual('what.money.person-grade', { id: people[pl.index]!.id, grade: label }));
        if (!advisory) {
          pm.grade = label;
          const c = coefOf.get(label);
          if (c) pm.coefficient = c.toNumber();
        }
      }
      const where = whereOf(dist.within?.text, g);
      const comma = bilingual('ui.list-sep', {});
      if (overflowed.length) issues.push(moneyIssue('KPI1054', { where, people: joinTexts(overflowed, comma) }));
      if (advisory) {
        const dev = order.flatMap((l, k) => (scored[k] !== d.placed[k] ? [bilingual('what.money.deviation', { grade: l, scored: scored[k]!, quota: d.placed[k]! })] : []));
        if (dev.length) {
          const size = members.length === 1 ? bilingual('what.money.one-person', {}) : bilingual('what.money.people', { n: members.length });
          const deviation = joinTexts(dev, comma);
          issues.push(dist.advise ? moneyIssue('KPI1055', { where, size, deviation }) : moneyIssue('KPI1055.small-group', { where, size, deviation, min }));
        }
      }
      groups.push({
        group: g,
        size: members.length,
        advisory,
        quotas: order.map((label, k) => ({ label, share: shares[k]!.toNumber(), seats: d.seats[k]!, placed: d.placed[k]!, scored: scored[k]! })),
        totals: {},
      });
    }
  }

  // ---- per-person values: exact evaluation of money expressions ----
  const metrics = new Map(plan.metrics.map((m) => [m.name.text, m] as const));
  const commissions = money.commissions.map((c) => ({ c, tiers: tiersOf(c) as LTier[] }));
  const commissionNames = new Set(money.commissions.map((c) => c.name.text));
  const poolNames = new Set(money.pools.map((p) => p.name.text));
  const payByName = new Map(money.pays.map((p) => [p.name.text, p] as const));
  const poolCents: Map<string, bigint>[] = people.map(() => new Map());
  const commissionCents: Map<string, bigint>[] = people.map(() => new Map());
  const payValues: Map<string, Rational>[] = people.map(() => new Map());

  const evalFor = (i: number, stack: Set<string>) => {
    const p = people[i]!;
    const pm = out[i]!;
    const ev = (e: Expr, depth = 0): Rational => {
      if (depth > 256) throw fail('KPI1056.nested', {});
      switch (e.kind) {
        case 'num':
          return R(e.value);
        case 'neg':
          return ev(e.operand, depth + 1).neg();
        case 'arith': {
          const a = ev(e.left, depth + 1);
          const b = ev(e.right, depth + 1);
          if (e.op === '+') return a.add(b);
          if (e.op === '-') return a.sub(b);
          if (e.op === '*') return a.mul(b);
          if (b.isZero()) throw fail('KPI1056', { id: p.id });
          return a.div(b);
        }
        case 'call': {
          const args = e.args.map((x) => ev(x, depth + 1));
          if (e.fn === 'abs') return args[0]!.abs();
          if (!args.length) throw fail('KPI1056.no-arguments', { fn: e.fn });
          return args.reduce((a, b) => (e.fn === 'min' ? Rational.min(a, b) : Rational.max(a, b)));
        }
        case 'ref':
          return ref(e.name, depth);
        default:
          throw fail('KPI1056.not-an-amount', {});
      }
    };
    const ref = (name: string, depth: number): Rational => {
      const builtin = moneyBuiltinOf(name);
      if (builtin === 'total') return Rational.fromNumber(p.result.total);
      if (builtin === 'bonus') return Rational.fromNumber(p.result.bonus);
      if (builtin === 'coefficient') {
        if (pm.coefficient === undefined) throw fail('KPI1056.no-coefficient', { id: p.id });
        return Rational.fromNumber(pm.coefficient);
      }
      if (commissionNames.has(name)) {
        const c = commissionCents[i]!.get(name);
        if (c === undefined) throw fail('KPI1056.commission-order', { name });
        return fromCents(c);
      }
      if (poolNames.has(name)) {
        const c = poolCents[i]!.get(name);
        if (c === undefined) throw fail('KPI1056.pool-order', { name });
        return fromCents(c);
      }
      const pay = payByName.get(name);
      if (pay) {
        const known = payValues[i]!.get(name);
        if (known) return known;
        if (stack.has(name)) throw fail('KPI1056.pay-self', { name });
        stack.add(name);
        const v = ev(pay.expr, depth + 1).round(2);
        stack.delete(name);
        payValues[i]!.set(name, v);
        return v;
      }
      const m = metrics.get(name);
      if (m) {
        try {
          return ev(m.expr, depth + 1);
        } catch (err) {
          if (err instanceof Fail && m.default) return R(m.default.value);
          throw err;
        }
      }
      const v = p.value(name);
      if (v === undefined) {
        throw fail('KPI1057', { column: name, id: p.id }, name);
      }
      return v;
    };
    return ev;
  };

  const failed = new Set<number>();
  const attempt = <T>(i: number, f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof Fail)) throw err;
      failed.add(i);
      const p = people[i]!;
      issues.push(issueOf(err.d, { id: p.id, ...(p.row ? { row: p.row } : {}), ...(err.column !== undefined ? { column: err.column } : {}) }));
      return undefined;
    }
  };

  // ---- commissions ----
  people.forEach((_, i) => {
    if (failed.has(i)) return;
    const ev = evalFor(i, new Set());
    for (const { c, tiers } of commissions) {
      const amount = attempt(i, () => ev(c.on));
      if (amount === undefined) return;
      const r = commissionOf(tiers, c.mode, amount);
      commissionCents[i]!.set(c.name.text, toCents(r.value));
      out[i]!.commissions.push({ name: c.name.text, on: printExpr(c.on), result: r });
    }
  });

  // ---- pools ----
  for (const pool of money.pools) {
    const within = pool.within?.text;
    const byGroup = new Map<string, number[]>();
    people.forEach((p, i) => {
      if (failed.has(i)) return;
      const g = within ? p.text(within) : '';
      if (g === undefined) {
        failed.add(i);
        issues.push(moneyIssue('KPI1058.pool', { column: within!, id: p.id, pool: pool.name.text }, { id: p.id, ...(p.row ? { row: p.row } : {}), column: within! }));
        return;
      }
      (byGroup.get(g) ?? byGroup.set(g, []).get(g)!).push(i);
    });
    for (const [g, members] of byGroup) {
      const amounts = members.map((i) => attempt(i, () => evalFor(i, new Set())(pool.amount)));
      if (amounts.some((a) => a === undefined)) continue;
      const first = amounts[0]!;
      const differ = members.findIndex((_, k) => !amounts[k]!.eq(first));
      if (differ >= 0) {
        const a = people[members[0]!]!;
        const b = people[members[differ]!]!;
        issues.push(
          moneyIssue(
            'KPI1051',
            { pool: pool.name.text, where: whereOf(within, g), a: first.toDecimalString(2), idA: a.id, b: amounts[differ]!.toDecimalString(2), idB: b.id },
            { id: b.id, ...(b.row ? { row: b.row } : {}) },
          ),
        );
        members.forEach((i) => failed.add(i));
        continue;
      }
      const coefs = members.map((i) => (out[i]!.coefficient !== undefined ? Rational.fromNumber(out[i]!.coefficient!) : undefined));
      if (coefs.some((c) => c === undefined)) {
        issues.push(moneyIssue('KPI1056.pool-no-coefficient', { pool: pool.name.text }));
        members.forEach((i) => failed.add(i));
        continue;
      }
      const cents = toCents(first);
      const shares = splitPool(cents, coefs as Rational[]);
      if (!shares) {
        issues.push(moneyIssue('KPI1056.pool-zero', { pool: pool.name.text, where: whereOf(within, g) }));
        members.forEach((i) => failed.add(i));
        continue;
      }
      const sum = (coefs as Rational[]).reduce((a, c) => a.add(c), Rational.ZERO);
      members.forEach((i, k) => {
        poolCents[i]!.set(pool.name.text, shares[k]!);
        out[i]!.pools.push({ name: pool.name.text, group: g, pool: fromCents(cents), coefficientSum: sum, coefficient: coefs[k]!, share: fromCents(shares[k]!) });
      });
    }
  }

  // ---- pays ----
  people.forEach((_, i) => {
    if (failed.has(i)) return;
    const ev = evalFor(i, new Set());
    for (const pay of money.pays) {
      const v = attempt(i, () => ev({ kind: 'ref', name: pay.name.text, span: pay.span }));
      if (v === undefined) return;
      out[i]!.pays.push({ name: pay.name.text, value: v, expr: printExpr(pay.expr) });
    }
  });

  // ---- items in plan order, totals ----
  const totals: Record<string, number> = {};
  const totalsExact = new Map<string, Rational>();
  const groupTotals = new Map<string, Map<string, Rational>>();
  const groupOfPerson = (i: number): string => out[i]!.distribution?.group ?? '';
  people.forEach((_, i) => {
    const pm = out[i]!;
    const add = (name: string, kind: MoneyItem['kind'], v: Rational) => {
      pm.items.push({ name, kind, value: num(v) });
      totalsExact.set(name, (totalsExact.get(name) ?? Rational.ZERO).add(v.round(2)));
      const g = groupOfPerson(i);
      const gt = groupTotals.get(g) ?? groupTotals.set(g, new Map()).get(g)!;
      gt.set(name, (gt.get(name) ?? Rational.ZERO).add(v.round(2)));
    };
    for (const c of money.commissions) {
      const v = commissionCents[i]!.get(c.name.text);
      if (v !== undefined) add(c.name.text, 'commission', fromCents(v));
    }
    for (const p of money.pools) {
      const v = poolCents[i]!.get(p.name.text);
      if (v !== undefined) add(p.name.text, 'pool', fromCents(v));
    }
    for (const p of pm.pays) add(p.name, 'pay', p.value);
  });
  for (const [k, v] of totalsExact) totals[k] = num(v);
  for (const g of groups) g.totals = Object.fromEntries([...(groupTotals.get(g.group) ?? new Map<string, Rational>())].map(([k, v]) => [k, num(v)]));
  if (!groups.length && people.length && (money.pays.length || money.commissions.length || money.pools.length)) {
    groups.push({ group: '', size: people.length, advisory: false, quotas: [], totals: { ...totals } });
  }
  return { people: out, issues, groups, totals };
}
