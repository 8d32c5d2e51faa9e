/**
 * SPEC §7 cycles in SQL: several rows (periods) of one person combined into one, as money/cycles.ts and
 * money/dataset.ts do.
 *
 * The plan is scored once per aggregate mode it needs (`sum`, `average`): the lowered plan is widened so
 * that every input, metric and indicator has one copy per mode (slot i of mode m reads the same column,
 * aggregated by m). The indicator copy of its own mode carries the weight; the others are shadows with
 * weight 0 — scored all the same, because the JS engine scores every mode's vector in full and fails a
 * person whose vector fails in any mode. After the cells are read, one GROUP BY per person sums each slot
 * (NULL when any period is blank); an average is the sum over the period count, an exact rational.
 * Money columns are aggregated in the plan's mode (`average` or else `sum`), as dataset.ts does.
 *
 * The period list is ordered naturally (every digit run compared as a number): the same order as the JS
 * engine's collation (localeCompare zh, numeric) whenever all periods of the file differ only in their
 * digits (1月 … 12月, 2024-Q1 …). Periods that differ in their text (一月, 二月) are a row error
 * (KPI1103.periods) rather than an order that could differ. `aggregate last` reads the last period's cell
 * (the greatest period key). `aggregate score` (per-period scores averaged) is refused (KPI1101).
 */
import type { AggregateMode, Plan } from '../../ir/schema.js';
import type { LExpr, LIndicator, LMetric, LPlan, LSrc } from '../../model/lowered.js';
import type { InputColumn } from '../../model/results.js';
import { indicatorModes } from '../../money/cycles.js';
import { moneyColumns } from '../../money/names.js';
import { bilingual, diag } from '../../diagnostics/diag.js';
import type { Diagnostic } from '../../diagnostics/types.js';
import type { Dialect } from './dialect.js';
import type { ReadContext } from './hooks.js';
import type { Q } from './rational.js';

/** a person may have at most this many periods (bounds the sums; more is a row error, KPI1103.periods-many) */
export const MAX_PERIODS = 400;
type Mode = 'sum' | 'average' | 'last';

/** the widened plan and what the money query needs of it */
export interface PeriodSetup {
  lp: LPlan;
  /** the first `real` indicators are the plan's; the rest are shadows */
  real: number;
  /** the period column, when rows are periods */
  period?: string;
  /** slot of each money column (aggregated in the money mode) */
  moneySlot: Map<string, number>;
  /** aggregate mode of each slot */
  slotMode: Mode[];
}

export type Setup = { ok: true; setup: PeriodSetup } | { ok: false; diagnostics: Diagnostic[] };

const mapSrc = (s: LSrc, slot: (i: number) => number, metric: (i: number) => number): LSrc => (s.k === 'slot' ? { k: 'slot', i: slot(s.i) } : { k: 'metric', i: metric(s.i) });
function mapExpr(e: LExpr, f: (s: LSrc) => LSrc): LExpr {
  switch (e.k) {
    case 'num':
      return e;
    case 'src':
      return { k: 'src', s: f(e.s) };
    case 'neg':
    case 'not':
    case 'abs':
      return { k: e.k, a: mapExpr(e.a, f) };
    case 'min':
    case 'max':
      return { k: e.k, args: e.args.map((x) => mapExpr(x, f)) };
    default:
      return { k: e.k, a: mapExpr(e.a, f), b: mapExpr(e.b, f) };
  }
}

