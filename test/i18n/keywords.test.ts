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
    for (const { en, zh, zhAlt } of KEYWORD_TABLE) {
      for (const word of [en, zh, ...(zhAlt ?? [])]) {
        const t = tokenize(word).tokens;
        expect(t.map((x) => x.tokenType.name), word).toEqual([`Kw_${en}`]);
      }
    }
  });
});

describe('a money plan written in Chinese', () => {
  it('means the coefficient and the bonus by `系数` and `加分` in a money expression, as `coefficient` and `bonus`, and spells `whole` by place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-zh-money-'));
    try {
      writeFileSync(
        join(dir, 'zh.kpi'),
        `方案 奖金 {
  指标 销售额 权重 100% 目标 100 计分 扣分 2 每 1% 低于 目标 最大 40 不足一档不计
  加分 创新 分值 1 每 1
  等级 { S >= 95 系数 1.5  B >= 60 系数 1.0  D 系数 0.5 }
  提成 销售提成 按 销售额 全额累进 { <= 100: 1%  否则: 2% }
  奖金池 部门奖金 = 奖金池 分配 依据 系数 组内 部门
  薪酬 绩效工资 = 绩效基数 * 系数 + 加分 * 10 + 销售提成
}
`,
      );
      writeFileSync(
        join(dir, 'en.kpi'),
        `plan 奖金 {
  indicator 销售额 weight 100% target 100 scoring deduct 2 per 1% below target max 40 whole
  bonus 创新 points 1 per 1
  grades { S >= 95 coefficient 1.5  B >= 60 coefficient 1.0  D coefficient 0.5 }
  commission 销售提成 on 销售额 whole { <= 100: 1%  else: 2% }
  pool 部门奖金 = 奖金池 split by coefficient within 部门
  pay 绩效工资 = 绩效基数 * coefficient + bonus * 10 + 销售提成
}
`,
      );
      writeFileSync(join(dir, 'd.csv'), '工号,部门,销售额,创新,绩效基数,奖金池\n1,一部,120,2,1000,900\n2,一部,87.5,0,1000,900\n3,一部,50,1,1000,900\n');
      expect(fmt(readFileSync(join(dir, 'en.kpi'), 'utf8'), 'zh')).toContain('最大 40 不足一档不计');
      const zh = kpi(['score', 'zh.kpi', '--data', 'd.csv', '--format', 'json'], { cwd: dir });
      const en = kpi(['score', 'en.kpi', '--data', 'd.csv', '--format', 'json'], { cwd: dir });
      expect(zh.stderr).toBe(en.stderr);
      expect(en.code).toBe(0);
      expect(zh.stdout).toBe(en.stdout);
      // 1: 100 + bonus 2 → S 1.5: 1500 + 2 × 10 + 120 × 2% = 1522.4; 2: 12.5% below, whole steps → 76 → B 1.0;
      // 3: 50% below → max 40 → 60 → B 1.0; pool 900 by 1.5 / 1.0 / 1.0 → 385.714… / 257.142… ×2, the cent left to 1
      const rows = JSON.parse(en.stdout) as { id: string; money: Record<string, number> }[];
      expect(rows.map((r) => r.money)).toEqual([
        { 销售提成: 2.4, 部门奖金: 385.72, 绩效工资: 1522.4 },
        { 销售提成: 0.88, 部门奖金: 257.14, 绩效工资: 1000.88 },
        { 销售提成: 0.5, 部门奖金: 257.14, 绩效工资: 1010.5 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
