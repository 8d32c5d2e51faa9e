/**
 * Chinese keywords (SPEC §8): one keyword table generates the lexer's alternatives, so a plan written
 * with Chinese keywords is the same plan as its English twin; `kpi fmt --keywords zh|en` converts a
 * file and keeps its comments; by default the formatter keeps each file's style.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatText } from '../../packages/core/src/format/index.js';
import { keywordStyleOf } from '../../packages/core/src/format/keywords.js';
import { lexComments, tokenize } from '../../packages/core/src/lexer/index.js';
import { analyze } from '../../packages/core/src/check/index.js';
import { KEYWORD_TABLE } from '../../packages/core/src/lexer/keywords.js';
import { kpi, ROOT } from '../cli/helpers.js';

const EXAMPLES = join(ROOT, 'examples');
const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.kpi')).sort();
const fmt = (text: string, keywords?: 'zh' | 'en') => {
  const r = formatText('x.kpi', text, keywords ? { keywords } : {});
  expect(r.output, r.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
  return r.output!;
};
const keywordImages = (text: string) => tokenize(text).tokens.filter((t) => t.tokenType.name.startsWith('Kw_')).map((t) => t.image);

describe('kpi fmt --keywords', () => {
  it('has examples to test', () => expect(examples.length).toBeGreaterThanOrEqual(6));

  for (const name of examples) {
    it(`round-trips ${name}: en → zh → en gives the formatted original, comments kept`, () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      const en = fmt(text, 'en');
      const zh = fmt(en, 'zh');
      expect(zh).not.toBe(en);
      expect(keywordStyleOf(zh)).toBe('zh');
      // no keyword is left in English (names that happen to be keywords are names, and stay)
      expect(analyze('x.kpi', zh).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(fmt(zh, 'en')).toBe(en);
      // the default keeps the file's style, and is stable
      expect(fmt(zh)).toBe(zh);
      expect(fmt(en)).toBe(en);
      expect(lexComments(zh).map((c) => c.text)).toEqual(lexComments(text).map((c) => c.text));
      expect(keywordImages(zh).filter((k) => /^[a-z]/.test(k)).length).toBeLessThan(keywordImages(en).length);
    });
  }

  it('the CLI writes each style and keeps the file’s style by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-kw-'));
    try {
      copyFileSync(join(EXAMPLES, '店长.kpi'), join(dir, '店长.kpi'));
      const zh = kpi(['fmt', '--stdout', '--keywords', 'zh', '店长.kpi'], { cwd: dir });
      expect(zh.code).toBe(0);
      expect(zh.stdout).toMatch(/^方案 /m);
      writeFileSync(join(dir, 'zh.kpi'), zh.stdout);
      expect(kpi(['fmt', '--check', 'zh.kpi'], { cwd: dir }).code).toBe(0);
      expect(kpi(['fmt', '--stdout', '--keywords', 'en', 'zh.kpi'], { cwd: dir }).stdout).toBe(kpi(['fmt', '--stdout', '店长.kpi'], { cwd: dir }).stdout);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a plan in Chinese keywords', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'kpi-twin-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  for (const name of examples) {
    const base = name.replace(/\.kpi$/, '');
    it(`scores byte-identically to its English twin: ${name}`, () => {
      mkdirSync(join(tmp, base, 'data'), { recursive: true });
      const en = readFileSync(join(EXAMPLES, name), 'utf8');
      writeFileSync(join(tmp, base, 'en.kpi'), en);
      writeFileSync(join(tmp, base, 'zh.kpi'), fmt(en, 'zh'));
      copyFileSync(join(EXAMPLES, 'data', `${base}.csv`), join(tmp, base, 'data.csv'));
      for (const format of ['csv', 'json']) {
        const a = kpi(['score', 'en.kpi', '--data', 'data.csv', '--format', format], { cwd: join(tmp, base) });
        const b = kpi(['score', 'zh.kpi', '--data', 'data.csv', '--format', format], { cwd: join(tmp, base) });
        expect(a.code).toBe(b.code);
        expect(b.stdout).toBe(a.stdout);
        expect(a.stdout.length).toBeGreaterThan(0);
      }
      expect(kpi(['test', 'zh.kpi'], { cwd: join(tmp, base) }).stdout.split('\n').at(-2)).toBe(kpi(['test', 'en.kpi'], { cwd: join(tmp, base) }).stdout.split('\n').at(-2));
    });
  }

  it('mixes with English keywords in one file', () => {
    const mixed = 'plan 店长 {\n  指标 销售额 weight 60% 目标 100% scoring 线性\n  indicator 毛利 权重 40% target 30% 计分 linear\n}\n';
    expect(analyze('m.kpi', mixed).diagnostics).toEqual([]);
  });

  it('every keyword of the table lexes to its English token in both spellings', () => {
    for (const { en, zh } of KEYWORD_TABLE) {
      for (const word of [en, zh]) {
        const t = tokenize(word).tokens;
        expect(t.map((x) => x.tokenType.name), word).toEqual([`Kw_${en}`]);
      }
    }
  });
});

describe('a Chinese word where a keyword is expected', () => {
  it('gets a help naming the keyword', () => {
    const d = analyze('x.kpi', 'plan 店长 {\n  indicator 销售额 比重 60% target 100% scoring linear\n}\n').diagnostics;
    const hit = d.find((x) => x.help?.includes('`weight`'));
    expect(hit?.help).toMatch(/`比重` is not a keyword: did you mean `weight` \(in Chinese `权重`\)/);
    expect(hit?.fix?.edits[0]?.text).toBe('weight');
  });
});
