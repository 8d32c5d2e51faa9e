/**
 * Token definitions of the kpi language. The single source of truth for the lexer, the parser and the
 * playground's generated Monarch highlighter (see TOKEN_CATALOG).
 */
import { createToken, Lexer, type TokenType, type CustomPatternMatcherFunc } from 'chevrotain';
import { zhSpellings } from './keywords.js';

// ---------- identifiers: a custom matcher (chevrotain drops the regex `u` flag, chevrotain#1620) ----------
/** regex source of identifiers, for editors (with the `u` flag) */
export const IDENTIFIER_SOURCE = '[\\p{L}\\p{Nl}_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*';
/** the identifier at `lastIndex` (sticky), for the lexer (scan.ts) */
export const IDENT_STICKY = new RegExp(IDENTIFIER_SOURCE, 'uy');

const WHOLE_IDENT_RE = new RegExp(`^${IDENTIFIER_SOURCE}$`, 'u');
/**
 * true when `text` lexes as one identifier (or keyword) token. The one identifier rule: the formatter,
 * the checker's fixes and the editor's completions decide with it whether a name may stay bare.
 */
export const isIdentifier = (text: string): boolean => WHOLE_IDENT_RE.test(text);

const matchIdentifier: CustomPatternMatcherFunc = (text, offset) => {
  IDENT_STICKY.lastIndex = offset;
  return IDENT_STICKY.exec(text);
};

/**
 * The identifier's first-char hint for chevrotain. Chevrotain files a char code under 256 under itself and
 * one above in a bucket of 255 codes (charCodeToOptimizedIndex: 255 + code / 255); only the buckets count.
 * So the hint is each code under 256 an identifier can start with (exact: digits and operators never try
 * the identifier) and one code per bucket above. Every bucket above 255 is listed: a superset is safe,
 * since the identifier comes last in ALL_TOKENS and its matcher decides, and nearly every bucket holds a
 * letter anyway. (Listing each of the ~50,000 possible first units cost ~40 ms at every start, issue 14.)
 */
function identifierStartHint(): number[] {
  const out: number[] = [];
  const first = /[\p{L}\p{Nl}_]/u;
  for (let c = 0; c < 256; c++) if (first.test(String.fromCharCode(c))) out.push(c);
  let bucket = -1;
  for (let c = 256; c < 0x10000; c++) {
    const b = 255 + Math.floor(c / 255);
    if (b !== bucket) out.push(c);
    bucket = b;
  }
  return out;
}

/**
 * Identifiers. The shipped lexer is scan.ts; chevrotain's Lexer over these token types is its reference
 * (lexer/index.ts `chevrotainLexer`), which sets the start_chars_hint (identifierStartHint) when it is
 * built: computing it costs ~10 ms that no run of the CLI needs.
 */
export const Identifier = createToken({
  name: 'Identifier',
  pattern: { exec: matchIdentifier },
  line_breaks: false,
  label: 'a name',
});
/** give the identifier its start_chars_hint: call before building a chevrotain Lexer over ALL_TOKENS */
export function withIdentifierHint(): readonly TokenType[] {
  const id = Identifier as { START_CHARS_HINT?: number[] };
  id.START_CHARS_HINT ??= identifierStartHint();
  return ALL_TOKENS;
}

// ---------- categories ----------
/** every keyword: keywords are not reserved, the parser's `name` rule accepts this category */
export const Keyword = createToken({ name: 'Keyword', pattern: Lexer.NA, label: 'a name' });
export const MethodKw = createToken({ name: 'MethodKw', pattern: Lexer.NA, categories: [Keyword], label: 'a scoring method' });
export const CycleKw = createToken({
  name: 'CycleKw',
  pattern: Lexer.NA,
  categories: [Keyword],
  label: 'a cycle (`monthly`, `quarterly`, `semiannual`, `annual`)',
});
/** placeholder for an expression nested too deeply (never produced by the lexer; see parser/index.ts) */
export const TooDeep = createToken({ name: 'TooDeep', pattern: Lexer.NA });

export type TokenCategory =
  | 'keyword'
  | 'method'
  | 'setting'
  | 'operator'
  | 'number'
  | 'percent'
  | 'string'
  | 'comment'
  | 'identifier'
  | 'punctuation';

export interface CatalogEntry {
  /** chevrotain token name */
  name: string;
  category: TokenCategory;
  /** exact text for keywords and fixed punctuation */
  literal?: string;
  /** regex source (JavaScript syntax; identifiers need the `u` flag) */
  regex?: string;
}

