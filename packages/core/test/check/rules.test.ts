import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { analyze } from '../../src/check/index.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';

const run = (text: string) => analyze('t.kpi', text);
const codes = (text: string) => run(text).diagnostics.map((d) => d.code);
const only = (text: string, code: string) => run(text).diagnostics.filter((d) => d.code === code);
const plan = (body: string) => `plan 测试 {\n${body}\n}\n`;
const one = (line: string) => plan(`  indicator 销售额达成 weight 100% target 100% ${line}`);

function applyFix(text: string, d: Diagnostic): string {
  const edits = [...d.fix!.edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.span.start) + e.text + out.slice(e.span.end);
  return out;
}

describe('duplicate names', () => {
  it('reports every later use of a rater or bonus name at that use, pointing at the first, in short and long lists (fast-check, fixed seed)', () => {
    const names = fc.array(fc.constantFrom('甲', '乙', '丙', 'self', 'peer'), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(names, (list) => {
        const raters = list.map((n, i) => `${n} ${i === 0 ? 100 - (list.length - 1) : 1}%`).join(', ');
        const bonuses = list.map((n) => `  bonus ${n} points 1 per 1`).join('\n');
        const text = plan(`  indicator 评 weight 100% scoring rating 1..5 raters { ${raters} }\n${bonuses}`);
        // the expected findings: each name at its 2nd, 3rd… use, related to its 1st
        const firsts = new Map<string, number>();
        const expected: [number, number][] = [];
        list.forEach((n, i) => (firsts.has(n) ? expected.push([i, firsts.get(n)!]) : firsts.set(n, i)));
        for (const [code, at] of [['KPI0206', (i: number) => text.indexOf(`${list[i]} `, text.indexOf('raters {') + nthOffset(list, i, ', '))], ['KPI0203', (i: number) => text.indexOf(`bonus ${list[i]} `, nthLine(text, i)) + 6]] as const) {
          const found = only(text, code).map((d) => [d.span!.start, d.related![0]!.span!.start]);
          expect(found).toEqual(expected.map(([i, first]) => [at(i), at(first)]));
        }
      }),
      { seed: 206, numRuns: 200 },
    );
  });
});

/** offset of the i-th item after `raters {` in a `, `-joined list (items are `name N%`) */
function nthOffset(list: string[], i: number, sep: string): number {
  let off = 'raters { '.length;
  for (let k = 0; k < i; k++) off += `${list[k]} ${k === 0 ? 100 - (list.length - 1) : 1}%`.length + sep.length;
  return off;
}
/** offset of the i-th bonus line */
function nthLine(text: string, i: number): number {
  let at = text.indexOf('  bonus ');
  for (let k = 0; k < i; k++) at = text.indexOf('  bonus ', at + 1);
  return at;
}

