/**
 * Public parser API.
 *
 *   parse(source: SourceFile): { file: PlanFile; diagnostics: Diagnostic[] }
 *   parseText(name, text): { source, file, diagnostics }
 *
 * Never throws on user input. Every lexer and parser error becomes a KPI01xx diagnostic; error recovery
 * resynchronises at the next statement, so one run reports every syntax error, and the IR still holds
 * every item that could be read (items damaged by an error carry `recovered: true`).
 */
import { createTokenInstance, EOF, type IRecognitionException, type IToken, type TokenType } from 'chevrotain';
import { SourceFile, type Span } from '../source/span.js';
import type { Diagnostic } from '../diagnostics/types.js';
import type { PlanFile } from '../ir/schema.js';
import { diag, bilingual, text as ref, type DiagnosticId } from '../diagnostics/diag.js';
import type { MessageRef, TextEdit } from '../diagnostics/types.js';
import type { Text } from '../diagnostics/lang.js';
import { chevrotainZh, phraseZh } from './messages-zh.js';
import { chineseKeywordFor, zhKeywordExamples, zhKeyword as zhKeywordOf } from '../lexer/keywords.js';
import { tokensOf } from '../lexer/index.js';
import { scanTape, type TokenTape } from '../lexer/scan.js';
import * as T from '../lexer/tokens.js';
import { kpiParser, expectedByToken, RULE_DESCRIPTIONS } from './grammar.js';
import { IrBuilder } from './build.js';
import { fastParse, type FastParse } from './fast.js';
import { MAX_BRACE_DEPTH, MAX_PAREN_DEPTH } from './limits.js';

export { KpiParser, kpiParser } from './grammar.js';
export { parseQuotedNumber } from './quoted.js';
export { MAX_BRACE_DEPTH, MAX_PAREN_DEPTH } from './limits.js';

export interface ParseResult {
  file: PlanFile;
  diagnostics: Diagnostic[];
  /** offsets of keyword tokens the file uses as names, not as keywords (`indicator 目标 …`) */
  keywordNames?: ReadonlySet<number>;
}

export function parse(source: SourceFile): ParseResult {
  const text = source.text;
  const fileName = source.name;
  const tape = scanTape(text, source);
  // a plan without a diagnostic: straight to the IR (fast.ts); anything else takes chevrotain's parser
  let fast: FastParse | undefined;
  try {
    fast = fastParse(text, tape);
  } catch {
    // a bug of the fast path (its tests call fastParse and see it): the reference path still has the answer
    fast = undefined;
  }
  if (fast) return { file: fast.file, diagnostics: [], keywordNames: fast.keywordNames };
  return parseByGrammar(source, tape);
}

/**
 * The reference path: chevrotain's parser (grammar.ts) with error recovery, then the CST → IR builder
 * (build.ts). parse() takes it for every plan the fast path gives up on; the fast path's test compares the two.
 */
