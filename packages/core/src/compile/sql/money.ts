/**
 * SPEC §7 money in SQL, as money/evaluate.ts computes it: the per-person query of generate.ts (rows of a
 * person's periods grouped first, periods.ts) wrapped in layers that settle the forced distribution (final
 * grade and coefficient), commissions and pays, exact: amounts are rationals of integer expressions
 * (rational.ts), every item rounded half away from zero to the cent as the JS engine rounds it, and an
 * item read by another is its amount in cents, so the printed numbers add up.
 *
 * Forced distribution: seats per grade are a function of the group's size alone (largest remainder, ties
 * to the better grade), computed from the size in integers; the rank is a window (DuckDB, PostgreSQL) or an
 * array sort per group (ClickHouse, distribution.ts of this folder); equal totals take the grade of the
 * best-ranked of them, vetoed people the lowest grade; groups under `min` people or `advise` keep the
 * score-based grade.
 *
 * Pools: the group's coefficient sum, the floors' sum and the remainder order are windows (DuckDB,
 * PostgreSQL); ClickHouse has none, and pools there are refused with KPI1101 naming them.
 */
import type { Commission, Expr, Plan } from '../../ir/schema.js';
import type { LPlan } from '../../model/lowered.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import { bilingual, diag } from '../../diagnostics/diag.js';
import type { Dialect } from './dialect.js';
import { generateSql, refused, Refused, type SqlColumn, type SqlOptions, type SqlQuery } from './generate.js';
import type { GeneratorHooks, ReadContext } from './hooks.js';
import { Algebra, Overflow, type I, type Q } from './rational.js';
import { cellText, groupPeriods, periodSetup, type PeriodSetup } from './periods.js';
import { rankWrap } from './ranks.js';

export function moneySql(P: LPlan, plan: Plan, opts: SqlOptions, D: Dialect): { query?: SqlQuery; diagnostics: Diagnostic[] } {
  const s = periodSetup(P, plan, opts.period);
  if (!s.ok) return { diagnostics: s.diagnostics };
  const m = plan.money;
  // ClickHouse has no window functions; its pools would need one more pass over the whole query (arrays)
  if (m && m.pools.length && D.name === 'clickhouse') {
    return { diagnostics: [diag('KPI1101', { plan: P.name, items: bilingual('what.sql.form.pool', {}) })] };
  }
  try {
    return generateSql(s.setup.lp, opts, new MoneyHooks(P, plan, s.setup, opts, D));
  } catch (e) {
    if (e instanceof Refused) return { diagnostics: [e.diagnostic] };
    throw e;
  }
}

type Errs = [string, string][];
interface MV {
  q: Q;
  errs: Errs;
}
const NULLQ: Q = { n: { s: 'NULL', b: 0n }, k: 1n, lo: 0n, hi: 0n };

class MoneyHooks implements GeneratorHooks {
  readonly roundedScores: boolean;
  readonly rowOrder: string;
  private msgFn?: ReadContext['msg'];
  private readonly A: Algebra;
  private moneyQ = new Map<string, Q>();
  private totalB = 0n;
  private bonusB = 0n;
  /** aliases of the group columns read: k_x0 = the distribution's `within` */
  private readonly texts: { alias: string; column: string }[] = [];

  constructor(
    private readonly P: LPlan,
    private readonly plan: Plan,
    private readonly setup: PeriodSetup,
    private readonly opts: SqlOptions,
    private readonly D: Dialect,
  ) {
    this.A = new Algebra(D);
    this.roundedScores = setup.period !== undefined;
    const idCol = D.ident(opts.idColumn ?? 'id');
    this.rowOrder = D.name === 'clickhouse' ? D.trim(D.text(idCol)) : 'row_number() OVER ()';
    for (const c of [plan.money?.distribution?.within?.text, ...(plan.money?.pools ?? []).map((p) => p.within?.text)]) {
      if (c && !this.texts.some((t) => t.column === c)) this.texts.push({ alias: `k_x${this.texts.length}`, column: c });
    }
  }
  /** the alias of a group column's text */
  private textOf(column: string): string {
    return this.texts.find((t) => t.column === column)!.alias;
  }

  private present(column: string): boolean {
    return !this.opts.columns || this.opts.columns.includes(column);
  }
  private get table(): string {
    return (this.opts.table ?? 'actuals').split('.').map((p) => this.D.ident(p)).join('.');
  }