describe('weights on real plan text', () => {
  const text = plan(
    [
      '  group 工作绩效 weight 100% {',
      '    indicator 销售额达成 weight 60% target 100% scoring linear',
      '    indicator 毛利率     weight 20% target 35%  scoring linear',
      '    indicator 拓展目标   weight 10% target 5    scoring linear',
      '  }',
    ].join('\n'),
  );
  it('reports the exact message, help, related lines and fix', () => {
    const r = run(text);
    const [d] = r.diagnostics.filter((x) => x.code === 'KPI0301');
    expect(d!.message).toBe('weights in `工作绩效` sum to 90%, expected 100%');
    expect(d!.help).toBe('add 10% to one of them');
    expect(d!.fix!.message).toBe('set `拓展目标` to 20% so `工作绩效` sums to 100%');
    expect(text.slice(d!.span!.start, d!.span!.end)).toBe('工作绩效');
    expect(d!.related!.map((x) => [r.source.lineCol(x.span.start).line, text.slice(x.span.start, x.span.end), x.message])).toEqual([
      [3, '60%', '`销售额达成` weighs 60%'],
      [4, '20%', '`毛利率` weighs 20%'],
      [5, '10%', '`拓展目标` weighs 10%'],
    ]);
    expect(codes(applyFix(text, d!))).not.toContain('KPI0301');
  });

  it('accepts thirds written as 33.33% + 33.33% + 33.34%', () => {
    const t = plan(['a', 'b', 'c'].map((n, i) => `  indicator ${n} weight ${i === 2 ? '33.34%' : '33.33%'} target 100% scoring linear`).join('\n'));
    expect(codes(t)).toEqual([]);
  });

  it('any set of weights in hundredths summing to 100% passes; any other sum fails with a fix that repairs it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9000 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: -500, max: 500 }), (parts, delta) => {
        // scale parts to hundredths of a percent summing to exactly 10000 (= 100%)
        const total = parts.reduce((a, b) => a + b, 0);
        const w = parts.map((p) => Math.max(1, Math.floor((p * 10000) / total)));
        w[w.length - 1]! += 10000 - w.reduce((a, b) => a + b, 0);
        fc.pre(w.every((x) => x > 0 && x <= 10000));
        const lit = (x: number) => `${(x / 100).toFixed(2)}%`;
        const body = (ws: number[]) => plan(ws.map((x, i) => `  indicator 指标${i} weight ${lit(x)} target 100% scoring linear`).join('\n'));
        expect(codes(body(w)).filter((c) => c.startsWith('KPI03'))).toEqual([]);
        const bad = [...w];
        bad[0]! += delta;
        fc.pre(delta !== 0 && bad[0]! > 0 && bad[0]! <= 10000);
        const t = body(bad);
        const ds = only(t, 'KPI0301');
        expect(ds).toHaveLength(1);
        if (ds[0]!.fix) expect(only(applyFix(t, ds[0]!), 'KPI0301')).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('does not pile a weight error on an indicator whose weight the parser could not read', () => {
    const cs = codes(plan('  indicator a weight 100% target 100% scoring linear\n  indicator b target 100% scoring linear'));
    expect(cs.some((c) => c.startsWith('KPI01'))).toBe(true);
    expect(cs.filter((c) => c.startsWith('KPI03'))).toEqual([]);
  });
});

describe('ranges', () => {
  it('target 0 on a dividing method is an error pointing at zero-target alternatives; threshold lower is fine', () => {
    const [d] = only(plan('  indicator 客户投诉 weight 100% target 0 scoring reverse'), 'KPI0402');
    expect(d!.message).toBe('target of `客户投诉` is 0, but `reverse` divides by it');
    expect(d!.help).toContain('scoring threshold lower');
    expect(codes(plan('  indicator 客户投诉 weight 100% target 0 scoring threshold lower'))).toEqual([]);
  });
  it('target 0 on a bands table over the actual value is fine, on a ratio table it is not', () => {
    expect(codes(plan('  indicator 投诉 weight 100% target 0 scoring bands { <= 0: 100 else: 0 }'))).not.toContain('KPI0402');
    expect(codes(plan('  indicator 投诉 weight 100% target 0 scoring bands on ratio { >= 100%: 100 else: 0 }'))).toContain('KPI0402');
  });
  it('cap must be at least 100% and floor below the cap', () => {
    expect(codes(one('scoring linear cap 100%'))).toEqual([]);
    expect(codes(one('scoring linear cap 99%'))).toContain('KPI0403');
    expect(codes(one('scoring linear cap 120% floor 110%'))).toEqual([]);
    expect(codes(one('scoring linear floor 100%'))).toContain('KPI0404');
  });
  it('weight 0% and 101% are out of range; 100% is fine', () => {
    expect(codes(plan('  indicator a weight 0% target 1 scoring linear\n  indicator b weight 100% target 1 scoring linear'))).toContain('KPI0401');
    expect(codes(plan('  indicator a weight 101% target 1 scoring linear'))).toContain('KPI0401');
  });
  it('a plain-number cap gets a `%` fix', () => {
    const [d] = only(one('scoring linear cap 120'), 'KPI0410');
    expect(d!.fix!.edits[0]!.text).toBe('120%');
    expect(codes(applyFix(one('scoring linear cap 120'), d!))).toEqual([]);
  });
  it('round 0 and 6 are fine, 7 is not', () => {
    expect(codes(plan('  round 0\n  indicator a weight 100% target 1 scoring linear'))).toEqual([]);
    expect(codes(plan('  round 6\n  indicator a weight 100% target 1 scoring linear'))).toEqual([]);
    expect(codes(plan('  round 7\n  indicator a weight 100% target 1 scoring linear'))).toContain('KPI0408');
  });
  it('ascending grade bounds give one error with the other lines as notes', () => {
    const t = plan('  indicator a weight 100% target 1 scoring linear\n  grades {\n    C >= 60 coefficient 0.8\n    B >= 70 coefficient 1\n    A >= 85 coefficient 1.2\n    D coefficient 0.5\n  }');
    const ds = only(t, 'KPI0405');
    expect(ds).toHaveLength(1);
    expect(ds[0]!.related!.map((r) => r.message)).toEqual(['`C` needs 60', '`A` 85 is out of order too']);
  });
  it('equal grade bounds are not strictly descending', () => {
    expect(codes(plan('  indicator a weight 100% target 1 scoring linear\n  grades {\n    A >= 80 coefficient 1.2\n    B >= 80 coefficient 1\n    C coefficient 0.5\n  }'))).toContain('KPI0405');
  });
});

describe('tables', () => {
  const bands = (rows: string) => plan(`  indicator 完成 weight 100% target 100% scoring bands on ratio { ${rows} }`);
  it('`> 90%` after `>= 90%` is unreachable; `>= 90%` after `> 90%` is not', () => {
    expect(codes(bands('>= 90%: 100, > 90%: 80, else: 0'))).toContain('KPI0502');
    expect(codes(bands('> 90%: 100, >= 90%: 80, else: 0'))).toEqual([]);
  });
  it('lower-is-better rows: `<= 5` after `<= 2` is reachable, `<= 2` after `<= 5` is not', () => {
    expect(codes(plan('  indicator 投诉 weight 100% scoring bands { <= 2: 100, <= 5: 60, else: 0 }'))).toEqual([]);
    expect(codes(plan('  indicator 投诉 weight 100% scoring bands { <= 5: 60, <= 2: 100, else: 0 }'))).toContain('KPI0502');
  });
  it('an `else` scoring more than the last row is non-monotonic', () => {
    const [d] = only(bands('>= 100%: 100, >= 80%: 60, else: 70'), 'KPI0503');
    expect(d!.message).toBe('band `else` of `完成` scores 70, more than the better band `>= 80%` (60)');
  });
  it('a falling curve over the actual is fine when the indicator is `lower`, a warning otherwise', () => {
    expect(codes(plan('  indicator 流失率 weight 100% scoring curve lower { 1%: 100, 5%: 0 }'))).toEqual([]);
    expect(codes(plan('  indicator 流失率 weight 100% scoring curve { 1%: 100, 5%: 0 }'))).toContain('KPI0505');
    expect(codes(plan('  indicator 周转 weight 100% target 4 scoring curve on ratio { 50%: 100, 100%: 60 }'))).toContain('KPI0505');
  });
  it('equal curve X values are not strictly increasing', () => {
    expect(codes(plan('  indicator 周转 weight 100% scoring curve { 2: 40, 2: 60 }'))).toContain('KPI0504');
  });
});

describe('names', () => {
  it('a metric and an indicator may share a name; two indicators in different groups may not', () => {
    expect(codes(plan('  metric 准时交付率 = 准时 / 总数\n  indicator 准时交付率 weight 100% target 95% scoring linear'))).toEqual([]);
    const t = plan(
      '  group 甲 weight 50% {\n    indicator 销售额 weight 100% target 1 scoring linear\n  }\n  group 乙 weight 50% {\n    indicator 销售额 weight 100% target 1 scoring linear\n  }',
    );
    const [d] = only(t, 'KPI0201');
    expect(run(t).source.lineCol(d!.span!.start).line).toBe(6);
    expect(run(t).source.lineCol(d!.related![0]!.span.start).line).toBe(3);
  });
  it('a three-metric cycle shows the whole path; a chain without a cycle is fine', () => {
    const [d] = only(plan('  metric a = b\n  metric b = c * 2\n  metric c = a + 1\n  indicator a weight 100% target 1 scoring linear'), 'KPI0210');
    expect(d!.message).toBe('metrics depend on each other in a cycle: `a` → `b` → `c` → `a`');
    expect(codes(plan('  metric a = b\n  metric b = c * 2\n  indicator a weight 100% target 1 scoring linear'))).toEqual([]);
  });
  it('names in metric and veto expressions are data columns, never "unknown"', () => {
    expect(codes(plan('  metric 达成率 = 任意列 / "GMV (含税)"\n  indicator 达成率 weight 100% target 1 scoring linear\n  veto 事故 when 某列 > 0'))).toEqual([]);
  });
  it('an indicator named like a test subject is a warning', () => {
    expect(only(plan('  indicator grade weight 100% target 1 scoring linear'), 'KPI0220')).toHaveLength(1);
  });
  it('two plans of one name in a file', () => {
    const one = '  indicator a weight 100% target 1 scoring linear';
    expect(codes(`${plan(one)}${plan(one)}`)).toContain('KPI0201');
  });
});

describe('practice', () => {
  it('the 5% rule uses the indicator’s own weight in its scope', () => {
    const t = plan('  group 小组 weight 4% {\n    indicator a weight 100% target 1 scoring linear\n  }\n  indicator b weight 96% target 1 scoring linear');
    expect(codes(t)).toEqual([]);
    expect(codes(plan('  indicator a weight 4.99% target 1 scoring linear\n  indicator b weight 95.01% target 1 scoring linear'))).toEqual(['KPI0602']);
  });
  it('more than 10 indicators in a group is a warning on the group name', () => {
    const inds = Array.from({ length: 11 }, (_, i) => `    indicator 指标${i} weight ${i === 10 ? '10%' : '9%'} target 1 scoring linear`).join('\n');
    const t = plan(`  group 综合 weight 100% {\n${inds}\n  }`);
    const [d] = only(t, 'KPI0601');
    expect(t.slice(d!.span!.start, d!.span!.end)).toBe('综合');
  });
  it('a missing target says the engine cannot score the indicator', () => {
    const [d] = only(plan('  indicator a weight 100% scoring bands on ratio { >= 100%: 100 }'), 'KPI0603');
    expect(d!.severity).toBe('warning');
    expect(d!.message).toBe('`a` has no target, which `bands on ratio` needs; it cannot be scored');
    expect(codes(plan('  indicator a weight 100% scoring bands { >= 100: 100 }'))).toEqual([]);
  });
  it('an out-of-range cap on a method that ignores caps is reported once, as the range error', () => {
    expect(codes(plan('  indicator a weight 100% target 1 scoring threshold cap 90%'))).toEqual(['KPI0403']);
  });
});

describe('tests', () => {
  const base = [
    '  indicator 销售额达成 weight 50% target 100% scoring linear input 销售额完成率',
    '  group 能力 weight 50% {',
    '    indicator 执行力 weight 100% scoring rating 1..5 raters { self 30%, manager 70% }',
    '  }',
  ].join('\n');
  const withTest = (lines: string) => plan(`${base}\n  test "例" {\n${lines}\n  }`);
  it('accepts input columns, NAME.RATER columns, group subjects and reserved subjects', () => {
    expect(codes(withTest('    given 销售额完成率 = 100%, 执行力.self = 4, 执行力.manager = 5\n    expect 能力 = 94\n    expect total = 97\n    expect bonus = 0'))).toEqual([]);
  });
  it('giving the indicator name instead of its input column is an error with a fix to the column', () => {
    const [d] = only(withTest('    given 销售额达成 = 100%\n    expect total = 50'), 'KPI0701');
    expect(d!.fix!.edits[0]!.text).toBe('销售额完成率');
  });
  it('giving a rated indicator’s own name lists its rater columns', () => {
    const [d] = only(withTest('    given 执行力 = 4\n    expect total = 50'), 'KPI0701');
    expect(d!.help).toContain('`执行力.self`, `执行力.manager`');
  });
  it('expect grade or coefficient in a plan without grades', () => {
    expect(codes(withTest('    given 销售额完成率 = 100%\n    expect coefficient = 1'))).toContain('KPI0703');
  });
});

describe('bands on a `lower` actual', () => {
  it('`>=` rows with scores rising down the table are fine when the indicator is `lower`', () => {
    expect(codes(plan('  indicator 投诉次数 weight 100% scoring bands lower { >= 3: 0, >= 1: 60, else: 100 }'))).toEqual([]);
    expect(codes(plan('  indicator 投诉次数 weight 100% scoring bands { >= 3: 0, >= 1: 60, else: 100 }'))).toContain('KPI0503');
    expect(codes(plan('  indicator 投诉次数 weight 100% scoring bands lower { >= 3: 100, >= 1: 60, else: 0 }'))).toContain('KPI0503');
  });
});

describe('after syntax errors', () => {
  it('a scope where the parser lost a whole item gets no weight-sum cascade', () => {
    const t = plan('  indicator 销售额达成 weight 70% target 100% scoring linear\n  indcator 毛利率 weight 30% target 35% scoring linear');
    const cs = codes(t);
    expect(cs).toContain('KPI0101');
    expect(cs).not.toContain('KPI0301');
  });
  it('a syntax error inside an item keeps the scope checked', () => {
    const t = plan('  indicator 销售额达成 weight 60% target 100% scoring liner\n  indicator 毛利率 weight 30% target 35% scoring linear');
    expect(codes(t)).toEqual(expect.arrayContaining(['KPI0101', 'KPI0301']));
  });
});

describe('no consequential errors', () => {
  it('a bonus missing `points … per …` is KPI0106 only, not also KPI0409 for the placeholder', () => {
    const text = plan('  indicator 甲 weight 100% target 100% scoring linear\n  bonus 创新提案 max 10');
    expect(codes(text)).toEqual(['KPI0106']);
  });
  it('a typo in `on ratio` is KPI0101 only, not also KPI0507 "no rows" for the rows it cost', () => {
    expect(codes(one('scoring bands on ration { >= 100%: 100 else: 0 }'))).toEqual(['KPI0101']);
  });
  it('an empty bands table is still KPI0507', () => {
    expect(codes(one('scoring bands { }'))).toEqual(['KPI0507']);
  });
  it('a misspelt `coefficient` in grades is one KPI0101 on the word with a fix, not a bogus catch-all grade', () => {
    const text = plan('  indicator 甲 weight 100% target 100% scoring linear\n  grades {\n    A >= 90 coeficient 1.2\n    B coefficient 1\n  }');
    const ds = run(text).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([['KPI0101', 'unexpected `coeficient` before `1.2`']]);
    expect(codes(applyFix(text, ds[0]!))).toEqual([]);
  });
  it('a comma between clauses (ASCII or full-width) is one KPI0101 whose fix leaves a clean plan', () => {
    const text = plan('  indicator 甲 weight 30%，target 100% scoring linear\n  indicator 乙 weight 70%, target 100% scoring linear');
    const ds = run(text).diagnostics;
    expect(ds.map((d) => [d.code, d.message])).toEqual([
      ['KPI0101', 'unexpected `，` between clauses'],
      ['KPI0101', 'unexpected `,` between clauses'],
    ]);
    expect(codes(applyFix(applyFix(text, ds[1]!), ds[0]!))).toEqual([]);
  });
  it('a bonus with `points 0` is KPI0409', () => {
    expect(codes(plan('  indicator 甲 weight 100% target 100% scoring linear\n  bonus 创新提案 points 0 per 1'))).toEqual(['KPI0409']);
  });
});