export function parseByGrammar(source: SourceFile, tape: TokenTape = scanTape(source.text, source)): ParseResult {
  const text = source.text;
  const fileName = source.name;
  const lexed = tokensOf(text, tape, fileName);
  const diagnostics: Diagnostic[] = [...lexed.diagnostics];
  const tokens = limitNesting(lexed.tokens, fileName, diagnostics);

  const parser = kpiParser();
  parser.input = tokens;
  let cst;
  let parseErrors;
  try {
    cst = parser.file();
    parseErrors = parser.errors;
  } catch (e) {
    // our bug, or a stack overflow on input we did not anticipate: report, never crash
    diagnostics.push(
      diag('KPI0108', { detail: (e as Error).message }, { file: fileName, span: { start: 0, end: 0 } }),
    );
    return { file: { kind: 'file', plans: [], span: { start: 0, end: text.length } }, diagnostics: sortDiags(diagnostics) };
  } finally {
    // the shared parser would keep the token vector alive until the next parse (~40 MB for 10,000 indicators)
    parser.input = [];
  }
  const seen = new Set<number>();
  for (const err of parseErrors) {
    const d = toDiagnostic(err, text, fileName, tokens[0]);
    const key = d.span?.start ?? -1;
    if (seen.has(key)) continue; // one report per position
    seen.add(key);
    diagnostics.push(d);
    // a line skipped while resynchronising that starts with a misspelt statement keyword is an error of its own
    let prevLine = err.token?.startLine ?? 0;
    for (const t of err.resyncedTokens ?? []) {
      const line = t.startLine ?? 0;
      if (line > prevLine && t.tokenType === T.Identifier && !seen.has(t.startOffset)) {
        const best = nearest(t.image, STATEMENT_KEYWORDS);
        if (best) {
          seen.add(t.startOffset);
          const sp = { start: t.startOffset, end: t.startOffset + t.image.length };
          diagnostics.push(
            diag('KPI0101', { found: '`' + t.image + '`' }, {
              file: fileName,
              span: sp,
              helpText: ref('help.did-you-mean', { word: best }),
              fixText: ref('fix.replace', { old: t.image, word: best }),
              edits: [{ span: sp, text: best }],
            }),
          );
        }
      }
      prevLine = t.endLine ?? line;
    }
  }
  misspeltCoefficient(tokens, diagnostics, fileName);
  const keywordNames = new Set<number>();
  const builder = new IrBuilder({ text, file: fileName, diagnostics, keywordNames });
  const file = builder.file(cst);
  // a missing clause on a line that already has a syntax error is a consequence of it, not news
  const brokenLines = new Set(
    diagnostics.filter((d) => d.code !== 'KPI0106' && d.span).map((d) => source.lineIndex(d.span!.start)),
  );
  const kept = diagnostics.filter((d) => d.code !== 'KPI0106' || !d.span || !brokenLines.has(source.lineIndex(d.span.start)));
  return { file, diagnostics: sortDiags(kept), keywordNames };
}

export function parseText(name: string, text: string): ParseResult & { source: SourceFile } {
  const source = new SourceFile(name, text);
  return { source, ...parse(source) };
}

function sortDiags(ds: Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.span?.start ?? 0) - (b.d.span?.start ?? 0) || a.i - b.i)
    .map((x) => x.d);
}

// ---------- nesting limit ----------
/**
 * Replace parentheses nested deeper than MAX_PAREN_DEPTH by one TooDeep token (parsed as an error
 * expression) and drop blocks nested deeper than MAX_BRACE_DEPTH, so recursion stays bounded.
 */
function limitNesting(tokens: IToken[], file: string, diags: Diagnostic[]): IToken[] {
  let maxParen = 0;
  let maxBrace = 0;
  let p = 0;
  let b = 0;
  for (const t of tokens) {
    const tt = t.tokenType;
    if (tt === T.LParen) maxParen = Math.max(maxParen, ++p);
    else if (tt === T.RParen) p = Math.max(0, p - 1);
    else if (tt === T.LBrace) maxBrace = Math.max(maxBrace, ++b);
    else if (tt === T.RBrace) b = Math.max(0, b - 1);
  }
  if (maxParen <= MAX_PAREN_DEPTH && maxBrace <= MAX_BRACE_DEPTH) return tokens;
  const out: IToken[] = [];
  p = 0;
  b = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const tt = t.tokenType;
    const deepParen = tt === T.LParen && p + 1 > MAX_PAREN_DEPTH;
    const deepBrace = tt === T.LBrace && b + 1 > MAX_BRACE_DEPTH;
    if (deepParen || deepBrace) {
      const open = tt;
      const close = deepParen ? T.RParen : T.RBrace;
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        const u = tokens[j]!.tokenType;
        if (u === open) depth++;
        else if (u === close && --depth === 0) break;
      }
      const last = tokens[Math.min(j, tokens.length - 1)]!;
      const end = last.startOffset + last.image.length;
      diags.push(
        deepParen
          ? diag('KPI0108.parens', { max: MAX_PAREN_DEPTH, unit: bilingual('what.parentheses', {}) }, { file, span: { start: t.startOffset, end: t.startOffset + 1 } })
          : diag('KPI0108.blocks', { max: MAX_BRACE_DEPTH }, { file, span: { start: t.startOffset, end: t.startOffset + 1 } }),
      );
      if (deepParen) {
        out.push(
          createTokenInstance(T.TooDeep, text(tokens, i, j), t.startOffset, end - 1, t.startLine ?? 0, last.endLine ?? 0, t.startColumn ?? 0, last.endColumn ?? 0),
        );
      } else {
        // keep the block's own `{` and `}` and drop only what is inside: the item that owns the block still
        // parses (`group g weight 100% { }`), so the one KPI0108 is not followed by a missing `{`, a
        // missing `}` at the end of the file and an empty group (issue 13: 33 nested groups)
        out.push(t);
        if (j < tokens.length) out.push(tokens[j]!);
      }
      i = j;
      continue;
    }
    if (tt === T.LParen) p++;
    else if (tt === T.RParen) p = Math.max(0, p - 1);
    else if (tt === T.LBrace) b++;
    else if (tt === T.RBrace) b = Math.max(0, b - 1);
    out.push(t);
  }
  return out;
}

