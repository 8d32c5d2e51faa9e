import { describe, it, expect } from 'vitest';
import { check } from '../../src/check/index.js';
import { fileOf, group, ind, linear, plan, rating } from './ir.js';

const run = (...args: Parameters<typeof fileOf>) => {
  const { file, source } = fileOf(...args);
  return check(file, source);
};
const codes = (ds: { code: string }[]) => ds.map((d) => d.code);

describe('weights (IR built by hand)', () => {
  it('accepts 33.33% + 33.33% + 33.34% as exactly 100%', () => {
    const p = plan('P', [ind('a', '33.33%', linear(), { target: undefined }), ind('b', '33.33%', linear()), ind('c', '33.34%', linear())]);
    expect(run(p).filter((d) => d.code === 'KPI0301')).toEqual([]);
  });

  it('reports a group summing to 90% with the scope, sum, every weight and a fix on the last weight', () => {
    const last = ind('拓展目标', '10%', linear());
    const g = group('工作绩效', '100%', [ind('销售额达成', '60%', linear()), ind('毛利率', '20%', linear()), last]);
    const ds = run(plan('P', [g])).filter((d) => d.code === 'KPI0301');
    expect(ds).toHaveLength(1);
    const d = ds[0]!;
    expect(d.severity).toBe('error');
    expect(d.message).toBe('weights in `工作绩效` sum to 90%, expected 100%');
    expect(d.help).toBe('add 10% to one of them');
    expect(d.span).toEqual(g.name.span);
    expect(d.related?.map((r) => r.message)).toEqual(['`销售额达成` weighs 60%', '`毛利率` weighs 20%', '`拓展目标` weighs 10%']);
    expect(d.fix?.message).toBe('set `拓展目标` to 20% so `工作绩效` sums to 100%');
    expect(d.fix?.edits).toEqual([{ span: last.weight!.span, text: '20%' }]);
  });

  it('says "the plan" in the fix for the top level and takes off an excess', () => {
    const ds = run(plan('店长', [ind('a', '70%', linear()), ind('b', '40%', linear())])).filter((d) => d.code === 'KPI0301');
    expect(ds[0]!.message).toBe('weights in `店长` sum to 110%, expected 100%');
    expect(ds[0]!.help).toBe('take 10% off one of them');
    expect(ds[0]!.fix?.message).toBe('set `b` to 30% so the plan sums to 100%');
  });

  it('fixes the single weight that can absorb the difference when the last cannot', () => {
    // 120%: the last (10%) and `a` (20%) cannot lose 20% and stay above 0; only `b` can
    const ds = run(plan('P', [ind('a', '20%', linear()), ind('b', '90%', linear()), ind('c', '10%', linear())])).filter((d) => d.code === 'KPI0301');
    expect(ds[0]!.fix?.message).toBe('set `b` to 70% so the plan sums to 100%');
  });

  it('offers no fix when several weights could absorb the difference but not the last', () => {
    const ds = run(plan('P', [ind('a', '70%', linear()), ind('b', '50%', linear()), ind('c', '25%', linear())])).filter((d) => d.code === 'KPI0301');
    expect(ds[0]!.message).toBe('weights in `P` sum to 145%, expected 100%');
    expect(ds[0]!.fix).toBeUndefined();
  });

  it('keeps a decimal weight decimal in the fix', () => {
    const ds = run(plan('P', [ind('a', '0.5', linear()), ind('b', '0.4', linear())])).filter((d) => d.code === 'KPI0301');
    expect(ds[0]!.fix?.edits[0]!.text).toBe('0.5');
  });

  it('skips a scope where a weight is missing (the parser reported it)', () => {
    expect(codes(run(plan('P', [ind('a', '70%', linear()), ind('b', undefined, linear(), { recovered: true })])))).not.toContain('KPI0301');
  });

  it('checks rater weights of a rating indicator', () => {
    const ds = run(plan('P', [ind('执行力', '100%', rating('1', '5', [['self', '10%'], ['manager', '70%'], ['peer', '10%']]))]));
    const d = ds.find((x) => x.code === 'KPI0302')!;
    expect(d.message).toBe('rater weights of `执行力` sum to 90%, expected 100%');
    expect(d.fix?.message).toBe('set `peer` to 20% so the raters of `执行力` sum to 100%');
  });

  it('reports an empty plan and an empty group', () => {
    expect(codes(run(plan('P', [])))).toContain('KPI0303');
    expect(codes(run(plan('P', [group('g', '100%', [])])))).toContain('KPI0303');
  });

  it('checks nested groups each against 100%', () => {
    const inner = group('新店', '40%', [ind('x', '50%', linear()), ind('y', '40%', linear())]);
    const ds = run(plan('P', [group('g', '100%', [ind('z', '60%', linear()), inner])])).filter((d) => d.code === 'KPI0301');
    expect(ds.map((d) => d.message)).toEqual(['weights in `新店` sum to 90%, expected 100%']);
  });
});