const catalog: CatalogEntry[] = [];
const kwByText = new Map<string, TokenType>();

function kw(text: string, category: 'keyword' | 'method' | 'setting', extra: TokenType[] = []): TokenType {
  const name = 'Kw_' + text;
  // the Chinese twin from the keyword table lexes to the same token: the two mix freely in one file
  const zhs = zhSpellings(text);
  const t = createToken({
    name,
    pattern: new RegExp([text, ...zhs].join('|')),
    longer_alt: Identifier,
    label: '`' + text + '`',
    ...(zhs.length ? { start_chars_hint: [...new Set([text, ...zhs].map((s) => s.charCodeAt(0)))] } : {}),
  });
  // its categories linked once all keywords exist (linkCategories), not by createToken
  t.CATEGORIES = [Keyword, ...extra];
  kwByText.set(text, t);
  catalog.push({ name, category, literal: text });
  for (const zh of zhs) {
    kwByText.set(zh, t);
    catalog.push({ name, category, literal: zh });
  }
  return t;
}

// keywords (LANGUAGE.md)
// SPEC §7: money and cycles (before `per`: a keyword must precede the keywords it is a prefix of)
export const Pay = kw('pay', 'keyword');
export const Commission = kw('commission', 'keyword');
export const Marginal = kw('marginal', 'keyword');
export const Whole = kw('whole', 'keyword');
export const Pool = kw('pool', 'keyword');
export const Split = kw('split', 'keyword');
export const By = kw('by', 'keyword');
export const Within = kw('within', 'keyword');
export const Distribution = kw('distribution', 'keyword');
export const Advise = kw('advise', 'keyword');
export const Aggregate = kw('aggregate', 'keyword');
export const Person = kw('person', 'keyword');
export const Period = kw('period', 'setting');
export const Sum = kw('sum', 'keyword');
export const Average = kw('average', 'keyword');
export const Last = kw('last', 'keyword');
export const ScoreKw = kw('score', 'keyword');
export const Plan = kw('plan', 'keyword');
export const Indicator = kw('indicator', 'keyword');
export const Weight = kw('weight', 'keyword');
export const Target = kw('target', 'keyword');
export const Scoring = kw('scoring', 'keyword');
export const Cap = kw('cap', 'keyword');
export const Floor = kw('floor', 'keyword');
export const Input = kw('input', 'keyword');
export const Unit = kw('unit', 'keyword');
export const Default = kw('default', 'keyword');
export const Lower = kw('lower', 'keyword');
export const Group = kw('group', 'keyword');
export const Metric = kw('metric', 'keyword');
export const Bonus = kw('bonus', 'keyword');
export const Points = kw('points', 'keyword');
export const Per = kw('per', 'keyword');
export const Max = kw('max', 'keyword');
export const Min = kw('min', 'keyword');
export const Abs = kw('abs', 'keyword');
export const Veto = kw('veto', 'keyword');
export const When = kw('when', 'keyword');
export const And = kw('and', 'keyword');
export const Or = kw('or', 'keyword');
export const Not = kw('not', 'keyword');
export const Grades = kw('grades', 'keyword');
export const Coefficient = kw('coefficient', 'keyword');
export const Else = kw('else', 'keyword');
export const On = kw('on', 'keyword');
export const Ratio = kw('ratio', 'keyword');
export const Actual = kw('actual', 'keyword');
export const Test = kw('test', 'keyword');
export const Given = kw('given', 'keyword');
export const Expect = kw('expect', 'keyword');
export const Raters = kw('raters', 'keyword');
// SPEC §6: per-unit deductions and additions relative to the target, penalties, N/A, accepted warnings
export const Below = kw('below', 'keyword');
export const Above = kw('above', 'keyword');
export const Add = kw('add', 'keyword');
export const Started = kw('started', 'keyword');
export const Penalty = kw('penalty', 'keyword');
export const Optional = kw('optional', 'keyword');
export const Allow = kw('allow', 'keyword');
// settings
export const Cycle = kw('cycle', 'setting');
export const Role = kw('role', 'setting');
export const Round = kw('round', 'setting');
export const Monthly = kw('monthly', 'setting', [CycleKw]);
export const Quarterly = kw('quarterly', 'setting', [CycleKw]);
export const Semiannual = kw('semiannual', 'setting', [CycleKw]);
export const Annual = kw('annual', 'setting', [CycleKw]);
// scoring methods
export const Linear = kw('linear', 'method', [MethodKw]);
export const Reverse = kw('reverse', 'method', [MethodKw]);
export const Threshold = kw('threshold', 'method', [MethodKw]);
export const Bands = kw('bands', 'method', [MethodKw]);
export const Curve = kw('curve', 'method', [MethodKw]);
export const Deduct = kw('deduct', 'method', [MethodKw]);
export const Rating = kw('rating', 'method', [MethodKw]);

