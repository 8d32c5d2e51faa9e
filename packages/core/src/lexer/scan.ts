/**
 * The lexer's hot loop, by hand (issue 14): one pass over the text's char codes, choosing the token by its
 * first character, where chevrotain's Lexer tries the token types' regexes in turn. On a 10,000-indicator
 * plan chevrotain's took 55–70 ms warm (this: 37–62 ms) and ~20 ms at every start to build the lexer.
 *
 * The token types, their order and their patterns stay those of tokens.ts (the single source of truth):
 * this file returns exactly what chevrotain's Lexer over ALL_TOKENS (`chevrotainLexer()` in lexer/index.ts)
 * returns — the same token objects field by field, the same comments, the same error runs with their lines
 * and columns. packages/core/test/parser/scan.test.ts holds it to that (chevrotain's Lexer is the reference)
 * on every plan file, damaged copies of them, every BMP character and random texts.
 *
 * What chevrotain does, and so this:
 * - the first token type in ALL_TOKENS order whose pattern matches wins (not the longest), except that a
 *   keyword gives way to a longer identifier (`longer_alt`): so a word is a keyword when the identifier
 *   read there is exactly a keyword's spelling, and the first keyword in lexer order that matches does so
 *   with that whole spelling (EXACT_KEYWORDS, built from the token types' own patterns);
 * - lines are counted in whitespace only (`\n`, `\r\n`, `\r`), the one token type with `line_breaks`;
 * - characters no token type matches are one error run, up to the next offset where some type matches.
 */
import type { IToken, TokenType } from 'chevrotain';
import { SourceFile } from '../source/span.js';
import {
  Identifier, IDENT_STICKY, Comment, StringLit, UnterminatedString, CurlyString, PercentLit, NumberLit, DotDot, Dot, GreaterEq, LessEq,
  EqEq, NotEq, Greater, Less, Equals, Plus, Minus, Star, Slash, PercentSign, LParen, RParen, LBrace, RBrace, Comma, Semicolon, Colon,
  KEYWORDS_IN_LEXER_ORDER,
} from './tokens.js';

/** an unmatched run of characters, as chevrotain's ILexingError reports it */
export interface ScanError {
  offset: number;
  length: number;
  line: number;
  column: number;
}

/**
 * A token with chevrotain's fields in chevrotain's order (createTokenInstance), made by a class of its own.
 * Objects with the same fields in the same order share V8's hidden class, and chevrotain's own tokens (its
 * EOF token, tokens inserted while recovering) hold NaN offsets: a plain-object token then stored each of
 * its six positions as a boxed double, ~225 bytes a token (180,000 tokens for 10,000 indicators: 41 MB,
 * all of it copied by the young-generation collector). This class's instances keep small integers inline.
 */
class Token implements IToken {
  constructor(
    public image: string,
    public startOffset: number,
    public endOffset: number,
    public startLine: number,
    public endLine: number,
    public startColumn: number,
    public endColumn: number,
    public tokenTypeIdx: number,
    public tokenType: TokenType,
  ) {}
}

export interface ScanResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ScanError[];
}

/**
 * Each spelling that lexes as its keyword. Chevrotain tries the keywords in lexer order, each one's
 * spellings in the order of its pattern's alternation; the first that matches a prefix of the word is
 * taken, and then gives way to the identifier unless it is the whole word. So a spelling is a keyword
 * unless an earlier keyword (or an earlier spelling of its own) is a proper prefix of it.
 */
function exactKeywords(): Map<string, TokenType> {
  const tried = new Set<string>();
  const out = new Map<string, TokenType>();
  // each prefix of a spelling looked up, not every earlier spelling compared (it runs at every start)
  const shadowed = (s: string) => {
    for (let n = 1; n <= s.length; n++) if (tried.has(s.slice(0, n))) return true;
    return false;
  };
  for (const t of KEYWORDS_IN_LEXER_ORDER) {
    for (const s of (t.PATTERN as RegExp).source.split('|')) {
      if (!shadowed(s)) out.set(s, t);
      tried.add(s);
    }
  }
  return out;
}
const EXACT_KEYWORDS = exactKeywords();

