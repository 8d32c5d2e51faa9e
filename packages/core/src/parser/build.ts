/**
 * CST → IR. Tolerates every child being absent (after error recovery): such nodes are still emitted,
 * with `recovered: true` where the schema allows it, so the checker can run on the rest of the file.
 * Spans are 0-based half-open (chevrotain's end offsets are inclusive: +1 here).
 */
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Span } from '../source/span.js';
import { diag, bilingual, bilingualRef, note, text as ref } from '../diagnostics/diag.js';
import type { MessageRef } from '../diagnostics/types.js';
import { dec } from '../numbers/decimal.js';
import { Rational } from '../numbers/rational.js';
import type {
  Bonus,
  Expr,
  GradeLine,
  Grades,
  Group,
  Indicator,
  Method,
  StepClause,
  Metric,
  Name,
  NumLit,
  Plan,
  PlanFile,
  TestCase,
  Veto,
} from '../ir/schema.js';
import { parseQuotedNumber } from './quoted.js';
import { isNotApplicable } from '../data/value.js';
import { MONEY_ITEMS, aggregateOf, buildMoneyItem, buildPerson } from './build-money.js';
import { hasTooManyDecimals } from '../lexer/index.js';
import { NameNode, NumLitNode } from '../ir/leaves.js';

type Children = Record<string, CstElement[] | undefined>;

interface Ctx {
  text: string;
  file: string | undefined;
  diagnostics: Diagnostic[];
  /** offsets of keyword tokens used as names (`indicator 目标 …`), for the formatter's keyword style */
  keywordNames?: Set<number>;
}

const isToken = (e: CstElement | undefined): e is IToken => !!e && (e as IToken).image !== undefined;
/** a token really in the text (not one chevrotain inserted while recovering) */
const real = (t: IToken | undefined): t is IToken => !!t && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);

function tok(c: Children, key: string, i = 0): IToken | undefined {
  const e = c[key]?.[i];
  return isToken(e) && real(e) ? e : undefined;
}
function node(c: Children, key: string, i = 0): CstNode | undefined {
  const e = c[key]?.[i];
  return e && !isToken(e) ? (e as CstNode) : undefined;
}
function nodes(c: Children, key: string): CstNode[] {
  return (c[key] ?? []).filter((e): e is CstNode => !isToken(e));
}
function toks(c: Children, key: string): IToken[] {
  return (c[key] ?? []).filter((e): e is IToken => isToken(e) && real(e));
}

/** a token's text, keywords in their English spelling (`且` → `and`): the IR does not depend on the file's keyword style */
const kwText = (t: IToken): string => (t.tokenType.name.startsWith('Kw_') ? t.tokenType.name.slice(3) : t.image);

export const tspan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });

/** span of a CST node from chevrotain's location (inclusive end), or from its tokens when recovery left NaN */
function nspan(n: CstNode, fallback: Span): Span {
  const l = n.location;
  if (l && Number.isFinite(l.startOffset) && Number.isFinite(l.endOffset)) {
    return { start: l.startOffset, end: (l.endOffset as number) + 1 };
  }
  let start = Infinity;
  let end = -Infinity;
  const visit = (x: CstNode): void => {
    for (const arr of Object.values(x.children)) {
      for (const e of arr) {
        if (isToken(e)) {
          if (real(e)) {
            start = Math.min(start, e.startOffset);
            end = Math.max(end, e.startOffset + e.image.length);
          }
        } else visit(e as CstNode);
      }
    }
  };
  visit(n);
  return Number.isFinite(start) ? { start, end } : fallback;
}

const recoveredNode = (n: CstNode): boolean => n.recoveredNode === true;

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}
/** the content of a string token (the closing quote may be missing after an unterminated string) */
export function stringValue(image: string): string {
  if (image.startsWith('“')) return image.slice(1, -1);
  // closed when the last `"` is not itself escaped, i.e. follows an even number of `\` (`"a\\"` is `a\`)
  let closed = false;
  if (image.length >= 2 && image.endsWith('"')) {
    let k = 0;
    for (let i = image.length - 2; i >= 1 && image[i] === '\\'; i--) k++;
    closed = k % 2 === 0;
  }
  return unescape(closed ? image.slice(1, -1) : image.slice(1));
}

export class IrBuilder {
  constructor(private readonly ctx: Ctx) {}

  /** for the SPEC §7 builder (build-money.ts) */
  emit(d: Diagnostic): void {
    this.ctx.diagnostics.push(d);
  }
  get fileName(): string | undefined {
    return this.ctx.file;
  }

  private diag(d: Diagnostic): void {
    this.ctx.diagnostics.push(d);
  }

  file(cst: CstNode | undefined): PlanFile {
    const plans = cst ? nodes(cst.children, 'plan').map((p) => this.plan(p)) : [];
    return { kind: 'file', plans, span: { start: 0, end: this.ctx.text.length } };
  }

