/**
 * The lowered plan (the same LPlan the JS compiler and the exact evaluator read) → one SQL query over a
 * table of raw actuals, yielding what `kpi score --format json` yields: id, total, grade, coefficient,
 * bonus, penalty (when the plan has `penalty` items), one boolean column per veto, and per indicator actual,
 * ratio (when the method has one), score, weight and weighted, and for an `optional` one whether it is N/A in
 * the row (na.ts) — plus `error`, the row's first data error (code and message), NULL when it scored.
 *
 * Exactness: cells are read as integers scaled by 10^6; every value after that is an exact rational
 * n/d of integer expressions (rational.ts) and every reported number is rounded half away from zero by one
 * integer division, as run/exact.ts rounds. Bounds are proved per plan; a plan whose bounds do not fit
 * the dialect's integers (KPI1102) or that uses an item kind this generator does not know (KPI1101)
 * gets no SQL at all.
 *
 * The query is a stack of `SELECT …, … FROM (…)` layers: each layer names the values the next one reads
 * (parsed cells, metrics, actuals, ratios, scores), so no expression is copied into another, and carries
 * only the columns read above it (layers.ts).
 */
import type { Diagnostic } from '../../diagnostics/types.js';
import { bilingual, diag, text, ui, type ArgsOf, type DiagnosticId, type MessageId } from '../../diagnostics/diag.js';
import { MESSAGE_TABLE } from '../../diagnostics/messages/index.js';
import { fill, type Arg } from '../../diagnostics/template.js';
import type { Lang, Text } from '../../diagnostics/lang.js';
import type { LBandRow, LExpr, LIndicator, LPlan, LSrc } from '../../model/lowered.js';
import type { Plan } from '../../ir/schema.js';
import type { GeneratorHooks } from './hooks.js';
import { moneySql } from './money.js';
import { ratioIsInverse, targetDivides, usesRatio } from '../../model/lowered.js';
import { DIALECTS, type Dialect, type DialectName } from './dialect.js';
import { and, BLANK_CELLS, FALSE, firstFailureNa, NA_CELLS, naCell, naWeights, not, or, TRUE } from './na.js';
import { Algebra, Overflow, type I, type Q } from './rational.js';
import { stackLayers, type Layer } from './layers.js';

export interface SqlOptions {
  dialect: DialectName;
  /** table or view of actuals; default `actuals` */
  table?: string;
  /** id column; default `id` */
  idColumn?: string;
  /** the table's columns when known: an input column not among them reads as blank (its readers' defaults) */
  columns?: readonly string[];
  /** a column giving the rows' order (the export's line number): the result is sorted by it. Without it,
   * DuckDB and PostgreSQL return the table's scan order and ClickHouse (a Distributed table has none) sorts by id */
  orderBy?: string;
  /** language of the `error` column's texts (the catalogue's); default English */
  lang?: Lang;
  /** the plan itself (not lowered): SPEC §7 money items and periods are read from it (money.ts); without it
   * a plan with them is refused (KPI1101) */
  plan?: Plan;
  /** the period column (`kpi score --period`); default the plan's `period` */
  period?: string;
}

export type SqlColumnRole = 'id' | 'error' | 'total' | 'grade' | 'coefficient' | 'bonus' | 'penalty' | 'veto' | 'actual' | 'ratio' | 'score' | 'weight' | 'weighted' | 'na' | 'score_grade' | 'group' | 'rank' | 'money' | 'periods';
export interface SqlColumn {
  name: string;
  role: SqlColumnRole;
  /** indicator index (LPlan.inds), veto index or money item index (commissions, pools, pays in plan order) */
  index?: number;
  /** a money item's kind */
  kind?: 'commission' | 'pool' | 'pay';
}
export interface SqlQuery {
  sql: string;
  columns: SqlColumn[];
}

/** inputs are read to 6 decimals: value × 10^6 is an integer */
export const SCALE_DIGITS = 6;
/** inputs are read below 10^MAX_VALUE_DIGITS at most (a parsed cell is then a BIGINT); a plan whose exact
 * arithmetic needs more room gets a lower limit, down to 10^MIN_VALUE_DIGITS (see generateSql) */
const MAX_VALUE_DIGITS = 12;
const MIN_VALUE_DIGITS = 7;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

/** the LPlan fields this generator reads; any other (a new item kind) is refused, never ignored */
const KNOWN_PLAN_KEYS = new Set(['name', 'round', 'inputs', 'metrics', 'inds', 'groups', 'bonuses', 'penalties', 'negativeTotal', 'hasOptional', 'vetoes', 'grades']);
const KNOWN_METHODS = new Set(['linear', 'reverse', 'threshold', 'bands', 'curve', 'deduct', 'steps', 'rating']);
const KNOWN_EXPR = new Set(['num', 'src', 'neg', 'not', 'abs', '+', '-', '*', '/', '>', '>=', '<', '<=', '==', '!=', 'and', 'or', 'min', 'max']);

// a cell after normalise(): ( sign currency sign digits[,ddd] .frac e±x % 元 )
// (a plain string, not String.raw: the installed CLI's bundle writes every non-ASCII character as an escape, which
// in a raw template would reach the SQL engine's regex as `\u00a5`; scripts/pack-cli.js refuses such a template)
const CELL = '^(\\()?\\s*([+-])?\\s*(¥|\\$|€|£|rmb|cny|usd|hk\\$|us\\$)?\\s*([+-])?\\s*([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\\.([0-9]*))?(?:e([+-]?[0-9]{1,3}))?\\s*(%|‰)?\\s*(元|rmb|cny)?\\s*(\\))?$';
/** blank, or N/A (which is blank too unless an `optional` indicator reads the column: na.ts) */
const MISSING = [...BLANK_CELLS, ...NA_CELLS];

/** a plan the generator refuses: the diagnostic, from the catalogue */
export class Refused extends Error {
  readonly code: string;
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.code = diagnostic.code;
  }
}
export const refused = <I extends Extract<DiagnosticId, `KPI110${'1' | '2'}${string}`>>(id: I, args: ArgsOf<I>, help?: 'js'): Refused =>
  new Refused(diag(id, args, help ? { helpText: text('help.sql.js-engine', {}) } : {}));
/** the plan forms a refusal names, as the plan writes them (a field without a text: its name) */
const FORM_TEXT: Record<string, MessageId> = {
  penalties: 'what.sql.form.penalties',
  hasOptional: 'what.sql.form.hasOptional',
  negativeTotal: 'what.sql.form.negativeTotal',
  money: 'what.sql.form.money',
  targetSrc: 'what.sql.form.targetSrc',
  targetHigh: 'what.sql.form.targetHigh',
  optional: 'what.sql.form.optional',
  stepDeduct: 'what.sql.form.steps',
  stepAdd: 'what.sql.form.steps',
  stepMeasure: 'what.sql.form.steps',
};
const codeList = (xs: readonly string[]): Text => {
  const texts = [...new Set(xs.map((k) => (FORM_TEXT[k] ? bilingual(FORM_TEXT[k] as 'what.sql.form.money', {}) : { en: `\`${k}\``, zh: `\`${k}\`` })))];
  const uniq = texts.filter((t, i) => texts.findIndex((u) => u.en === t.en) === i);
  return { en: uniq.map((t) => t.en).join(', '), zh: uniq.map((t) => t.zh).join('、') };
};

