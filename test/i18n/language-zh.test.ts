/**
 * grammar/LANGUAGE.zh.md (语言参考), the Chinese edition of the language reference, kept in step with the
 * keyword table and with the English edition: its keyword table is the table of the lexer, its examples
 * are real plans written with Chinese keywords, and it has a section for every section of LANGUAGE.md.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KEYWORD_TABLE } from '../../packages/core/src/lexer/keywords.js';
import { analyze } from '../../packages/core/src/check/index.js';
import { keywordStyleOf } from '../../packages/core/src/format/keywords.js';
import { ROOT } from '../cli/helpers.js';

const zh = readFileSync(join(ROOT, 'grammar/LANGUAGE.zh.md'), 'utf8');
const en = readFileSync(join(ROOT, 'grammar/LANGUAGE.md'), 'utf8');

describe('grammar/LANGUAGE.zh.md', () => {
  it('lists exactly the keyword table', () => {
    const open = zh.indexOf('<!-- 关键字表');
    const close = zh.indexOf('<!-- /关键字表 -->');
    expect(open).toBeGreaterThan(0);
    const rows = zh
      .slice(open, close)
      .split('\n')
      .filter((l) => /^\| `/.test(l));
    const want = KEYWORD_TABLE.map((k) => `| ${[k.zh, ...(k.zhAlt ?? [])].map((z) => `\`${z}\``).join('、')} | \`${k.en}\` |`);
    expect(rows).toEqual(want);
  });

  it('has its examples in Chinese keywords, each a clean plan', () => {
    const plans = [...zh.matchAll(/```kpi\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(plans.length).toBeGreaterThanOrEqual(7);
    for (const p of plans) {
      expect(keywordStyleOf(p)).toBe('zh');
      expect(analyze('zh.kpi', p).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`), p).toEqual([]);
    }
  });

  it('has a section for every section of the English edition', () => {
    const count = (md: string) => md.split('\n').filter((l) => l.startsWith('## ')).length;
    expect(count(zh)).toBe(count(en));
    expect(en).toContain('(LANGUAGE.zh.md)');
  });
});