describe('indicatorsOf: each indicator with its groups and its effective weight', () => {
  it('multiplies the weights along the path, exactly, outermost group first', async () => {
    const { indicatorsOf } = await import('../../src/ir/walk.js');
    const inner = group('内层', '50%', [ind('c', '33.33%', linear()), ind('d', '66.67%', linear())]);
    const outer = group('外层', '30%', [ind('b', '40%', linear()), inner]);
    const p = plan('P', [ind('a', '70%', linear()), outer]);
    const list = indicatorsOf(p);
    expect(list.map((x) => [x.indicator.name.text, x.groups.map((g) => g.name.text), x.effectiveWeight.toString()])).toEqual([
      ['a', [], '7/10'],
      ['b', ['外层'], '3/25'], // 30% × 40%
      ['c', ['外层', '内层'], '9999/200000'], // 30% × 50% × 33.33%
      ['d', ['外层', '内层'], '20001/200000'],
    ]);
    // read twice: the same value (computed once, on first read)
    expect(list[2]!.effectiveWeight).toBe(list[2]!.effectiveWeight);
    const { indicator, effectiveWeight } = list[1]!;
    expect([indicator.name.text, effectiveWeight.toString()]).toEqual(['b', '3/25']);
  });

  it('counts a missing weight as 0', async () => {
    const { indicatorsOf } = await import('../../src/ir/walk.js');
    const p = plan('P', [group('G', '100%', [ind('a', undefined, linear())])]);
    expect(indicatorsOf(p)[0]!.effectiveWeight.toString()).toBe('0');
  });
});

describe('weight sums: the plain-decimal fast path agrees with the exact sum', () => {
  it('reports KPI0301 exactly when the Rational sum of weights in (0, 100%] is not 100% (fast-check, fixed seed)', async () => {
    const fc = (await import('fast-check')).default;
    const { analyze } = await import('../../src/check/index.js');
    const { Rational } = await import('../../src/numbers/rational.js');
    // a weight as written: digits with up to 38 decimals, as a percent or a fraction
    const weight = fc.record({
      units: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.bigInt({ min: 0n, max: 10n ** 19n })),
      places: fc.integer({ min: 0, max: 38 }),
      percent: fc.boolean(),
    });
    const text = (w: { units: number | bigint; places: number }) => {
      const d = String(w.units).padStart(w.places + 1, '0');
      return w.places ? `${d.slice(0, -w.places)}.${d.slice(-w.places)}` : d;
    };
    const value = (w: { units: number | bigint; places: number; percent: boolean }) =>
      Rational.of(BigInt(w.units), 10n ** BigInt(w.places + (w.percent ? 2 : 0)));
    fc.assert(
      fc.property(fc.array(weight, { minLength: 1, maxLength: 6 }), fc.constantFrom('free', 'rest', 'nudged'), fc.integer({ min: 1, max: 38 }), (ws, last, nudge) => {
        const written = ws.map((w) => `${text(w)}${w.percent ? '%' : ''}`);
        if (last !== 'free') {
          // the last weight is the rest of 100% (sums of exactly 100% are common), or that and 10^-nudge more:
          // a sum a double cannot tell from 100%
          let rest = ws.slice(0, -1).reduce((a, w) => a.sub(value(w)), Rational.ONE);
          if (last === 'nudged') rest = rest.add(Rational.of(1n, 10n ** BigInt(nudge)));
          written[written.length - 1] = rest.toDecimalString(40);
        }
        const lines = written.map((w, i) => `    indicator 指标${i} weight ${w} target 1 scoring linear`);
        const r = analyze('p.kpi', `plan P {\n  group G weight 100% {\n${lines.join('\n')}\n  }\n}\n`);
        if (r.diagnostics.some((d) => d.severity === 'error' && d.code !== 'KPI0301')) return; // a weight out of range or unreadable: its own error
        const group = r.file.plans[0]!.items[0]! as { items: { weight?: { value: string } }[] };
        const sum = group.items.reduce((a, i) => a.add(Rational.parse(i.weight!.value)!), Rational.ZERO);
        expect(r.diagnostics.some((d) => d.code === 'KPI0301'), `${written.join(' + ')} = ${sum.toDecimalString(40)}`).toBe(!sum.eq(Rational.ONE));
      }),
      { seed: 20261206, numRuns: 1500 },
    );
  });
});
