/**
 * Shared plumbing for the check* functions: one place that builds diagnostics (severity comes from
 * the catalogue, so a code's severity is defined once) and formats exact numbers for messages.
 */
import type { Diagnostic, Fix, Related, Severity } from '../diagnostics/types.js';
import { catalogueEntry } from '../diagnostics/catalogue.js';
import { diag, legacyDiagnostic, type ArgsOf, type At, type DiagnosticId } from '../diagnostics/diag.js';
import type { Indicator, NumLit, Plan } from '../ir/schema.js';
import { indicatorList, indicatorsOf, type IndicatorOnPath } from '../ir/walk.js';
import type { SourceFile, Span } from '../source/span.js';
import { Rational, parseLiteral } from '../numbers/rational.js';
import { dec } from '../numbers/decimal.js';
import { LiteralCache } from '../numbers/literal-cache.js';

export interface Extras {
  help?: string;
  related?: Related[];
  fix?: Fix;
  severity?: Severity;
}

export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly source: SourceFile,
    /** spans of the parser's errors, so rules can stay quiet where a lost item would make them cascade */
    readonly syntaxErrors: readonly Span[] = [],
  ) {}

  /**
   * a syntax error lies inside `outer` but on no line of any of `inner` — a line the parser may have
   * dropped whole (`indcator 毛利率 ...`). Errors on an item's own lines belong to that item.
   */
  lostItemIn(outer: Span, inner: readonly { span: Span }[]): boolean {
    if (this.syntaxErrors.length === 0) return false;
    const lines = inner.map(({ span: i }) => [this.source.lineIndex(i.start), this.source.lineIndex(Math.max(i.start, i.end - 1))] as const);
    return this.syntaxErrors.some((e) => {
      if (e.start < outer.start || e.start >= outer.end) return false;
      const l = this.source.lineIndex(e.start);
      return !lines.some(([a, b]) => l >= a && l <= b);
    });
  }

  /** a syntax error lies on a line of `span`: what the parser built there may be incomplete */
  syntaxErrorIn(span: Span): boolean {
    if (this.syntaxErrors.length === 0) return false;
    const first = this.source.lineIndex(span.start);
    const last = this.source.lineIndex(Math.max(span.start, span.end - 1));
    return this.syntaxErrors.some((e) => {
      const l = this.source.lineIndex(e.start);
      return l >= first && l <= last;
    });
  }

  private readonly indicatorLists = new Map<Plan, IndicatorOnPath[]>();
  /**
   * `indicatorsOf(plan)`, computed once per check: five rules walk every indicator, and each walk multiplies
   * the weights along the group path (BigInt rationals). The IR does not change during a check.
   */
  indicatorsOf(plan: Plan): readonly IndicatorOnPath[] {
    let list = this.indicatorLists.get(plan);
    if (!list) {
      list = indicatorsOf(plan);
      this.indicatorLists.set(plan, list);
    }
    return list;
  }

  private readonly indicatorArrays = new Map<Plan, Indicator[]>();
  /**
   * The plan's indicators in source order, for the rules that walk each one. They loop with an index, not
   * `for…of`: a check runs once, mostly in V8's interpreter, where each step of an iterator allocates its
   * result (issue 14: five walks of 10,000 indicators made ~5 MB of garbage). Without their group paths
   * (indicatorsOf), which only the rules about tests and money read.
   */
  indicators(plan: Plan): readonly Indicator[] {
    let list = this.indicatorArrays.get(plan);
    if (!list) {
      list = indicatorList(plan);
      this.indicatorArrays.set(plan, list);
    }
    return list;
  }

  /** report a finding from the catalogue (texts in both languages, arguments typed by its templates) */
  diag<I extends DiagnosticId>(id: I, args: ArgsOf<I>, span: Span, at: Omit<At, 'file' | 'span'> = {}): Diagnostic {
    const d = diag(id, args, { ...at, file: this.source.name, span });
    this.diagnostics.push(d);
    return d;
  }

  /**
   * @deprecated use `diag()` with a catalogue id: its texts exist in Chinese and English. Kept so code
   * written against it compiles; the texts given here stay as written (English).
   */
  report(code: string, span: Span, message: string, extras: Extras = {}): Diagnostic {
    const entry = catalogueEntry(code);
    if (!entry) throw new Error(`checker bug: code ${code} is not in the catalogue`);
    const d = legacyDiagnostic(code, { file: this.source.name, span, message, help: extras.help, fix: extras.fix, related: extras.related, severity: extras.severity ?? entry.severity });
    this.diagnostics.push(d);
    return d;
  }
}

/**
 * A yes/no about a literal's exact value (`weight` in (0, 100%], `cap` below 100%), remembered by the value's
 * text: a plan of 10,000 indicators writes a few values ~17,000 times, and each comparison of two rationals
 * multiplies BigInts (issue 14: the range rules 21 -> 13 ms of a cold check). Bounded (LiteralCache); the test
 * must depend on the value alone.
 */
export class ValueTest {
  private readonly memo = new LiteralCache<boolean>();
  constructor(private readonly test: (r: Rational) => boolean) {}
  /** the test on `n`'s value; undefined when there is no literal or it is not a number (recovered nodes) */
  of(n: NumLit | undefined): boolean | undefined {
    if (!n) return undefined;
    let yes = this.memo.get(n.value);
    if (yes === undefined) {
      const r = parseLiteral(n.value);
      if (!r) return undefined;
      yes = this.test(r);
      this.memo.set(n.value, yes);
    }
    return yes;
  }
}

/** exact value of a literal; undefined when the text is not a number (recovered nodes) */
export function val(n: NumLit | undefined): Rational | undefined {
  if (!n) return undefined;
  return parseLiteral(n.value);
}

/** a rational as a percent for messages: 0.9 → `90%`, 1/3 → `33.3333333333%` */
export function pct(r: Rational): string {
  return `${r.mul(Rational.HUNDRED).toDecimalString(10)}%`;
}

/** a literal the way the plan wrote it: `70%` or `0.7` */
export function shown(n: NumLit): string {
  return n.percent ? dec.toPercentText(n.value) : n.value;
}

/** a new value written in the same style as an existing literal (percent stays percent) */
export function sameStyle(r: Rational, like: NumLit): string {
  return like.percent ? pct(r) : r.toDecimalString(10);
}

export const bt = (name: string): string => `\`${name}\``;

/**
 * A fix that puts items (band rows, grade lines) in a new order by rewriting each item's text in place:
 * item i's span receives the text of the item that belongs at position i. Comments and spacing between
 * items stay where they are. Undefined when the order does not change.
 */
export function reorderFix<T extends { span: Span }>(source: SourceFile, items: readonly T[], sorted: readonly T[], message: string): Fix | undefined {
  const edits = items
    .map((it, i) => ({ span: it.span, text: source.text.slice(sorted[i]!.span.start, sorted[i]!.span.end) }))
    .filter((e, i) => sorted[i] !== items[i] && e.text !== source.text.slice(e.span.start, e.span.end));
  return edits.length ? { message, edits } : undefined;
}

export const ZERO = Rational.ZERO;
export const ONE = Rational.ONE;