export function periodSetup(P: LPlan, plan: Plan, periodOpt: string | undefined): Setup {
  const period = periodOpt ?? plan.money?.period?.text;
  const base: LPlan = { ...P };
  delete base.money;
  const n = P.inputs.length;
  const refuse = (modes: string[]): Setup => {
    const ts = modes.map((mode) => bilingual('what.sql.form.aggregate', { mode }));
    return { ok: false, diagnostics: [diag('KPI1101', { plan: P.name, items: { en: ts.map((t) => t.en).join(', '), zh: ts.map((t) => t.zh).join('、') } })] };
  };
  // money columns: plan inputs read in the money mode, or extra columns (optional: a blank is KPI1057 when read)
  const cols = moneyColumns(plan);
  const pm = plan.money?.aggregate?.mode;
  const moneyMode: Mode = pm === 'average' || pm === 'last' ? pm : 'sum';

  if (!period) {
    const inputs = [...P.inputs];
    const moneySlot = new Map<string, number>();
    for (const c of cols) {
      let k = inputs.findIndex((x) => x.column === c);
      if (k < 0) k = inputs.push({ column: c, role: 'metric-input', optional: true, readers: ['money'] }) - 1;
      moneySlot.set(c, k);
    }
    return { ok: true, setup: { lp: { ...base, inputs }, real: P.inds.length, moneySlot, slotMode: inputs.map(() => 'sum') } };
  }

  const declared = indicatorModes(plan);
  if (declared.length !== P.inds.length) return refuse(['?']);
  if (declared.some((m) => m === undefined)) return { ok: false, diagnostics: [diag('KPI1060', { column: period, plan: plan.name.text })] };
  const def: AggregateMode = plan.money?.aggregate?.mode ?? declared.find((m) => m !== undefined) ?? 'sum';
  const modes = declared.map((m) => m ?? def);
  const unsupported = [...new Set([def, ...modes])].filter((m) => m === 'score');
  if (unsupported.length) return refuse(unsupported);
  const needed = [...new Set<Mode>([def as Mode, ...(modes as Mode[])])];

  // one copy of inputs and metrics per needed mode (the default mode's copy is the plan's own)
  const inputs: InputColumn[] = [];
  const slotMode: Mode[] = [];
  const metrics: LMetric[] = [];
  const slotOff = new Map<Mode, number>();
  const metricOff = new Map<Mode, number>();
  const copyFor = (m: Mode) => {
    if (slotOff.has(m)) return;
    slotOff.set(m, inputs.length);
    metricOff.set(m, metrics.length);
    const so = inputs.length;
    const mo = metrics.length;
    for (const inp of P.inputs) {
      inputs.push(inp);
      slotMode.push(m);
    }
    const f = (s: LSrc) => mapSrc(s, (i) => so + i, (i) => mo + i);
    for (const mt of P.metrics) metrics.push({ ...mt, expr: mapExpr(mt.expr, f) });
  };
  for (const m of needed) copyFor(m);
  const srcIn = (m: Mode) => (s: LSrc) => mapSrc(s, (i) => slotOff.get(m)! + i, (i) => metricOff.get(m)! + i);
  const indIn = (ind: LIndicator, m: Mode, weight: string, shadow: boolean): LIndicator => {
    const f = srcIn(m);
    const out: LIndicator = { ...ind, weight, ...(shadow ? { name: `${ind.name} (${m})` } : {}) };
    if (ind.src) out.src = f(ind.src);
    if (ind.raters) out.raters = ind.raters.map((r) => ({ ...r, slot: slotOff.get(m)! + r.slot }));
    return out;
  };
  const inds: LIndicator[] = P.inds.map((ind, x) => indIn(ind, modes[x] as Mode, ind.weight, false));
  for (const m of needed) P.inds.forEach((ind, x) => (modes[x] !== m ? inds.push(indIn(ind, m, '0', true)) : undefined));
  const dm = srcIn(def as Mode);
  const lp: LPlan = {
    ...base,
    inputs,
    metrics,
    inds,
    bonuses: P.bonuses.map((b) => ({ ...b, src: dm(b.src) })),
    vetoes: P.vetoes.map((v) => ({ ...v, expr: mapExpr(v.expr, dm) })),
  };
  if (P.penalties?.length) lp.penalties = P.penalties.map((b) => ({ ...b, src: dm(b.src) }));
  // money columns in the money mode
  if (cols.length && !slotOff.has(moneyMode)) copyFor(moneyMode);
  const moneySlot = new Map<string, number>();
  for (const c of cols) {
    const k = P.inputs.findIndex((x) => x.column === c);
    if (k >= 0) moneySlot.set(c, slotOff.get(moneyMode)! + k);
    else {
      moneySlot.set(c, inputs.push({ column: c, role: 'metric-input', optional: true, readers: ['money'] }) - 1);
      slotMode.push(moneyMode);
    }
  }
  lp.inputs = inputs;
  lp.metrics = metrics;
  return { ok: true, setup: { lp, real: P.inds.length, period, moneySlot, slotMode } };
}

