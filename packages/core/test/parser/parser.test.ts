import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseText } from '../../src/parser/index.js';
import { PlanFileSchema } from '../../src/ir/schema.js';
import { planOf, strip, n, nm } from './helpers.js';

describe('indicators', () => {
  const cases: [string, string, object][] = [
    ['linear with cap', 'indicator 销售额达成 weight 70% target 100% scoring linear cap 120%', {
      kind: 'indicator', name: nm('销售额达成'), weight: n('0.7', true), target: n('1', true), method: { kind: 'linear' }, cap: n('1.2', true), lower: false,
    }],
    ['reverse implies lower', 'indicator 人员流失率 weight 10% target 1% scoring reverse', {
      name: nm('人员流失率'), target: n('0.01', true), method: { kind: 'reverse' }, lower: true,
    }],
    ['threshold lower', 'indicator 投诉 weight 10% target 2 scoring threshold lower', { method: { kind: 'threshold' }, lower: true }],
    ['floor, input, unit, default, description', 'indicator a weight 5% target 1_200_000 scoring linear floor 60% input "GMV (含税)" unit 元 default 0 "说明 \\"x\\""', {
      target: n('1200000'), floor: n('0.6', true), input: nm('GMV (含税)'), unit: nm('元'), default: n('0'), description: '说明 "x"',
    }],
    ['unit %', 'indicator a weight 5% target 90% unit % scoring linear', { unit: nm('%') }],
    ['quoted numbers with commas and currency', 'indicator a weight 5% target "¥1,200,000" scoring linear default "1,000.5"', {
      target: n('1200000'), default: n('1000.5'),
    }],
    ['full-width percent', 'indicator a weight 30％ scoring linear', { weight: n('0.3', true) }],
    ['decimal percent stays exact', 'indicator a weight 33.33% scoring linear', { weight: n('0.3333', true) }],
    ['bands on ratio', 'indicator a weight 5% target 5 scoring bands on ratio { >= 100%: 100\n >= 80%: 60, > 50%: 30; else: 0 }', {
      method: {
        kind: 'bands', on: 'ratio',
        rows: [
          { op: '>=', bound: n('1', true), score: n('100') },
          { op: '>=', bound: n('0.8', true), score: n('60') },
          { op: '>', bound: n('0.5', true), score: n('30') },
        ],
        else: { score: n('0') },
      },
    }],
    ['bands lower-is-better on the actual', 'indicator a weight 5% scoring bands { <= 2: 100  < 5: 60 }', {
      method: { kind: 'bands', on: 'actual', rows: [{ op: '<=', bound: n('2') }, { op: '<', bound: n('5') }] },
    }],
    ['curve', 'indicator a weight 5% target 4 scoring curve { 2: 40, 4: 100, 6: 120 }', {
      method: { kind: 'curve', on: 'actual', points: [{ x: n('2'), y: n('40') }, { x: n('4'), y: n('100') }, { x: n('6'), y: n('120') }] },
    }],
    ['curve on ratio lower', 'indicator a weight 5% target 30 scoring curve on ratio lower { 80%: 60 100%: 100 }', {
      lower: true, method: { kind: 'curve', on: 'ratio', points: [{ x: n('0.8', true) }, { x: n('1', true) }] },
    }],
    ['deduct', 'indicator a weight 5% scoring deduct 20 per 1 max 100', {
      method: { kind: 'deduct', points: n('20'), per: n('1'), max: n('100') },
    }],
    ['rating with raters', 'indicator 执行力 weight 50% scoring rating 1..5 raters { self 10%, manager 70% peer 20% }', {
      method: { kind: 'rating', lo: n('1'), hi: n('5'), raters: [
        { name: nm('self'), weight: n('0.1', true) }, { name: nm('manager'), weight: n('0.7', true) }, { name: nm('peer'), weight: n('0.2', true) },
      ] },
    }],
    ['rating without raters', 'indicator a weight 5% scoring rating 1..10', { method: { kind: 'rating', lo: n('1'), hi: n('10') } }],
    ['negative numbers', 'indicator a weight 5% scoring bands { >= -5: 10 else: -1 }', {
      method: { rows: [{ bound: n('-5') }], else: { score: n('-1') } },
    }],
  ];
  for (const [title, src, frag] of cases) {
    it(`parses ${title}`, () => {
      const { plan, diagnostics } = planOf(src);
      expect(diagnostics).toEqual([]);
      expect(strip(plan.items[0])).toMatchObject(frag);
    });
  }

  it('records spans as 0-based half-open offsets', () => {
    const text = 'plan P {\n  indicator 销售 weight 70% scoring linear\n}';
    const { file } = parseText('s.kpi', text);
    const ind = file.plans[0]!.items[0]!;
    if (ind.kind !== 'indicator') throw new Error('expected an indicator');
    expect(text.slice(ind.span.start, ind.span.end)).toBe('indicator 销售 weight 70% scoring linear');
    expect(text.slice(ind.name.span.start, ind.name.span.end)).toBe('销售');
    expect(text.slice(ind.weight!.span.start, ind.weight!.span.end)).toBe('70%');
    expect(text.slice(ind.method!.span.start, ind.method!.span.end)).toBe('linear');
    expect(file.plans[0]!.span).toEqual({ start: 0, end: text.length });
    expect(file.span).toEqual({ start: 0, end: text.length });
  });

  it('accepts keywords as names where a name is expected', () => {
    const { plan, diagnostics } = planOf(
      'indicator target weight 10% target 5 scoring linear\nindicator weight weight 90% scoring linear input scoring\ngroup group weight 0% { indicator cap weight 100% scoring linear }',
    );
    expect(diagnostics).toEqual([]);
    expect(plan.items.map((i) => i.name.text)).toEqual(['target', 'weight', 'group']);
    expect(strip(plan.items[0])).toMatchObject({ target: n('5') });
    expect(strip(plan.items[1])).toMatchObject({ input: nm('scoring') });
  });
});