  // ---------- leaves ----------
  name(n: CstNode | undefined): Name | undefined {
    if (!n) return undefined;
    const c = n.children;
    const t = tok(c, 'Identifier') ?? tok(c, 'Keyword') ?? tok(c, 'StringLit');
    if (!t) return undefined;
    const text = t.tokenType.name === 'StringLit' || t.tokenType.name === 'UnterminatedString' ? stringValue(t.image) : t.image;
    if (t.tokenType.name.startsWith('Kw_')) this.ctx.keywordNames?.add(t.startOffset);
    return new NameNode(text, t.startOffset, t.startOffset + t.image.length);
  }

  qualifiedName(n: CstNode | undefined): Name | undefined {
    if (!n) return undefined;
    const parts = nodes(n.children, 'name')
      .map((x) => this.name(x))
      .filter((x): x is Name => !!x);
    if (parts.length === 0) return undefined;
    return {
      text: parts.map((p) => p.text).join('.'),
      span: { start: parts[0]!.span.start, end: parts[parts.length - 1]!.span.end },
    };
  }

  num(n: CstNode | undefined): NumLit | undefined {
    if (!n) return undefined;
    const c = n.children;
    const minus = tok(c, 'Minus');
    const t = tok(c, 'NumberLit') ?? tok(c, 'PercentLit');
    if (!t) return undefined;
    const lit = numberToken(t);
    if (!lit) return undefined;
    if (minus) {
      lit.span = { start: minus.startOffset, end: lit.span.end };
      if (lit.value !== '0') lit.value = '-' + lit.value;
    }
    return lit;
  }

  /** a number, or a quoted number as written in data (`"1,200,000"`, `"¥1,200,000"`) */
  value(n: CstNode | undefined): NumLit | undefined {
    if (!n) return undefined;
    const numNode = node(n.children, 'num');
    if (numNode) return this.num(numNode);
    const s = tok(n.children, 'StringLit');
    if (!s) return undefined;
    const raw = stringValue(s.image);
    const q = parseQuotedNumber(raw);
    if (!q) {
      this.diag(
        diag('KPI0105.string', { text: s.image }, { file: this.ctx.file, span: tspan(s) }),
      );
      return undefined;
    }
    return new NumLitNode(q.value, q.percent, s.startOffset, s.startOffset + s.image.length);
  }

  // ---------- plan ----------
  plan(n: CstNode): Plan {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const name = this.name(node(c, 'name')) ?? { text: '', span: { start: span.start, end: span.start } };
    const plan: Plan = {
      kind: 'plan',
      name,
      settings: {},
      items: [],
      metrics: [],
      bonuses: [],
      penalties: [],
      allows: [],
      vetoes: [],
      tests: [],
      span,
    };
    const seen = new Map<string, Span>();
    const once = (key: string, sp: Span, what: string): boolean => {
      const prev = seen.get(key);
      if (prev) {
        this.duplicate(what, sp, prev, 'plan');
        return false;
      }
      seen.set(key, sp);
      return true;
    };
    for (const item of nodes(c, 'planItem')) {
      const ic = item.children;
      const sub = Object.keys(ic)[0];
      const sn = sub ? node(ic, sub) : undefined;
      if (!sn) continue;
      const sc = sn.children;
      if (sub && MONEY_ITEMS.has(sub)) {
        buildMoneyItem(this, sub, sn, plan, once);
        continue;
      }
      switch (sub) {
        case 'indicator':
          plan.items.push(this.indicator(sn));
          break;
        case 'group':
          plan.items.push(this.group(sn));
          break;
        case 'metric':
          plan.metrics.push(this.metric(sn));
          break;
        case 'bonus':
          plan.bonuses.push(this.bonus(sn));
          break;
        case 'penalty':
          plan.penalties.push(this.bonus(sn, 'penalty'));
          break;
        case 'allow': {
          const names = nodes(sc, 'name').map((x) => this.name(x)).filter((x): x is Name => !!x);
          const reason = tok(sc, 'StringLit');
          const sp = nspan(sn, span);
          if (names.length === 2 && names[0]!.text === 'negative' && names[1]!.text === 'total') {
            if (once('negative total', sp, '`allow negative total`')) plan.settings.negativeTotal = { span: sp };
            break;
          }
          if (names.length === 0) break;
          const a: Plan['allows'][number] = { kind: 'allow', code: names[0]!, span: sp };
          if (reason) a.reason = stringValue(reason.image);
          if (names.length > 1) {
            this.diag(diag('KPI0101.after-allow', { word: names[1]!.text, code: names[0]!.text }, { file: this.ctx.file, span: names[1]!.span }));
          }
          plan.allows.push(a);
          break;
        }
        case 'veto':
          plan.vetoes.push(this.veto(sn));
          break;
        case 'grades': {
          const g = this.grades(sn);
          if (once('grades', g.span, '`grades`')) plan.grades = g;
          break;
        }
        case 'test':
          plan.tests.push(this.test(sn));
          break;
        case 'cycleSetting': {
          const v = tok(sc, 'CycleKw');
          const sp = nspan(sn, span);
          if (v && once('cycle', sp, '`cycle`'))
            plan.settings.cycle = { value: kwText(v) as 'monthly' | 'quarterly' | 'semiannual' | 'annual', span: sp };
          break;
        }
        case 'roleSetting': {
          const r = this.name(node(sc, 'name'));
          if (r && once('role', nspan(sn, span), '`role`')) plan.settings.role = r;
          break;
        }
        case 'roundSetting': {
          const t = tok(sc, 'NumberLit');
          const sp = nspan(sn, span);
          if (!t) break;
          const v = dec.parse(t.image);
          // the range (0 to 6) is the checker's KPI0408; here only the form: a whole number the IR can hold
          // exactly (a 30-digit `round` printed back as `1.2345678901234568e+29` broke `kpi fmt`)
          if (!v || !/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) {
            this.diag(
              diag('KPI0109', { text: t.image }, { file: this.ctx.file, span: tspan(t) }),
            );
          } else if (once('round', sp, '`round`')) plan.settings.round = { value: Number(v), span: sp };
          break;
        }
      }
    }
    return plan;
  }