function text(tokens: IToken[], i: number, j: number): string {
  // the image is not used by the builder beyond its length; keep it short
  return tokens[i]!.image + (j > i ? '…' : '');
}

// ---------- chevrotain errors → diagnostics ----------
const ITEM_KEYWORDS = ['indicator', 'group', 'metric', 'bonus', 'veto', 'grades', 'test', 'cycle', 'role', 'round'];
const CLAUSE_KEYWORDS = ['weight', 'target', 'scoring', 'cap', 'floor', 'input', 'unit', 'default', 'lower'];
const STATEMENT_KEYWORDS = ['plan', ...ITEM_KEYWORDS, 'given', 'expect'];
/** what belongs inside each `{ }` block, for "unexpected token" inside it */
const BLOCK_HELP: Record<string, MessageRef> = {
  bands: ref('help.block.bands', {}),
  curve: ref('help.block.curve', {}),
  raters: ref('help.block.raters', {}),
  grades: ref('help.block.grades', {}),
  test: ref('help.block.test', {}),
};
const BONUS_KEYWORDS = ['points', 'per', 'max', 'input', 'default'];

function expandExpected(ts: TokenType[]): string[] {
  const out = new Set<string>();
  for (const t of ts) {
    if (t === T.MethodKw) T.SCORING_METHODS.forEach((m) => out.add(m));
    else if (t === T.CycleKw) T.CYCLES.forEach((c) => out.add(c));
    else if (t === T.Keyword) continue;
    else if (t.name.startsWith('Kw_')) out.add(t.name.slice(3));
  }
  return [...out];
}

/** optimal string alignment distance (Damerau-Levenshtein without repeated edits) */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/** the nearest candidate to `word` by edit distance, if close enough to be a typo */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length > 40) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  const limit = word.length <= 3 ? 1 : 2;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(word.toLowerCase(), c);
    if (dist < bestD) {
      bestD = dist;
      best = c;
    }
  }
  return best !== undefined && bestD <= limit ? best : undefined;
}

const real = (t: IToken): boolean => t.tokenType !== EOF && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);

/** rules whose items are clauses separated by spaces, where a comma is a slip */
const CLAUSE_ITEMS = new Set(['indicator', 'indicatorClause', 'planItem', 'groupItem', 'group', 'bonus', 'plan']);

