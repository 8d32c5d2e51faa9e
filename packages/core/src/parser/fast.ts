/**
 * The parser's fast path (issue 14): tokens (as the lexer's tape) straight to the IR, for a plan that parses
 * without a single diagnostic. It is what chevrotain's parser (grammar.ts) followed by the CST → IR builder
 * (build.ts) returns for such a plan — the same IR, key for key and in the same order, and the same keyword
 * names — without the 180,000 token objects, the CST and chevrotain's bookkeeping that made `kpi check` of
 * 10,000 indicators take ~1 s.
 *
 * It knows the common forms and nothing else: at anything it does not know, any syntax error, and anything
 * the builder would report (a missing weight, a repeated clause, `>` in grades, …) it gives up (`undefined`)
 * and parse() takes the reference path, which reports exactly as before. So it can never change a message;
 * what it must get right is the IR of what it accepts, and packages/core/test/parser/fast-path.test.ts
 * holds it to the reference path's on every plan file of the repository, damaged copies of them, a
 * 10,000-indicator plan and random plans. A form it does not know (the money items of SPEC §7, `person`,
 * `aggregate`) costs speed, never correctness.
 *
 * Chevrotain's choices it makes for valid input: a MANY loop continues while the next token can begin its
 * body (its lookahead); an OR takes the alternative the next token (two tokens for `min(`/`max(`/`abs(` and
 * `coefficient N`) begins; a keyword is a name wherever a name is expected (keywords are not reserved).
 * Where the grammar is ambiguous it gives up rather than guess.
 */
import type { TokenType } from 'chevrotain';
import * as T from '../lexer/tokens.js';
import type { TokenTape } from '../lexer/scan.js';
import { hasTooManyDecimals } from '../lexer/index.js';
import { dec } from '../numbers/decimal.js';
import { LiteralCache } from '../numbers/literal-cache.js';
import { isNotApplicable } from '../data/value.js';
import type { Expr, GradeLine, Grades, Group, Indicator, Method, Metric, Name, NumLit, Plan, PlanFile, StepClause, TestCase, Veto, Bonus } from '../ir/schema.js';
import type { Span } from '../source/span.js';
import { NameNode, NumLitNode } from '../ir/leaves.js';
import { canonicalDecimal, exprDepth, MAX_EXPR_DEPTH, stringValue } from './build.js';
import { parseQuotedNumber } from './quoted.js';
import { MAX_BRACE_DEPTH, MAX_PAREN_DEPTH } from './limits.js';

export interface FastParse {
  file: PlanFile;
  keywordNames: Set<number>;
}

/** thrown to give up; caught in fastParse only */
const GIVE_UP = Symbol('give up');

const idx = (t: TokenType): number => t.tokenTypeIdx!;
const EOF_IDX = -1;
const ID = idx(T.Identifier);
const STR = idx(T.StringLit);
const NUM = idx(T.NumberLit);
const PCT = idx(T.PercentLit);
const MINUS = idx(T.Minus);
const LBRACE = idx(T.LBrace);
const RBRACE = idx(T.RBrace);
const LPAREN = idx(T.LParen);
const RPAREN = idx(T.RParen);
const COMMA = idx(T.Comma);
const SEMI = idx(T.Semicolon);
const COLON = idx(T.Colon);
const DOT = idx(T.Dot);
const DOTDOT = idx(T.DotDot);
const EQUALS = idx(T.Equals);
const GE = idx(T.GreaterEq);
const GT = idx(T.Greater);
const LE = idx(T.LessEq);
const LT = idx(T.Less);
const EQEQ = idx(T.EqEq);
const NE = idx(T.NotEq);
const PLUS = idx(T.Plus);
const STAR = idx(T.Star);
const SLASH = idx(T.Slash);
const PERCENT_SIGN = idx(T.PercentSign);
/**
 * Keywords by tokenTypeIdx, each a constant of its own: in V8's interpreter and baseline code, where the fast
 * path runs most of its calls, one object of them (`K.weight`) made each comparison a property load through an
 * inline cache (issue 14); a module constant is a plain slot.
 */