/**
 * EXACT_KEYWORDS by first character, for a lookup that makes no string: every keyword and name (~100,000 in a
 * 10,000-indicator plan) was cut out of the text and hashed to look it up in the Map: 2 MB of garbage, ~8% of
 * the lexer's time warm. A word is tried against the few spellings of its length that start as it does.
 */
const KEYWORDS_BY_FIRST = new Map<number, { spelling: string; type: TokenType }[]>();
for (const [spelling, type] of EXACT_KEYWORDS) {
  const first = spelling.charCodeAt(0);
  let list = KEYWORDS_BY_FIRST.get(first);
  if (!list) KEYWORDS_BY_FIRST.set(first, (list = []));
  list.push({ spelling, type });
}

/** the keyword spelled exactly by text[at, end), or undefined (scanTape's loop has this inline) */
function keywordAt(text: string, at: number, end: number): TokenType | undefined {
  const list = KEYWORDS_BY_FIRST.get(text.charCodeAt(at));
  if (list === undefined) return undefined;
  const length = end - at;
  for (let i = 0; i < list.length; i++) {
    const k = list[i]!;
    if (k.spelling.length === length && text.startsWith(k.spelling, at)) return k.type;
  }
  return undefined;
}

/** `.` of a regex without the `s` flag: any unit but a line terminator */
const dotMatches = (c: number) => c !== 0x0a && c !== 0x0d && c !== 0x2028 && c !== 0x2029;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3000 || c === 0xa0 || c === 0xfeff;
/** ASCII letters, digits and `_`: what an identifier may continue with below U+0080 */
const isAsciiWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f;

/** the end of `"…"` (after the closing quote) or, unterminated, its negated end (-1 - end): StringLit's and UnterminatedString's patterns */
function stringEnd(text: string, at: number): number {
  let i = at + 1;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      if (i + 1 < n && dotMatches(text.charCodeAt(i + 1))) i += 2;
      else break;
    } else if (c === 0x0a || c === 0x0d) break;
    else i++;
  }
  return -1 - i;
}

/** the end of the digits `[\d_]*` from `i` */
function digitsEnd(text: string, i: number): number {
  let c = text.charCodeAt(i);
  while (isDigit(c) || c === 0x5f) c = text.charCodeAt(++i);
  return i;
}

/** the end of `\d[\d_]*(?:\.\d[\d_]*)?` at a digit */
function numberEnd(text: string, at: number): number {
  const i = digitsEnd(text, at + 1);
  return text.charCodeAt(i) === 0x2e && isDigit(text.charCodeAt(i + 1)) ? digitsEnd(text, i + 2) : i;
}

/**
 * CJK Unified Ideographs (U+4E00–U+9FFF): every one is a letter (\p{Lo}), so it may start or continue an
 * identifier. Plans name things in Chinese: this range lets most names skip the Unicode regex
 * (scan.test.ts holds the lexer to chevrotain's, the regex's, on every BMP character).
 */
export const isCjkIdeograph = (c: number): boolean => c >= 0x4e00 && c <= 0x9fff;

/** what may start (WORD_START) and continue (WORD) an identifier below U+0080: ASCII letters, `_`, digits */
const WORD_START = 1;
const WORD = 2;
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (isAsciiWord(c)) ASCII_WORD[c] = isDigit(c) ? WORD : WORD_START | WORD;
}

/** the end of the identifier at `at`, or -1 (IDENTIFIER_SOURCE; ASCII words and CJK ideographs without the regex) */
function identifierEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c < 0x80 ? isAsciiWord(c) && !isDigit(c) : isCjkIdeograph(c)) {
    let i = at + 1;
    let d = text.charCodeAt(i);
    while (d < 0x80 ? isAsciiWord(d) : isCjkIdeograph(d)) d = text.charCodeAt(++i);
    // NaN past the end, or ASCII punctuation or space: the end. Another non-ASCII unit (a letter of another
    // script, a combining mark, a surrogate) may continue the identifier: the regex decides from the start
    if (!(d >= 0x80)) return i;
  } else if (c < 0x80) return -1;
  IDENT_STICKY.lastIndex = at;
  const m = IDENT_STICKY.exec(text);
  return m === null ? -1 : at + m[0].length;
}