function toDiagnostic(err: IRecognitionException, src: string, file: string, firstTok: IToken | undefined): Diagnostic {
  const tok = err.token;
  const atEof = !tok || tok.tokenType === EOF || !Number.isFinite(tok.startOffset);
  const span: Span = atEof
    ? { start: Math.max(0, src.trimEnd().length), end: Math.max(0, src.trimEnd().length) }
    : { start: tok.startOffset, end: tok.startOffset + tok.image.length };
  const info = tok ? expectedByToken.get(tok) : undefined;
  const prev = info?.previous;
  if (prev && real(prev) && (atEof || (tok.startLine ?? 0) > (prev.endLine ?? prev.startLine ?? 0))) {
    // what is missing belongs to the line before: point at its last token, not at the next line
    span.start = prev.startOffset;
    span.end = prev.startOffset + prev.image.length;
  }
  const rules = err.context?.ruleStack ?? [];
  const rule = info?.rule ?? rules[rules.length - 1] ?? '';
  let code: 'KPI0101' | 'KPI0102' = err.name === 'MismatchedTokenException' || atEof ? 'KPI0102' : 'KPI0101';
  const found: Text = atEof ? bilingual('what.end-of-file', {}) : { en: '`' + tok.image + '`', zh: '`' + tok.image + '`' };
  const expected = info?.expected ?? [];
  let candidates = expandExpected(expected);
  if (expected.length === 1 && expected[0] === EOF && !atEof) {
    if (!prev || !real(prev) || tok === firstTok) {
      const d = diag('KPI0101.expected-plan', { found }, { file, span });
      return withSuggestion(d, tok, ['plan'], ref('help.in-plan', {}));
    }
    const d = diag('KPI0101.after-plan', { found }, { file, span });
    return withSuggestion(d, tok, ['plan'], ref('help.after-plan', {}));
  }
  if (!atEof && tok.tokenType === T.Comma && prev && real(prev) && (prev.endLine ?? 0) === (tok.startLine ?? 0) && CLAUSE_ITEMS.has(rule)) {
    // `weight 30%, target 100%`: clauses are not a list
    return diag('KPI0101.between-clauses', { found }, { file, span, edits: [{ span, text: /\s/.test(src[span.end] ?? ' ') ? '' : ' ' }] });
  }
  const closesBlock = expected.length === 1 && expected[0] === T.RBrace && !atEof;
  if (closesBlock) {
    // a MANY loop of items ended on a token that starts no item: it is unexpected rather than a missing `}`
    code = 'KPI0101';
    const inPlan = rule === 'plan';
    const inGroup = rule === 'group';
    candidates = inPlan
      ? [...ITEM_KEYWORDS, ...CLAUSE_KEYWORDS, ...BONUS_KEYWORDS]
      : inGroup
        ? ['indicator', 'group', ...CLAUSE_KEYWORDS]
        : candidates;
    const blockHelp = BLOCK_HELP[rule];
    if (blockHelp) {
      if (tok.tokenType === T.Equals && (rule === 'bands' || rule === 'grades')) {
        return diag('KPI0101', { found }, { file, span, helpText: ref('help.use-ge', {}), fixText: ref('fix.use-ge', {}), edits: [{ span, text: '>=' }] });
      }
      return withSuggestion(diag('KPI0101', { found }, { file, span }), tok, rule === 'test' ? ['given', 'expect'] : [], blockHelp);
    }
    if (inPlan && tok.tokenType === T.Equals) {
      // `=` only follows a metric's name; here it is most likely a comparison in a `veto`
      return diag('KPI0101', { found }, { file, span, helpText: ref('help.use-eqeq', {}), fixText: ref('fix.use-eqeq', {}), edits: [{ span, text: '==' }] });
    }
    if (inPlan || inGroup) {
      return withSuggestion(diag('KPI0101', { found }, { file, span }), tok, candidates, inPlan ? ref('help.plan-holds', {}) : ref('help.group-holds', {}));
    }
  }
  if (candidates.length === 0 && (rule === 'indicatorClause' || rule === 'indicator')) candidates = CLAUSE_KEYWORDS;
  if (candidates.length === 0 && rule === 'planItem') candidates = ITEM_KEYWORDS;
  const d = closesBlock
    ? diag('KPI0101', { found }, { file, span })
    : diag(code === 'KPI0102' ? 'KPI0102' : 'KPI0101.chevrotain', { text: { en: err.message, zh: chevrotainZh(err.message) } }, { file, span });
  const what = RULE_DESCRIPTIONS[rule];
  const generic: MessageRef = atEof
    ? ref('help.eof', {})
    : code === 'KPI0102' && expected.length === 1
      ? ref('help.insert', { what: phraseText(expected[0] === T.RBrace ? '`}`' : ((expected[0] as { LABEL?: string }).LABEL ?? expected[0]!.name)), found })
      : what
        ? ref('help.write-here', { what: phraseText(what) })
        : ref('help.remove-token', {});
  return withSuggestion(d, atEof ? undefined : tok, candidates, generic);
}

