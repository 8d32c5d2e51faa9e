/**
 * The comment-preserving formatter behind `kpi fmt`.
 *
 *   formatText(name, text) → { output?, diagnostics }
 *
 * A file with any error diagnostic from the lexer or parser is never formatted (`output` is absent).
 * Otherwise the IR is printed in the canonical layout (print.ts) and the comments, which the parser
 * does not keep, are put back:
 * - a comment on its own line stays before the statement that follows it, at that statement's indent
 *   (a comment written inside a statement that is printed on one line moves just above it);
 * - a trailing comment stays at the end of its statement's line (or of the block's `{` or `}` line);
 *   when a statement that spanned several lines carried several, the first stays trailing and the
 *   others move above the statement;
 * - comments after the last statement of a block stay at the end of the block, before its `}`;
 * - blank lines between statements and comments are kept, collapsed to one; none after `{` or before
 *   `}`; plans are always separated by one blank line.
 * Numbers keep their spelling when it is a plain literal (`1_200_000`, `1.0`, `"¥1,200,000"`; a full-width
 * `％` becomes `%`). Output uses LF line ends and ends with one newline. fmt(fmt(x)) === fmt(x).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import type { NumLit } from '../ir/schema.js';
import { lexComments, type CommentInfo } from '../lexer/index.js';
import { Rational } from '../numbers/rational.js';
import { parseText } from '../parser/index.js';
import { parseQuotedNumber } from '../parser/quoted.js';
import { stringValue } from '../parser/build.js';
import { buildFileUnits, type Unit } from './print.js';
import { keywordStyleOf, respell } from './keywords.js';
import type { KeywordStyle } from '../lexer/keywords.js';

export interface FormatResult {
  /** the formatted text; absent when the file has syntax errors */
  output?: string;
  diagnostics: Diagnostic[];
}

export interface FormatOptions {
  /** spaces per indentation level (default 2) */
  indentWidth?: number;
  /** keywords in English or Chinese (`kpi fmt --keywords`); default: the style the file is written in */
  keywords?: KeywordStyle;
}

export function formatText(name: string, text: string, options: FormatOptions = {}): FormatResult {
  const { source, file, diagnostics, keywordNames } = parseText(name, text);
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
  const style = options.keywords ?? keywordStyleOf(text, keywordNames);
  const units = buildFileUnits(file, {
    numText: (n) => numberAsWritten(text, n),
    lineOf: (offset) => source.lineIndex(offset),
  });
  const comments = lexComments(text);
  const printed = render(text, units, comments, options.indentWidth ?? 2);
  // the printer writes English keywords (its columns are measured in them); respelt as a whole, every
  // line of an aligned column changes by the same width, so the alignment holds
  return { output: style === 'en' ? printed : respell(printed, style), diagnostics };
}

// ---------- numbers as written ----------
const PLAIN_NUMBER = /^(-?)[ \t]*(\d[\d_]*(?:\.\d[\d_]*)?)([%％]?)$/;

function numberAsWritten(text: string, n: NumLit): string | undefined {
  const raw = text.slice(n.span.start, n.span.end);
  const want = Rational.parse(n.value);
  if (!want) return undefined;
  const m = PLAIN_NUMBER.exec(raw);
  if (m) {
    let r = Rational.parse(m[2]!.replace(/_/g, ''));
    if (!r) return undefined;
    const percent = m[3] !== '';
    if (percent) r = r.div(Rational.HUNDRED);
    if (m[1]) r = r.neg();
    return percent === n.percent && r.eq(want) ? `${m[1]}${m[2]}${percent ? '%' : ''}` : undefined;
  }
  if (raw.startsWith('"')) {
    const q = parseQuotedNumber(stringValue(raw));
    const r = q && Rational.parse(q.value);
    return q && r && q.percent === n.percent && r.eq(want) && raw.endsWith('"') && !/[\r\n]/.test(raw) ? raw : undefined;
  }
  return undefined;
}

// ---------- comments ----------
interface Block {
  unit: Unit | undefined; // undefined: the file
  children: Unit[];
  open: number;
  closeAt: number;
}

interface Placement {
  leading: Map<Unit, CommentInfo[]>;
  trailing: Map<Unit, CommentInfo[]>;
  closeTrailing: Map<Unit, CommentInfo[]>;
  /** comments at the end of a block (key undefined: end of file) */
  end: Map<Unit | undefined, CommentInfo[]>;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\u3000' || c === '\u00a0' || c === '\ufeff';

/** offset of the first `{` at or after `from`, skipping comments and strings */
function findBrace(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === '{') return i;
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    }
  }
  return text.length;
}