const KW_PLAN = idx(T.Plan);
const KW_INDICATOR = idx(T.Indicator);
const KW_GROUP = idx(T.Group);
const KW_METRIC = idx(T.Metric);
const KW_BONUS = idx(T.Bonus);
const KW_PENALTY = idx(T.Penalty);
const KW_VETO = idx(T.Veto);
const KW_GRADES = idx(T.Grades);
const KW_TEST = idx(T.Test);
const KW_CYCLE = idx(T.Cycle);
const KW_ROLE = idx(T.Role);
const KW_ROUND = idx(T.Round);
const KW_ALLOW = idx(T.Allow);
const KW_WEIGHT = idx(T.Weight);
const KW_TARGET = idx(T.Target);
const KW_SCORING = idx(T.Scoring);
const KW_CAP = idx(T.Cap);
const KW_FLOOR = idx(T.Floor);
const KW_INPUT = idx(T.Input);
const KW_UNIT = idx(T.Unit);
const KW_DEFAULT = idx(T.Default);
const KW_LOWER = idx(T.Lower);
const KW_OPTIONAL = idx(T.Optional);
const KW_AGGREGATE = idx(T.Aggregate);
const KW_LINEAR = idx(T.Linear);
const KW_REVERSE = idx(T.Reverse);
const KW_THRESHOLD = idx(T.Threshold);
const KW_BANDS = idx(T.Bands);
const KW_CURVE = idx(T.Curve);
const KW_DEDUCT = idx(T.Deduct);
const KW_ADD = idx(T.Add);
const KW_RATING = idx(T.Rating);
const KW_RATERS = idx(T.Raters);
const KW_ON = idx(T.On);
const KW_RATIO = idx(T.Ratio);
const KW_ELSE = idx(T.Else);
const KW_PER = idx(T.Per);
const KW_BELOW = idx(T.Below);
const KW_ABOVE = idx(T.Above);
const KW_MAX = idx(T.Max);
const KW_MIN = idx(T.Min);
const KW_ABS = idx(T.Abs);
const KW_WHOLE = idx(T.Whole);
const KW_STARTED = idx(T.Started);
const KW_POINTS = idx(T.Points);
const KW_WHEN = idx(T.When);
const KW_COEFFICIENT = idx(T.Coefficient);
const KW_GIVEN = idx(T.Given);
const KW_EXPECT = idx(T.Expect);
const KW_OR = idx(T.Or);
const KW_AND = idx(T.And);
const KW_NOT = idx(T.Not);

/** per tokenTypeIdx: a keyword (category Keyword), a cycle word (category CycleKw), a statement keyword (grammar.ts STATEMENT_TOKENS) */
const IS_KEYWORD: boolean[] = [];
const IS_CYCLE: boolean[] = [];
const IS_STATEMENT: boolean[] = [];
const KW_NAME: string[] = [];
for (const t of T.KEYWORDS_IN_LEXER_ORDER) {
  IS_KEYWORD[idx(t)] = true;
  KW_NAME[idx(t)] = t.name.slice(3);
  if (t.CATEGORIES?.includes(T.CycleKw)) IS_CYCLE[idx(t)] = true;
}
for (const t of [
  T.Plan, T.Indicator, T.Group, T.Metric, T.Bonus, T.Penalty, T.Veto, T.Grades, T.Test, T.Cycle, T.Role, T.Round, T.Given, T.Expect, T.Allow,
  T.Pay, T.Commission, T.Pool, T.Distribution, T.Aggregate, T.Period, T.Person,
]) {
  IS_STATEMENT[idx(t)] = true;
}

