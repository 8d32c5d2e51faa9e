import { readdirSync, readFileSync } from 'node:fs';
import { zhKeyword } from '@kpi/core';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, tokenize, TOKEN_CATALOG, KEYWORDS, SCORING_METHODS } from '@kpi/core';
import {
  LineMap,
  applyEdits,
  codeActions,
  complete,
  describeRule,
  diagnosticsToMarkers,
  generateMonarch,
  hover,
  offsetToPosition,
  positionToOffset,
  type MonarchLanguage,
} from '../src/index.js';

const examplesDir = join(import.meta.dirname, '..', '..', '..', 'examples');
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith('.kpi'))
  .map((f) => ({ name: f, text: readFileSync(join(examplesDir, f), 'utf8') }));

const PLAN = `plan 店长月度考核 {
  cycle monthly
  group 工作绩效 weight 50% {
    indicator 销售额达成 weight 70% target 100% scoring linear cap 120% floor 60%
    indicator 拓展目标 weight 30% target 5 scoring threshold
  }
  indicator 人员流失率 weight 50% target 1% scoring reverse
  metric 人效 = 销售额 / 人数
  grades {
    S >= 95 coefficient 1.5
    D coefficient 0.5
  }
  test "t" {
    given 销售额达成 = 100%
    expect total = 100
  }
}
`;

describe('positions', () => {
  it('converts 0-based offsets to 1-based line/column in UTF-16 units, across LF, CRLF and CR', () => {
    const text = 'ab\r\n销售\nx\ry';
    expect(offsetToPosition(text, 0)).toEqual({ lineNumber: 1, column: 1 });
    expect(offsetToPosition(text, 4)).toEqual({ lineNumber: 2, column: 1 });
    expect(offsetToPosition(text, 5)).toEqual({ lineNumber: 2, column: 2 });
    expect(offsetToPosition(text, 7)).toEqual({ lineNumber: 3, column: 1 });
    expect(offsetToPosition(text, 9)).toEqual({ lineNumber: 4, column: 1 });
    expect(offsetToPosition(text, 10)).toEqual({ lineNumber: 4, column: 2 });
  });

  it('round-trips every offset that is not inside a CRLF pair', () => {
    const text = '𠀀x\n\tplan 店长 {\r\n}\n';
    const map = new LineMap(text);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      expect(map.offset(map.position(o))).toBe(o);
    }
    expect(positionToOffset(text, { lineNumber: 2, column: 999 })).toBe(text.indexOf('\r'));
  });
});

describe('markers from diagnostics', () => {
  it('puts a weight-sum error at the line of the plan it names, 1-based', () => {
    const text = PLAN.replace('weight 30%', 'weight 20%');
    const a = analyze('p.kpi', text);
    const markers = diagnosticsToMarkers(text, a.diagnostics);
    const err = markers.find((m) => m.severity === 'error');
    expect(err).toBeDefined();
    const d = a.diagnostics.find((x) => x.code === err!.code)!;
    const line = text.slice(0, d.span!.start).split('\n').length;
    expect(err!.startLineNumber).toBe(line);
    expect(err!.message).toContain(d.message);
  });

  it('widens an empty span so the squiggle is visible', () => {
    const [m] = diagnosticsToMarkers('abc\n', [{ code: 'KPI0000', severity: 'error', message: 'x', span: { start: 3, end: 3 } }]);
    expect(m).toMatchObject({ startLineNumber: 1, startColumn: 3, endLineNumber: 1, endColumn: 4 });
  });

  it('gives a clean example no error markers', () => {
    for (const ex of examples) {
      const a = analyze(ex.name, ex.text);
      expect(diagnosticsToMarkers(ex.text, a.diagnostics).filter((m) => m.severity === 'error'), ex.name).toEqual([]);
    }
  });
});

/** A minimal Monarch interpreter: first rule whose regex matches at the position wins, as in Monaco. */
function monarchTokens(lang: MonarchLanguage, text: string): { text: string; token: string }[] {
  // Monaco compiles every rule with the `u` flag when the language says `unicode: true`
  const flags = (re: RegExp) => `${re.flags.replace(/[gyu]/g, '')}${lang.unicode ? 'u' : ''}y`;
  const rules = lang.tokenizer.root!.map(([re, action]) => [new RegExp(re.source, flags(re)), action] as const);
  const out: { text: string; token: string }[] = [];
  let pos = 0;
  while (pos < text.length) {
    let matched = false;
    for (const [re, action] of rules) {
      re.lastIndex = pos;
      const m = re.exec(text);
      if (!m || m[0].length === 0) continue;
      let token: string;
      if (typeof action === 'string') token = action;
      else {
        const w = m[0];
        token = lang.methods.includes(w)
          ? action.cases['@methods']!
          : lang.settings.includes(w)
            ? action.cases['@settings']!
            : lang.keywords.includes(w)
              ? action.cases['@keywords']!
              : action.cases['@default']!;
      }
      if (token !== 'white') out.push({ text: m[0], token: token === '@brackets' ? 'delimiter.bracket' : token });
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      out.push({ text: text[pos]!, token: 'invalid' });
      pos++;
    }
  }
  return out;
}