  private duplicate(what: string, sp: Span, prev: Span, where: 'plan' | 'indicator' | 'bonus' | 'penalty' | 'scoring-method'): void {
    this.diag(
      diag('KPI0107', { what, where: bilingual(`what.${where}`, {}) }, {
        file: this.ctx.file,
        span: sp,
        related: [note('note.first-here', { what }, prev)],
        edits: [{ span: sp, text: '' }],
      }),
    );
  }

  indicator(n: CstNode): Indicator {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_indicator');
    const name = this.name(node(c, 'name'));
    const ind: Indicator = {
      kind: 'indicator',
      name: name ?? { text: '', span: kw ? tspan(kw) : span },
      lower: false,
      span,
    };
    let recovered = recoveredNode(n) || !name;
    const seen = new Map<string, Span>();
    for (const cl of nodes(c, 'indicatorClause')) {
      const cc = cl.children;
      const sp = nspan(cl, span);
      const agg = node(cc, 'aggregate');
      if (agg) {
        const a = aggregateOf(agg, sp);
        if (a && seen.has('aggregate')) this.duplicate('`aggregate`', sp, seen.get('aggregate')!, 'indicator');
        else if (a) {
          seen.set('aggregate', sp);
          ind.aggregate = a;
        }
        continue;
      }
      const key = Object.keys(cc).find((k) => k.startsWith('Kw_') || k === 'StringLit') ?? '';
      if (recoveredNode(cl)) recovered = true;
      const what = key === 'StringLit' ? 'the description' : '`' + key.slice(3) + '`';
      const prev = seen.get(key);
      if (prev) {
        this.duplicate(what, sp, prev, 'indicator');
        continue;
      }
      seen.set(key, sp);
      switch (key) {
        case 'Kw_weight': {
          const v = this.num(node(cc, 'num'));
          if (v) ind.weight = v;
          else recovered = true;
          break;
        }
        case 'Kw_target': {
          if (!this.target(node(cc, 'targetValue'), ind)) recovered = true;
          break;
        }
        case 'Kw_scoring': {
          const m = this.method(node(cc, 'method'), ind);
          if (m) ind.method = m;
          else recovered = true;
          break;
        }
        case 'Kw_cap': {
          const v = this.num(node(cc, 'num'));
          if (v) ind.cap = v;
          break;
        }
        case 'Kw_floor': {
          const v = this.num(node(cc, 'num'));
          if (v) ind.floor = v;
          break;
        }
        case 'Kw_input': {
          const v = this.qualifiedName(node(cc, 'qualifiedName'));
          if (v) ind.input = v;
          break;
        }
        case 'Kw_unit': {
          const u = node(cc, 'unitValue');
          if (u) {
            const nm = this.name(node(u.children, 'name'));
            const pc = tok(u.children, 'PercentSign');
            if (nm) ind.unit = nm;
            else if (pc) ind.unit = { text: '%', span: tspan(pc) };
          }
          break;
        }
        case 'Kw_default': {
          const v = this.value(node(cc, 'value'));
          if (v) ind.default = v;
          break;
        }
        case 'Kw_lower':
          ind.lower = true;
          break;
        case 'Kw_optional':
          ind.optional = true;
          break;
        case 'StringLit': {
          const s = tok(cc, 'StringLit');
          if (s) ind.description = stringValue(s.image);
          break;
        }
      }
    }
    if (ind.method?.kind === 'reverse') ind.lower = true;
    // `deduct … above target` (每超5秒扣10分): a higher actual is worse
    if (ind.method?.kind === 'steps' && (ind.method.deduct?.side === 'above' || ind.method.add?.side === 'below')) ind.lower = true;
    if (name && !recoveredNode(n)) {
      const end = { start: span.end, end: span.end };
      if (!seen.has('Kw_weight')) {
        recovered = true;
        this.missing(ref('KPI0106.no-weight', { name: name.text }), name.span);
      }
      if (!seen.has('Kw_scoring')) {
        recovered = true;
        this.missing(ref('KPI0106.no-scoring', { name: name.text }), name.span, end, ' scoring linear');
      }
    }
    if (recovered) ind.recovered = true;
    return ind;
  }