  readText(): [string, string][] {
    const D = this.D;
    const out: [string, string][] = [];
    const period = this.setup.period;
    if (period) out.push(['k_per', this.present(period) ? cellText(D, D.ident(period)) : 'NULL']);
    for (const t of this.texts) out.push([t.alias, this.present(t.column) ? cellText(D, D.ident(t.column)) : 'NULL']);
    return out;
  }

  afterRead(ctx: ReadContext): void {
    this.msgFn = ctx.msg;
    if (this.setup.period) {
      groupPeriods(ctx, this.setup, this.table, this.setup.period, this.texts.map((t) => t.alias));
    }
    for (const [c, slot] of this.setup.moneySlot) this.moneyQ.set(c, ctx.slotQ[slot]!);
  }

  output(v: { total: I; bonus: I; vetoed: string }): [string, string][] {
    this.totalB = v.total.b;
    this.bonusB = v.bonus.b;
    const out: [string, string][] = [
      ['k_id', 'k_id'],
      ['k_ord', 'k_ord'],
      ['k_tot', v.total.s],
      ['k_bon', v.bonus.s],
      ['k_vet', v.vetoed],
    ];
    for (const t of this.texts) out.push([t.alias, t.alias]);
    if (this.setup.period) out.push(['k_periods', 'k_periods']);
    let j = 0;
    for (const [c, q] of this.moneyQ) {
      if (this.A.isConst(q)) continue;
      out.push([`k_mv${j}_n`, q.n.s]);
      const cols: Q = { ...q, n: { s: `k_mv${j}_n`, b: q.n.b } };
      if (q.r) {
        out.push([`k_mv${j}_r`, q.r.s]);
        cols.r = { s: `k_mv${j}_r`, b: q.r.b };
      }
      this.moneyQ.set(c, cols);
      j++;
    }
    return out;
  }

  private msg(id: string, args: Record<string, unknown>): string {
    return this.msgFn!(id, args);
  }