function placeComments(text: string, units: Unit[], comments: CommentInfo[]): Placement {
  const pl: Placement = { leading: new Map(), trailing: new Map(), closeTrailing: new Map(), end: new Map() };
  const add = <K>(m: Map<K, CommentInfo[]>, k: K, c: CommentInfo) => {
    const l = m.get(k);
    if (l) l.push(c);
    else m.set(k, [c]);
  };
  const blockOf = (u: Unit): Block => ({
    unit: u,
    children: [...u.children!].sort((a, b) => a.span.start - b.span.start),
    open: findBrace(text, u.braceFrom ?? u.span.start),
    closeAt: u.closeAt ?? u.span.end - 1,
  });
  const root: Block = { unit: undefined, children: [...units].sort((a, b) => a.span.start - b.span.start), open: -1, closeAt: Infinity };

  for (const c of comments) {
    let p = c.span.start - 1;
    while (p >= 0 && isSpace(text[p]!)) p--;
    const trailing = p >= 0 && text[p] !== '\n' && text[p] !== '\r';
    if (trailing) {
      let b = root;
      for (;;) {
        if (b.unit && p <= b.open) {
          add(pl.trailing, b.unit, c);
          break;
        }
        if (b.unit && p >= b.closeAt) {
          add(pl.closeTrailing, b.unit, c);
          break;
        }
        const child = b.children.find((u) => u.span.start <= p && p < u.span.end);
        if (child) {
          if (child.children) {
            b = blockOf(child);
            continue;
          }
          add(pl.trailing, child, c);
          break;
        }
        const before = b.children.filter((u) => u.span.start <= p).pop();
        if (before) add(before.children ? pl.closeTrailing : pl.trailing, before, c);
        else if (b.unit) add(pl.trailing, b.unit, c);
        else add(pl.end, undefined, c);
        break;
      }
      continue;
    }
    const o = c.span.start;
    let b = root;
    for (;;) {
      const child = b.children.find((u) => u.span.start <= o && o < u.span.end);
      if (child) {
        if (child.children) {
          const cb = blockOf(child);
          if (o > cb.open && o < cb.closeAt) {
            b = cb;
            continue;
          }
        }
        add(pl.leading, child, c);
        break;
      }
      const next = b.children.find((u) => u.span.start > o);
      if (next) add(pl.leading, next, c);
      else add(pl.end, b.unit, c);
      break;
    }
  }
  // one trailing comment per line: the others move above the statement (or to the end of the block)
  const byStart = (a: CommentInfo, b: CommentInfo) => a.span.start - b.span.start;
  for (const [u, cs] of pl.trailing) {
    cs.sort(byStart);
    for (const extra of cs.splice(1)) add(pl.leading, u, extra);
  }
  for (const [u, cs] of pl.closeTrailing) {
    cs.sort(byStart);
    for (const extra of cs.splice(1)) add(pl.end, u, extra);
  }
  for (const cs of pl.leading.values()) cs.sort(byStart);
  for (const cs of pl.end.values()) cs.sort(byStart);
  return pl;
}

/** true when the source has an empty line between `offset` and the code or comment before it */
function blankBefore(text: string, offset: number): boolean {
  let newlines = 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === '\n') newlines++;
    else if (c === '\r') {
      if (text[i + 1] !== '\n') newlines++;
    } else if (!isSpace(c)) break;
    if (newlines >= 2) return true;
  }
  return false;
}

/** where the statement's text begins: before a keyword its span leaves out (`role`, `given`) */
function statementStart(text: string, u: Unit): number {
  let i = u.span.start;
  if (!u.keywordBefore) return i;
  while (i > 0 && isSpace(text[i - 1]!)) i--;
  return text.slice(0, i).endsWith(u.keywordBefore) ? i - u.keywordBefore.length : u.span.start;
}

function render(text: string, units: Unit[], comments: CommentInfo[], indentWidth: number): string {
  const pl = placeComments(text, units, comments);
  const out: string[] = [];
  const ind = ' '.repeat(indentWidth);
  const commentText = (c: CommentInfo) => c.text.replace(/\s+$/u, '');
  /** push a line; `blank` asks for an empty line before it (never at the start of a block or file) */
  let atBlockStart = true;
  const push = (depth: number, line: string, blank: boolean) => {
    if (blank && !atBlockStart && out.length && out[out.length - 1] !== '') out.push('');
    out.push(ind.repeat(depth) + line);
    atBlockStart = false;
  };
  const trail = (line: string, cs: CommentInfo[] | undefined) => (cs?.length ? `${line} ${commentText(cs[0]!)}` : line);

  const emitUnits = (us: Unit[], depth: number, forceBlank: boolean) => {
    us.forEach((u, i) => {
      const lead = pl.leading.get(u) ?? [];
      const pre = lead.filter((c) => c.span.start < u.span.start);
      const post = lead.filter((c) => c.span.start >= u.span.start);
      const force = forceBlank && i > 0;
      let first = true;
      for (const c of pre) {
        push(depth, commentText(c), (first && force) || blankBefore(text, c.span.start));
        first = false;
      }
      const unitBlank = blankBefore(text, statementStart(text, u));
      for (const c of post) {
        push(depth, commentText(c), (first && force) || (c === post[0] && unitBlank));
        first = false;
      }
      push(depth, trail(u.line, pl.trailing.get(u)), (first && force) || (post.length === 0 && unitBlank));
      if (u.children) {
        atBlockStart = true;
        emitUnits(u.children, depth + 1, false);
        emitEnd(u, depth + 1);
        atBlockStart = false;
        push(depth, trail(u.close ?? '}', pl.closeTrailing.get(u)), false);
      }
    });
  };
  const emitEnd = (u: Unit | undefined, depth: number) => {
    for (const c of pl.end.get(u) ?? []) push(depth, commentText(c), blankBefore(text, c.span.start));
  };
  emitUnits(units, 0, true);
  emitEnd(undefined, 0);
  return out.length ? out.join('\n') + '\n' : '';
}