/** an argument of an `error` column text that the engine fills in: an SQL expression of type text */
interface SqlArg {
  sql: string;
}

/** `hooks`: the SPEC §7 layers (money.ts calls back with them; not for other callers) */
export function generateSql(P: LPlan, opts: SqlOptions, hooks?: GeneratorHooks): { query?: SqlQuery; diagnostics: Diagnostic[] } {
  const r = generate(P, opts, hooks);
  return r.query && !hooks ? { ...r, query: withQuerySizeNote(opts.dialect, r.query, opts.lang ?? 'en') } : r;
}

/**
 * ClickHouse parses at most `max_query_size` bytes of a query (262,144 by default) into at most
 * `max_ast_elements` syntax elements (50,000): a query past either says so in its first line, with settings
 * that suffice. Elements are counted as tokens, an upper bound (ClickHouse 18.16 made 0.65 of them on the
 * property test's largest queries).
 */
const CH_MAX_QUERY_SIZE = 262_144;
const CH_MAX_AST_ELEMENTS = 50_000;
function withQuerySizeNote(dialect: DialectName, q: SqlQuery, lang: Lang): SqlQuery {
  if (dialect !== 'clickhouse') return q;
  const bytes = new TextEncoder().encode(q.sql).length;
  const tokens = (q.sql.replace(/--[^\n]*\n/g, '\n').match(/'(?:[^'\\]|\\.)*'|"(?:[^"]|"")*"|\w+|[^\s\w]/g) ?? []).length;
  if (bytes <= CH_MAX_QUERY_SIZE - 512 && tokens <= CH_MAX_AST_ELEMENTS) return q;
  const size = Math.max(CH_MAX_QUERY_SIZE, Math.ceil((bytes + 512) / 65536) * 65536);
  const ast = Math.max(CH_MAX_AST_ELEMENTS, Math.ceil(tokens / 10000) * 10000);
  const note = ui('what.sql.clickhouse-size', { bytes, tokens, maxSize: CH_MAX_QUERY_SIZE, maxAst: CH_MAX_AST_ELEMENTS, size, ast }, lang);
  return { ...q, sql: `-- ${note}\n${q.sql}` };
}

