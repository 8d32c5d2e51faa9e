/**
 * The kpi lexer: scan.ts reads the text into chevrotain tokens (exactly what chevrotain's Lexer over
 * tokens.ts would make, faster); this wraps its errors into diagnostics.
 *
 * `tokenize(text)` never throws: lexer errors come back as diagnostics (KPI0103 unterminated string,
 * KPI0104 invalid character, KPI0105 invalid number) with 0-based half-open spans.
 *
 * Comments (`# ...`, `// ...`) are not passed to the parser: they come apart, as chevrotain's `comments`
 * token group would hold them. The formatter reads them either as `tokenize(text).comments` (tokens) or, more
 * simply, with `lexComments(text)`, which returns `{ text, span }[]` in source order (text includes the
 * leading `#` or `//`, span is 0-based half-open).
 *
 * The playground generates its highlighter from `TOKEN_CATALOG` (tokens.ts); `KEYWORDS`, `SCORING_METHODS`
 * and `CYCLES` list the words for completion.
 */
import { Lexer, type IToken, type TokenType } from 'chevrotain';
import { scanTape, tapeTokens, type TokenTape } from './scan.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { Span } from '../source/span.js';
import { CurlyString, withIdentifierHint, NumberLit, PercentLit, UnterminatedString } from './tokens.js';
import { diag, text as ref, bilingual } from '../diagnostics/diag.js';
import type { MessageRef } from '../diagnostics/types.js';

export * from './tokens.js';

let reference: Lexer | undefined;
/**
 * Chevrotain's Lexer over the token types: what scan.ts must return, token for token (the scan test and
 * the parser bench compare them). Built on first use: it costs ~20 ms, and `tokenize` does not need it.
 */
export function chevrotainLexer(): Lexer {
  if (!reference) {
    reference = new Lexer(withIdentifierHint() as TokenType[], {
      positionTracking: 'full',
      ensureOptimizations: true,
      recoveryEnabled: true,
      // chevrotain's checks of the token definitions; the lexer test builds one with them on
      // (packages/core/test/parser/fast-cst.test.ts)
      skipValidations: true,
    });
  }
  return reference;
}

export interface CommentInfo {
  /** the comment's text including its `#` or `//` */
  text: string;
  span: Span;
}

export interface TokenizeResult {
  /** tokens for the parser (no whitespace, no comments) */
  tokens: IToken[];
  /** comment tokens in source order */
  comments: IToken[];
  /** chevrotain groups, `groups.comments` === `comments` */
  groups: { comments: IToken[] };
  diagnostics: Diagnostic[];
}

export const tokenSpan = (t: IToken): Span => ({ start: t.startOffset, end: t.startOffset + t.image.length });

function describeChar(s: string): string {
  const cp = s.codePointAt(0)!;
  const hex = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return cp < 0x20 || cp === 0x7f ? hex : `\`${String.fromCodePoint(cp)}\` (${hex})`;
}

const CHAR_HELP: Record<string, MessageRef> = {
  '“': ref('help.straight-quotes', {}),
  '”': ref('help.straight-quotes', {}),
  '（': ref('help.ascii', { char: '(' }),
  '）': ref('help.ascii', { char: ')' }),
  '＝': ref('help.ascii', { char: '=' }),
};

/** Tokenize a plan file. A leading BOM is skipped as whitespace (offsets stay those of the text). */
export function tokenize(text: string, file?: string): TokenizeResult {
  return tokensOf(text, scanTape(text), file);
}

