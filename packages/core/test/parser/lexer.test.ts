import { describe, it, expect } from 'vitest';
import { Lexer, type TokenType } from 'chevrotain';
import { tokenize, lexComments, TOKEN_CATALOG, KEYWORDS, SCORING_METHODS, CYCLES, withIdentifierHint } from '../../src/lexer/index.js';
import { KEYWORD_TABLE, zhSpellings } from '../../src/lexer/keywords.js';
import { ALL_TOKENS, KEYWORD_TOKENS, KEYWORDS_IN_LEXER_ORDER, prefixLastOrder } from '../../src/lexer/tokens.js';
import fc from 'fast-check';
import { kpiParser } from '../../src/parser/grammar.js';

/** the category links of every token type as tokens.ts leaves them, before chevrotain's Lexer or parser is built */
const links = () =>
  ALL_TOKENS.map((t) => ({
    name: t.name,
    idx: t.tokenTypeIdx,
    categories: (t.CATEGORIES ?? []).map((c) => c.name),
    matches: [...(t.categoryMatches ?? [])],
    map: { ...t.categoryMatchesMap },
    isParent: t.isParent,
  }));
const AT_LOAD = links();

const kinds = (text: string) => tokenize(text).tokens.map((t) => `${t.tokenType.name}:${t.image}`);