  finish(q: SqlQuery, _digits: number): SqlQuery {
    void _digits;
    const { A, D, P, plan } = this;
    const money = plan.money ?? { pays: [], commissions: [], pools: [] };
    const R = P.round;
    const layers: ([string, string][] | ((sql: string) => string))[] = [];
    const layer = () => {
      const l: [string, string][] = [];
      layers.push(l);
      return l;
    };
    const name = (l: [string, string][], alias: string, v: Q): Q => {
      if (A.isConst(v)) return v;
      l.push([`${alias}_n`, v.n.s]);
      const n = A.col(`${alias}_n`, v.n.b);
      if (!v.r) return { ...v, n };
      l.push([`${alias}_r`, v.r.s]);
      return { ...v, n, r: A.col(`${alias}_r`, v.r.b) };
    };
    const errs: Errs = [];
    const total = A.scaled(A.col('k_tot', this.totalB), 10n ** BigInt(R));
    const grades = P.grades;
    const last = grades.length - 1;
    const vet = '(k_vet)';

    // ---- score grade (index), then the distribution's final grade ----
    const l1 = layer();
    if (grades.length) {
      const arms = [`WHEN ${vet} THEN ${last}`, ...grades.map((g, k) => `WHEN ${g.min === undefined ? '(1=1)' : A.cmp(total, '>=', A.dec(g.min))} THEN ${k}`)];
      l1.push(['k_sgi', `(CASE ${arms.join(' ')} END)`]);
    } else l1.push(['k_sgi', 'NULL']);
    const dist = money.distribution;
    let fgi = 'k_sgi';
    if (dist && grades.length) {
      const within = dist.within?.text;
      l1.push(['k_grp', within ? `coalesce(${this.textOf(within)}, '')` : `''`]);
      if (within) errs.push([`(${this.textOf(within)} IS NULL)`, this.msg('KPI1058', { column: within, id: { sql: 'k_id' } })]);
      // ClickHouse 18.16 crashes on Decimal128 inside groupArray: the ranking key must be a proven Int64
      if (D.name === 'clickhouse' && this.totalB >= 1n << 63n) throw new Overflow('total as a ranking key');
      layers.push(rankWrap(D, this.totalB >= 1n << 63n ? 'k_tot' : D.name === 'clickhouse' ? 'toInt64(k_tot)' : 'k_tot'));
      // seats per grade from the group size k_dn: floor(n × share) and one more per largest remainder
      const shareOf = new Map(dist.quotas.map((x) => [x.label.text, A.dec(x.share.value)] as const));
      const shares = grades.map((g) => shareOf.get(g.label) ?? A.q(0n, 1n));
      const Dn = shares.reduce((acc, s) => lcmB(acc, s.k), 1n);
      const a = shares.map((s) => s.n.c! * (Dn / s.k));
      const l2 = layer();
      a.forEach((ak, k) => {
        l2.push([`k_sf${k}`, D.intDiv(`k_dn * ${D.int(ak)}`, D.int(Dn))]);
        l2.push([`k_sr${k}`, D.mod(`k_dn * ${D.int(ak)}`, D.int(Dn))]);
      });
      const l3 = layer();
      l3.push(['k_left', `(k_dn - ${a.map((_, k) => `k_sf${k}`).join(' - ')})`]);
      const l4 = layer();
      const K = grades.length;
      a.forEach((_, k) => {
        const pos = a.map((__, j) => (j === k ? '0' : `(CASE WHEN k_sr${j} > k_sr${k}${j < k ? ` OR k_sr${j} = k_sr${k}` : ''} THEN 1 ELSE 0 END)`)).join(' + ');
        const rest = k === K - 1 ? ` + (CASE WHEN k_left > ${K} THEN k_left - ${K} ELSE 0 END)` : '';
        l4.push([`k_seat${k}`, `(k_sf${k} + (CASE WHEN (${pos}) < k_left THEN 1 ELSE 0 END)${rest})`]);
      });
      const l5 = layer();
      a.forEach((_, k) => l5.push([`k_cut${k}`, `(${a.slice(0, k + 1).map((__, j) => `k_seat${j}`).join(' + ')})`]));
      const g = (r: string) => `(CASE ${a.map((_, k) => `WHEN ${r} < k_cut${k} THEN ${k}`).join(' ')} ELSE ${last} END)`;
      const l6 = layer();
      const min = dist.min ? Number(dist.min.value) : 5;
      l6.push(['k_dgi', `(CASE WHEN ${vet} THEN ${last} ELSE ${g('k_dfirst')} END)`]);
      l6.push(['k_adv', dist.advise ? '(1=1)' : `(k_dn < ${min})`]);
      const l7 = layer();
      l7.push(['k_fgi', '(CASE WHEN k_adv THEN k_sgi ELSE k_dgi END)']);
      fgi = 'k_fgi';
    }
    // final coefficient: the final grade's, else (a grade without one) the score grade's, as evaluate.ts keeps it
    const lc = layer();
    const coefs = grades.map((g) => (g.coefficient !== undefined ? A.dec(g.coefficient) : undefined));
    const coefArms = (gi: string): [string, Q][] => coefs.flatMap((c, k) => (c ? [[`(${gi} = ${k})`, c] as [string, Q]] : []));
    const scoreCoef = A.cases(coefArms('k_sgi'), NULLQ);
    const coefQ = name(lc, 'k_coef', fgi === 'k_sgi' ? scoreCoef : A.cases(coefArms(fgi), scoreCoef));
    const cscale = Math.max(0, ...grades.map((g) => /\.(\d+)$/.exec(g.coefficient ?? '')?.[1]?.length ?? 0));

    // ---- money expressions ----
    const metrics = new Map(plan.metrics.map((x) => [x.name.text, x] as const));
    const commissionNames = money.commissions.map((c) => c.name.text);
    const poolNames = money.pools.map((p) => p.name.text);
    const payByName = new Map(money.pays.map((p) => [p.name.text, p] as const));
    const cents = new Map<string, Q>();
    const doneCommissions = new Set<string>();
    let element = '';
    const div0 = () => this.msg('KPI1056', { id: { sql: 'k_id' } });
    const ev = (e: Expr, depth: number, stack: Set<string>): MV => {
      if (depth > 256) throw refused('KPI1101.expression', { element });
      switch (e.kind) {
        case 'num':
          return { q: A.dec(e.value), errs: [] };
        case 'neg': {
          const x = ev(e.operand, depth + 1, stack);
          return { q: A.neg(x.q), errs: x.errs };
        }
        case 'arith': {
          const x = ev(e.left, depth + 1, stack);
          const y = ev(e.right, depth + 1, stack);
          const es = [...x.errs, ...y.errs];
          if (e.op === '+') return { q: A.add(x.q, y.q), errs: es };
          if (e.op === '-') return { q: A.sub(x.q, y.q), errs: es };
          if (e.op === '*') return { q: A.mul(x.q, y.q), errs: es };
          if (A.isConst(y.q)) {
            if (y.q.n.c === 0n) return { q: NULLQ, errs: [...es, ['(1=1)', div0()]] };
            return { q: A.div(x.q, y.q), errs: es };
          }
          const d = A.div(x.q, y.q);
          return { q: { ...d, n: { s: `(CASE WHEN ${y.q.n.s} = 0 THEN NULL ELSE ${d.n.s} END)`, b: d.n.b } }, errs: [...es, [`(${y.q.n.s} = 0)`, div0()]] };
        }
        case 'call': {
          const xs = e.args.map((x) => ev(x, depth + 1, stack));
          if (!xs.length) throw refused('KPI1101.expression', { element });
          const es = xs.flatMap((x) => x.errs);
          if (e.fn === 'abs') return { q: A.absQ(xs[0]!.q), errs: es };
          let acc = xs[0]!.q;
          for (const x of xs.slice(1)) {
            const nulls = [acc, x.q].filter((v) => !A.isConst(v)).map((v) => `${v.n.s} IS NULL`);
            const pick = e.fn === 'min' ? A.min(acc, x.q) : A.max(acc, x.q);
            acc = nulls.length ? A.cases([[`(${nulls.join(' OR ')})`, NULLQ]], pick) : pick;
          }
          return { q: acc, errs: es };
        }
        case 'ref':
          return ref(e.name, depth, stack);
        default:
          throw refused('KPI1101.expression', { element });
      }
    };
    const ref = (nm: string, depth: number, stack: Set<string>): MV => {
      if (nm === 'total') return { q: total, errs: [] };
      if (nm === 'bonus') return { q: A.scaled(A.col('k_bon', this.bonusB), 10n ** BigInt(R)), errs: [] };
      if (nm === 'coefficient') return { q: coefQ, errs: [[`(${coefQ.n.s} IS NULL)`, this.msg('KPI1056.no-coefficient', { id: { sql: 'k_id' } })]] };
      if (poolNames.includes(nm)) {
        if (!cents.has(nm)) throw refused('KPI1101.expression', { element });
        return { q: cents.get(nm)!, errs: [] };
      }
      if (commissionNames.includes(nm)) {
        if (!doneCommissions.has(nm)) throw refused('KPI1101.expression', { element });
        return { q: cents.get(nm)!, errs: [] };
      }
      const pay = payByName.get(nm);
      if (pay) {
        const known = cents.get(nm);
        if (known) return { q: known, errs: [] };
        if (stack.has(nm)) throw refused('KPI1101.expression', { element });
        stack.add(nm);
        const v = ev(pay.expr, depth + 1, stack);
        stack.delete(nm);
        const l = layer();
        const c = A.col(`k_pay${payIndex(nm)}`, 0n);
        const r = A.roundScaled(v.q, 2);
        l.push([c.s, r.s]);
        const q2 = A.scaled(A.col(c.s, r.b), 100n);
        cents.set(nm, q2);
        payErrs.set(nm, v.errs);
        return { q: q2, errs: v.errs };
      }
      const mt = metrics.get(nm);
      if (mt) {
        const v = ev(mt.expr, depth + 1, stack);
        if (!mt.default || !v.errs.length) return v;
        // a metric's default stands in wherever it cannot be computed (evaluate.ts catches the failure)
        const failed = `(${v.errs.map(([c]) => c).join(' OR ')})`;
        return { q: A.cases([[failed, A.dec(mt.default.value)]], v.q), errs: [] };
      }
      const q = this.moneyQ.get(nm);
      if (!q) throw refused('KPI1101.expression', { element });
      return { q, errs: [[`(${q.n.s} IS NULL)`, this.msg('KPI1057', { column: nm, id: { sql: 'k_id' } })]] };
    };
    const payErrs = new Map<string, Errs>();
    const payIndex = (nm: string) => money.pays.findIndex((p) => p.name.text === nm);

    // commissions, in plan order, then pays (each pay a column of cents in its own layer)
    money.commissions.forEach((c, j) => {
      element = c.name.text;
      const v = ev(c.on, 0, new Set());
      errs.push(...v.errs);
      const amount = name(layer(), `k_cma${j}`, v.q);
      const value = commissionValue(A, c.mode, c.tiers, amount);
      const l = layer();
      const r = A.roundScaled(value, 2);
      l.push([`k_cm${j}`, r.s]);
      cents.set(c.name.text, A.scaled(A.col(`k_cm${j}`, r.b), 100n));
      doneCommissions.add(c.name.text);
    });
    // pools, in plan order: pool × own coefficient ÷ the group's sum in cents, leftover cents by largest
    // remainder (then the larger coefficient, then file order), as money/pool.ts splits them
    money.pools.forEach((pool, j) => {
      element = pool.name.text;
      const within = pool.within?.text;
      const v = ev(pool.amount, 0, new Set());
      if (v.q.r) throw refused('KPI1101.expression', { element });
      errs.push(...v.errs);
      const grp = within ? this.textOf(within) : `''`;
      if (within) errs.push([`(${grp} IS NULL)`, this.msg('KPI1058.pool', { column: within, id: { sql: 'k_id' }, pool: pool.name.text })]);
      const la = layer();
      const pc = A.roundScaled(v.q, 2);
      la.push([`k_pa${j}`, pc.s]);
      la.push([`k_pg${j}`, within ? `coalesce(${grp}, '')` : `''`]);
      const P = A.col(`k_pa${j}`, pc.b);
      const cn = A.col(coefQ.n.s, coefQ.n.b);
      const w = `PARTITION BY k_pg${j}`;
      layers.push((sql) => `SELECT *,
  sum(${cn.s}) OVER (${w}) AS k_ps${j},
  min(k_pa${j}) OVER (${w}) AS k_pmin${j},
  max(k_pa${j}) OVER (${w}) AS k_pmax${j}
FROM (
${sql}${D.fence}
) AS k_pw${j}`);
      errs.push([`(k_pmin${j} <> k_pmax${j})`, this.msg('KPI1051.sql', { pool: pool.name.text })]);
      errs.push([`(${cn.s} IS NULL)`, this.msg('KPI1056.pool-no-coefficient', { pool: pool.name.text })]);
      errs.push([`(k_ps${j} = 0 AND k_pa${j} <> 0)`, this.msg('KPI1056.pool-zero-sql', { pool: pool.name.text })]);
      // a group is at most 10^12 people: the coefficient sum's bound
      const S = A.col(`k_ps${j}`, cn.b * 10n ** 12n);
      const x = A.imul(P, cn);
      // floor(P·c / S) for either sign of P (S > 0); 0 when every coefficient is 0 (then P is 0 or the row failed)
      const pos = D.intDiv(x.s, S.s);
      const neg = `(-${D.intDiv(A.iadd(A.ineg(x), A.isub(S, A.lit(1n))).s, S.s)})`;
      const lf = layer();
      lf.push([`k_pf${j}`, `(CASE WHEN k_ps${j} IS NULL OR k_ps${j} = 0 THEN 0 WHEN ${x.s} >= 0 THEN ${pos} ELSE ${neg} END)`]);
      const lr = layer();
      lr.push([`k_pr${j}`, A.isub(x, A.imul(A.col(`k_pf${j}`, x.b), S)).s]);
      layers.push((sql) => `SELECT *,
  sum(k_pf${j}) OVER (${w}) AS k_pfs${j},
  row_number() OVER (${w} ORDER BY k_pr${j} DESC, ${cn.s} DESC, k_ord) AS k_prk${j}
FROM (
${sql}${D.fence}
) AS k_pv${j}`);
      const ls = layer();
      ls.push([`k_pool${j}`, `(k_pf${j} + (CASE WHEN k_prk${j} <= k_pa${j} - k_pfs${j} THEN 1 ELSE 0 END))`]);
      cents.set(pool.name.text, A.scaled(A.col(`k_pool${j}`, pc.b + 1n), 100n));
    });
    for (const p of money.pays) {
      element = p.name.text;
      ref(p.name.text, 0, new Set());
      errs.push(...(payErrs.get(p.name.text) ?? []));
    }

    // ---- the report: the generator's columns with the final grade, then SPEC §7's ----
    const out: string[] = [];
    const columns: SqlColumn[] = [];
    const put = (expr: string, c: SqlColumn) => {
      out.push(`${expr} AS ${D.ident(c.name)}`);
      columns.push(c);
    };
    const labelOf = (gi: string) => (grades.length ? `(CASE ${grades.map((g, k) => `WHEN ${gi} = ${k} THEN ${D.str(g.label)}`).join(' ')} END)` : 'NULL');
    for (const c of q.columns) {
      if ((c.role === 'actual' || c.role === 'ratio' || c.role === 'score' || c.role === 'weight' || c.role === 'weighted') && (c.index ?? 0) >= this.setup.real) continue;
      const col = D.ident(c.name);
      if (c.role === 'error') {
        put(errs.length ? `(CASE WHEN ${col} IS NOT NULL THEN ${col} ${errs.map(([cond, m]) => `WHEN ${cond} THEN ${m}`).join(' ')} END)` : col, c);
      } else if (c.role === 'grade') put(labelOf(fgi), c);
      else if (c.role === 'coefficient') put(grades.length && coefs.some((x) => x) ? D.decimal(A.roundScaled(coefQ, cscale).s, cscale) : 'NULL', c);
      else put(col, c);
    }
    put(labelOf('k_sgi'), { name: 'score_grade', role: 'score_grade' });
    if (dist && grades.length) {
      put('k_grp', { name: 'group', role: 'group' });
      put('(k_drank + 1)', { name: 'rank', role: 'rank' });
    }
    const items = [...money.commissions.map((c) => ({ n: c.name.text, kind: 'commission' as const })), ...money.pools.map((p) => ({ n: p.name.text, kind: 'pool' as const })), ...money.pays.map((p) => ({ n: p.name.text, kind: 'pay' as const }))];
    items.forEach((it, index) => {
      const c = cents.get(it.n)!;
      put(D.decimal(c.n.s, 2), { name: it.n, role: 'money', index, kind: it.kind });
    });
    if (this.setup.period) put('k_periods', { name: 'periods', role: 'periods' });

    // the generator's header line (plan, arithmetic, input limit) heads the whole query
    const head = /^--[^\n]*\n/.exec(q.sql)?.[0] ?? '';
    let sql = q.sql.slice(head.length);
    let k = 0;
    for (const l of layers) {
      if (typeof l === 'function') {
        sql = l(sql);
        continue;
      }
      if (!l.length) continue;
      sql = `SELECT *,\n  ${l.map(([a, e]) => `${e} AS ${a}`).join(',\n  ')}\nFROM (\n${sql}${D.fence}\n) AS k_m${k++}`;
    }
    return { sql: `${head}SELECT\n  ${out.join(',\n  ')}\nFROM (\n${sql}${D.fence}\n) AS k_money\nORDER BY k_ord\n`, columns };
  }
}