describe('plan items', () => {
  it('parses settings', () => {
    const { plan, diagnostics } = planOf('cycle quarterly\nrole 店长\nround 1');
    expect(diagnostics).toEqual([]);
    expect(strip(plan.settings)).toEqual({ cycle: { value: 'quarterly' }, role: nm('店长'), round: { value: 1 } });
  });

  it('parses nested groups', () => {
    const { plan } = planOf('group 工作绩效 weight 55% {\n indicator a weight 70% scoring linear\n group 新店 weight 30% { indicator b weight 100% scoring linear }\n}');
    expect(strip(plan.items[0])).toMatchObject({
      kind: 'group', name: nm('工作绩效'), weight: n('0.55', true),
      items: [{ kind: 'indicator', name: nm('a') }, { kind: 'group', name: nm('新店'), items: [{ name: nm('b') }] }],
    });
  });

  it('parses metrics with precedence and left associativity', () => {
    const { plan, diagnostics } = planOf('metric m = a - b - c * d / 2\nmetric k = -x + min(a, 5%, max(b, 1)) - abs(c) default 0');
    expect(diagnostics).toEqual([]);
    const ref = (name: string) => ({ kind: 'ref', name });
    expect(strip(plan.metrics[0]!.expr)).toEqual({
      kind: 'arith', op: '-',
      left: { kind: 'arith', op: '-', left: ref('a'), right: ref('b') },
      right: { kind: 'arith', op: '/', left: { kind: 'arith', op: '*', left: ref('c'), right: ref('d') }, right: { kind: 'num', value: '2', percent: false } },
    });
    expect(strip(plan.metrics[1])).toMatchObject({
      default: n('0'),
      expr: {
        kind: 'arith', op: '-',
        left: { kind: 'arith', op: '+', left: { kind: 'neg', operand: ref('x') }, right: { kind: 'call', fn: 'min', args: [ref('a'), { kind: 'num', value: '0.05', percent: true }, { kind: 'call', fn: 'max' }] } },
        right: { kind: 'call', fn: 'abs', args: [ref('c')] },
      },
    });
  });

  it('parses parentheses and quoted column names in expressions', () => {
    const { plan } = planOf('metric 库存周转率 = 销售成本 / ((期初库存 + "期末 库存") / 2)');
    expect(strip(plan.metrics[0]!.expr)).toMatchObject({
      op: '/', right: { op: '/', left: { op: '+', right: { kind: 'ref', name: '期末 库存' } } },
    });
  });

  it('parses veto conditions: or < and < not < comparison', () => {
    const { plan } = planOf('veto 重大事故 when not a > 0 and b == 1 or c != 2');
    expect(strip(plan.vetoes[0])).toMatchObject({
      name: nm('重大事故'),
      when: {
        kind: 'logic', op: 'or',
        left: { kind: 'logic', op: 'and', left: { kind: 'not', operand: { kind: 'compare', op: '>' } }, right: { kind: 'compare', op: '==' } },
        right: { kind: 'compare', op: '!=' },
      },
    });
  });

  it('parses bonuses with optional clauses', () => {
    const { plan, diagnostics } = planOf('bonus 创新提案 points 2 per 1 max 10 input 提案数 default 0');
    expect(diagnostics).toEqual([]);
    expect(strip(plan.bonuses[0])).toEqual({
      kind: 'bonus', name: nm('创新提案'), points: n('2'), per: n('1'), max: n('10'), input: nm('提案数'), default: n('0'),
    });
  });

  it('parses grades with a catch-all line', () => {
    const { plan } = planOf('grades {\n S >= 95 coefficient 1.5\n A >= 85 coefficient 1.2\n D coefficient 0.5\n}');
    expect(strip(plan.grades)).toEqual({
      kind: 'grades',
      lines: [
        { label: nm('S'), min: n('95'), coefficient: n('1.5') },
        { label: nm('A'), min: n('85'), coefficient: n('1.2') },
        { label: nm('D'), coefficient: n('0.5') },
      ],
    });
  });

  it('parses tests with given pairs, rater columns and expects', () => {
    const { plan, diagnostics } = planOf(
      'test "全部达标" {\n given 销售额达成 = 100%, 执行力.manager = 4 目标 = "1,000"\n given x = 1\n expect total = 100; expect grade = S\n expect coefficient = 1.5\n expect 销售额达成 = 100\n}',
    );
    expect(diagnostics).toEqual([]);
    expect(strip(plan.tests[0])).toEqual({
      kind: 'test', name: '全部达标',
      given: [
        { key: nm('销售额达成'), value: n('1', true) },
        { key: nm('执行力.manager'), value: n('4') },
        { key: nm('目标'), value: n('1000') },
        { key: nm('x'), value: n('1') },
      ],
      expects: [
        { subject: nm('total'), value: n('100') },
        { subject: nm('grade'), value: nm('S') },
        { subject: nm('coefficient'), value: n('1.5') },
        { subject: nm('销售额达成'), value: n('100') },
      ],
    });
  });

  it('parses several plans in one file', () => {
    const { file, diagnostics } = parseText('m.kpi', 'plan A { cycle monthly }\nplan "B c" { cycle annual }');
    expect(diagnostics).toEqual([]);
    expect(file.plans.map((p) => p.name.text)).toEqual(['A', 'B c']);
  });
});