export const KEYWORD_TOKENS: ReadonlyMap<string, TokenType> = kwByText;
/** every keyword's text, English and Chinese */
export const KEYWORDS: readonly string[] = [...kwByText.keys()];
/** keyword tokens, each once */
const KEYWORD_TYPES: TokenType[] = [...new Set(kwByText.values())];

/**
 * What chevrotain computes for a token created with `categories` (augmentTokenTypes): each category, and each of
 * its own categories, lists the token among those it matches (`categoryMatchesMap`, and `categoryMatches` in index
 * order). createToken does it at each token for every category the token is in, rebuilding the category's list each
 * time: for the ~80 keywords in Keyword, ~0.6 ms of every start of every command (issue 14: this module's start
 * 4.8 -> 4.1 ms). Done once here, the same way; chevrotain's Lexer and parser compute it again over all their
 * token types when built, and test/parser/lexer.test.ts holds what they compute to what this did.
 */
function linkCategories(types: readonly TokenType[]): void {
  const touched = new Set<TokenType>();
  const link = (t: TokenType, category: TokenType) => {
    category.categoryMatchesMap![t.tokenTypeIdx!] = true;
    touched.add(category);
    for (const up of category.CATEGORIES ?? []) link(t, up);
  };
  for (const t of types) for (const c of t.CATEGORIES ?? []) link(t, c);
  for (const c of touched) {
    c.categoryMatches = Object.keys(c.categoryMatchesMap!).map(Number);
    c.isParent = c.categoryMatches.length > 0;
  }
}
linkCategories(KEYWORD_TYPES);
/**
 * Lexer order of keywords: a keyword one of whose spellings begins a spelling of another comes after it
 * (`per` after `person` and `period`; `评分` rating after `评分人` raters), so the longer one is tried first.
 * A stable topological order: keywords keep their written order unless a prefix forces a move.
 */
export const KEYWORDS_IN_LEXER_ORDER: readonly TokenType[] = prefixLastOrder(KEYWORD_TYPES, (t) => [t.name.slice(3), ...zhSpellings(t.name.slice(3))]);
/** `types` in lexer order: one whose spelling begins a spelling of another after that one, else as given */
export function prefixLastOrder<T>(types: readonly T[], spellings: (t: T) => readonly string[]): T[] {
  const sp = types.map(spellings);
  const owner = new Map<string, number>();
  sp.forEach((mine, i) => mine.forEach((a) => owner.set(a, i)));
  // before[j]: the keywords one of whose spellings is a proper prefix of a spelling of j: each waits for j.
  // Found by looking up each proper prefix of each spelling, not by comparing all pairs (module load time)
  const before: Set<number>[] = sp.map((mine, j) => {
    const ks = new Set<number>();
    for (const b of mine) {
      for (let n = 1; n < b.length; n++) {
        const k = owner.get(b.slice(0, n));
        if (k !== undefined && k !== j) ks.add(k);
      }
    }
    return ks;
  });
  // waits[k]: how many keywords k is a prefix of and that are not placed yet
  const waits = new Array<number>(types.length).fill(0);
  for (const ks of before) for (const k of ks) waits[k]!++;
  const out: T[] = [];
  const placed = new Array<boolean>(types.length).fill(false);
  while (out.length < types.length) {
    const i = waits.findIndex((w, k) => w === 0 && !placed[k]);
    // a developer's error in the keyword table, met at module load by every test
    if (i < 0) throw new Error('keyword spellings begin each other both ways: no lexer order');
    placed[i] = true;
    out.push(types[i]!);
    for (const k of before[i]!) waits[k]!--;
  }
  return out;
}
export const SCORING_METHODS = ['linear', 'reverse', 'threshold', 'bands', 'curve', 'deduct', 'rating'] as const;
export const CYCLES = ['monthly', 'quarterly', 'semiannual', 'annual'] as const;