// ---------- SQL ----------

// the JS engine trims every kind of space (String.prototype.trim); these are the ones seen in exports
const SPACES = ' \t\r\n\u00a0\u3000\ufeff';
const CH_SPACES = '(?: |\\t|\\r|\\n|\u00a0|\u3000|\ufeff)+';
const chStr = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const sqlStr = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** a cell as the JS engine's text of a grouping column: trimmed, NULL when blank */
export function cellText(D: Dialect, x: string): string {
  if (D.name === 'clickhouse') return `nullIf(replaceRegexpOne(replaceRegexpOne(ifNull(toString(${x}), ''), ${chStr('^' + CH_SPACES)}, ''), ${chStr(CH_SPACES + '$')}, ''), '')`;
  if (D.name === 'postgres') return `NULLIF(btrim(CAST(${x} AS TEXT), ${sqlStr(SPACES)}), '')`;
  return `NULLIF(trim(CAST(${x} AS VARCHAR), ${sqlStr(SPACES)}), '')`;
}

/** the natural order key of a period: every digit run as 20 digits (leading zeros dropped first) */
export function periodKey(D: Dialect, p: string): string {
  const pad = '0'.repeat(20);
  if (D.name === 'clickhouse') return `replaceRegexpAll(replaceRegexpAll(${p}, '([0-9]+)', '${pad}\\\\1'), '0*([0-9]{20})', '\\\\1')`;
  return `regexp_replace(regexp_replace(${p}, '([0-9]+)', '${pad}\\1', 'g'), '0*([0-9]{20})', '\\1', 'g')`;
}
/** a period's text with its digit runs as `#` (periods in the natural order must share it) */
export function periodShape(D: Dialect, p: string): string {
  if (D.name === 'clickhouse') return `replaceRegexpAll(${p}, '[0-9]+', '#')`;
  return `regexp_replace(${p}, '[0-9]+', '#', 'g')`;
}

/** JSON text of a string (for the period list) */
function jsonStr(D: Dialect, x: string): string {
  const esc = D.name === 'clickhouse' ? `replaceAll(replaceAll(${x}, '\\\\', '\\\\\\\\'), '"', '\\\\"')` : `replace(replace(${x}, '\\', '\\\\'), '"', '\\"')`;
  return D.concat(`'"'`, esc, `'"'`);
}

/**
 * After the cells are read: one row per person. Row errors fold into `k_rowerr` (any of the person's rows),
 * period errors follow, then the slots are the aggregated values.
 */