describe('lexical details', () => {
  it('handles CRLF, a BOM and comments', () => {
    const text = '\uFEFF# 说明\r\nplan P { // 注释\r\n  indicator a weight 100% scoring linear # 行尾\r\n}\r\n';
    const r = parseText('c.kpi', text);
    expect(r.diagnostics).toEqual([]);
    const ind = r.file.plans[0]!.items[0]!;
    expect(r.source.lineCol(ind.span.start)).toEqual({ line: 3, col: 3 });
    expect(strip(ind)).toMatchObject({ name: nm('a'), weight: n('1', true) });
  });

  it('parses every example plan without diagnostics', () => {
    const dir = new URL('../../../../examples/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.kpi'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const r = parseText(f, readFileSync(new URL(f, dir), 'utf8'));
      expect(r.diagnostics, f).toEqual([]);
      PlanFileSchema.parse(r.file);
      expect(r.file.plans.length, f).toBeGreaterThan(0);
    }
  });
});

describe('robustness', () => {
  it('reports 20,000-deep parentheses as too deeply nested, without overflowing', () => {
    const text = `plan P {\n metric m = ${'('.repeat(20000)}a${')'.repeat(20000)}\n indicator z weight 100% scoring linear\n}`;
    const r = parseText('deep.kpi', text);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['KPI0108']);
    expect(r.file.plans[0]!.metrics[0]!.expr.kind).toBe('error');
    expect(r.file.plans[0]!.items.map((i) => i.name.text)).toEqual(['z']);
  });

  it('reports 20,000 prefix operators and 20,000-term sums without overflowing', () => {
    for (const e of ['-'.repeat(20000) + 'a', 'not '.repeat(20000) + 'a', Array(20000).fill('a').join(' + ')]) {
      const r = parseText('deep.kpi', `plan P {\n veto v when ${e}\n indicator z weight 100% scoring linear\n}`);
      expect(r.diagnostics.map((d) => d.code)).toEqual(['KPI0108']);
      expect(r.file.plans[0]!.items.length).toBe(1);
      expect(() => JSON.stringify(r.file)).not.toThrow();
    }
  });

  it('reports 20,000-deep groups without overflowing', () => {
    const text = `plan P { ${'group g weight 100% { '.repeat(20000)}${'}'.repeat(20000)} }`;
    const r = parseText('deep.kpi', text);
    expect(r.diagnostics.some((d) => d.code === 'KPI0108')).toBe(true);
    expect(() => JSON.stringify(r.file)).not.toThrow();
  });

  it('parses a 200,000-character name in linear time', () => {
    const long = '销'.repeat(200000);
    const t0 = performance.now();
    const r = parseText('long.kpi', `plan P { indicator ${long} weight 100% scoring linear }`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.diagnostics).toEqual([]);
    expect(r.file.plans[0]!.items[0]!.name.text.length).toBe(200000);
  });

  it('never throws on arbitrary junk', () => {
    for (const t of ['', '}', '{{{', 'plan', 'plan {', 'plan P { indicator', '"', '@@@ plan P {}', 'plan P { grades { S >= } test { given = } }']) {
      const r = parseText('j.kpi', t);
      PlanFileSchema.parse(r.file);
      if (t.trim()) expect(r.diagnostics.length, t).toBeGreaterThan(0);
    }
  });
});