/** the IR of `text` from its tape, or undefined where the reference path must decide (see the top) */
export function fastParse(text: string, tape: TokenTape): FastParse | undefined {
  if (tape.errors.length > 0) return undefined;
  const p = new FastParser(text, tape);
  try {
    return { file: p.file(), keywordNames: p.keywordNames };
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/**
 * The span a node holds until its last token is read (every node gets its own then): one shared object, not one
 * made per indicator only to be replaced
 */
const UNSET_SPAN: Span = Object.freeze({ start: 0, end: 0 });

/**
 * `list` with room for its elements only. An array filled by push keeps V8's first growth, 17 slots, which for a
 * table's 2 or 3 rows was ~110 bytes more per list, and a plan's IR is copied twice by V8's young-generation
 * collector (issue 14): the spare copy made here dies young, which costs next to nothing.
 */
function exact<T>(list: T[]): T[] {
  return list.slice();
}

function giveUp(): never {
  throw GIVE_UP;
}

/** a clause given twice is KPI0107: give up (module-level: a closure made per indicator was 10,000 objects) */
function once(seen: boolean): true {
  return seen ? giveUp() : true;
}

/** the text of a number or percent token, when the lexer reports nothing about it (KPI0105: a misplaced `_`, more decimals than the IR keeps) */
function checkedNumber(image: string): string {
  if (image.includes('_') && /_(?![0-9])|(?<![0-9])_/.test(image)) giveUp();
  if (hasTooManyDecimals(image)) giveUp();
  return image;
}

/**
 * The IR value of a number or percent literal by its text (`10%` → `0.1`), for texts the fast path accepted: a
 * plan repeats a few literals thousands of times, and one shared string survives instead of one per use.
 * A percent's text ends in `%` or `％`, so it never meets a plain number's.
 */
const LITERAL_VALUES = new LiteralCache<string>();

class FastParser {
  readonly keywordNames = new Set<number>();
  private at = 0;
  private readonly count: number;
  private readonly types: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private braces = 0;
  private parens = 0;

  constructor(
    private readonly text: string,
    tape: TokenTape,
  ) {
    this.count = tape.count;
    this.types = tape.types;
    this.starts = tape.starts;
    this.ends = tape.ends;
  }

  // ---------- the token stream ----------
  /** the type of the next token, EOF_IDX past the end */
  private la(): number {
    const i = this.at;
    return i < this.count ? this.types[i]! : EOF_IDX;
  }
  /** the type of the token after the next one, EOF_IDX past the end */
  private la2(): number {
    const i = this.at + 1;
    return i < this.count ? this.types[i]! : EOF_IDX;
  }
  /** consume a token of type `t`, else give up; its index */
  private eat(t: number): number {
    if (this.la() !== t) giveUp();
    return this.at++;
  }
  private image(i: number): string {
    return this.text.substring(this.starts[i]!, this.ends[i]!);
  }
  /** the span from token `first` to the last token consumed (a CST node's location, end exclusive) */
  private from(first: number): Span {
    return { start: this.starts[first]!, end: this.ends[this.at - 1]! };
  }
  /** whether a line ends between token `i - 1` and token `i` (only whitespace and comments lie there) */
  private lineBreakBefore(i: number): boolean {
    for (let k = this.ends[i - 1]!; k < this.starts[i]!; k++) {
      const c = this.text.charCodeAt(k);
      if (c === 0x0a || c === 0x0d) return true;
    }
    return false;
  }
  private isNameStart(t: number): boolean {
    return t === ID || t === STR || IS_KEYWORD[t] === true;
  }
  private open(): void {
    this.eat(LBRACE);
    if (++this.braces > MAX_BRACE_DEPTH) giveUp();
  }
  private close(): void {
    this.eat(RBRACE);
    this.braces--;
  }

  // ---------- leaves ----------
  /** grammar `name`: an identifier, a string or any keyword */
  private name(): NameNode {
    const t = this.la();
    if (!this.isNameStart(t)) giveUp();
    const i = this.at++;
    const image = this.image(i);
    if (t === STR) return new NameNode(stringValue(image), this.starts[i]!, this.ends[i]!);
    if (t !== ID) this.keywordNames.add(this.starts[i]!);
    return new NameNode(image, this.starts[i]!, this.ends[i]!);
  }

  /** grammar `qualifiedName`: `name (. name)*` */
  private qualifiedName(): NameNode {
    const first = this.name();
    if (this.la() !== DOT) return first;
    let text = first.text;
    let end = first.end;
    while (this.la() === DOT) {
      this.at++;
      const n = this.name();
      text += '.' + n.text;
      end = n.end;
    }
    return new NameNode(text, first.start, end);
  }

  /** a number or percent literal token at `i` (build.ts numberToken) */
  private literal(i: number): NumLitNode {
    const image = this.image(i);
    const percent = this.types[i] === PCT;
    let value = LITERAL_VALUES.get(image);
    if (value === undefined) {
      checkedNumber(image);
      value = percent ? canonicalDecimal(image.slice(0, -1), 2) : canonicalDecimal(image, 0);
      if (value === undefined) giveUp();
      LITERAL_VALUES.set(image, value);
    }
    return new NumLitNode(value, percent, this.starts[i]!, this.ends[i]!);
  }

  /** grammar `num`: `-`? (number | percent) */
  private num(): NumLit {
    let minus = -1;
    if (this.la() === MINUS) minus = this.at++;
    const t = this.la();
    if (t !== NUM && t !== PCT) giveUp();
    const lit = this.literal(this.at++);
    if (minus >= 0) {
      lit.start = this.starts[minus]!;
      if (lit.value !== '0') lit.value = '-' + lit.value;
    }
    return lit;
  }
  private isNumStart(t: number): boolean {
    return t === MINUS || t === NUM || t === PCT;
  }

  /** grammar `value`: a number, or a quoted number as written in data */
  private value(): NumLit {
    if (this.la() !== STR) return this.num();
    const i = this.at++;
    const q = parseQuotedNumber(stringValue(this.image(i)));
    if (!q) giveUp(); // KPI0105.string
    return new NumLitNode(q.value, q.percent, this.starts[i]!, this.ends[i]!);
  }

  private sep(): void {
    if (this.la() === COMMA || this.la() === SEMI) this.at++;
  }

  // ---------- file and plan ----------
  file(): PlanFile {
    const plans: Plan[] = [];
    while (this.at < this.count) plans.push(this.plan());
    return { kind: 'file', plans, span: { start: 0, end: this.text.length } };
  }

  private plan(): Plan {
    const first = this.eat(KW_PLAN);
    const name = this.name();
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
      span: UNSET_SPAN,
    };
    this.open();
    // settings and grades given twice are reported by the builder (KPI0107)
    let grades: Grades | undefined;
    for (;;) {
      const t = this.la();
      if (t === KW_INDICATOR) plan.items.push(this.indicator());
      else if (t === KW_GROUP) plan.items.push(this.group());
      else if (t === KW_METRIC) plan.metrics.push(this.metric());
      else if (t === KW_BONUS) plan.bonuses.push(this.bonus('bonus'));
      else if (t === KW_PENALTY) plan.penalties.push(this.bonus('penalty'));
      else if (t === KW_VETO) plan.vetoes.push(this.veto());
      else if (t === KW_TEST) plan.tests.push(this.test());
      else if (t === KW_ALLOW) this.allow(plan);
      else if (t === KW_GRADES) {
        if (grades) giveUp();
        grades = this.grades();
      } else if (t === KW_CYCLE) {
        const kw = this.at++;
        const v = this.la();
        if (!IS_CYCLE[v] || plan.settings.cycle) giveUp();
        this.at++;
        plan.settings.cycle = { value: KW_NAME[v] as 'monthly' | 'quarterly' | 'semiannual' | 'annual', span: this.from(kw) };
      } else if (t === KW_ROLE) {
        const kw = this.at++;
        const r = this.name();
        if (plan.settings.role) giveUp();
        void kw;
        plan.settings.role = r;
      } else if (t === KW_ROUND) {
        const kw = this.at++;
        const n = this.eat(NUM);
        const v = dec.parse(checkedNumber(this.image(n)));
        // KPI0109 (not a whole number the IR can hold), KPI0107 (a second `round`)
        if (!v || !/^\d+$/.test(v) || !Number.isSafeInteger(Number(v)) || plan.settings.round) giveUp();
        plan.settings.round = { value: Number(v), span: this.from(kw) };
      } else if (t === SEMI) this.at++;
      else break; // `}`, or what the reference path reports (money items too: SPEC §7's builder is build-money.ts)
    }
    this.close();
    plan.span = this.from(first);
    if (grades) plan.grades = grades;
    return plan;
  }

  /** `allow CODE ["reason"]`, `allow negative total` */
  private allow(plan: Plan): void {
    const first = this.at++;
    const code = this.name();
    let second: Name | undefined;
    // grammar.ts: a second name only on the same line, and not a string
    const t = this.la();
    if (this.isNameStart(t) && t !== STR && !this.lineBreakBefore(this.at)) second = this.name();
    let reason: string | undefined;
    if (this.la() === STR) reason = stringValue(this.image(this.at++));
    const span = this.from(first);
    if (second) {
      // `allow negative total` once; any other second word is KPI0101
      if (code.text !== 'negative' || second.text !== 'total' || plan.settings.negativeTotal) giveUp();
      plan.settings.negativeTotal = { span };
      return;
    }
    const a: Plan['allows'][number] = { kind: 'allow', code, span };
    if (reason !== undefined) a.reason = reason;
    plan.allows.push(a);
  }

  // ---------- indicators and groups ----------
  private indicator(): Indicator {
    const first = this.at++;
    const name = this.name();
    const ind: Indicator = { kind: 'indicator', name, lower: false, span: UNSET_SPAN };
    let hasTarget = false;
    let hasDescription = false;
    let hasWeight = false;
    let hasScoring = false;
    let hasCap = false;
    let hasFloor = false;
    let hasInput = false;
    let hasUnit = false;
    let hasDefault = false;
    let hasLower = false;
    let hasOptional = false;
    for (;;) {
      const t = this.la();
      if (t === KW_WEIGHT) {
        hasWeight = once(hasWeight);
        this.at++;
        ind.weight = this.num();
      } else if (t === KW_TARGET) {
        hasTarget = once(hasTarget);
        this.at++;
        this.target(ind);
      } else if (t === KW_SCORING) {
        hasScoring = once(hasScoring);
        this.at++;
        ind.method = this.method(ind);
      } else if (t === KW_CAP) {
        hasCap = once(hasCap);
        this.at++;
        ind.cap = this.num();
      } else if (t === KW_FLOOR) {
        hasFloor = once(hasFloor);
        this.at++;
        ind.floor = this.num();
      } else if (t === KW_INPUT) {
        hasInput = once(hasInput);
        this.at++;
        ind.input = this.qualifiedName();
      } else if (t === KW_UNIT) {
        hasUnit = once(hasUnit);
        this.at++;
        if (this.la() !== PERCENT_SIGN) ind.unit = this.name();
        else {
          ind.unit = new NameNode('%', this.starts[this.at]!, this.ends[this.at]!);
          this.at++;
        }
      } else if (t === KW_DEFAULT) {
        hasDefault = once(hasDefault);
        this.at++;
        ind.default = this.value();
      } else if (t === KW_LOWER) {
        hasLower = once(hasLower);
        this.at++;
        ind.lower = true;
      } else if (t === KW_OPTIONAL) {
        hasOptional = once(hasOptional);
        this.at++;
        ind.optional = true;
      } else if (t === STR) {
        hasDescription = once(hasDescription);
        ind.description = stringValue(this.image(this.at++));
      } else if (t === KW_AGGREGATE) giveUp(); // a clause here and a plan item too: chevrotain's choice is not ours to guess
      else break;
    }
    // KPI0106: no weight, no scoring method
    if (!hasWeight || !hasScoring) giveUp();
    const m = ind.method!;
    if (m.kind === 'reverse') ind.lower = true;
    if (m.kind === 'steps' && (m.deduct?.side === 'above' || m.add?.side === 'below')) ind.lower = true;
    ind.span = this.from(first);
    return ind;
  }

  /** `target 100%`, `"¥1,200,000"`, `3..5`, or a column/metric name read per row (build.ts target) */
  private target(ind: Indicator): void {
    const t = this.la();
    if (this.isNumStart(t)) {
      ind.target = this.num();
      if (this.la() === DOTDOT) {
        this.at++;
        ind.targetHigh = this.num();
      }
      return;
    }
    if (t === STR) {
      const i = this.at++;
      const raw = stringValue(this.image(i));
      const q = parseQuotedNumber(raw);
      if (q) {
        ind.target = new NumLitNode(q.value, q.percent, this.starts[i]!, this.ends[i]!);
        return;
      }
      // a mistyped number (`"1,2000"`) is KPI0105
      if (/^[\s¥$￥+\-(]*[\d０-９.]/.test(raw)) giveUp();
      ind.targetRef = new NameNode(raw, this.starts[i]!, this.ends[i]!);
      return;
    }
    if (t !== ID && !IS_KEYWORD[t]) giveUp();
    const i = this.at++;
    const image = this.image(i);
    if (/^(nan|infinity|inf)$/i.test(image)) giveUp(); // KPI0101.target-nan
    ind.targetRef = new NameNode(image, this.starts[i]!, this.ends[i]!);
  }

  private method(ind: Indicator): Method {
    const first = this.at;
    const t = this.la();
    if (t === KW_LINEAR || t === KW_REVERSE || t === KW_THRESHOLD) {
      this.at++;
      return { kind: KW_NAME[t] as 'linear' | 'reverse' | 'threshold', span: this.from(first) };
    }
    if (t === KW_BANDS) return this.bands(ind);
    if (t === KW_CURVE) return this.curve(ind);
    if (t === KW_DEDUCT || t === KW_ADD) return this.steps();
    if (t === KW_RATING) return this.rating();
    return giveUp();
  }

  /** grammar `basis`: `on ratio|actual`, absent: actual */
  private basis(): 'ratio' | 'actual' {
    if (this.la() !== KW_ON) return 'actual';
    this.at++;
    const t = this.la();
    if (t === KW_RATIO) {
      this.at++;
      return 'ratio';
    }
    this.eat(idx(T.Actual));
    return 'actual';
  }

  private bands(ind: Indicator): Method {
    const first = this.at++;
    const on = this.basis();
    if (this.la() === KW_LOWER) {
      this.at++;
      ind.lower = true;
    }
    this.open();
    const rows: Extract<Method, { kind: 'bands' }>['rows'] = [];
    let otherwise: { score: NumLit; span: Span } | undefined;
    for (;;) {
      const t = this.la();
      if (t === GE || t === GT || t === LE || t === LT) {
        const r = this.at++;
        const op = this.image(r) as '>=' | '>' | '<=' | '<';
        const bound = this.num();
        this.eat(COLON);
        const score = this.num();
        rows.push({ op, bound, score, span: this.from(r) });
      } else if (t === KW_ELSE) {
        const e = this.at++;
        this.eat(COLON);
        const score = this.num();
        // the builder keeps the first `else`
        otherwise ??= { score, span: this.from(e) };
      } else break;
      this.sep();
    }
    this.close();
    // every key in the literal, in the builder's order: a key added later goes to a second object (a property array)
    const span = this.from(first);
    return otherwise ? { kind: 'bands', on, rows: exact(rows), span, else: otherwise } : { kind: 'bands', on, rows: exact(rows), span };
  }

  private curve(ind: Indicator): Method {
    const first = this.at++;
    const on = this.basis();
    if (this.la() === KW_LOWER) {
      this.at++;
      ind.lower = true;
    }
    this.open();
    const points: Extract<Method, { kind: 'curve' }>['points'] = [];
    while (this.isNumStart(this.la())) {
      const s = this.at;
      const x = this.num();
      this.eat(COLON);
      const y = this.num();
      points.push({ x, y, span: this.from(s) });
      this.sep();
    }
    this.close();
    return { kind: 'curve', on, points: exact(points), span: this.from(first) };
  }

  /** one `deduct|add N per S [below|above target] [max M] [whole|started]` (grammar `deduct`) */
  private stepClause(): { add: boolean; points: NumLit; per: NumLit; max?: NumLit; side?: 'below' | 'above'; rounding?: 'whole' | 'started'; span: Span } {
    const first = this.at;
    const add = this.types[this.at++] === KW_ADD;
    const points = this.num();
    this.eat(KW_PER);
    const per = this.num();
    let side: 'below' | 'above' | undefined;
    const s = this.la();
    if (s === KW_BELOW || s === KW_ABOVE) {
      this.at++;
      this.eat(KW_TARGET);
      side = s === KW_BELOW ? 'below' : 'above';
    }
    let max: NumLit | undefined;
    if (this.la() === KW_MAX) {
      this.at++;
      max = this.num();
    }
    let rounding: 'whole' | 'started' | undefined;
    const r = this.la();
    if (r === KW_WHOLE || r === KW_STARTED) {
      this.at++;
      rounding = r === KW_WHOLE ? 'whole' : 'started';
    }
    return { add, points, per, max, side, rounding, span: this.from(first) };
  }

  /** `deduct …` alone (扣分制), or one or two clauses relative to the target (build.ts steps) */
  private steps(): Method {
    const clauses = [this.stepClause()];
    if (this.la() === KW_DEDUCT || this.la() === KW_ADD) clauses.push(this.stepClause());
    const first = clauses[0]!;
    if (clauses.length === 1 && !first.add && !first.side) {
      if (first.rounding) giveUp(); // KPI0101.rounding-without-target
      const m: Method = { kind: 'deduct', points: first.points, per: first.per, span: first.span };
      if (first.max) m.max = first.max;
      return m;
    }
    const m: Extract<Method, { kind: 'steps' }> = { kind: 'steps', span: { start: first.span.start, end: clauses[clauses.length - 1]!.span.end } };
    for (const x of clauses) {
      if (!x.side) giveUp(); // KPI0106.step-add / step-deduct
      const cl: StepClause = { points: x.points, per: x.per, side: x.side, rounding: x.rounding ?? 'proportional', span: x.span };
      if (x.max) cl.max = x.max;
      const key = x.add ? 'add' : 'deduct';
      if (m[key]) giveUp(); // KPI0107
      m[key] = cl;
    }
    return m;
  }

  private rating(): Method {
    const first = this.at++;
    const lo = this.num();
    this.eat(DOTDOT);
    const hi = this.num();
    if (this.la() !== KW_RATERS) return { kind: 'rating', lo, hi, span: this.from(first) };
    this.at++;
    this.open();
    const raters: NonNullable<Extract<Method, { kind: 'rating' }>['raters']> = [];
    while (this.isNameStart(this.la())) {
      const s = this.at;
      const name = this.name();
      const weight = this.num();
      raters.push({ name, weight, span: this.from(s) });
      this.sep();
    }
    this.close();
    return { kind: 'rating', lo, hi, span: this.from(first), raters: exact(raters) };
  }

  private group(): Group {
    const first = this.at++;
    const name = this.name();
    const g: Group = { kind: 'group', name, items: [], span: UNSET_SPAN };
    if (this.la() === KW_WEIGHT) {
      this.at++;
      g.weight = this.num();
    }
    if (this.la() === KW_OPTIONAL) {
      this.at++;
      g.optional = true;
    }
    if (this.la() === KW_AGGREGATE) giveUp(); // build-money.ts aggregateOf
    this.open();
    for (;;) {
      const t = this.la();
      if (t === KW_INDICATOR) g.items.push(this.indicator());
      else if (t === KW_GROUP) g.items.push(this.group());
      else if (t === SEMI) this.at++;
      else break;
    }
    this.close();
    g.span = this.from(first);
    return g;
  }

  // ---------- metrics, bonuses, penalties, vetoes, grades ----------
  private metric(): Metric {
    const first = this.at++;
    const name = this.name();
    this.eat(EQUALS);
    const expr = this.topExpr();
    const m: Metric = { kind: 'metric', name, expr, span: UNSET_SPAN };
    if (this.la() === KW_DEFAULT) {
      this.at++;
      m.default = this.value();
    }
    m.span = this.from(first);
    return m;
  }

  private bonus(kind: 'bonus' | 'penalty'): Bonus {
    const first = this.at++;
    const name = this.name();
    let points: NumLit | undefined;
    let per: NumLit | undefined;
    let max: NumLit | undefined;
    let input: Name | undefined;
    let dflt: NumLit | undefined;
    for (;;) {
      const t = this.la();
      // a clause given twice is KPI0107
      if (t === KW_POINTS) {
        if (points) giveUp();
        this.at++;
        points = this.num();
      } else if (t === KW_PER) {
        if (per) giveUp();
        this.at++;
        per = this.num();
      } else if (t === KW_MAX) {
        if (max) giveUp();
        this.at++;
        max = this.num();
      } else if (t === KW_INPUT) {
        if (input) giveUp();
        this.at++;
        input = this.qualifiedName();
      } else if (t === KW_DEFAULT) {
        if (dflt) giveUp();
        this.at++;
        dflt = this.value();
      } else break;
    }
    // KPI0106: points and per are required (a name in quotes may be empty: the builder then says nothing)
    if (!points || !per) giveUp();
    const out: Bonus = { kind, name, points, per, span: this.from(first) };
    if (max) out.max = max;
    if (input) out.input = input;
    if (dflt) out.default = dflt;
    return out;
  }

  private veto(): Veto {
    const first = this.at++;
    const name = this.name();
    this.eat(KW_WHEN);
    const when = this.topExpr();
    return { kind: 'veto', name, when, span: this.from(first) };
  }

  private grades(): Grades {
    const first = this.at++;
    this.open();
    const lines: GradeLine[] = [];
    while (this.isNameStart(this.la())) {
      const s = this.at;
      const label = this.name();
      const line: GradeLine = { label, span: UNSET_SPAN };
      const t = this.la();
      if (t === GT) giveUp(); // KPI0101.grade-gt
      let min: NumLit | undefined;
      if (t === GE) {
        this.at++;
        min = this.num();
      }
      let co: NumLit | undefined;
      if (this.la() === KW_COEFFICIENT) {
        // `coefficient N`, not a grade named `coefficient` (chevrotain decides on the second token)
        if (!this.isNumStart(this.la2())) giveUp();
        this.at++;
        co = this.num();
      }
      line.span = this.from(s);
      if (min) line.min = min;
      if (co) line.coefficient = co;
      lines.push(line);
      this.sep();
    }
    this.close();
    return { kind: 'grades', lines, span: this.from(first) };
  }

  // ---------- tests ----------
  private test(): TestCase {
    const first = this.at++;
    const name = this.name();
    const t: TestCase = { kind: 'test', name: name.text, nameSpan: name.span, given: [], expects: [], span: UNSET_SPAN };
    this.open();
    for (;;) {
      const k = this.la();
      if (k === KW_GIVEN) this.given(t);
      else if (k === KW_EXPECT) {
        const s = this.at++;
        const subject = this.qualifiedName();
        this.eat(EQUALS);
        const value = this.isNumStart(this.la()) ? this.num() : this.name();
        t.expects.push({ subject, value, span: this.from(s) });
      } else if (k === COMMA || k === SEMI) this.at++;
      else break; // `person` is built by build-money.ts: the reference path
    }
    this.close();
    t.span = this.from(first);
    return t;
  }

  /** `given a = 1, b = 2 c = 3`: another pair after `,` or when the next two tokens are `NAME =` or `NAME .` */
  private given(t: TestCase): void {
    this.at++;
    this.givenPair(t);
    for (;;) {
      const t1 = this.la();
      if (t1 === COMMA) {
        this.at++;
      } else {
        if (!this.isNameStart(t1)) break;
        const t2 = this.la2();
        if (t2 !== EQUALS && t2 !== DOT) break;
      }
      this.givenPair(t);
    }
  }

  private givenPair(t: TestCase): void {
    const s = this.at;
    const key = this.qualifiedName();
    this.eat(EQUALS);
    if (this.la() === STR) {
      const i = this.at;
      const word = stringValue(this.image(i));
      if (isNotApplicable(word)) {
        this.at++;
        // a N/A cell, as data files write it (SPEC §6)
        t.given.push({ key, value: new NumLitNode('0', false, this.starts[i]!, this.ends[i]!), na: word, span: this.from(s) });
        return;
      }
    }
    const value = this.value();
    t.given.push({ key, value, span: this.from(s) });
  }

  // ---------- expressions: or < and < not < comparison < + - < * / < unary - ----------
  /** an expression of a metric or veto; deeper than MAX_EXPR_DEPTH is KPI0108 */
  private topExpr(): Expr {
    const e = this.expr();
    if (exprDepth(e) > MAX_EXPR_DEPTH) giveUp();
    return e;
  }

  private expr(): Expr {
    let left = this.andExpr();
    while (this.la() === KW_OR) {
      this.at++;
      const right = this.andExpr();
      left = { kind: 'logic', op: 'or', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.la() === KW_AND) {
      this.at++;
      const right = this.notExpr();
      left = { kind: 'logic', op: 'and', left, right, span: { start: left.span.start, end: right.span.end } };
    }
    return left;
  }

  private notExpr(): Expr {
    const first = this.at;
    while (this.la() === KW_NOT) this.at++;
    const nots = this.at - first;
    let e = this.compareExpr();
    for (let i = nots - 1; i >= 0; i--) e = { kind: 'not', operand: e, span: { start: this.starts[first + i]!, end: e.span.end } };
    return e;
  }

  private compareExpr(): Expr {
    let left = this.addExpr();
    for (;;) {
      const t = this.la();
      if (t !== GE && t !== GT && t !== LE && t !== LT && t !== EQEQ && t !== NE) return left;
      const op = this.image(this.at++) as '>=' | '>' | '<=' | '<' | '==' | '!=';
      const right = this.addExpr();
      left = { kind: 'compare', op, left, right, span: { start: left.span.start, end: right.span.end } };
    }
  }

  private addExpr(): Expr {
    let left = this.mulExpr();
    for (;;) {
      const t = this.la();
      if (t !== PLUS && t !== MINUS) return left;
      this.at++;
      const right = this.mulExpr();
      left = { kind: 'arith', op: t === PLUS ? '+' : '-', left, right, span: { start: left.span.start, end: right.span.end } };
    }
  }

  private mulExpr(): Expr {
    let left = this.unaryExpr();
    for (;;) {
      const t = this.la();
      if (t !== STAR && t !== SLASH) return left;
      this.at++;
      const right = this.unaryExpr();
      left = { kind: 'arith', op: t === STAR ? '*' : '/', left, right, span: { start: left.span.start, end: right.span.end } };
    }
  }

  private unaryExpr(): Expr {
    const first = this.at;
    while (this.la() === MINUS) this.at++;
    const minuses = this.at - first;
    let e = this.atom();
    for (let i = minuses - 1; i >= 0; i--) e = { kind: 'neg', operand: e, span: { start: this.starts[first + i]!, end: e.span.end } };
    return e;
  }

  private atom(): Expr {
    const t = this.la();
    if (t === NUM || t === PCT) {
      const lit = this.literal(this.at++);
      return { kind: 'num', value: lit.value, percent: lit.percent, span: lit.span };
    }
    if (t === LPAREN) {
      const first = this.at++;
      if (++this.parens > MAX_PAREN_DEPTH) giveUp();
      const e = this.expr();
      this.eat(RPAREN);
      this.parens--;
      // the expression covers its parentheses, as the user sees it
      return { ...e, span: this.from(first) };
    }
    if ((t === KW_MIN || t === KW_MAX || t === KW_ABS) && this.la2() === LPAREN) return this.call();
    if (!this.isNameStart(t)) giveUp();
    // a statement keyword at the start of a line begins the next statement (grammar.ts atom's GATE): an error here
    if (IS_STATEMENT[t] && this.at > 0 && this.lineBreakBefore(this.at)) giveUp();
    const q = this.qualifiedName();
    return { kind: 'ref', name: q.text, span: q.span };
  }

  /** `min(…)`, `max(…)`, `abs(…)`: arguments separated by commas, maybe none */
  private call(): Expr {
    const first = this.at++;
    const fn = KW_NAME[this.types[first]!] as 'min' | 'max' | 'abs';
    this.eat(LPAREN);
    if (++this.parens > MAX_PAREN_DEPTH) giveUp();
    const args: Expr[] = [];
    if (this.la() !== RPAREN) {
      args.push(this.expr());
      while (this.la() === COMMA) {
        this.at++;
        args.push(this.expr());
      }
    }
    this.eat(RPAREN);
    this.parens--;
    return { kind: 'call', fn, args, span: this.from(first) };
  }
}