  /** `target 100%`, `"¥1,200,000"`, `3..5`, or a column/metric name read per row */
  private target(n: CstNode | undefined, ind: Indicator): boolean {
    if (!n) return false;
    const c = n.children;
    const id = tok(c, 'Identifier') ?? tok(c, 'Keyword');
    if (id && /^(nan|infinity|inf)$/i.test(id.image)) {
      // not a column anybody names: a number that cannot be (`target NaN`)
      this.diag(diag('KPI0101.target-nan', { word: id.image }, { file: this.ctx.file, span: tspan(id) }));
      return false;
    }
    if (id) {
      ind.targetRef = { text: id.image, span: tspan(id) };
      return true;
    }
    const s = tok(c, 'StringLit');
    if (s) {
      const raw = stringValue(s.image);
      const q = parseQuotedNumber(raw);
      // a quoted number as written in data, else a column name that needs quotes (`"目标 (含税)"`)
      if (q) {
        ind.target = new NumLitNode(q.value, q.percent, s.startOffset, s.startOffset + s.image.length);
        return true;
      }
      // what starts like a number is a mistyped number (`"1,2000"`), not a column name
      if (/^[\s¥$￥+\-(]*[\d０-９.]/.test(raw)) return this.value(n) !== undefined;
      ind.targetRef = { text: raw, span: tspan(s) };
      return true;
    }
    const lo = this.num(node(c, 'num', 0));
    if (!lo) return false;
    ind.target = lo;
    const hi = this.num(node(c, 'num', 1));
    if (hi) ind.targetHigh = hi;
    return true;
  }

  private missing(what: MessageRef, span: Span, at?: Span, text?: string): void {
    this.diag(
      diag('KPI0106', { what: bilingualRef(what) }, {
        file: this.ctx.file,
        span,
        helpText: { id: `${what.id}.help`, args: what.args },
        ...(at && text ? { edits: [{ span: at, text }], fixText: ref('fix.add', { text: text.trim() }) } : {}),
      }),
    );
  }

  method(n: CstNode | undefined, ind: Indicator): Method | undefined {
    if (!n) return undefined;
    const c = n.children;
    const span = nspan(n, ind.span);
    for (const k of ['linear', 'reverse', 'threshold'] as const) {
      if (tok(c, 'Kw_' + k)) return { kind: k, span };
    }
    const b = node(c, 'bands');
    if (b) {
      const bc = b.children;
      if (tok(bc, 'Kw_lower')) ind.lower = true;
      const rows = nodes(bc, 'bandRow').flatMap((r) => {
        const rc = r.children;
        const opNode = node(rc, 'bandOp');
        const opTok = opNode ? (Object.values(opNode.children)[0]?.[0] as IToken | undefined) : undefined;
        const bound = this.num(node(rc, 'num', 0));
        const score = this.num(node(rc, 'num', 1));
        if (!opTok || !real(opTok) || !bound || !score) return [];
        return [{ op: opTok.image as '>=' | '>' | '<=' | '<', bound, score, span: nspan(r, span) }];
      });
      const m: Method = { kind: 'bands', on: this.basis(node(bc, 'basis')), rows, span: nspan(b, span) };
      const e = node(bc, 'bandElse');
      const es = e ? this.num(node(e.children, 'num')) : undefined;
      if (e && es) m.else = { score: es, span: nspan(e, span) };
      return m;
    }
    const cv = node(c, 'curve');
    if (cv) {
      const cc = cv.children;
      if (tok(cc, 'Kw_lower')) ind.lower = true;
      const points = nodes(cc, 'curvePoint').flatMap((p) => {
        const x = this.num(node(p.children, 'num', 0));
        const y = this.num(node(p.children, 'num', 1));
        return x && y ? [{ x, y, span: nspan(p, span) }] : [];
      });
      return { kind: 'curve', on: this.basis(node(cc, 'basis')), points, span: nspan(cv, span) };
    }
    const ds = nodes(c, 'deduct');
    if (ds.length > 0) return this.steps(ds, span);
    const r = node(c, 'rating');
    if (r) {
      const rc = r.children;
      const lo = this.num(node(rc, 'num', 0));
      const hi = this.num(node(rc, 'num', 1));
      if (!lo || !hi) return undefined;
      const m: Method = { kind: 'rating', lo, hi, span: nspan(r, span) };
      const rs = node(rc, 'raters');
      if (rs) {
        m.raters = nodes(rs.children, 'rater').flatMap((x) => {
          const nm = this.name(node(x.children, 'name'));
          const w = this.num(node(x.children, 'num'));
          return nm && w ? [{ name: nm, weight: w, span: nspan(x, span) }] : [];
        });
      }
      return m;
    }
    return undefined;
  }

  /**
   * `deduct N per S [max M]` counts occurrences (扣分制); with `below|above target` the clause scores the
   * distance from the target (SPEC §6), and may be paired with an `add` clause for the other side.
   */
  private steps(ds: CstNode[], span: Span): Method | undefined {
    const clauses = ds.map((d) => {
      const dc = d.children;
      const points = this.num(node(dc, 'num', 0));
      const per = this.num(node(dc, 'num', 1));
      const max = this.num(node(dc, 'num', 2));
      const add = tok(dc, 'Kw_add');
      const side = tok(dc, 'Kw_below') ? ('below' as const) : tok(dc, 'Kw_above') ? ('above' as const) : undefined;
      const rounding = tok(dc, 'Kw_whole') ? ('whole' as const) : tok(dc, 'Kw_started') ? ('started' as const) : undefined;
      const first = add ?? tok(dc, 'Kw_deduct');
      return { d, points, per, max, add: !!add, side, rounding, kw: first, span: nspan(d, span) };
    });
    if (clauses.some((x) => !x.points || !x.per)) return undefined;
    const first = clauses[0]!;
    if (clauses.length === 1 && !first.add && !first.side) {
      if (first.rounding) {
        this.diag(diag('KPI0101.rounding-without-target', {}, { file: this.ctx.file, span: first.span }));
      }
      const m: Method = { kind: 'deduct', points: first.points!, per: first.per!, span: first.span };
      if (first.max) m.max = first.max;
      return m;
    }
    const m: Extract<Method, { kind: 'steps' }> = { kind: 'steps', span: { start: first.span.start, end: clauses[clauses.length - 1]!.span.end } };
    for (const x of clauses) {
      if (!x.side) {
        const side = x.add ? 'above' : 'below';
        this.diag(
          diag(x.add ? 'KPI0106.step-add' : 'KPI0106.step-deduct', {}, {
            file: this.ctx.file,
            span: x.span,
            edits: [{ span: { start: x.per!.span.end, end: x.per!.span.end }, text: ` ${side} target` }],
            fixText: ref('fix.add', { text: `${side} target` }),
          }),
        );
        return undefined;
      }
      const cl: StepClause = { points: x.points!, per: x.per!, side: x.side, rounding: x.rounding ?? 'proportional', span: x.span };
      if (x.max) cl.max = x.max;
      const key = x.add ? 'add' : 'deduct';
      if (m[key]) {
        this.duplicate(`\`${key}\``, x.span, m[key]!.span, 'scoring-method');
        continue;
      }
      m[key] = cl;
    }
    return m;
  }

  basis(n: CstNode | undefined): 'actual' | 'ratio' {
    return n && tok(n.children, 'Kw_ratio') ? 'ratio' : 'actual';
  }

  group(n: CstNode): Group {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_group');
    const name = this.name(node(c, 'name'));
    const g: Group = { kind: 'group', name: name ?? { text: '', span: kw ? tspan(kw) : span }, items: [], span };
    const w = this.num(node(c, 'num'));
    if (w) g.weight = w;
    if (tok(c, 'Kw_optional')) g.optional = true;
    const agg = aggregateOf(node(c, 'aggregate'), span);
    if (agg) g.aggregate = agg;
    for (const it of nodes(c, 'groupItem')) {
      const ind = node(it.children, 'indicator');
      const sub = node(it.children, 'group');
      if (ind) g.items.push(this.indicator(ind));
      else if (sub) g.items.push(this.group(sub));
    }
    if (recoveredNode(n) || !name || !tok(c, 'RBrace')) g.recovered = true;
    return g;
  }

  metric(n: CstNode): Metric {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_metric');
    const name = this.name(node(c, 'name')) ?? { text: '', span: kw ? tspan(kw) : span };
    const m: Metric = { kind: 'metric', name, expr: this.topExpr(node(c, 'expr'), span), span };
    const d = this.value(node(c, 'value'));
    if (d) m.default = d;
    return m;
  }

  bonus(n: CstNode, kind: 'bonus' | 'penalty' = 'bonus'): Bonus {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_' + kind);
    const name = this.name(node(c, 'name')) ?? { text: '', span: kw ? tspan(kw) : span };
    let points: NumLit | undefined;
    let per: NumLit | undefined;
    const b: Partial<Bonus> = {};
    const seen = new Map<string, Span>();
    for (const cl of nodes(c, 'bonusClause')) {
      const cc = cl.children;
      const sp = nspan(cl, span);
      const key = Object.keys(cc).find((k) => k.startsWith('Kw_')) ?? '';
      const prev = seen.get(key);
      if (prev) {
        this.duplicate('`' + key.slice(3) + '`', sp, prev, kind);
        continue;
      }
      seen.set(key, sp);
      if (key === 'Kw_points') points = this.num(node(cc, 'num'));
      else if (key === 'Kw_per') per = this.num(node(cc, 'num'));
      else if (key === 'Kw_max') {
        const v = this.num(node(cc, 'num'));
        if (v) b.max = v;
      } else if (key === 'Kw_input') {
        const v = this.qualifiedName(node(cc, 'qualifiedName'));
        if (v) b.input = v;
      } else if (key === 'Kw_default') {
        const v = this.value(node(cc, 'value'));
        if (v) b.default = v;
      }
    }
    if (!recoveredNode(n) && name.text && (!seen.has('Kw_points') || !seen.has('Kw_per'))) {
      this.missing(
        ref(kind === 'bonus' ? 'KPI0106.bonus' : 'KPI0106.penalty', { name: name.text }),
        name.span,
        { start: span.end, end: span.end },
        !seen.has('Kw_points') ? ' points 1 per 1' : undefined,
      );
    }
    // the schema requires points and per: placeholders where recovery lost them (a diagnostic was reported)
    const at = { start: name.span.end, end: name.span.end };
    const out: Bonus = {
      kind,
      name,
      points: points ?? { value: '0', percent: false, span: at },
      per: per ?? { value: '1', percent: false, span: at },
      span,
    };
    if (b.max) out.max = b.max;
    if (b.input) out.input = b.input;
    if (b.default) out.default = b.default;
    return out;
  }

  veto(n: CstNode): Veto {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_veto');
    const name = this.name(node(c, 'name')) ?? { text: '', span: kw ? tspan(kw) : span };
    return { kind: 'veto', name, when: this.topExpr(node(c, 'expr'), span), span };
  }

  grades(n: CstNode): Grades {
    const span = nspan(n, { start: 0, end: 0 });
    const lines: GradeLine[] = nodes(n.children, 'gradeLine').flatMap((l) => {
      const lc = l.children;
      const label = this.name(node(lc, 'name'));
      if (!label) return [];
      const line: GradeLine = { label, span: nspan(l, span) };
      const gt = tok(lc, 'Greater');
      if (gt) {
        this.diag(
          diag('KPI0101.grade-gt', {}, { file: this.ctx.file, span: tspan(gt), edits: [{ span: tspan(gt), text: '>=' }] }),
        );
      }
      if (tok(lc, 'GreaterEq') || gt) {
        const min = this.num(node(lc, 'num', 0));
        if (min) line.min = min;
        const co = tok(lc, 'Kw_coefficient') ? this.num(node(lc, 'num', 1)) : undefined;
        if (co) line.coefficient = co;
      } else if (tok(lc, 'Kw_coefficient')) {
        const co = this.num(node(lc, 'num', 0));
        if (co) line.coefficient = co;
      }
      return [line];
    });
    return { kind: 'grades', lines, span };
  }

  test(n: CstNode): TestCase {
    const c = n.children;
    const span = nspan(n, { start: 0, end: 0 });
    const kw = tok(c, 'Kw_test');
    const name = this.name(node(c, 'name'));
    const t: TestCase = {
      kind: 'test',
      name: name?.text ?? '',
      nameSpan: name?.span ?? (kw ? tspan(kw) : span),
      given: [],
      expects: [],
      span,
    };
    for (const g of nodes(c, 'given')) {
      for (const p of nodes(g.children, 'givenPair')) {
        const key = this.qualifiedName(node(p.children, 'qualifiedName'));
        const vn = node(p.children, 'value');
        const str = vn ? tok(vn.children, 'StringLit') : undefined;
        const word = str ? stringValue(str.image) : undefined;
        if (key && word !== undefined && isNotApplicable(word)) {
          // a N/A cell, as data files write it (SPEC §6): `given 培训效果 = "不适用"`
          t.given.push({ key, value: new NumLitNode('0', false, str!.startOffset, str!.startOffset + str!.image.length), na: word, span: nspan(p, span) });
          continue;
        }
        const value = this.value(vn);
        if (key && value) t.given.push({ key, value, span: nspan(p, span) });
      }
    }
    for (const p of nodes(c, 'person')) {
      const person = buildPerson(this, p, span);
      if (person) (t.people ??= []).push(person);
    }
    for (const e of nodes(c, 'expect')) {
      const ec = e.children;
      const subject = this.qualifiedName(node(ec, 'qualifiedName'));
      const vn = node(ec, 'expectValue');
      const value = vn ? (this.num(node(vn.children, 'num')) ?? this.name(node(vn.children, 'name'))) : undefined;
      if (subject && value) t.expects.push({ subject, value, span: nspan(e, span) });
    }
    return t;
  }

  // ---------- expressions ----------
  /** an expression of a metric or veto; trees deeper than MAX_EXPR_DEPTH become an error node (KPI0108) */
  topExpr(n: CstNode | undefined, fallback: Span): Expr {
    const e = this.expr(n, fallback);
    if (exprDepth(e) > MAX_EXPR_DEPTH) {
      this.diag(
        diag('KPI0108.parens', { max: MAX_EXPR_DEPTH, unit: bilingual('what.operators', {}) }, { file: this.ctx.file, span: e.span }),
      );
      return { kind: 'error', span: e.span };
    }
    return e;
  }

  expr(n: CstNode | undefined, fallback: Span): Expr {
    if (!n) return { kind: 'error', span: fallback };
    const sp = nspan(n, fallback);
    switch (n.name) {
      case 'expr':
        return this.binary(n, 'andExpr', ['Kw_or'], sp);
      case 'andExpr':
        return this.binary(n, 'notExpr', ['Kw_and'], sp);
      case 'compareExpr':
        return this.binary(n, 'addExpr', [], sp);
      case 'addExpr':
        return this.binary(n, 'mulExpr', ['Plus', 'Minus'], sp);
      case 'mulExpr':
        return this.binary(n, 'unaryExpr', ['Star', 'Slash'], sp);
      case 'notExpr':
      case 'unaryExpr': {
        const isNot = n.name === 'notExpr';
        const ops = toks(n.children, isNot ? 'Kw_not' : 'Minus');
        let e = this.expr(node(n.children, isNot ? 'compareExpr' : 'atom'), sp);
        for (let i = ops.length - 1; i >= 0; i--) {
          const span = { start: ops[i]!.startOffset, end: e.span.end };
          e = isNot ? { kind: 'not', operand: e, span } : { kind: 'neg', operand: e, span };
        }
        return e;
      }
      case 'atom': {
        const c = n.children;
        const num = tok(c, 'NumberLit') ?? tok(c, 'PercentLit');
        if (num) {
          const lit = numberToken(num);
          return lit ? { kind: 'num', value: lit.value, percent: lit.percent, span: lit.span } : { kind: 'error', span: sp };
        }
        const inner = node(c, 'expr');
        if (inner || tok(c, 'LParen')) {
          const e = this.expr(inner, sp);
          // the expression covers its parentheses, as the user sees it
          return tok(c, 'RParen') && tok(c, 'LParen') ? { ...e, span: sp } : e;
        }
        const call = node(c, 'call');
        if (call) {
          const cc = call.children;
          const fnTok = tok(cc, 'Kw_min') ?? tok(cc, 'Kw_max') ?? tok(cc, 'Kw_abs');
          if (!fnTok) return { kind: 'error', span: sp };
          const args = nodes(cc, 'expr').map((a) => this.expr(a, sp));
          return { kind: 'call', fn: kwText(fnTok) as 'min' | 'max' | 'abs', args, span: nspan(call, sp) };
        }
        const q = this.qualifiedName(node(c, 'qualifiedName'));
        if (q) return { kind: 'ref', name: q.text, span: q.span };
        return { kind: 'error', span: sp };
      }
      default:
        return { kind: 'error', span: sp };
    }
  }

  /** fold a MANY loop `operand (op operand)*` left-associatively */
  private binary(n: CstNode, operandKey: string, opKeys: string[], sp: Span): Expr {
    const c = n.children;
    const operands = nodes(c, operandKey);
    let ops: IToken[];
    if (n.name === 'compareExpr') {
      ops = nodes(c, 'compareOp').flatMap((o) => (Object.values(o.children)[0] ?? []) as IToken[]);
    } else {
      ops = opKeys.flatMap((k) => (c[k] ?? []) as IToken[]);
      ops.sort((a, b) => a.startOffset - b.startOffset);
    }
    if (operands.length === 0) return { kind: 'error', span: sp };
    let left = this.expr(operands[0], sp);
    for (let i = 1; i < operands.length; i++) {
      const right = this.expr(operands[i], sp);
      const op = ops[i - 1] ? kwText(ops[i - 1]!) : '';
      const span = { start: left.span.start, end: right.span.end };
      if (op === 'or' || op === 'and') left = { kind: 'logic', op, left, right, span };
      else if (op === '+' || op === '-' || op === '*' || op === '/') left = { kind: 'arith', op, left, right, span };
      else if (op === '>' || op === '>=' || op === '<' || op === '<=' || op === '==' || op === '!=')
        left = { kind: 'compare', op, left, right, span };
      else left = { kind: 'error', span };
    }
    return left;
  }
}

export const MAX_EXPR_DEPTH = 200;

/** depth of an expression tree, computed without recursion */
export function exprDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (d > MAX_EXPR_DEPTH) return d;
    switch (e.kind) {
      case 'neg':
      case 'not':
        stack.push([e.operand, d + 1]);
        break;
      case 'arith':
      case 'compare':
      case 'logic':
        stack.push([e.left, d + 1], [e.right, d + 1]);
        break;
      case 'call':
        for (const a of e.args) stack.push([a, d + 1]);
        break;
    }
  }
  return max;
}