describe('lexer', () => {
  it("links keywords to their categories as chevrotain's Lexer and parser do when built (tokens.ts linkCategories)", () => {
    new Lexer(ALL_TOKENS, { positionTracking: 'full', skipValidations: true });
    kpiParser();
    expect(links()).toEqual(AT_LOAD);
    const keyword = AT_LOAD.find((t) => t.name === 'Keyword')!;
    const method = AT_LOAD.find((t) => t.name === 'MethodKw')!;
    expect(keyword.matches).toContain(AT_LOAD.find((t) => t.name === 'Kw_linear')!.idx);
    expect(method.matches).toEqual(AT_LOAD.filter((t) => t.categories.includes('MethodKw')).map((t) => t.idx).sort((a, b) => a! - b!));
    expect(AT_LOAD.find((t) => t.name === 'Kw_plan')).toMatchObject({ categories: ['Keyword'], matches: [], isParent: false });
  });

  it('builds with the first-char optimisation enforced (ensureOptimizations does not throw)', () => {
    expect(() => new Lexer(withIdentifierHint() as TokenType[], { ensureOptimizations: true, positionTracking: 'full' })).not.toThrow();
  });

  it('reads Unicode identifiers, including CJK and astral characters, and keywords with longer_alt', () => {
    expect(kinds('销售额达成 GMV_2024 𠀀字 planning plan销售 plan _x é')).toEqual([
      'Identifier:销售额达成', 'Identifier:GMV_2024', 'Identifier:𠀀字', 'Identifier:planning', 'Identifier:plan销售', 'Kw_plan:plan', 'Identifier:_x', 'Identifier:é',
    ]);
  });

  it('reads numbers with grouping, decimals, percents (also full-width) and ranges', () => {
    expect(kinds('1_200_000 0.95 95% 33.33％ 1..5 -3')).toEqual([
      'NumberLit:1_200_000', 'NumberLit:0.95', 'PercentLit:95%', 'PercentLit:33.33％', 'NumberLit:1', 'DotDot:..', 'NumberLit:5', 'Minus:-', 'NumberLit:3',
    ]);
  });

  it('reads operators and punctuation, including full-width commas and colons', () => {
    expect(kinds('>= <= == != > < = + - * / ( ) { } , ， ; : ： .').map((k) => k.split(':')[0])).toEqual([
      'GreaterEq', 'LessEq', 'EqEq', 'NotEq', 'Greater', 'Less', 'Equals', 'Plus', 'Minus', 'Star', 'Slash', 'LParen', 'RParen', 'LBrace', 'RBrace', 'Comma', 'Comma', 'Semicolon', 'Colon', 'Colon', 'Dot',
    ]);
  });

  it('reads strings with escapes', () => {
    expect(kinds('"GMV (含税)" "a\\"b"')).toEqual(['StringLit:"GMV (含税)"', 'StringLit:"a\\"b"']);
  });

  it('keeps # and // comments out of the token stream but available to the formatter', () => {
    const text = '# 头注释\nplan P { // 行尾\n}';
    const r = tokenize(text);
    expect(r.tokens.map((t) => t.image)).toEqual(['plan', 'P', '{', '}']);
    expect(r.groups.comments).toBe(r.comments);
    expect(lexComments(text)).toEqual([
      { text: '# 头注释', span: { start: 0, end: 5 } },
      { text: '// 行尾', span: { start: 15, end: 20 } },
    ]);
  });

  it('ignores a leading BOM without shifting offsets', () => {
    const r = tokenize('\uFEFFplan');
    expect(r.diagnostics).toEqual([]);
    expect(r.tokens[0]!.startOffset).toBe(1);
  });

  it('turns lexer errors into diagnostics instead of throwing', () => {
    const r = tokenize('plan @@ "open\n1__0');
    expect(r.diagnostics.map((d) => [d.code, d.span])).toEqual([
      ['KPI0104', { start: 5, end: 7 }],
      ['KPI0103', { start: 8, end: 13 }],
      ['KPI0105', { start: 14, end: 18 }],
    ]);
  });

  it('orders keywords so that one whose spelling begins another\'s comes after it, and otherwise as given (fast-check, fixed seed)', () => {
    // the all-pairs definition; prefixLastOrder finds the same pairs by looking up prefixes
    const reference = (sp: string[][]): number[] | undefined => {
      const beginsOther = (i: number, j: number) => sp[i]!.some((a) => sp[j]!.some((b) => b.length > a.length && b.startsWith(a)));
      const waits = sp.map((_, i) => sp.filter((_o, j) => j !== i && beginsOther(i, j)).length);
      const out: number[] = [];
      const placed = sp.map(() => false);
      while (out.length < sp.length) {
        const i = waits.findIndex((w, k) => w === 0 && !placed[k]);
        if (i < 0) return undefined; // spellings that begin each other both ways: no order
        placed[i] = true;
        out.push(i);
        sp.forEach((_m, k) => {
          if (!placed[k] && beginsOther(k, i)) waits[k]!--;
        });
      }
      return out;
    };
    const indexes = (sp: string[][]) => prefixLastOrder(sp.map((_, i) => i), (i) => sp[i]!);
    expect(indexes([['per'], ['person'], ['period']])).toEqual([1, 2, 0]);
    expect(indexes([['rating', '评分'], ['raters', '评分人']])).toEqual([1, 0]);
    // spellings unique across keywords, as the keyword table has them
    const spellingLists = fc.uniqueArray(fc.stringMatching(/^[ab评分人]{1,4}$/), { minLength: 1, maxLength: 14 }).chain((all) =>
      fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }).chain((shuffled) =>
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: shuffled.length, maxLength: shuffled.length }).map((sizes) => {
          const lists: string[][] = [];
          for (let i = 0; i < shuffled.length; ) {
            const n = Math.min(sizes[lists.length]!, shuffled.length - i);
            lists.push(shuffled.slice(i, i + n));
            i += n;
          }
          return lists;
        }),
      ),
    );
    fc.assert(
      fc.property(spellingLists, (sp) => {
        const expected = reference(sp);
        if (expected) expect(indexes(sp)).toEqual(expected);
        else expect(() => indexes(sp)).toThrow(/no lexer order/);
      }),
      { seed: 14, numRuns: 500 },
    );
    // and the lexer's keywords are in that order
    const types = [...new Set(KEYWORD_TOKENS.values())];
    const sp = types.map((t) => [t.name.slice(3), ...zhSpellings(t.name.slice(3))]);
    expect(KEYWORDS_IN_LEXER_ORDER.map((t) => t.name)).toEqual(reference(sp)!.map((i) => types[i]!.name));
  });

  it('publishes a token catalogue the playground can generate a highlighter from', () => {
    const byName = new Map(TOKEN_CATALOG.map((e) => [e.name, e]));
    // every keyword, English and Chinese, is in the catalogue under its token's name
    for (const k of KEYWORDS) expect(TOKEN_CATALOG.find((e) => e.literal === k)?.name).toMatch(/^Kw_/);
    for (const { en, zh } of KEYWORD_TABLE) expect(TOKEN_CATALOG.find((e) => e.literal === zh)?.name).toBe('Kw_' + en);
    for (const m of SCORING_METHODS) expect(byName.get('Kw_' + m)?.category).toBe('method');
    for (const c of CYCLES) expect(byName.get('Kw_' + c)?.category).toBe('setting');
    expect(byName.get('Kw_indicator')?.category).toBe('keyword');
    expect(byName.get('GreaterEq')).toEqual({ name: 'GreaterEq', category: 'operator', literal: '>=' });
    for (const cat of ['comment', 'string', 'number', 'percent', 'identifier'] as const) {
      const e = TOKEN_CATALOG.find((x) => x.category === cat)!;
      expect(() => new RegExp(e.regex!, 'u')).not.toThrow();
    }
    const pct = new RegExp('^(?:' + byName.get('PercentLit')!.regex + ')$', 'u');
    expect(pct.test('95%')).toBe(true);
    expect(new RegExp('^(?:' + byName.get('Identifier')!.regex + ')$', 'u').test('销售额')).toBe(true);
  });
});

describe('line starts (SourceFile, and the editors through the language service)', () => {
  it('end a line at \\n, \\r\\n and a lone \\r, with or without any \\r in the text (fast-check, fixed seed)', async () => {
    const fc = (await import('fast-check')).default;
    const { lineStartsOf, SourceFile } = await import('../../src/source/span.js');
    const reference = (text: string) => [0, ...[...text.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '字', ' ', '\n', '\r', '\r\n', '\n\r', '𠀀'), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(lineStartsOf(text)).toEqual(reference(text));
        const source = new SourceFile('x', text);
        expect(source.lineStarts).toEqual(reference(text));
        expect(source.lineCount).toBe(reference(text).length);
      }),
      { seed: 20261206, numRuns: 2000 },
    );
  });
});