/** the tokens of one character (the full-width `％，；：` are tested in tokenAt) */
const SINGLE_ASCII: (TokenType | undefined)[] = new Array(128).fill(undefined);
for (const [ch, t] of [['+', Plus], ['-', Minus], ['*', Star], ['%', PercentSign], ['(', LParen], [')', RParen], ['{', LBrace], ['}', RBrace], [',', Comma], [';', Semicolon], [':', Colon]] as const) {
  SINGLE_ASCII[ch.charCodeAt(0)] = t;
}

/**
 * No `”` closes a `“` before this offset (up to a line end): found by a failed search. A line of unclosed `“`
 * is one error run, and each `“` in it is tried again (as chevrotain does, regex by regex): without this
 * every try searched to the line's end, and 160,000 of them took 32 s.
 */
let noCurlyCloseBefore = 0;

/** the type of the token tokenAt found (Comment for a comment, undefined for whitespace) */
let foundType: TokenType | undefined;
/** The end of the token at `at` (its type in foundType), or -1 when no token type matches there. */
function tokenAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  foundType = undefined;
  switch (c) {
    case 0x23: // #
      foundType = Comment;
      return commentEnd(text, at);
    case 0x2f: // / (a comment first)
      if (next === 0x2f) {
        foundType = Comment;
        return commentEnd(text, at);
      }
      foundType = Slash;
      return at + 1;
    case 0x22: {
      const e = stringEnd(text, at);
      foundType = e >= 0 ? StringLit : UnterminatedString;
      return e >= 0 ? e : -1 - e;
    }
    case 0x201c: {
      // “…”: CurlyString, else nothing (the quote is not a letter)
      if (at < noCurlyCloseBefore) return -1;
      let i = at + 1;
      for (; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x201d) {
          foundType = CurlyString;
          return i + 1;
        }
        if (d === 0x0a || d === 0x0d) break;
      }
      noCurlyCloseBefore = i;
      return -1;
    }
    case 0x2e:
      return pair(at, next === 0x2e, DotDot, Dot);
    case 0x3e:
      return pair(at, next === 0x3d, GreaterEq, Greater);
    case 0x3c:
      return pair(at, next === 0x3d, LessEq, Less);
    case 0x3d:
      return pair(at, next === 0x3d, EqEq, Equals);
    case 0x21:
      if (next !== 0x3d) return -1;
      foundType = NotEq;
      return at + 2;
  }
  const single = c < 0x80 ? SINGLE_ASCII[c] : c === 0xff05 ? PercentSign : c === 0xff0c ? Comma : c === 0xff1b ? Semicolon : c === 0xff1a ? Colon : undefined;
  if (single !== undefined) {
    foundType = single;
    return at + 1;
  }
  if (isDigit(c)) {
    const e = numberEnd(text, at);
    const p = text.charCodeAt(e);
    if (p === 0x25 || p === 0xff05) {
      foundType = PercentLit;
      return e + 1;
    }
    foundType = NumberLit;
    return e;
  }
  if (isSpace(c)) {
    let i = at + 1;
    while (isSpace(text.charCodeAt(i))) i++;
    return i;
  }
  const e = identifierEnd(text, at);
  if (e < 0) return -1;
  foundType = keywordAt(text, at, e) ?? Identifier;
  return e;
}

/** a two-character operator when `two` (`..`, `>=`, `<=`, `==`), else its one-character prefix */
function pair(at: number, two: boolean, long: TokenType, short: TokenType): number {
  foundType = two ? long : short;
  return two ? at + 2 : at + 1;
}