/**
 * Canonical decimal text of an unsigned literal (`1_200_000`, `0.950`) scaled by 10^-shift (shift 2 for a
 * percent), by string manipulation: the same result as `dec.parse` / `Rational.div(100)` (a property test
 * checks it) without BigInt arithmetic, which dominated parse time on large plans.
 */
export function canonicalDecimal(literal: string, shift: number): string | undefined {
  const quick = plainDecimal(literal, shift);
  if (quick !== undefined) return quick;
  const m = /^(\d[\d_]*)(?:\.(\d[\d_]*))?$/.exec(literal);
  if (!m) return undefined;
  const plain = !literal.includes('_');
  const int = plain ? m[1]! : m[1]!.replace(/_/g, '');
  const frac = plain ? (m[2] ?? '') : (m[2] ?? '').replace(/_/g, '');
  if (frac.length + shift > 40) {
    // beyond the decimals dec.parse keeps: defer to it so both paths agree
    const r = Rational.parse(int + (frac ? '.' + frac : ''));
    return r ? dec.fromRational(shift ? r.div(Rational.of(10n ** BigInt(shift))) : r) : undefined;
  }
  const digits = int + frac;
  const point = int.length - shift;
  let i: string;
  let f: string;
  if (point <= 0) {
    i = '0';
    f = '0'.repeat(-point) + digits;
  } else {
    i = digits.slice(0, point);
    f = digits.slice(point);
  }
  i = i.replace(/^0+(?=\d)/, '');
  f = f.replace(/0+$/, '');
  return f ? `${i}.${f}` : i;
}