export function groupPeriods(ctx: ReadContext, setup: PeriodSetup, table: string, periodCol: string, texts: string[]): void {
  const { A, D } = ctx;
  const errCase = ctx.errors.length ? `(CASE ${ctx.errors.map(([c, m]) => `WHEN ${c} THEN ${m}`).join(' ')} END)` : 'NULL';
  const le = ctx.layer();
  le.push(['k_rowerr', errCase]);
  le.push(['k_pkey', periodKey(D, 'k_per')]);
  const ch = D.name === 'clickhouse';
  const int = (x: string) => (ch ? `toInt64(${x})` : x);
  const aggs: string[] = [`min(k_ord) AS k_ord`, `${int('count(*)')} AS k_np`, `${int('count(k_per)')} AS k_nper`, `${int(ch ? 'uniqExact(k_per)' : 'count(DISTINCT k_per)')} AS k_nd`, `min(k_rowerr) AS k_rowerr`];
  const NARROW = 1n << 63n;
  // the last period's value of a text: the greatest (period key, separator, text), the text cut off it
  const lastOf = (t: string) => {
    const enc = `max(${D.concat('k_pkey', ch ? `'\\x01'` : 'chr(1)', `coalesce(${t}, '')`)})`;
    return ch ? `nullIf(substring(${enc}, position(${enc}, '\\x01') + 1), '')` : `NULLIF(substr(${enc}, strpos(${enc}, chr(1)) + 1), '')`;
  };
  setup.slotMode.forEach((mode, i) => {
    const q = ctx.slotQ[i]!;
    if (mode === 'last') {
      // the cell as digits and back: exact, NULL when the last period's cell is blank
      const t = lastOf(D.text(`k_v${i}`));
      aggs.push(ch ? `(CASE WHEN ${t} IS NULL THEN NULL ELSE toInt64OrZero(assumeNotNull(${t})) END) AS k_v${i}` : `CAST(${t} AS BIGINT) AS k_v${i}`);
      return;
    }
    const b = q.n.b * BigInt(MAX_PERIODS);
    const v = `k_v${i}`;
    const sum = b >= NARROW ? `sum(${D.wide(v)})` : ch ? `sum(${v})` : `CAST(sum(${v}) AS BIGINT)`;
    aggs.push(`(CASE WHEN count(${v}) = count(*) THEN ${sum} END) AS ${v}`);
    const n = A.col(v, b);
    ctx.slotQ[i] = mode === 'sum' ? A.mk(n, q.k, undefined, q.lo * BigInt(MAX_PERIODS), q.hi * BigInt(MAX_PERIODS)) : A.mk(n, q.k, A.col('k_np', BigInt(MAX_PERIODS)), q.lo, q.hi);
  });
  // a group column: the last period's text (max of key, separator, text)
  for (const t of texts) aggs.push(`${lastOf(t)} AS ${t}`);
  aggs.push(
    ch
      ? `concat('[', arrayStringConcat(arrayMap(x -> ${jsonStr(D, "ifNull(x.2, '')")}, arraySort(x -> x.1, groupArray((k_pkey, k_per)))), ','), ']') AS k_periods`
      : `${D.concat(`'['`, `string_agg(${jsonStr(D, 'k_per')}, ',' ORDER BY k_pkey)`, `']'`)} AS k_periods`,
  );
  ctx.wrap((sql) => `SELECT k_id, ${aggs.join(',\n  ')}\nFROM (\n${sql}${D.fence}\n) AS k_g\nGROUP BY k_id`, ['k_id', ...aggs.map((a) => / AS (k_\w+)$/.exec(a)![1]!)]);

  // the file's periods: how many, and whether the natural order is the JS engine's
  const per = cellText(D, D.ident(periodCol));
  const src = `(SELECT ${per} AS p FROM ${table}) AS k_ps`;
  const all = `(SELECT ${int(ch ? 'uniqExact(p)' : 'count(DISTINCT p)')} FROM ${src} WHERE p IS NOT NULL)`;
  const odd = `(SELECT ${int(`(CASE WHEN min(${periodShape(D, 'p')}) = max(${periodShape(D, 'p')}) AND ${ch ? 'uniqExact(p)' : 'count(DISTINCT p)'} = ${ch ? `uniqExact(${periodKey(D, 'p')})` : `count(DISTINCT ${periodKey(D, 'p')})`} THEN 0 ELSE 1 END)`)} FROM ${src} WHERE p IS NOT NULL)`;
  const lg = ctx.layer();
  lg.push(['k_pall', all]);
  lg.push(['k_podd', odd]);
  const column = periodCol;
  ctx.errors.length = 0;
  ctx.errors.push(
    ['(k_rowerr IS NOT NULL)', 'k_rowerr'],
    ['(k_nper < k_np)', ctx.msg('KPI1059.sql', { column })],
    ['(k_nd < k_nper)', ctx.msg('KPI1052.sql', { column })],
    ['(k_nd < k_pall)', ctx.msg('KPI1053.sql', { n: { sql: D.text('k_nd') }, all: { sql: D.text('k_pall') }, column })],
    ['(k_podd <> 0)', ctx.msg('KPI1103.periods', { column })],
    [`(k_np > ${MAX_PERIODS})`, ctx.msg('KPI1103.periods-many', { max: MAX_PERIODS, column })],
  );
}

export type { Q };