/** the tokens and lexer diagnostics of a text already scanned into a tape (the parser scans once) */
export function tokensOf(text: string, r: TokenTape, file?: string): TokenizeResult {
  const diagnostics: Diagnostic[] = [];
  for (const e of r.errors) {
    // one error per run of characters no token matches
    const end = e.offset + e.length;
    const first = String.fromCodePoint(text.codePointAt(e.offset) ?? 0xfffd);
    const firstEnd = e.offset + first.length;
    const run = text.slice(e.offset, end);
    diagnostics.push(
      diag('KPI0104', { char: describeChar(first) }, {
        file,
        span: { start: e.offset, end: run.length > 1 && /^\S+$/u.test(run) ? end : firstEnd },
        helpText: CHAR_HELP[first] ?? ref('help.invalid-char', {}),
      }),
    );
  }
  const tokens = tapeTokens(text, r);
  for (const t of tokens) {
    const tt: TokenType = t.tokenType;
    if (tt === UnterminatedString) {
      diagnostics.push(
        diag('KPI0103', {}, {
          file,
          span: tokenSpan(t),
          edits: [{ span: { start: t.startOffset + t.image.length, end: t.startOffset + t.image.length }, text: '"' }],
        }),
      );
    } else if (tt === CurlyString) {
      diagnostics.push(
        diag('KPI0104.curly-quotes', {}, {
          file,
          span: tokenSpan(t),
          edits: [{ span: tokenSpan(t), text: '"' + t.image.slice(1, -1).replace(/["\\]/g, (c) => '\\' + c) + '"' }],
        }),
      );
    } else if ((tt === NumberLit || tt === PercentLit) && t.image.includes('_') && /_(?![0-9])|(?<![0-9])_/.test(t.image)) {
      diagnostics.push(
        diag('KPI0105', { text: t.image }, {
          file,
          span: tokenSpan(t),
          edits: [{ span: tokenSpan(t), text: t.image.replace(/_+/g, (m, i: number, s: string) => (i > 0 && /[0-9]/.test(s[i - 1]!) && /[0-9]/.test(s[i + m.length] ?? '') ? '_' : '')) }],
        }),
      );
    } else if ((tt === NumberLit || tt === PercentLit) && hasTooManyDecimals(t.image)) {
      // the IR keeps 40 decimals: more would be rounded away silently (0.000…0001 read as 0)
      const shown = t.image.length > 24 ? `${t.image.slice(0, 12)}…${t.image.slice(-8)}` : t.image;
      diagnostics.push(
        diag(
          'KPI0105.too-many-decimals',
          {
            text: shown,
            max: MAX_LITERAL_DECIMALS,
            asFraction: tt === PercentLit ? bilingual('what.as-fraction', {}) : '',
            beforePercent: tt === PercentLit ? bilingual('what.before-percent', { n: MAX_LITERAL_DECIMALS - 2 }) : '',
          },
          { file, span: tokenSpan(t) },
        ),
      );
    }
  }
  const comments = r.comments;
  return { tokens, comments, groups: { comments }, diagnostics };
}

/** decimals the IR keeps for a number literal (a percent's value is the literal ÷ 100) */
export const MAX_LITERAL_DECIMALS = 40;
/**
 * a literal keeps more decimals than the IR does. A literal of at most MAX_LITERAL_DECIMALS characters
 * cannot (its decimals are fewer than its characters, a percent's two extra places included), so the
 * 180,000 literals of a big plan skip the string work of significantDecimals.
 */
export function hasTooManyDecimals(image: string): boolean {
  return image.length > MAX_LITERAL_DECIMALS && significantDecimals(image) > MAX_LITERAL_DECIMALS;
}

/** decimal places of a number or percent literal's value, trailing zeros aside (`1.50` → 1, `0.5%` → 3) */
export function significantDecimals(image: string): number {
  const percent = image.endsWith('%');
  const dot = image.indexOf('.');
  const frac = dot < 0 ? '' : image.slice(dot + 1, percent ? -1 : undefined).replace(/_/g, '').replace(/0+$/, '');
  if (!percent) return frac.length;
  // `100%` is 1; `5%` is 0.05: two more places unless the integer part ends in zeros
  const int = (dot < 0 ? image.slice(0, -1) : image.slice(0, dot)).replace(/_/g, '');
  return frac.length > 0 ? frac.length + 2 : Math.max(0, 2 - (/0*$/.exec(int)![0].length));
}

/** The comments of a text, in source order: `{ text, span }` with 0-based half-open spans. */
export function lexComments(text: string): CommentInfo[] {
  return tokenize(text).comments.map((t) => ({ text: t.image, span: tokenSpan(t) }));
}
