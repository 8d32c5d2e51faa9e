/**
 * The Monarch tokenizer, GENERATED from the lexer's TOKEN_CATALOG so highlighting cannot drift from
 * the lexer: the same keyword list, the same number/percent/string/comment/identifier regexes.
 * The result is plain data in Monaco's IMonarchLanguage shape (no Monaco import here).
 */
import type { CatalogEntry } from '@kpi/core';

export interface MonarchLanguage {
  defaultToken: string;
  unicode: boolean;
  tokenPostfix: string;
  keywords: string[];
  methods: string[];
  settings: string[];
  brackets: { open: string; close: string; token: string }[];
  tokenizer: Record<string, [RegExp, string | { cases: Record<string, string> }][]>;
}

/** Token classes the tokenizer emits (themes colour these). */
export const MONARCH_TOKENS = {
  comment: 'comment',
  string: 'string',
  percent: 'number.percent',
  number: 'number',
  keyword: 'keyword',
  method: 'type.method',
  setting: 'keyword.setting',
  identifier: 'identifier',
  operator: 'operator',
  delimiter: 'delimiter',
} as const;

// only syntax characters: with `unicode: true` Monaco compiles every rule with the `u` flag, where `\-` is invalid
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function generateMonarch(catalog: readonly CatalogEntry[]): MonarchLanguage {
  const by = (c: CatalogEntry['category']) => catalog.filter((e) => e.category === c);
  const one = (c: CatalogEntry['category']): string => {
    const e = by(c)[0];
    if (!e?.regex) throw new Error(`token catalogue has no ${c} regex`);
    return e.regex;
  };
  const literalsOf = (c: 'operator' | 'punctuation') =>
    by(c)
      .map((e) => (e.regex && !e.literal ? e.regex : e.literal ? escape(e.literal) : e.regex ?? ''))
      .filter(Boolean);
  // longest alternatives first so `>=` wins over `>`, `..` over `.`
  const alternation = (xs: string[]) => xs.sort((a, b) => b.length - a.length).join('|');
  const words = (c: 'keyword' | 'method' | 'setting') => by(c).map((e) => e.literal!).filter(Boolean);

  return {
    defaultToken: '',
    unicode: true,
    tokenPostfix: '.kpi',
    keywords: words('keyword'),
    methods: words('method'),
    settings: words('setting'),
    brackets: [
      { open: '{', close: '}', token: 'delimiter.curly' },
      { open: '(', close: ')', token: 'delimiter.parenthesis' },
    ],
    tokenizer: {
      root: [
        [/[ \t\r\n\u3000\u00a0\ufeff]+/, 'white'],
        [new RegExp(one('comment')), MONARCH_TOKENS.comment],
        [new RegExp(one('string')), MONARCH_TOKENS.string],
        [new RegExp(one('percent')), MONARCH_TOKENS.percent],
        [new RegExp(one('number')), MONARCH_TOKENS.number],
        [
          new RegExp(one('identifier'), 'u'),
          {
            cases: {
              '@methods': MONARCH_TOKENS.method,
              '@settings': MONARCH_TOKENS.setting,
              '@keywords': MONARCH_TOKENS.keyword,
              '@default': MONARCH_TOKENS.identifier,
            },
          },
        ],
        [/[{}()]/, '@brackets'],
        [new RegExp(alternation(literalsOf('operator'))), MONARCH_TOKENS.operator],
        [new RegExp(alternation(literalsOf('punctuation'))), MONARCH_TOKENS.delimiter],
      ],
    },
  };
}