function generate(P: LPlan, opts: SqlOptions, hooks?: GeneratorHooks): { query?: SqlQuery; diagnostics: Diagnostic[] } {
  const D = DIALECTS[opts.dialect];
  if (!D) return { diagnostics: [diag('KPI1101.dialect', { dialect: String(opts.dialect) })] };
  if (P.money && opts.plan && !hooks) return moneySql(P, opts.plan, opts, D);
  const unknown = Object.keys(P).filter((k) => !KNOWN_PLAN_KEYS.has(k) && !isEmpty((P as unknown as Record<string, unknown>)[k]));
  if (unknown.length) return { diagnostics: [diag('KPI1101', { plan: P.name, items: codeList(unknown) })] };
  try {
    // the largest input limit for which every integer of the plan provably fits the dialect's integers
    for (let digits = MAX_VALUE_DIGITS; ; digits--) {
      try {
        return { query: new Generator(P, D, opts, digits, hooks).build(), diagnostics: [] };
      } catch (e) {
        if (!(e instanceof Refused) || e.code !== 'KPI1102' || digits === MIN_VALUE_DIGITS) throw e;
      }
    }
  } catch (e) {
    if (e instanceof Refused) return { diagnostics: [e.diagnostic] };
    throw e;
  }
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === false || (Array.isArray(v) && v.length === 0);
/** indicator fields the SQL target reads; any other (a newer form) is refused */
const KNOWN_IND_KEYS = new Set([
  'name', 'path', 'weight', 'local', 'parent', 'method', 'src', 'raters', 'target', 'targetSrc', 'targetHigh', 'targetPercent', 'optional',
  'stepDeduct', 'stepAdd', 'stepMeasure', 'cap', 'floor', 'lower', 'on', 'rows', 'else', 'points', 'dpoints', 'per', 'max', 'lo', 'hi', 'default', 'unit',
]);

/** carry steps of the long division's sum computed inline in one layer (see roundedSum) */
const CARRY_STEPS_PER_LAYER = 8;

class Generator {
  private readonly A: Algebra;
  /** layers of [alias, expression] added on top of each other, or a query wrapping the ones below (GROUP BY) */
  private readonly layers: Layer[] = [];
  /** error conditions in report order: [condition, message expression] */
  private readonly errors: [string, string][] = [];
  private element = '';
  private readonly metricQ: Q[] = [];
  /** per metric: SQL saying it fails with N/A in the row (FALSE when it cannot: na.ts) */
  private readonly metricNa: string[] = [];
  private readonly slotQ: Q[] = [];

  constructor(
    private readonly P: LPlan,
    private readonly D: Dialect,
    private readonly opts: SqlOptions,
    /** values are read below 10^valueDigits */
    private readonly valueDigits: number,
    private readonly hooks?: GeneratorHooks,
  ) {
    this.A = new Algebra(D);
  }

  private layer(): [string, string][] {
    const l: [string, string][] = [];
    this.layers.push(l);
    return l;
  }
  /** name a rational in the current layer; later layers read the columns */
  private name(l: [string, string][], alias: string, v: Q): Q {
    if (this.A.isConst(v)) return v;
    l.push([`${alias}_n`, v.n.s]);
    const n = this.A.col(`${alias}_n`, v.n.b);
    if (!v.r) return { ...v, n };
    l.push([`${alias}_r`, v.r.s]);
    return { ...v, n, r: this.A.col(`${alias}_r`, v.r.b) };
  }
  /**
   * The text of an `error` column entry: `CODE ` and the catalogue's message in the chosen language, an
   * SQL expression where an argument is one (the cell the engine read).
   */
  private msg<I extends MessageId & `KPI${string}`>(id: I, args: { readonly [K in keyof ArgsOf<I>]: Arg | SqlArg }): string {
    const lang = this.opts.lang ?? 'en';
    const plain: Record<string, Arg> = {};
    for (const [k, v] of Object.entries(args) as [string, Arg | SqlArg][]) plain[k] = typeof v === 'object' && 'sql' in v ? `\u0001${k}\u0001` : v;
    const filled = `${id.slice(0, 7)} ${fill(MESSAGE_TABLE[id]!.message[lang], plain, lang)}`;
    const parts = filled.split(/\u0001(\w+)\u0001/);
    if (parts.length === 1) return this.D.str(filled);
    return this.D.concat(...parts.map((p, i) => (i % 2 ? (args as Record<string, SqlArg>)[p]!.sql : this.D.str(p))).filter((p) => p !== "''"));
  }

  build(): SqlQuery {
    const { P, D, A } = this;
    try {
      return this.buildInner();
    } catch (e) {
      if (e instanceof Overflow) {
        const wide = D.name === 'duckdb' ? 'HUGEINT' : D.name === 'clickhouse' ? 'Decimal128' : bilingual('what.sql.numeric-limit', {});
        throw refused('KPI1102', { element: this.element || P.name, dialect: D.name, wide, digits: this.valueDigits }, D.name === 'postgres' ? 'js' : undefined);
      }
      throw e;
    } finally {
      void A;
    }
  }

  private buildInner(): SqlQuery {
    const { P, D, A } = this;
    // ---------- layer 0: the id and each input cell, normalised ----------
    const present = this.opts.columns ? new Set(this.opts.columns) : undefined;
    const idCol = D.ident(this.opts.idColumn ?? 'id');
    const raws = P.inputs.map((inp) => (present && !present.has(inp.column) ? 'NULL' : D.ident(inp.column)));
    const l0: [string, string][] = [[`k_id`, D.trim(D.text(idCol))]];
    if (this.opts.orderBy !== undefined) l0.push(['k_ord', D.ident(this.opts.orderBy)]);
    else if (this.hooks) l0.push(['k_ord', this.hooks.rowOrder]);
    if (this.hooks) l0.push(...this.hooks.readText());
    raws.forEach((r, i) => l0.push([`k_t${i}`, D.normalise(r)]));
    const blank = (x: string) => `coalesce(${D.trim(D.text(x))}, '') = ''`;
    const where = `NOT (${[idCol, ...raws.filter((r) => r !== 'NULL')].map(blank).join(' AND ')})`;

    // ---------- layers 1–3: read each cell by the CLI's rules (data/value.ts) ----------
    const l1 = this.layer();
    P.inputs.forEach((_, i) => l1.push([`k_g${i}`, D.match(`k_t${i}`, CELL)]));
    const l2 = this.layer();
    const l3 = this.layer();
    P.inputs.forEach((inp, i) => {
      const g = (j: number) => `coalesce(${D.group(`k_g${i}`, j)}, '')`;
      const t = `k_t${i}`;
      const frac = D.rtrimZeros(g(6));
      l2.push([`k_miss${i}`, `(${t} IS NULL OR ${t} IN (${MISSING.map((m) => D.str(m)).join(', ')}))`]);
      l2.push([`k_M${i}`, D.ltrimZeros(D.concat(`replace(${g(5)}, ',', '')`, frac))]);
      l2.push([`k_k${i}`, `(${SCALE_DIGITS} + CAST((CASE WHEN ${g(7)} = '' THEN '0' ELSE ${g(7)} END) AS INTEGER) - (CASE ${g(8)} WHEN '%' THEN 2 WHEN '‰' THEN 3 ELSE 0 END) - ${D.len(frac)})`]);
      const neg = `(((${g(1)} <> '') <> (${g(2)} = '-')) <> (${g(4)} = '-'))`;
      l2.push([`k_neg${i}`, neg]);
      const matched = D.matched(t, CELL, `k_g${i}`);
      const form = [
        matched,
        `(${g(5)} <> '' OR ${g(6)} <> '')`,
        `((${g(1)} = '') = (${g(10)} = ''))`,
        `NOT (${g(2)} <> '' AND ${g(4)} <> '')`,
        `NOT ((${g(2)} <> '' OR ${g(4)} <> '') AND ${g(1)} <> '')`,
        `NOT (${g(8)} <> '' AND (${g(3)} <> '' OR ${g(9)} <> ''))`,
      ].join(' AND ');
      l2.push([`k_form${i}`, `(${form})`]);
      const M = `k_M${i}`;
      const k = `k_k${i}`;
      const sig = `${D.len(D.rtrimZeros(M))} <= 15`;
      const fits = `(${k} >= 0 AND ${D.len(M)} + ${k} <= ${this.valueDigits + SCALE_DIGITS})`;
      const digits = `(CASE WHEN ${M} = '' THEN 0 ELSE ${D.toBigint(D.concat(M, D.repeatZeros(k)))} END)`;
      l3.push([`k_v${i}`, `(CASE WHEN NOT k_miss${i} AND k_form${i} AND ${sig} AND ${fits} THEN (CASE WHEN k_neg${i} THEN -${digits} ELSE ${digits} END) END)`]);
      // messages in the binder's words (data/table.ts)
      const value = { sql: t };
      const column = inp.column;
      this.errors.push([`(NOT k_miss${i} AND NOT (k_form${i} AND ${sig}))`, this.msg('KPI0811.sql', { value, column })]);
      this.errors.push([`(NOT k_miss${i} AND NOT ${fits})`, this.msg('KPI1103', { value, column, decimals: SCALE_DIGITS, digits: this.valueDigits })]);
      // a N/A cell in a column an `optional` indicator reads is the N/A mark (k_na), else blank (data/table.ts)
      const na = naCell(D, t);
      if (inp.na) l2.push([`k_na${i}`, na]);
      // a blank rater drops out of the mean (data/table.ts: raters are never required)
      if (!inp.optional && inp.role !== 'rater' && !(present && !present.has(inp.column))) {
        this.errors.push([`(k_miss${i} AND NOT ${na})`, this.msg('KPI0812.sql', { column })]);
        if (!inp.na) this.errors.push([na, this.msg('KPI0818.sql', { column, value, readers: inp.readers.map((r) => `\`${r}\``).join(', ') })]);
      }
      if (inp.role === 'count' || inp.role === 'bonus-input') {
        this.errors.push([`(k_v${i} < 0)`, this.msg('KPI0811.sql-negative', { value, column })]);
      }
      this.slotQ[i] = A.scaled(A.col(`k_v${i}`, 10n ** BigInt(this.valueDigits + SCALE_DIGITS)), SCALE);
    });
    this.errors.unshift([`(k_id IS NULL OR k_id = '')`, this.msg('KPI0809.sql', {})]);
    // SPEC §7 periods: rows of one person grouped into one (hooks.ts)
    this.hooks?.afterRead({ A, D, layer: () => this.layer(), wrap: (wrap, provides) => void this.layers.push({ wrap, provides }), errors: this.errors, slotQ: this.slotQ, msg: (id, args) => this.msg(id as 'KPI0809.sql', args as never) });
    // the cells' errors decided in one column here: the cells' text and its parts need not go up the stack
    if (this.errors.length) {
      this.layer().push(['k_err0', `(CASE ${this.errors.map(([c, m]) => `WHEN ${c} THEN ${m}`).join(' ')} END)`]);
      this.errors.splice(0, this.errors.length, ['(k_err0 IS NOT NULL)', 'k_err0']);
    }

    // ---------- metrics, one layer each (dependency order) ----------
    P.metrics.forEach((m, j) => {
      this.element = m.name;
      const l = this.layer();
      let v = this.expr(m.expr);
      if (m.default !== undefined) v = this.orDefault(v, A.dec(m.default));
      this.metricQ[j] = this.name(l, `k_m${j}`, v);
      // a metric without a default fails with N/A when its expression does (with a default, it has a value)
      const na = m.default === undefined ? this.naOf(m.expr) : FALSE;
      if (na !== FALSE) l.push([`k_mna${j}`, na]);
      this.metricNa[j] = na === FALSE ? FALSE : `k_mna${j}`;
    });

    // ---------- N/A: which optional indicators drop out of the row, and the weights that remain (na.ts) ----------
    const naConds = P.inds.map((ind) => {
      if (!P.hasOptional || !ind.optional) return FALSE;
      // a rating by raters is N/A when every mark is (exact.ts)
      if (ind.raters && ind.raters.length > 0) return and(...ind.raters.map((r) => (P.inputs[r.slot]!.na ? `k_na${r.slot}` : FALSE)));
      return this.naOf({ k: 'src', s: ind.src! });
    });
    let isNa: string[] = naConds.map(() => FALSE);
    let weights: Q[] = P.inds.map((ind) => A.dec(ind.weight));
    if (naConds.some((c) => c !== FALSE)) {
      const ln = this.layer();
      isNa = naConds.map((c, x) => {
        if (c === FALSE) return FALSE;
        ln.push([`k_nax${x}`, c]);
        return `k_nax${x}`;
      });
      this.element = P.name;
      const w = naWeights(P, A, isNa, () => this.layer());
      weights = w.weight;
      this.errors.push([w.none, this.msg('KPI0907.sql', {})]);
    }

    // ---------- actuals and per-person targets ----------
    const la = this.layer();
    const actual: Q[] = [];
    const target: (Q | undefined)[] = [];
    P.inds.forEach((ind, x) => {
      this.element = ind.name;
      if (!KNOWN_METHODS.has(ind.method)) throw refused('KPI1101.method', { indicator: ind.name, method: String(ind.method) });
      const newer = Object.keys(ind).filter((k) => !KNOWN_IND_KEYS.has(k) && !isEmpty((ind as unknown as Record<string, unknown>)[k]));
      if (ind.targetSrc && ind.targetHigh !== undefined) newer.push('targetHigh');
      if (newer.length) throw refused('KPI1101.indicator-form', { indicator: ind.name, forms: codeList(newer) });
      const applies = not(isNa[x]!);
      const def = ind.default !== undefined ? A.dec(ind.default) : undefined;
      let raw: Q;
      if (ind.raters && ind.raters.length > 0) raw = this.raters(ind);
      else {
        raw = this.src(ind.src!);
        if (ind.method === 'rating') {
          const lo = A.dec(ind.lo!);
          const hi = A.dec(ind.hi!);
          const out = `(${raw.n.s} IS NOT NULL AND (${A.cmp(raw, '<', lo)} OR ${A.cmp(raw, '>', hi)}))`;
          this.errors.push([out, this.msg('KPI0903.sql', { detail: `${ind.lo}..${ind.hi}`, element: ind.name })]);
          raw = this.within(raw, out, lo, hi);
        }
        if (!def) this.errors.push([and(this.naOf({ k: 'src', s: ind.src! }), applies), this.msg('KPI0906.sql', { element: ind.name })]);
      }
      const v = def ? this.orDefault(raw, def) : raw;
      if (!def) this.errors.push([and(`(${raw.n.s} IS NULL)`, applies), this.msg('KPI0901.sql', { element: ind.name })]);
      actual[x] = this.name(la, `k_a${x}`, v);
      target[x] = ind.targetSrc ? this.personTarget(ind, x, applies, la) : ind.target !== undefined ? A.dec(ind.target) : undefined;
    });

    // ---------- ratios ----------
    const lr = this.layer();
    const ratio: (Q | undefined)[] = P.inds.map((ind, x) => {
      if (!usesRatio(ind)) return undefined;
      this.element = ind.name;
      return this.name(lr, `k_r${x}`, this.ratio(ind, actual[x]!, target[x]!));
    });

    // ---------- scores (0 for an indicator that does not apply) ----------
    const ls = this.layer();
    let score: Q[] = P.inds.map((ind, x) => {
      this.element = ind.name;
      const s = this.score(ind, actual[x]!, ratio[x], target[x]);
      return this.name(ls, `k_s${x}`, isNa[x] === FALSE ? s : A.cases([[isNa[x]!, A.q(0n, 1n)]], s));
    });
    // periods combine the reported (rounded) scores and bonus, as money/cycles.ts does
    // a value within the integers lo..hi stays within them when rounded
    const roundTo = (v: Q, dec: number) => A.mk(A.roundScaled(v, dec), 10n ** BigInt(dec), undefined, v.lo, v.hi);
    if (this.hooks?.roundedScores) {
      const lq = this.layer();
      score = score.map((s, x) => this.name(lq, `k_sq${x}`, roundTo(s, P.round + 2)));
    }

    // ---------- total, bonus, penalty, vetoes ----------
    const lt = this.layer();
    const R = P.round;
    const weighted = P.inds.map((ind, x) => {
      this.element = ind.name;
      return A.mul(score[x]!, weights[x]!);
    });
    let bonus = A.q(0n, 1n);
    let penalty = A.q(0n, 1n);
    for (const b of [...P.bonuses, ...(P.penalties ?? [])]) {
      this.element = b.name;
      let n = this.src(b.src);
      if (b.default !== undefined) n = this.orDefault(n, A.dec(b.default));
      else {
        this.errors.push([this.naOf({ k: 'src', s: b.src }), this.msg('KPI0906.sql', { element: b.name })]);
        this.errors.push([`(${n.n.s} IS NULL)`, this.msg('KPI0901.sql', { element: b.name })]);
      }
      // a negative count adds nothing (a bonus never takes points away, a penalty never gives them)
      const steps = A.floorPos(A.div(n, A.dec(b.per)));
      let v = A.mul(A.dec(b.points), steps);
      if (b.max !== undefined) v = A.min(v, A.dec(b.max));
      if (b.penalty) penalty = A.add(penalty, v);
      else bonus = A.add(bonus, v);
    }
    const vetoHit: string[] = P.vetoes.map((v, j) => {
      this.element = v.name;
      const e = this.expr(v.expr);
      this.errors.push([this.naOf(v.expr), this.msg('KPI0906.sql', { element: v.name })]);
      this.errors.push([`(${e.n.s} IS NULL)`, this.msg('KPI0901.sql-veto', { element: v.name })]);
      lt.push([`k_veto${j}`, `(${e.n.s} IS NOT NULL AND ${e.n.s} <> 0)`]);
      return `k_veto${j}`;
    });
    this.element = 'total';
    const vetoed = vetoHit.length ? `(${vetoHit.join(' OR ')})` : '(1=0)';
    const bonusN = this.name(lt, 'k_bonus', this.hooks?.roundedScores ? roundTo(bonus, R) : bonus);
    const hasPenalties = (P.penalties ?? []).length > 0;
    const penaltyN = this.name(lt, 'k_penalty', penalty);
    // penalties come off after weighting; the total stops at 0 unless the plan allows less (exact.ts)
    const terms = [...weighted, bonusN, ...(hasPenalties ? [A.neg(penaltyN)] : [])];
    const totalScaled = this.roundedSum(terms, R, P.negativeTotal === true);
    let floored = totalScaled.s;
    if (!P.negativeTotal && terms.some((t) => t.lo < 0n)) {
      this.layer().push(['k_tot', totalScaled.s]);
      floored = '(CASE WHEN k_tot < 0 THEN 0 ELSE k_tot END)';
    }
    const lf = this.layer();
    lf.push(['k_total', `(CASE WHEN ${vetoed} THEN 0 ELSE ${floored} END)`]);

    // ---------- output ----------
    const columns: SqlColumn[] = [];
    const out: string[] = [];
    const put = (expr: string, c: SqlColumn) => {
      out.push(`${expr} AS ${D.ident(c.name)}`);
      columns.push(c);
    };
    put('k_id', { name: 'id', role: 'id' });
    put(this.errors.length ? `(CASE ${this.errors.map(([c, m]) => `WHEN ${c} THEN ${m}`).join(' ')} END)` : 'NULL', { name: 'error', role: 'error' });
    put(D.decimal('k_total', R), { name: 'total', role: 'total' });
    const total: Q = A.scaled(A.col('k_total', totalScaled.b), 10n ** BigInt(R));
    if (P.grades.length) {
      const arms = (f: (g: LPlan['grades'][number]) => string) => {
        const last = P.grades[P.grades.length - 1]!;
        const parts = [`WHEN ${vetoed} THEN ${f(last)}`];
        for (const g of P.grades) parts.push(`WHEN ${g.min === undefined ? '(1=1)' : A.cmp(total, '>=', A.dec(g.min))} THEN ${f(g)}`);
        return `(CASE ${parts.join(' ')} END)`;
      };
      put(arms((g) => D.str(g.label)), { name: 'grade', role: 'grade' });
      // one scale for every arm: a CASE over DECIMAL(38,1) and DECIMAL(38,0) would round 1.2 to 1
      const cscale = Math.max(0, ...P.grades.map((g) => /\.(\d+)$/.exec(g.coefficient ?? '')?.[1]?.length ?? 0));
      put(arms((g) => (g.coefficient === undefined ? 'NULL' : constDecimal(D, g.coefficient, cscale))), { name: 'coefficient', role: 'coefficient' });
    } else {
      put('NULL', { name: 'grade', role: 'grade' });
      put('NULL', { name: 'coefficient', role: 'coefficient' });
    }
    put(D.decimal(A.roundScaled(bonusN, R).s, R), { name: 'bonus', role: 'bonus' });
    if (hasPenalties) put(D.decimal(A.roundScaled(penaltyN, R).s, R), { name: 'penalty', role: 'penalty' });
    P.vetoes.forEach((v, j) => put(vetoHit[j]!, { name: `veto:${v.name}`, role: 'veto', index: j }));
    P.inds.forEach((ind, x) => {
      this.element = ind.name;
      put(D.decimal(A.roundScaled(actual[x]!, R + 4).s, R + 4), { name: `${ind.name}.actual`, role: 'actual', index: x });
      if (ratio[x]) put(D.decimal(A.roundScaled(ratio[x]!, R + 4).s, R + 4), { name: `${ind.name}.ratio`, role: 'ratio', index: x });
      put(D.decimal(A.roundScaled(score[x]!, R + 2).s, R + 2), { name: `${ind.name}.score`, role: 'score', index: x });
      const w = weights[x]!;
      put(A.isConst(w) ? constDecimal(D, roundedText(w, 12)) : D.decimal(A.roundScaled(w, 12).s, 12), { name: `${ind.name}.weight`, role: 'weight', index: x });
      put(D.decimal(A.roundScaled(weighted[x]!, R + 2).s, R + 2), { name: `${ind.name}.weighted`, role: 'weighted', index: x });
      // an indicator that does not apply to the person (N/A): no actual, ratio or score in the report
      if (isNa[x] !== FALSE) put(isNa[x]!, { name: `${ind.name}.na`, role: 'na', index: x });
    });
    // the values a wrapping query (money.ts) reads, not part of the report
    if (this.hooks) {
      // |total| ≤ Σ |term| (each term's value bound), so the scaled total is bounded by that × 10^R (+1 for rounding)
      const mag = terms.reduce((acc, t) => acc + (t.hi > -t.lo ? t.hi : -t.lo), 0n);
      const tb = (mag + 1n) * 10n ** BigInt(R);
      const total = A.col('k_total', tb < totalScaled.b ? tb : totalScaled.b);
      for (const [a, e] of this.hooks.output({ total, bonus: A.roundScaled(bonusN, R), vetoed })) out.push(`${e} AS ${a}`);
    }

    // ---------- assemble ----------
    const table = this.opts.table ?? 'actuals';
    const base = `SELECT ${l0.map(([a, e]) => `${e} AS ${a}`).join(',\n  ')}\nFROM ${table.split('.').map((p) => D.ident(p)).join('.')}\nWHERE ${where}`;
    const orderCol = this.opts.orderBy !== undefined ? 'k_ord' : 'k_id';
    let sql = stackLayers(D, base, l0.map(([a]) => a), this.layers, [...out, orderCol]);
    const order = this.opts.orderBy !== undefined ? '\nORDER BY k_ord' : D.name === 'clickhouse' ? '\nORDER BY k_id' : '';
    sql = `-- kpi: plan ${JSON.stringify(P.name).replace(/\n/g, ' ')}, exact integer arithmetic (${D.name}); values read to ${SCALE_DIGITS} decimals, below 10^${this.valueDigits}\nSELECT\n  ${out.join(',\n  ')}\nFROM (\n${sql}${D.fence}\n) AS k_out${order}\n`;
    return this.hooks ? this.hooks.finish({ sql, columns }, this.valueDigits) : { sql, columns };
  }

  /**
   * Σ terms rounded half away from zero to `dec` places, as a scaled integer. When the exact sum's common
   * denominator fits the dialect's integers: one division. Otherwise (several data-dependent denominators:
   * reverse ratios, per-person targets, N/A re-weighting) each term is divided out by long division in blocks
   * of B digits, the blocks summed with carries, and the +1/2 carry decided with a window of m units in the
   * last block (m terms, each truncated by less than one unit). Its exactness: the exact sum is a fraction with
   * denominator at most P = Π denominators, so a value that is not a rounding boundary lies at least 1/P from
   * it; J blocks with B^J ≥ m·P make the window narrower than that, so only a value exactly at the boundary
   * falls in it, and it rounds up, as half-up does. A term that may be negative (a penalty) is lifted by an
   * integer first, taken off again at the end. That gives floor(x + 1/2), half up; `signed` (a total that may
   * be below 0) also needs half away from zero below 0: one less where x + 1/2 is an integer ≤ 0, which the
   * same window tells (the blocks' low digits are then those of 0, up to the m − 1 added).
   */
  private roundedSum(terms: Q[], dec: number, signed: boolean): I {
    const A = this.A;
    const D = this.D;
    try {
      let sum = A.q(0n, 1n);
      for (const t of terms) sum = A.add(sum, t);
      return A.roundScaled(sum, dec);
    } catch (e) {
      if (!(e instanceof Overflow)) throw e;
    }
    const p = A.q(10n ** BigInt(dec), 1n);
    let fixed = A.q(1n, 2n);
    // terms over the same data-dependent denominator (the N/A re-weighting's Σ weights, one person's target)
    // are added first: fewer terms, and a product P of denominators smaller by that factor (fewer blocks)
    const xs0: Q[] = [];
    for (const t of terms) {
      const x = A.mul(t, p);
      if (!x.r) {
        fixed = A.add(fixed, x);
        continue;
      }
      const same = xs0.findIndex((y) => y.r!.s === x.r!.s);
      if (same >= 0) {
        try {
          xs0[same] = A.add(xs0[same]!, x);
          continue;
        } catch (e) {
          if (!(e instanceof Overflow)) throw e;
        }
      }
      xs0.push(x);
    }
    xs0.push(fixed);
    let lift = 0n;
    const xs = xs0.map((x) => {
      if (x.lo >= 0n) return x;
      lift += -x.lo;
      return A.add(x, A.q(-x.lo, 1n));
    });
    const m = BigInt(xs.length);
    const dens = xs.map((x) => A.den(x));
    const P = dens.reduce((acc, d) => acc * d.b, 1n);
    const dmax = dens.reduce((acc, d) => (d.b > acc ? d.b : acc), 1n);
    let B = 1n;
    while (dmax * B * 10n < D.wideLimit && B < 10n ** 30n) B *= 10n;
    if (B < 10n) throw new Overflow(`denominator ${dmax}`);
    let J = 1;
    for (let BJ = B; BJ < m * P; BJ *= B) J++;
    // block 0: integer parts and remainders; blocks 1..J: B digits each. A block's digits are summed in the
    // layer that makes them, so what goes up the stack is one sum per block, not one digit per term and block
    const sumI = (xsI: I[]) => xsI.reduce((acc, x) => A.iadd(acc, x), A.lit(0n));
    const l0 = this.layer();
    xs.forEach((x, i) => l0.push([`k_x${i}_r0`, D.mod(x.n.s, dens[i]!.s)]));
    const intSum = sumI(xs.map((x, i) => A.col(D.intDiv(x.n.s, dens[i]!.s), x.n.b)));
    l0.push(['k_xs0', intSum.s]);
    const ints = [A.col('k_xs0', intSum.b)];
    // blocks 1..J, folded as they are made into numbers of as many blocks as the wide type holds (base B^k),
    // so what goes up the stack is one running number, not one column per block
    const groups: { v: I; base: bigint }[] = [];
    let acc: I | undefined;
    let base = 1n;
    for (let j = 1; j <= J; j++) {
      const l = this.layer();
      const digitsOf = xs.map((_, i) => {
        const d = dens[i]!;
        const rb = A.imul(A.col(`k_x${i}_r${j - 1}`, d.b), A.lit(B));
        if (j < J) l.push([`k_x${i}_r${j}`, D.mod(rb.s, d.s)]);
        return A.col(D.intDiv(rb.s, d.s), B - 1n);
      });
      const sum = sumI(digitsOf);
      let next: I | undefined;
      if (acc) {
        try {
          next = A.iadd(A.imul(acc, A.lit(B)), sum);
          A.iadd(next, A.lit(m + 1n)); // the carry added below must fit too
        } catch (e) {
          if (!(e instanceof Overflow)) throw e;
          next = undefined;
        }
      }
      if (!next) {
        if (acc) groups.push({ v: acc, base });
        next = sum;
        base = 1n;
      }
      base *= B;
      l.push([`k_xh${j}`, next.s]);
      acc = A.col(`k_xh${j}`, next.b);
    }
    groups.push({ v: acc!, base });
    // carries from the last group up: floor((Z - 1) / B^J) with Z = blocks as digits + m; the low digits say
    // whether x + 1/2 is an integer (see above)
    const G = groups.length;
    const lowBase = A.lit(groups[G - 1]!.base).s;
    let digits = A.iadd(groups[G - 1]!.v, A.lit(m - 1n));
    let carry = A.col(D.intDiv(digits.s, lowBase), m + 1n);
    let exact: string[] = [`(${D.mod(digits.s, lowBase)} <= ${m - 1n})`];
    for (let g = G - 2; g >= 0; g--) {
      // the window's test reads every step's digits: named every few steps, so the text grows linearly
      if (signed && (G - 1 - g) % CARRY_STEPS_PER_LAYER === 0) {
        const l = this.layer();
        l.push([`k_cy${g}`, carry.s]);
        l.push([`k_ex${g}`, `(${exact.join(' AND ')})`]);
        carry = A.col(`k_cy${g}`, m + 1n);
        exact = [`k_ex${g}`];
      }
      const Bg = A.lit(groups[g]!.base).s;
      digits = A.iadd(groups[g]!.v, carry);
      carry = A.col(D.intDiv(digits.s, Bg), m + 1n);
      exact.push(`(${D.mod(digits.s, Bg)} = 0)`);
    }
    let floorHalf = A.iadd(sumI(ints), carry);
    if (lift > 0n) floorHalf = A.isub(floorHalf, A.lit(lift));
    if (!signed) return floorHalf;
    const lf = this.layer();
    lf.push(['k_fh', floorHalf.s]);
    lf.push(['k_tie', `(${exact.join(' AND ')})`]);
    return A.col(`(CASE WHEN k_tie AND k_fh <= 0 THEN k_fh - 1 ELSE k_fh END)`, floorHalf.b + 1n);
  }

  /**
   * SQL saying the value of `e` fails with N/A: the first failure evaluating it (left to right, as exact.ts's
   * evalExpr) is a N/A cell of a column an optional indicator reads. FALSE when no such column is in reach.
   */
  private naOf(e: LExpr): string {
    switch (e.k) {
      case 'num':
        return FALSE;
      case 'src':
        return e.s.k === 'slot' ? (this.P.inputs[e.s.i]!.na ? `k_na${e.s.i}` : FALSE) : (this.metricNa[e.s.i] ?? FALSE);
      case 'neg':
      case 'not':
      case 'abs':
        return this.naOf(e.a);
      default: {
        const args = 'args' in e ? e.args : [e.a, e.b];
        const na = args.map((a) => this.naOf(a));
        if (na.every((x) => x === FALSE)) return FALSE;
        const ok = args.map((a) => {
          const v = this.expr(a);
          return this.A.isConst(v) ? TRUE : `(${v.n.s} IS NOT NULL)`;
        });
        return firstFailureNa(na, ok);
      }
    }
  }

  /**
   * This person's target (`target COLUMN`), read from a column or metric; a missing one is KPI0905, and so is
   * one at or below 0 where the target divides (exact.ts). Where it divides, the value is NULL at or below 0
   * (the row has failed), so no division by it can fail in the engine. Named in layer `l`.
   */
  private personTarget(ind: LIndicator, x: number, applies: string, l: [string, string][]): Q {
    const A = this.A;
    const s = ind.targetSrc!;
    const t = this.src(s);
    const column = s.k === 'slot' ? this.P.inputs[s.i]!.column : this.P.metrics[s.i]!.name;
    this.errors.push([and(this.naOf({ k: 'src', s }), applies), this.msg('KPI0906.sql', { element: ind.name })]);
    this.errors.push([and(`(${t.n.s} IS NULL)`, applies), this.msg('KPI0905.sql', { column, element: ind.name })]);
    if (!targetDivides(ind)) return t;
    const bad = `(${t.n.s} IS NOT NULL AND ${A.cmp(t, '<=', A.q(0n, 1n))})`;
    this.errors.push([and(bad, applies), this.msg('KPI0905.sql-not-positive', { column, element: ind.name })]);
    const pos = A.mk({ s: `(CASE WHEN ${bad} THEN NULL ELSE ${t.n.s} END)`, b: t.n.b }, t.k, t.r, t.lo > 0n ? t.lo : 0n, t.hi > 0n ? t.hi : 0n);
    return this.name(l, `k_tg${x}`, pos);
  }

  /** actual ÷ target (target ÷ actual when lower is better), or along a target range `LO..HI` (exact.ts) */
  private ratio(ind: LIndicator, a: Q, t: Q): Q {
    const A = this.A;
    const ONE = A.q(1n, 1n);
    const cap = A.dec(ind.cap);
    const inverse = ratioIsInverse(ind);
    if (ind.targetHigh !== undefined && (ind.method === 'linear' || ind.method === 'reverse')) {
      // the near end scores 100, the far end reaches the cap, linearly between; beyond the near end as for one target
      const hi = A.dec(ind.targetHigh);
      const slope = A.div(A.sub(cap, ONE), A.sub(hi, t));
      if (!inverse) return A.cases([[A.cmp(a, '<', t), A.div(a, t)], [A.cmp(a, '>=', hi), cap]], A.add(ONE, A.mul(slope, A.sub(a, t))));
      return A.cases([[A.cmp(a, '>', hi), A.div(hi, a)], [A.cmp(a, '<=', t), cap]], A.add(ONE, A.mul(slope, A.sub(hi, a))));
    }
    return inverse ? A.cases([[A.cmp(a, '<=', A.q(0n, 1n)), cap]], A.div(t, a)) : A.div(a, t);
  }

  /** v where it lies within lo..hi, else NULL (the row has failed already): its bounds are lo..hi */
  private within(v: Q, outside: string, lo: Q, hi: Q): Q {
    return this.A.mk({ s: `(CASE WHEN ${outside} THEN NULL ELSE ${v.n.s} END)`, b: v.n.b }, v.k, v.r, lo.lo, hi.hi);
  }

  /** a value with a default: the default where the value cannot be computed */
  private orDefault(v: Q, def: Q): Q {
    return this.A.cases([[`(${v.n.s} IS NULL)`, def]], v);
  }

  private src(s: LSrc): Q {
    return s.k === 'slot' ? this.slotQ[s.i]! : this.metricQ[s.i]!;
  }

  /** weighted mean of the raters present (a blank rater drops out), as run/exact.ts */
  private raters(ind: LIndicator): Q {
    const A = this.A;
    const ws = ind.raters!.map((r) => A.dec(r.weight));
    const W = ws.reduce((acc, w) => (acc * w.k) / gcdBig(acc, w.k), 1n);
    const lo = A.dec(ind.lo!);
    const hi = A.dec(ind.hi!);
    let sw: I = A.lit(0n);
    let sm: I = A.lit(0n);
    ind.raters!.forEach((r, j) => {
      const raw = this.slotQ[r.slot]!;
      // a N/A mark drops out like a blank one for an optional indicator, and fails the row for any other (exact.ts)
      if (this.P.inputs[r.slot]!.na && !ind.optional) this.errors.push([`k_na${r.slot}`, this.msg('KPI0906.sql', { element: ind.name })]);
      const wi = (ws[j]!.n.c! * W) / ws[j]!.k;
      const out = `(${raw.n.s} IS NOT NULL AND (${A.cmp(raw, '<', lo)} OR ${A.cmp(raw, '>', hi)}))`;
      this.errors.push([out, this.msg('KPI0903.sql-column', { column: this.P.inputs[r.slot]!.column, detail: `${ind.lo}..${ind.hi}`, element: ind.name })]);
      const v = this.within(raw, out, lo, hi);
      sw = A.iadd(sw, A.caseI([[`(${v.n.s} IS NULL)`, A.lit(0n)]], A.lit(wi)));
      sm = A.iadd(sm, A.caseI([[`(${v.n.s} IS NULL)`, A.lit(0n)]], A.imul(A.lit(wi), v.n)));
    });
    // Σ w·v / Σ w, with v = n / 10^6; no rater present → NULL (the default, or KPI0901)
    // a mean of marks within LO..HI (marks outside it are NULL here; the row fails with KPI0903)
    return A.mk({ s: `(CASE WHEN ${sw.s} = 0 THEN NULL ELSE ${sm.s} END)`, b: sm.b }, SCALE, { s: `(CASE WHEN ${sw.s} = 0 THEN 1 ELSE ${sw.s} END)`, b: sw.b }, lo.lo, hi.hi);
  }

  private score(ind: LIndicator, a: Q, r: Q | undefined, t: Q | undefined): Q {
    const A = this.A;
    const HUNDRED = A.q(100n, 1n);
    const ZERO = A.q(0n, 1n);
    let s: Q;
    switch (ind.method) {
      case 'linear':
      case 'reverse':
        s = A.mul(HUNDRED, A.max(ZERO, A.min(r!, A.dec(ind.cap))));
        break;
      case 'threshold': {
        // a range is met from its low end up (its high end down, lower is better)
        const bound = ind.lower && ind.targetHigh !== undefined ? A.dec(ind.targetHigh) : t!;
        s = A.cases([[A.cmp(a, ind.lower ? '<=' : '>=', bound), HUNDRED]], ZERO);
        break;
      }
      case 'steps':
        s = this.steps(ind, a, t!);
        break;
      case 'bands': {
        const basis = ind.on === 'ratio' ? r! : a;
        s = A.cases(
          (ind.rows ?? []).map((row: LBandRow) => [A.cmp(basis, row.op, A.dec(row.bound)), A.dec(row.score)]),
          ind.else !== undefined ? A.dec(ind.else) : ZERO,
        );
        break;
      }
      case 'curve': {
        const x = ind.on === 'ratio' ? r! : a;
        const pts = (ind.points ?? []).map((p) => ({ x: A.dec(p.x), y: A.dec(p.y) }));
        const first = pts[0]!;
        const last = pts[pts.length - 1]!;
        const arms: [string, Q][] = [
          [A.cmp(x, '<=', first.x), first.y],
          [A.cmp(x, '>=', last.x), last.y],
        ];
        for (let j = 0; j + 1 < pts.length; j++) {
          const p0 = pts[j]!;
          const p1 = pts[j + 1]!;
          const slope = A.div(A.sub(p1.y, p0.y), A.sub(p1.x, p0.x));
          arms.push([A.cmp(x, '<', p1.x), A.add(p0.y, A.mul(A.sub(x, p0.x), slope))]);
        }
        // interpolation stays within the points' scores (a segment is taken only between its ends)
        const ylo = pts.reduce((m, p) => (p.y.lo < m ? p.y.lo : m), first.y.lo);
        const yhi = pts.reduce((m, p) => (p.y.hi > m ? p.y.hi : m), first.y.hi);
        const c = A.cases(arms, last.y);
        s = A.mk(c.n, c.k, c.r, ylo, yhi);
        break;
      }
      case 'deduct': {
        const per = ind.per !== undefined ? A.dec(ind.per) : A.q(1n, 1n);
        const steps = A.floorPos(A.div(a, per));
        let d = A.mul(ind.dpoints !== undefined ? A.dec(ind.dpoints) : ZERO, steps);
        if (ind.max !== undefined) d = A.min(d, A.dec(ind.max));
        s = A.max(ZERO, A.sub(HUNDRED, d));
        break;
      }
      case 'rating':
        s = A.div(A.mul(HUNDRED, a), A.dec(ind.hi!));
        break;
      default:
        throw refused('KPI1101.method', { indicator: ind.name, method: String(ind.method) });
    }
    if (r && ind.floor !== undefined) s = A.cases([[A.cmp(r, '<', A.dec(ind.floor)), ZERO]], s);
    return s;
  }

  /**
   * `steps`: points per step of distance from the target (每低1%扣5分, 超额1%加2分最高加10分), deductions first;
   * a step measures the actual's units (`abs`) or shares of the target (`share`); partial steps count in
   * proportion, or not at all (`whole`), or as one (`started`); each clause capped by its max; the score ≥ 0.
   */
  private steps(ind: LIndicator, a: Q, t: Q): Q {
    const A = this.A;
    const ZERO = A.q(0n, 1n);
    const HUNDRED = A.q(100n, 1n);
    /** the points one clause takes or gives for a distance `diff` from the target (≤ 0: none) */
    const clause = (st: NonNullable<LIndicator['stepDeduct']>, diff: Q): Q => {
      const gap = A.max(ZERO, diff);
      const measured = ind.stepMeasure === 'share' ? A.div(gap, t) : gap;
      let units = A.div(measured, A.dec(st.per));
      if (st.rounding === 'whole') units = A.floorPos(units);
      else if (st.rounding === 'started') units = A.ceilPos(units);
      const v = A.mul(A.dec(st.points), units);
      return st.max !== undefined ? A.min(v, A.dec(st.max)) : v;
    };
    const diffOf = (st: NonNullable<LIndicator['stepDeduct']>) => (st.side === 'below' ? A.sub(t, a) : A.sub(a, t));
    const d = ind.stepDeduct;
    const up = ind.stepAdd;
    if (d && up && d.side !== up.side) {
      // the two clauses read opposite sides of the target: at most one of them counts in a row, so the score is
      // one of them (a CASE), not their sum (whose denominators would multiply)
      const below = d.side === 'below' ? A.sub(HUNDRED, clause(d, diffOf(d))) : A.add(HUNDRED, clause(up, diffOf(up)));
      const above = d.side === 'above' ? A.sub(HUNDRED, clause(d, diffOf(d))) : A.add(HUNDRED, clause(up, diffOf(up)));
      return A.max(ZERO, A.cases([[A.cmp(a, '<', t), below], [A.cmp(a, '>', t), above]], HUNDRED));
    }
    let sc = HUNDRED;
    if (d) sc = A.sub(sc, clause(d, diffOf(d)));
    if (up) sc = A.add(sc, clause(up, diffOf(up)));
    return A.max(ZERO, sc);
  }

  /** an expression of metrics, vetoes: NULL when it cannot be computed (blank input, division by zero) */
  private expr(e: LExpr): Q {
    const A = this.A;
    if (!KNOWN_EXPR.has(e.k)) throw refused('KPI1101.operation', { element: this.element, op: String(e.k) });
    const NULLQ: Q = { n: { s: 'NULL', b: 0n }, k: 1n, lo: 0n, hi: 0n };
    const bool = (cond: string, ...vs: Q[]): Q => {
      const nulls = vs.filter((v) => !A.isConst(v)).map((v) => `${v.n.s} IS NULL`);
      return A.cases([...(nulls.length ? [[`(${nulls.join(' OR ')})`, NULLQ] as [string, Q]] : []), [cond, A.q(1n, 1n)]], A.q(0n, 1n));
    };
    switch (e.k) {
      case 'num':
        return A.dec(e.v);
      case 'src':
        return this.src(e.s);
      case 'neg':
        return A.neg(this.expr(e.a));
      case 'abs': {
        const a = this.expr(e.a);
        return A.absQ(a);
      }
      case 'not': {
        const a = this.expr(e.a);
        return bool(`(${a.n.s} = 0)`, a);
      }
      case 'min':
      case 'max': {
        const vs = e.args.map((x) => this.expr(x));
        let acc = vs[0]!;
        for (const v of vs.slice(1)) {
          const nulls = [acc, v].filter((q) => !A.isConst(q)).map((q) => `${q.n.s} IS NULL`);
          const pick = e.k === 'min' ? A.min(acc, v) : A.max(acc, v);
          acc = nulls.length ? A.cases([[`(${nulls.join(' OR ')})`, NULLQ]], pick) : pick;
        }
        return acc;
      }
      default: {
        const a = this.expr(e.a);
        const b = this.expr(e.b);
        switch (e.k) {
          case '+':
            return A.add(a, b);
          case '-':
            return A.sub(a, b);
          case '*':
            return A.mul(a, b);
          case '/': {
            if (A.isConst(b)) {
              if (b.n.c === 0n) return NULLQ;
              return A.div(a, b);
            }
            const q = A.div(a, b);
            return { ...q, n: { s: `(CASE WHEN ${b.n.s} = 0 THEN NULL ELSE ${q.n.s} END)`, b: q.n.b } };
          }
          case '>':
          case '>=':
          case '<':
          case '<=':
            return bool(A.cmp(a, e.k, b), a, b);
          case '==':
            return bool(A.cmp(a, '=', b), a, b);
          case '!=':
            return bool(A.cmp(a, '<>', b), a, b);
          case 'and':
            return bool(`(${a.n.s} <> 0 AND ${b.n.s} <> 0)`, a, b);
          case 'or':
            return bool(`(${a.n.s} <> 0 OR ${b.n.s} <> 0)`, a, b);
        }
      }
    }
    throw refused('KPI1101.expression', { element: this.element });
  }
}

const gcdBig = (a: bigint, b: bigint): bigint => {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

/** a constant rational rounded half away from zero to `dec` places, as decimal text */
function roundedText(v: Q, dec: number): string {
  const n = v.n.c!;
  const d = v.k;
  const p = 10n ** BigInt(dec);
  const neg = n < 0n;
  const a = neg ? -n : n;
  let i = (a * p) / d;
  if ((a * p - i * d) * 2n >= d) i += 1n;
  let s = i.toString().padStart(dec + 1, '0');
  s = s.slice(0, s.length - dec) + '.' + s.slice(s.length - dec);
  return (neg && i !== 0n ? '-' : '') + s;
}

/** a decimal literal of the plan as an exact DECIMAL */
function constDecimal(D: Dialect, text: string, scale?: number): string {
  const frac = scale ?? /\.(\d+)$/.exec(text)?.[1]?.length ?? 0;
  return D.decimalConst(text, frac);
}