/** a commission's exact value: `marginal` each slice at its tier's rate, `whole` the amount at its tier's (commission.ts) */
function commissionValue(A: Algebra, mode: 'marginal' | 'whole', tiers: Commission['tiers'], amount: Q): Q {
  const ts = tiers.map((t) => ({ op: t.op ?? '<=', bound: t.bound ? A.dec(t.bound.value) : undefined, rate: A.dec(t.rate.value) }));
  if (!ts.length) return A.q(0n, 1n);
  if (mode === 'whole') {
    const arms: [string, Q][] = [];
    for (const t of ts) {
      if (!t.bound) break;
      arms.push([A.cmp(amount, t.op === '<' ? '<' : '<=', t.bound), A.mul(amount, t.rate)]);
    }
    const lastT = ts.find((t) => !t.bound) ?? ts[ts.length - 1]!;
    return A.cases(arms, A.mul(amount, lastT.rate));
  }
  let value = A.q(0n, 1n);
  let prev: Q | undefined;
  for (const t of ts) {
    const top = t.bound ? A.min(amount, t.bound) : amount;
    const base = prev ? A.max(A.q(0n, 1n), A.sub(top, prev)) : top;
    value = A.add(value, A.mul(base, t.rate));
    if (!t.bound) break;
    prev = t.bound;
  }
  return value;
}

const gcdB = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};
const lcmB = (a: bigint, b: bigint) => (a / gcdB(a, b)) * b;