// ---------- trivia ----------
export const WhiteSpace = createToken({
  name: 'WhiteSpace',
  pattern: /[ \t\r\n\u3000\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
});
/** `#` and `//` comments: kept in the lexer's `comments` group for the formatter, never seen by the parser */
export const Comment = createToken({
  name: 'Comment',
  pattern: /#[^\r\n]*|\/\/[^\r\n]*/,
  group: 'comments',
  line_breaks: false,
});

// ---------- literals ----------
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/, label: 'a string' });
/** an unterminated string: reported by the lexer wrapper (KPI0103) and parsed as a string for recovery */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: /"(?:[^"\\\r\n]|\\.)*/,
  categories: [StringLit],
  label: 'a string',
});
/** a string in curly quotes (“说明”), as Chinese keyboards type them: reported (KPI0104) and parsed as a string */
export const CurlyString = createToken({
  name: 'CurlyString',
  pattern: /“[^”\r\n]*”/,
  categories: [StringLit],
  label: 'a string',
});
export const PercentLit = createToken({
  name: 'PercentLit',
  pattern: /\d[\d_]*(?:\.\d[\d_]*)?[%％]/,
  label: 'a percent',
});
export const NumberLit = createToken({ name: 'NumberLit', pattern: /\d[\d_]*(?:\.\d[\d_]*)?/, label: 'a number' });

// ---------- operators and punctuation ----------
function punct(name: string, pattern: RegExp | string, category: 'operator' | 'punctuation', literal?: string): TokenType {
  const t = createToken({ name, pattern, label: '`' + (literal ?? String(pattern)) + '`' });
  catalog.push(
    typeof pattern === 'string' ? { name, category, literal: pattern } : { name, category, regex: pattern.source },
  );
  return t;
}
export const DotDot = punct('DotDot', '..', 'operator');
export const Dot = punct('Dot', '.', 'punctuation');
export const GreaterEq = punct('GreaterEq', '>=', 'operator');
export const LessEq = punct('LessEq', '<=', 'operator');
export const EqEq = punct('EqEq', '==', 'operator');
export const NotEq = punct('NotEq', '!=', 'operator');
export const Greater = punct('Greater', '>', 'operator');
export const Less = punct('Less', '<', 'operator');
export const Equals = punct('Equals', '=', 'operator');
export const Plus = punct('Plus', '+', 'operator');
export const Minus = punct('Minus', '-', 'operator');
export const Star = punct('Star', '*', 'operator');
export const Slash = punct('Slash', '/', 'operator');
export const PercentSign = punct('PercentSign', /[%％]/, 'operator', '%');
export const LParen = punct('LParen', '(', 'punctuation');
export const RParen = punct('RParen', ')', 'punctuation');
export const LBrace = punct('LBrace', '{', 'punctuation');
export const RBrace = punct('RBrace', '}', 'punctuation');
/** `,` and the full-width `，` Chinese keyboards type */
export const Comma = punct('Comma', /[,，]/, 'punctuation', ',');
export const Semicolon = punct('Semicolon', /[;；]/, 'punctuation', ';');
export const Colon = punct('Colon', /[:：]/, 'punctuation', ':');

catalog.push(
  { name: 'Comment', category: 'comment', regex: Comment.PATTERN instanceof RegExp ? Comment.PATTERN.source : '' },
  { name: 'StringLit', category: 'string', regex: '"(?:[^"\\\\\\r\\n]|\\\\.)*"?' },
  { name: 'PercentLit', category: 'percent', regex: (PercentLit.PATTERN as RegExp).source },
  { name: 'NumberLit', category: 'number', regex: (NumberLit.PATTERN as RegExp).source },
  { name: 'Identifier', category: 'identifier', regex: IDENTIFIER_SOURCE },
);

/**
 * Every token kind with its category and its literal text or regex source, in lexer priority order
 * except that trivia and literals come last. The playground generates its Monarch tokenizer from this.
 */
export const TOKEN_CATALOG: readonly CatalogEntry[] = catalog;

/** lexer order: trivia, literals (percent before number, string before unterminated), punctuation, keywords, identifier */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace,
  Comment,
  StringLit,
  UnterminatedString,
  CurlyString,
  PercentLit,
  NumberLit,
  DotDot,
  Dot,
  GreaterEq,
  LessEq,
  EqEq,
  NotEq,
  Greater,
  Less,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  PercentSign,
  LParen,
  RParen,
  LBrace,
  RBrace,
  Comma,
  Semicolon,
  Colon,
  ...KEYWORDS_IN_LEXER_ORDER,
  Identifier,
  Keyword,
  MethodKw,
  CycleKw,
  TooDeep,
];