/** an English phrase of the grammar's messages ("a scoring method") with its Chinese twin */
function phraseText(en: string): Text {
  return { en, zh: phraseZh(en) };
}

function withSuggestion(d: Diagnostic, tok: IToken | undefined, candidates: string[], fallbackHelp: MessageRef): Diagnostic {
  const isWord = tok && (tok.tokenType === T.Identifier || T.KEYWORD_TOKENS.get(tok.image) === tok.tokenType);
  const best = isWord && tok ? nearest(tok.image, candidates) : undefined;
  const zhKeyword = tok && !best ? chineseKeywordFor(tok.image, candidates) : undefined;
  if (best && tok) {
    return relabel(d, ref('help.did-you-mean', { word: best }), ref('fix.replace', { old: tok.image, word: best }), [{ span: d.span!, text: best }]);
  }
  if (zhKeyword && tok) {
    // `权重` where `weight` is expected, in a file written with English keywords
    return relabel(d, ref('help.keyword-zh', { word: tok.image, keyword: zhKeyword, zh: zhKeywordOf(zhKeyword) ?? zhKeyword, examples: zhKeywordExamples() }), ref('fix.replace', { old: tok.image, word: zhKeyword }), [{ span: d.span!, text: zhKeyword }]);
  }
  return relabel(d, fallbackHelp);
}

/** the same diagnostic with another help (and fix) from the catalogue */
function relabel(d: Diagnostic, help: MessageRef, fix?: MessageRef, edits?: TextEdit[]): Diagnostic {
  const t = d.t!;
  return diag(t.id as DiagnosticId, t.args as never, {
    file: d.file,
    span: d.span,
    ...(d.related ? { related: d.related } : {}),
    helpText: help,
    ...(fix && edits ? { fixText: fix, edits } : d.fix && t.fix ? { fixText: t.fix, edits: d.fix.edits } : d.fix ? { edits: d.fix.edits } : {}),
  });
}

/**
 * `A >= 90 coeficient 1.2` in a grades block parses as a grade line `A >= 90`, a catch-all grade named
 * `coeficient`, and an unexpected `1.2`. When an unexpected number follows, on the same line, a word
 * close to `coefficient` inside `grades { }`, the error is the word: report it there with the fix.
 */
function misspeltCoefficient(tokens: readonly IToken[], diagnostics: Diagnostic[], file: string): void {
  for (let k = 0; k < diagnostics.length; k++) {
    const d = diagnostics[k]!;
    if (d.code !== 'KPI0101' || !d.span) continue;
    // tokens are in source order: find the diagnostic's token by binary search, not a scan per diagnostic
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tokens[mid]!.startOffset < d.span.start) lo = mid + 1;
      else hi = mid;
    }
    const i = lo;
    const tok = tokens[i]?.startOffset === d.span.start ? tokens[i] : undefined;
    const prev = tokens[i - 1];
    if (!tok || !prev || (tok.tokenType !== T.NumberLit && tok.tokenType !== T.PercentLit)) continue;
    if (prev.tokenType !== T.Identifier || (prev.endLine ?? 0) !== (tok.startLine ?? 0) || nearest(prev.image, ['coefficient']) !== 'coefficient') continue;
    // inside `grades { … }`: the innermost unclosed `{` before the word follows `grades`
    let depth = 0;
    let inGrades = false;
    for (let j = i - 2; j >= 0; j--) {
      const tt = tokens[j]!.tokenType;
      if (tt === T.RBrace) depth++;
      else if (tt === T.LBrace) {
        if (depth === 0) {
          inGrades = tokens[j - 1]?.tokenType === T.Grades;
          break;
        }
        depth--;
      }
    }
    if (!inGrades) continue;
    const span = { start: prev.startOffset, end: prev.startOffset + prev.image.length };
    diagnostics[k] = diag('KPI0101.before', { word: prev.image, next: tok.image }, {
      file,
      span,
      helpText: ref('help.did-you-mean', { word: 'coefficient' }),
      fixText: ref('fix.replace', { old: prev.image, word: 'coefficient' }),
      edits: [{ span, text: 'coefficient' }],
    });
  }
}