/**
 * canonicalDecimal for the literals plans are made of — digits, at most one `.` between digits, no `_`, a
 * few decimals — by index arithmetic without a regex or a replace (180,000 literals in a big plan);
 * undefined for anything else, which the general code reads.
 */
function plainDecimal(literal: string, shift: number): string | undefined {
  const n = literal.length;
  if (n > 30) return undefined;
  let dot = -1;
  for (let k = 0; k < n; k++) {
    const c = literal.charCodeAt(k);
    if (c === 0x2e && dot < 0 && k > 0 && k < n - 1) dot = k;
    else if (c < 0x30 || c > 0x39) return undefined;
  }
  const digits = dot < 0 ? literal : literal.slice(0, dot) + literal.slice(dot + 1);
  // the decimal point moves `shift` places left: `point` digits stay before it (none or fewer: zeros pad)
  const point = (dot < 0 ? n : dot) - shift;
  const len = digits.length;
  let lead = 0; // leading zeros of the integer part, one digit kept
  const intEnd = point > 0 ? point : 0;
  while (lead < intEnd - 1 && digits.charCodeAt(lead) === 0x30) lead++;
  let end = len; // trailing zeros of the fraction dropped
  while (end > intEnd && digits.charCodeAt(end - 1) === 0x30) end--;
  const int = point > 0 ? digits.slice(lead, point) : '0';
  if (end <= intEnd) return int;
  const frac = point >= 0 ? digits.slice(intEnd, end) : '0'.repeat(-point) + digits.slice(0, end);
  return `${int}.${frac}`;
}

/** `95%` → 0.95 exactly (percent: true); `1_200_000` → 1200000 */
export function numberToken(t: IToken): NumLit | undefined {
  // too many decimals to keep exactly: the lexer reported KPI0105; no value (not a rounded one)
  if (hasTooManyDecimals(t.image)) return undefined;
  const start = t.startOffset;
  const end = start + t.image.length;
  if (t.tokenType.name === 'PercentLit') {
    const v = canonicalDecimal(t.image.slice(0, -1), 2);
    return v === undefined ? undefined : new NumLitNode(v, true, start, end);
  }
  const v = canonicalDecimal(t.image, 0);
  return v === undefined ? undefined : new NumLitNode(v, false, start, end);
}
