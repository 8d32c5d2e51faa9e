// The shipped parser builds its CST with plain-object children and skips chevrotain's grammar validations at
// start (grammar.ts, issue 14). Both are speed only: the CST, the recovered nodes and the errors must be those
// chevrotain itself builds, and the grammar must pass chevrotain's validations.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createToken, Lexer, type CstElement, type CstNode, type IToken, type TokenType } from 'chevrotain';
import { KpiParser, kpiParser, cstKeyClashes } from '../../src/parser/grammar.js';
import { chevrotainLexer, hasTooManyDecimals, MAX_LITERAL_DECIMALS, significantDecimals, tokenize } from '../../src/lexer/index.js';
import { ALL_TOKENS, Identifier, withIdentifierHint } from '../../src/lexer/tokens.js';

const root = new URL('../../../../', import.meta.url);
const files = execFileSync('git', ['ls-files', '-z', '*.kpi'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean)
  .map((f) => ({ name: f, text: readFileSync(new URL(f, root), 'utf8') }));

/** damaged copies of a text: truncated, a character cut, a stray token pasted in (error recovery's paths) */
function variants(text: string): string[] {
  const out = [text];
  const step = Math.max(1, Math.floor(text.length / 12));
  for (let i = step; i < text.length; i += step) {
    out.push(text.slice(0, i));
    out.push(text.slice(0, i) + text.slice(i + 1));
    out.push(text.slice(0, i) + [' @ ', ' , ', ' weight ', ' { ', ' } ', '\n权重 ', ' >= '][i % 7] + text.slice(i));
  }
  return out;
}

const tok = (t: IToken) => [t.tokenType.name, t.image, t.startOffset, t.endOffset, t.isInsertedInRecovery === true];
function plain(e: CstElement): unknown {
  if ((e as IToken).image !== undefined) return tok(e as IToken);
  const n = e as CstNode;
  return {
    name: n.name,
    location: n.location,
    recovered: n.recoveredNode === true,
    children: Object.entries(n.children).map(([k, v]) => [k, v.map(plain)]),
  };
}

describe('the parser as shipped', () => {
  it('passes chevrotain grammar and lexer validations (skipped at start in the shipped instances)', () => {
    expect(() => new KpiParser({ validate: true })).not.toThrow();
    const lexer = new Lexer(withIdentifierHint() as TokenType[], { positionTracking: 'full', ensureOptimizations: true, recoveryEnabled: true, skipValidations: false, deferDefinitionErrorsHandling: true });
    expect(lexer.lexerDefinitionErrors).toEqual([]);
    expect(lexer.lexerDefinitionWarning).toEqual([]);
  });

  it('no token or rule name is an Object.prototype property (CST children are plain objects)', () => {
    expect(cstKeyClashes(kpiParser())).toEqual([]);
  });

  it(`builds the CST chevrotain builds, errors and recovery included (${files.length} plan files and damaged copies)`, () => {
    const stock = new KpiParser({ stockCst: true });
    let texts = 0;
    let errors = 0;
    for (const f of files) {
      for (const text of variants(f.text)) {
        const { tokens } = tokenize(text);
        kpiParser().input = tokens;
        const fast = plain(kpiParser().file());
        const fastErrors = kpiParser().errors.map((e) => [e.name, e.message, e.token.startOffset]);
        stock.input = tokens;
        const reference = plain(stock.file());
        const stockErrors = stock.errors.map((e) => [e.name, e.message, e.token.startOffset]);
        expect(fast, `${f.name} (${text.length} chars)`).toEqual(reference);
        expect(fastErrors, f.name).toEqual(stockErrors);
        texts++;
        errors += stockErrors.length;
      }
    }
    expect(texts).toBeGreaterThan(1000);
    expect(errors).toBeGreaterThan(500); // recovery was exercised
  });

  it('stock nodes have prototype-less children and ours plain ones: the only difference', () => {
    const { tokens } = tokenize('plan p { indicator a weight 100% scoring linear }');
    kpiParser().input = tokens;
    const fast = kpiParser().file();
    const stock = new KpiParser({ stockCst: true });
    stock.input = tokens;
    const ref = stock.file();
    expect(Object.getPrototypeOf(ref.children)).toBe(null);
    expect(Object.getPrototypeOf(fast.children)).toBe(Object.prototype);
    expect(plain(fast)).toEqual(plain(ref));
  });

  it('the identifier hint by bucket lexes every BMP character as the exact list of first units did', () => {
    // the hint before issue 14: every UTF-16 unit an identifier can start with
    const first = /[\p{L}\p{Nl}_]/u;
    const exact: number[] = [];
    for (let c = 0; c < 0x10000; c++) if ((c >= 0xd800 && c <= 0xdbff) || (!(c >= 0xdc00 && c <= 0xdfff) && first.test(String.fromCharCode(c)))) exact.push(c);
    const Ident = createToken({ name: 'Identifier', pattern: Identifier.PATTERN, start_chars_hint: exact, line_breaks: false, label: 'a name' });
    const tokens = ALL_TOKENS.map((t) =>
      t === Identifier ? Ident : t.LONGER_ALT === Identifier ? createToken({ name: t.name, pattern: t.PATTERN, longer_alt: Ident, categories: t.CATEGORIES, start_chars_hint: t.START_CHARS_HINT }) : t,
    );
    const reference = new Lexer(tokens, { positionTracking: 'full', ensureOptimizations: true, recoveryEnabled: true });
    const chars: string[] = [];
    for (let c = 0; c < 0x10000; c++) chars.push(String.fromCharCode(c));
    const texts = [chars.join(' '), chars.map((c) => `a${c}1 ${c}b 权重${c} `).join('\n'), '𠀀名 𝒳 '.repeat(3)];
    const view = (r: ReturnType<Lexer['tokenize']>) => [r.tokens.map((t) => `${t.tokenType.name}:${t.image}:${t.startOffset}`), r.errors.map((e) => `${e.offset}+${e.length}`)];
    for (const text of texts) expect(view(chevrotainLexer().tokenize(text))).toEqual(view(reference.tokenize(text)));
  });

  it('hasTooManyDecimals (a length test first) agrees with significantDecimals on literals of every length', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n);
    const digits = (n: number) => Array.from({ length: n }, () => (rnd(4) === 0 ? '0' : String(rnd(10)))).join('');
    for (let i = 0; i < 20000; i++) {
      const int = digits(1 + rnd(20)) + (rnd(5) === 0 ? '_000' : '');
      const frac = rnd(3) === 0 ? '' : '.' + digits(1 + rnd(45)) + (rnd(3) === 0 ? '000' : '');
      const lit = int + frac + (rnd(2) ? '%' : '');
      expect(hasTooManyDecimals(lit), lit).toBe(significantDecimals(lit) > MAX_LITERAL_DECIMALS);
    }
  });
});