describe('Monarch tokenizer generated from the token catalogue', () => {
  const lang = generateMonarch(TOKEN_CATALOG);
  const categoryOf = new Map(TOKEN_CATALOG.map((e) => [e.name, e.category]));
  const expected: Record<string, string> = {
    keyword: 'keyword',
    method: 'type.method',
    setting: 'keyword.setting',
    comment: 'comment',
    string: 'string',
    percent: 'number.percent',
    number: 'number',
    identifier: 'identifier',
    operator: 'operator',
    punctuation: 'delimiter',
  };

  it('lists every keyword and scoring method of the lexer', () => {
    expect(new Set([...lang.keywords, ...lang.methods, ...lang.settings])).toEqual(new Set(KEYWORDS));
    // both spellings of each method, from the one keyword table
    expect([...lang.methods].sort()).toEqual([...SCORING_METHODS, ...SCORING_METHODS.map((m) => zhKeyword(m)!)].sort());
  });

  it('splits every example into the same tokens, of the same class, as the lexer', () => {
    for (const ex of examples) {
      const lexed = tokenize(ex.text);
      const fromLexer = [...lexed.tokens, ...lexed.comments]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((t) => {
          const cat = categoryOf.get(t.tokenType.name) ?? (t.tokenType.name === 'UnterminatedString' ? 'string' : '?');
          const tok = /^[{}()]$/.test(t.image) ? 'delimiter.bracket' : expected[cat]!;
          return { text: t.image, token: tok };
        });
      expect(monarchTokens(lang, ex.text), ex.name).toEqual(fromLexer);
    }
  });

  it('highlights Chinese names, percents, full-width punctuation and comments', () => {
    const toks = monarchTokens(lang, 'indicator 销售额达成 weight 70％ target "¥1,200" // 注释\nx >= 1_000，');
    expect(toks).toEqual([
      { text: 'indicator', token: 'keyword' },
      { text: '销售额达成', token: 'identifier' },
      { text: 'weight', token: 'keyword' },
      { text: '70％', token: 'number.percent' },
      { text: 'target', token: 'keyword' },
      { text: '"¥1,200"', token: 'string' },
      { text: '// 注释', token: 'comment' },
      { text: 'x', token: 'identifier' },
      { text: '>=', token: 'operator' },
      { text: '1_000', token: 'number' },
      { text: '，', token: 'delimiter' },
    ]);
  });
});

describe('completion', () => {
  const file = analyze('p.kpi', PLAN).file;

  it('offers the scoring methods after `scoring`', () => {
    const text = PLAN.replace('scoring reverse', 'scoring re');
    const off = text.indexOf('scoring re') + 'scoring re'.length;
    const r = complete(text, off, analyze('p.kpi', text).file, 'zh');
    expect(r.items.map((i) => i.label).sort()).toEqual([...SCORING_METHODS].sort());
    expect(r.replace).toEqual({ start: off - 2, end: off });
  });

  it('offers keywords and the names the plan defines, with indicator weights', () => {
    const off = PLAN.indexOf('  metric');
    const r = complete(PLAN, off, file, 'en');
    const labels = r.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['indicator', 'group', 'metric', 'grades', '销售额达成', '拓展目标', '工作绩效', '人效', '人数']));
    expect(r.items.find((i) => i.label === '销售额达成')!.detail).toBe('indicator · weight 35%');
  });

  it('offers data columns and metrics inside a metric expression', () => {
    const text = PLAN.replace('销售额 / 人数', '销售额 / 人');
    const off = text.indexOf('销售额 / 人') + '销售额 / 人'.length;
    const r = complete(text, off, analyze('p.kpi', text).file);
    const labels = r.items.map((i) => i.label);
    expect(labels).toContain('销售额');
    expect(labels).not.toContain('plan');
  });

  it('offers total, grade and indicator names after `expect`, and grade labels after `expect grade =`', () => {
    const off = PLAN.indexOf('expect ') + 'expect '.length;
    const labels = complete(PLAN, off, file).items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['total', 'grade', 'coefficient', '销售额达成']));
    const text = PLAN.replace('expect total = 100', 'expect grade = ');
    const off2 = text.indexOf('expect grade = ') + 'expect grade = '.length;
    expect(complete(text, off2, analyze('p.kpi', text).file).items.map((i) => i.label)).toEqual(['S', 'D']);
  });
});