function commentEnd(text: string, at: number): number {
  let i = at + 1;
  let c = text.charCodeAt(i);
  while (c === c && c !== 0x0a && c !== 0x0d) c = text.charCodeAt(++i);
  return i;
}

/**
 * The parser's tokens as columns of numbers (issue 14): what `scan` returns as token objects, without the
 * objects. For 10,000 indicators the 180,000 token objects and their images were ~25 MB that the young
 * generation copied twice; the fast parser (parser/fast.ts) reads these arrays and makes a string only for
 * a name or a number it keeps. Offsets are 0-based, `ends` exclusive. A token's line and column are not kept:
 * no token but whitespace holds a line end (chevrotain counts lines in whitespace only), so they follow from
 * the text's line starts (`lines`, the one line rule) where the reference parser asks (`tapeTokens`): two
 * columns of ~200,000 numbers less to write and to hold for 10,000 indicators (issue 14).
 */
export interface TokenTape {
  /** tokens in the tape */
  count: number;
  /** each token's tokenTypeIdx (TOKEN_TYPE_BY_IDX gives the type; fewer than 256 of them) */
  types: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  comments: IToken[];
  errors: ScanError[];
  /** the text's lines, computed when first asked for: the parser's SourceFile, so that its diagnostics share them */
  lines: SourceFile;
}

/** token type by tokenTypeIdx, for the types the lexer makes */
export const TOKEN_TYPE_BY_IDX: TokenType[] = [];
for (const t of [Identifier, Comment, StringLit, UnterminatedString, CurlyString, PercentLit, NumberLit, DotDot, Dot, GreaterEq, LessEq, EqEq, NotEq, Greater, Less, Equals, Plus, Minus, Star, Slash, PercentSign, LParen, RParen, LBrace, RBrace, Comma, Semicolon, Colon, ...KEYWORDS_IN_LEXER_ORDER]) {
  TOKEN_TYPE_BY_IDX[t.tokenTypeIdx!] = t;
}
// the tape keeps a token's type in a byte
if (TOKEN_TYPE_BY_IDX.length > 256) throw new Error(`${TOKEN_TYPE_BY_IDX.length} token types: TokenTape.types holds 256`);

function grow<A extends Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>>(a: A): A {
  const b = new (a.constructor as new (n: number) => A)(a.length * 2);
  b.set(a);
  return b;
}

/** chevrotain's line and column (1-based; columns in UTF-16 units) of an offset in `source`'s text */
function lineColumn(source: SourceFile, offset: number): { line: number; column: number } {
  const li = source.lineIndex(offset);
  return { line: li + 1, column: offset - source.lineStarts[li]! + 1 };
}