describe('hover', () => {
  const file = analyze('p.kpi', PLAN).file;

  it('shows an indicator’s effective weight along its group path and its rule in words', () => {
    const h = hover(file, PLAN.indexOf('销售额达成') + 1, 'zh')!;
    expect(h.contents[0]).toBe('**销售额达成** — 有效权重 **35%**');
    expect(h.contents[1]).toBe('路径: 工作绩效 › 销售额达成 (50% × 70%)');
    expect(h.contents[2]).toBe('线性：得分 = 100 × min(实际 ÷ 目标 100%, 封顶 120%)，不低于 0；完成率低于 60%（门槛）得 0 分');
    expect(PLAN.slice(h.span.start, h.span.end)).toBe('销售额达成');
  });

  it('answers in English and on a reference in a test block', () => {
    const off = PLAN.indexOf('given 销售额达成') + 'given '.length + 2;
    const h = hover(file, off, 'en')!;
    expect(h.contents[0]).toBe('**销售额达成** — effective weight **35%**');
    const r = hover(file, PLAN.indexOf('人员流失率'), 'en')!;
    expect(r.contents[1]).toBe('reverse (lower is better): score = 100 × min(target ÷ actual, cap 100%); actual ≤ 0 scores the cap, target 1%');
  });

  it('returns nothing off a name', () => {
    expect(hover(file, PLAN.indexOf('cycle'), 'zh')).toBeUndefined();
  });

  it('describes every scoring method of the examples without a placeholder', () => {
    for (const ex of examples) {
      const f = analyze(ex.name, ex.text).file;
      for (const p of f.plans)
        for (const it of p.items.flatMap(function flat(i): typeof p.items { return i.kind === 'group' ? i.items.flatMap(flat) : [i]; }))
          if (it.kind === 'indicator') {
            for (const lang of ['zh', 'en'] as const) expect(describeRule(it, lang)).not.toMatch(/\?|undefined|NaN/);
          }
    }
  });
});

describe('quick fixes', () => {
  it('turns a weight-sum diagnostic with a fix into a code action that makes the plan sum to 100%', () => {
    const text = PLAN.replace('weight 30%', 'weight 20%');
    const a = analyze('p.kpi', text);
    // asked at the weight itself and at the marker on the group name
    const at = text.indexOf('weight 20%') + 'weight 2'.length;
    const atGroup = text.indexOf('工作绩效') + 1;
    expect(codeActions(a.diagnostics, { start: atGroup, end: atGroup }).length).toBe(1);
    const actions = codeActions(a.diagnostics, { start: at, end: at });
    expect(actions.length).toBeGreaterThan(0);
    const fixed = applyEdits(text, actions[0]!.edits);
    const after = analyze('p.kpi', fixed).diagnostics.filter((d) => d.severity === 'error');
    expect(after).toEqual([]);
    expect(actions[0]!.title).toBe('set `拓展目标` to 30% so `工作绩效` sums to 100%');
  });

  it('offers nothing away from the diagnostic', () => {
    const text = PLAN.replace('weight 30%', 'weight 20%');
    const a = analyze('p.kpi', text);
    expect(codeActions(a.diagnostics, { start: text.indexOf('grades'), end: text.indexOf('grades') })).toEqual([]);
  });
});

describe('completion where a name is being written', () => {
  const plan = 'plan 店长 {\n  indicator 销售额达成 weight 60% target 100% scoring linear\n  indicator 客户满意度 weight 40% target 100% scoring linear\n}\n';
  it('offers nothing after a keyword that declares a new name', () => {
    for (const kw of ['indicator', 'metric', 'group', 'bonus', 'veto']) {
      const text = plan.replace('}\n', `  ${kw} 销\n}\n`);
      const at = text.indexOf(`${kw} 销`) + kw.length + 2;
      expect(complete(text, at, analyze('p.kpi', text).file).items, kw).toEqual([]);
    }
  });
  it('never offers back the word being typed as if it were a name', () => {
    const text = plan.replace('}\n', '  metric 毛利 = 销售额达成 + 客户\n}\n');
    const at = text.indexOf('+ 客户') + '+ 客户'.length;
    const labels = complete(text, at, analyze('p.kpi', text).file).items.map((i) => i.label);
    expect(labels).not.toContain('客户');
    expect(labels).toContain('客户满意度');
  });
});