/** Tokenize `text` into a tape: the tokens `scan` returns, as columns of numbers. `lines`: the text's SourceFile, if made. */
export function scanTape(text: string, lines: SourceFile = new SourceFile('', text)): TokenTape {
  // about one token per 6 characters in plans as written; the arrays double when that is short
  let cap = Math.max(64, (text.length / 5) | 0);
  let types = new Uint8Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  const comments: IToken[] = [];
  const errors: ScanError[] = [];
  const n = text.length;
  let at = 0;
  noCurlyCloseBefore = 0;
  while (at < n) {
    // spaces and line feeds, a third of a plan's characters (indentation), without a call to tokenAt; other
    // whitespace (`\r`, tabs, U+3000) goes there, and its run may follow or precede these: tokens are the same
    let c = text.charCodeAt(at);
    if (c === 0x20 || c === 0x0a) {
      do c = text.charCodeAt(++at);
      while (c === 0x20 || c === 0x0a);
      continue;
    }
    // The tokens of most of a plan's characters, inline: a name or keyword of ASCII letters and CJK ideographs, a
    // number, a percent, one-character punctuation. What tokenAt does for them, without its calls: run once over a
    // plan, this loop spends most of its time in V8's interpreter before TurboFan's code arrives, and there each
    // call costs more than the few comparisons it makes; and TurboFan compiles it once, not again in each of the
    // functions it calls (which it did when they grew hot on their own first: ~50 ms of CPU for 10,000
    // indicators). Every other start, and a name that goes on with other Unicode letters (the regex decides), goes
    // to tokenAt.
    let end = -1;
    let type: TokenType | undefined;
    if (c < 0x80 ? (ASCII_WORD[c]! & WORD_START) !== 0 : c >= 0x4e00 && c <= 0x9fff) {
      let i = at + 1;
      let d = text.charCodeAt(i);
      while (d < 0x80 ? (ASCII_WORD[d]! & WORD) !== 0 : d >= 0x4e00 && d <= 0x9fff) d = text.charCodeAt(++i);
      if (!(d >= 0x80)) {
        // NaN past the end, or ASCII punctuation or space: the word is [at, i); a keyword if spelled exactly
        end = i;
        type = Identifier;
        const list = KEYWORDS_BY_FIRST.get(c);
        if (list !== undefined) {
          for (let k = 0; k < list.length; k++) {
            const kw = list[k]!;
            if (kw.spelling.length === i - at && text.startsWith(kw.spelling, at)) {
              type = kw.type;
              break;
            }
          }
        }
      }
    } else if (c >= 0x30 && c <= 0x39) {
      // \d[\d_]*(?:\.\d[\d_]*)?, then a percent sign (`%` or `％`) makes it a PercentLit
      let i = at + 1;
      let d = text.charCodeAt(i);
      while ((d >= 0x30 && d <= 0x39) || d === 0x5f) d = text.charCodeAt(++i);
      if (d === 0x2e) {
        const e = text.charCodeAt(i + 1);
        if (e >= 0x30 && e <= 0x39) {
          i += 2;
          d = text.charCodeAt(i);
          while ((d >= 0x30 && d <= 0x39) || d === 0x5f) d = text.charCodeAt(++i);
        }
      }
      if (d === 0x25 || d === 0xff05) {
        end = i + 1;
        type = PercentLit;
      } else {
        end = i;
        type = NumberLit;
      }
    } else if (c < 0x80 && SINGLE_ASCII[c] !== undefined) {
      end = at + 1;
      type = SINGLE_ASCII[c];
    }
    if (end < 0) {
      end = tokenAt(text, at);
      type = foundType;
    }
    if (end < 0) {
      // the run up to the next offset where some token type matches
      const start = at;
      do at++;
      while (at < n && tokenAt(text, at) < 0);
      errors.push({ offset: start, length: at - start, ...lineColumn(lines, start) });
      continue;
    }
    if (type === Comment) {
      const { line, column } = lineColumn(lines, at);
      comments.push(new Token(text.substring(at, end), at, end - 1, line, line, column, column + (end - at) - 1, type.tokenTypeIdx!, type));
    } else if (type !== undefined) {
      if (count === cap) {
        cap *= 2;
        types = grow(types);
        starts = grow(starts);
        ends = grow(ends);
      }
      types[count] = type.tokenTypeIdx!;
      starts[count] = at;
      ends[count] = end;
      count++;
    }
    at = end;
  }
  return { count, types, starts, ends, comments, errors, lines };
}

/** The token objects of a tape (chevrotain's IToken, field for field what its Lexer makes). */
export function tapeTokens(text: string, tape: TokenTape): IToken[] {
  const tokens: IToken[] = new Array(tape.count);
  const { types, starts, ends } = tape;
  for (let i = 0; i < tape.count; i++) {
    const s = starts[i]!;
    const e = ends[i]!;
    const { line, column } = lineColumn(tape.lines, s);
    const type = TOKEN_TYPE_BY_IDX[types[i]!]!;
    tokens[i] = new Token(text.substring(s, e), s, e - 1, line, line, column, column + (e - s) - 1, type.tokenTypeIdx!, type);
  }
  return tokens;
}

/** Tokenize `text` as chevrotain's Lexer over ALL_TOKENS does (see the top of this file). */
export function scan(text: string): ScanResult {
  const tape = scanTape(text);
  return { tokens: tapeTokens(text, tape), comments: tape.comments, errors: tape.errors };
}
