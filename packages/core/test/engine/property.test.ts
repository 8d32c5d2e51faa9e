/**
 * Invariant: the compiled float64 code gives exactly the reference's RowOutcome on every row,
 * for random valid plans and rows built to hit ties (values equal to targets, bounds, rounding edges).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr, Group, Indicator, Method, Plan } from '../../src/ir/schema.js';
import { compilePlan } from '../../src/compile/index.js';
import { makeReference } from '../../src/run/reference.js';
import { makeExact } from '../../src/compile/exact.js';
import type { CompiledPlan } from '../../src/compile/index.js';

/** explain() (traced generated code, or the exact evaluator) equals the exact evaluator's trace, key for key */
function sameTrace(c: CompiledPlan, traceExact: ReturnType<typeof makeExact>, v: ArrayLike<number>) {
  const got = c.explain(v);
  const want = traceExact(v, true);
  const expected = want.explanation ? { outcome: want.outcome, explanation: want.explanation } : { outcome: want.outcome };
  expect(got).toStrictEqual(expected);
  expect(JSON.stringify(got)).toBe(JSON.stringify(expected));
}
import { e, group, ind, m, n, plan } from './helpers.js';
import { resultFrom } from '../../src/run/layout.js';
import type { RowOutcome } from '../../src/model/results.js';

/** scoreInto() (the generated function writing numbers into a Float64Array) gives score()'s outcome */
function sameInto(c: CompiledPlan, v: ArrayLike<number>, want: RowOutcome) {
  const out = new Float64Array(c.layout.size).fill(-7);
  const errors = c.scoreInto(v, out);
  if (!want.ok) {
    expect(errors).toStrictEqual(want.errors);
    return;
  }
  expect(errors).toBeNull();
  const got = resultFrom(c.layout, out);
  expect(got).toStrictEqual(want.result);
  expect(JSON.stringify(got)).toBe(JSON.stringify(want.result));
}

const decs = ['0', '1', '2', '3', '5', '10', '0.5', '0.95', '1.2', '0.333', '2.675', '84.995', '100', '1200000', '0.05', '0.07', '7.5', '0.01', '1.005'];
const pcts = ['1%', '5%', '33.33%', '60%', '80%', '90%', '95%', '100%', '110%', '120%', '150%', '99.9%'];
const num = fc.constantFrom(...decs, ...pcts);
const posNum = fc.constantFrom(...decs.filter((d) => d !== '0'), ...pcts);

const methodArb: fc.Arbitrary<{ method: Method; needsTarget: boolean; lower?: boolean }> = fc.oneof(
  fc.constant({ method: m.linear(), needsTarget: true }),
  fc.constant({ method: m.reverse(), needsTarget: true }),
  fc.boolean().map((lower) => ({ method: m.threshold(), needsTarget: true, lower })),
  fc
    .record({
      on: fc.constantFrom<'actual' | 'ratio'>('actual', 'ratio'),
      desc: fc.boolean(),
      strict: fc.boolean(),
      bounds: fc.uniqueArray(num, { minLength: 1, maxLength: 4 }),
      scores: fc.array(num, { minLength: 4, maxLength: 4 }),
      els: fc.option(num, { nil: undefined }),
      lower: fc.boolean(),
    })
    .map((b) => {
      const sorted = [...b.bounds].sort((x, y) => Number(x.replace('%', 'e-2')) - Number(y.replace('%', 'e-2')));
      const op = b.desc ? (b.strict ? '>' : '>=') : b.strict ? '<' : '<=';
      const rows = (b.desc ? sorted.reverse() : sorted).map((bd, i) => [op, bd, b.scores[i]!] as ['>=', string, string]);
      return { method: m.bands(rows, b.els, b.on), needsTarget: b.on === 'ratio', lower: b.lower };
    }),
  fc
    .record({ on: fc.constantFrom<'actual' | 'ratio'>('actual', 'ratio'), xs: fc.uniqueArray(num, { minLength: 1, maxLength: 4 }), ys: fc.array(num, { minLength: 4, maxLength: 4 }), lower: fc.boolean() })
    .map((c) => {
      const xs = [...c.xs].sort((x, y) => Number(x.replace('%', 'e-2')) - Number(y.replace('%', 'e-2')));
      const uniq = xs.filter((x, i) => i === 0 || Number(x.replace('%', 'e-2')) !== Number(xs[i - 1]!.replace('%', 'e-2')));
      return { method: m.curve(uniq.map((x, i) => [x, c.ys[i]!])), needsTarget: c.on === 'ratio', lower: c.lower };
    })
    .map((c) => ({ ...c, method: { ...c.method, on: (c.needsTarget ? 'ratio' : 'actual') as 'ratio' | 'actual' } as Method })),
  fc.record({ p: posNum, per: fc.constantFrom('1', '2', '0.5', '3'), max: fc.option(posNum, { nil: undefined }) }).map((d) => ({ method: m.deduct(d.p, d.per, d.max), needsTarget: false })),
  fc.boolean().map((raters) => ({ method: m.rating(1, 5, raters ? [['self', '10%'], ['manager', '70%'], ['peer', '20%']] : undefined), needsTarget: false })),
);

const indArb = (nm: string) =>
  fc
    .record({
      mt: methodArb,
      weight: fc.constantFrom('10%', '20%', '33.33%', '5%', '70%', '12.5%'),
      target: posNum,
      cap: fc.option(fc.constantFrom('100%', '120%', '150%'), { nil: undefined }),
      floor: fc.option(fc.constantFrom('60%', '80%', '0.5'), { nil: undefined }),
      def: fc.option(num, { nil: undefined }),
      metric: fc.boolean(),
    })
    .map((o) => {
      const i: Indicator = ind(nm, o.weight, o.mt.method, {
        ...(o.mt.needsTarget || o.mt.method.kind === 'threshold' ? { target: o.target } : {}),
        ...(o.cap ? { cap: o.cap } : {}),
        ...(o.floor ? { floor: o.floor } : {}),
        ...(o.def !== undefined && o.mt.method.kind !== 'rating' ? { default: o.def } : {}),
        lower: o.mt.lower ?? false,
      });
      return { i, metric: o.metric && o.mt.method.kind !== 'rating' };
    });

const planArb: fc.Arbitrary<Plan> = fc
  .record({
    inds: fc.integer({ min: 1, max: 5 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, j) => indArb(`指标${j}`)))),
    grouped: fc.boolean(),
    round: fc.constantFrom(2, 2, 0, 1, 4),
    bonus: fc.option(fc.record({ points: posNum, per: fc.constantFrom('1', '2', '0.5'), max: fc.option(posNum, { nil: undefined }) }), { nil: undefined }),
    veto: fc.option(fc.constantFrom('>', '>=', '==', '!='), { nil: undefined }),
    vetoBound: num,
    metricOp: fc.constantFrom('/', '*', '-', '+', 'min'),
    // SPEC §6: a penalty item (with or without a negative total allowed) and optional indicators (N/A = −∞)
    penalty: fc.option(fc.record({ points: posNum, per: fc.constantFrom('1', '2', '0.5'), max: fc.option(posNum, { nil: undefined }) }), { nil: undefined }),
    negativeTotal: fc.boolean(),
    optional: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
  })
  .map((o) => {
    const metrics: [string, Expr, string?][] = [];
    for (const { i, metric } of o.inds) {
      if (!metric) continue;
      const a = e.ref(`${i.name.text}_a`);
      const b = e.ref(`${i.name.text}_b`);
      const ex = o.metricOp === 'min' ? e.call('min', a, b) : e.bin(o.metricOp, a, b);
      metrics.push([i.name.text, ex]);
    }
    let items: (Indicator | Group)[] = o.inds.map((x) => x.i);
    if (o.grouped && items.length > 1) items = [items[0]!, group('组', '40%', items.slice(1))];
    const p = plan(items, {
      round: o.round,
      metrics,
      ...(o.bonus ? { bonuses: [{ name: '加分', points: o.bonus.points, per: o.bonus.per, ...(o.bonus.max ? { max: o.bonus.max } : {}) }] } : {}),
      ...(o.veto ? { vetoes: [['否决', e.bin(o.veto, e.ref('事故'), e.num(o.vetoBound))] as [string, Expr]] } : {}),
      grades: [['S', '95'], ['A', '84.995'], ['B', '70', '1'], ['C', undefined, '0.5']],
    });
    if (o.penalty) {
      const x: Plan['penalties'][number] = { kind: 'penalty', name: { text: '扣分', span: { start: 0, end: 0 } }, points: n(o.penalty.points), per: n(o.penalty.per), span: { start: 0, end: 0 } };
      if (o.penalty.max) x.max = n(o.penalty.max);
      p.penalties = [x];
      if (o.negativeTotal) p.settings.negativeTotal = { span: { start: 0, end: 0 } };
    }
    o.inds.forEach(({ i }, k) => {
      if (o.optional[k]) i.optional = true;
    });
    return p;
  });

const valueArb = fc.oneof(
  { weight: 4, arbitrary: num.map((d) => (d.endsWith('%') ? Number((Number(d.slice(0, -1)) / 100).toPrecision(15)) : Number(d))) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100000 }).map((x) => x / 1000) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 200, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(1, 2, 3, 4, 5, 4.5, 3.3) },
  { weight: 1, arbitrary: fc.constant(NaN) },
  // a N/A cell as the data layer marks it for an optional reader
  { weight: 1, arbitrary: fc.constant(-Infinity) },
);

describe('compiled == reference (property)', () => {
  it('agrees exactly on random plans and rows, untraced and traced (seed fixed)', () => {
    let fast = 0;
    let exact = 0;
    let tracedFast = 0;
    fc.assert(
      fc.property(planArb, fc.array(fc.array(valueArb, { minLength: 40, maxLength: 40 }), { minLength: 1, maxLength: 8 }), (p, rows) => {
        const { compiled, diagnostics } = compilePlan(p);
        expect(diagnostics).toEqual([]);
        const ref = makeReference(p)!;
        const traceExact = makeExact(compiled!.lowered);
        expect(compiled!.fallbackReason).toBeUndefined();
        for (const row of rows) {
          const v = row.slice(0, compiled!.inputs.length);
          const a = compiled!.score(v);
          const b = ref(v);
          expect(a).toStrictEqual(b);
          expect(JSON.stringify(a)).toBe(JSON.stringify(b));
          sameTrace(compiled!, traceExact, v);
          sameInto(compiled!, v, b);
        }
        fast += compiled!.stats.fast;
        exact += compiled!.stats.exact;
        tracedFast += compiled!.traceStats.fast;
        expect(compiled!.intoStats).toStrictEqual(compiled!.stats);
      }),
      { seed: 20240611, numRuns: 1000 },
    );
    // the traced variant explains most rows the untraced one scores (it also gives up near a curve point,
    // a cap, a deduction cap or a rounding tie of a group or the subtotal)
    // (with this seed: 1250 rows on the untraced fast path, 1059 explained by the traced one)
    expect(tracedFast).toBeGreaterThan(fast * 0.6);
    // the generator aims at ties and missing values, so many rows take the exact path; both paths are exercised
    expect(fast).toBeGreaterThan(500);
    expect(exact).toBeGreaterThan(500);
  });
});

describe('fast path share on realistic data', () => {
  it('scores at least 95% of realistic rows without the exact fallback', () => {
    const p = plan(
      [
        ind('销售额达成', '70%', m.linear(), { target: '100%', cap: '120%' }),
        ind('人员流失率', '10%', m.reverse(), { target: '1%' }),
        ind('账目准确率', '5%', m.threshold(), { target: '100%' }),
        ind('货品专业知识达标', '5%', m.linear(), { target: '100%' }),
        ind('会员流失率', '10%', m.reverse(), { target: '5%' }),
      ],
      { grades: [['S', 95, 1.5], ['A', 85, 1.2], ['B', 70, 1], ['C', 60, 0.8], ['D', undefined, 0.5]] },
    );
    const { compiled } = compilePlan(p);
    const ref = makeReference(p)!;
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pctv = (lo: number, hi: number) => Math.round((lo + rnd() * (hi - lo)) * 100) / 10000; // 2-decimal percents
    for (let i = 0; i < 5000; i++) {
      const v = [pctv(60, 140), pctv(0, 3), rnd() < 0.8 ? 1 : pctv(95, 100), pctv(70, 100), pctv(2, 8)];
      expect(compiled!.score(v)).toStrictEqual(ref(v));
    }
    expect(compiled!.stats.fast / 5000).toBeGreaterThan(0.95);
  });
});

// ---------------------------------------------------------------------------------------------------
// Deeper structure: random metric expressions (+ − × ÷ min max abs, unary minus, numbers and percents)
// over a few columns, metric chains with and without `default`, groups nested three deep, ratings with
// raters and a default, bonuses reading a metric or a column (with a default), vetoes with and/or/not
// over comparisons of expressions.
const COLS = ['c0', 'c1', 'c2', 'c3'];
const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COLS).map((c) => e.ref(c)) },
  { weight: 2, arbitrary: num.map((x) => e.num(x)) },
);
const exprArb = (refs: string[]): fc.Arbitrary<Expr> => {
  const leaf = refs.length > 0 ? fc.oneof(leafArb, fc.constantFrom(...refs).map((r) => e.ref(r))) : leafArb;
  const { ex } = fc.letrec<{ ex: Expr }>((tie) => ({
    ex: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom('+', '-', '*', '/'), tie('ex'), tie('ex')).map(([op, a, b]) => e.bin(op, a, b)),
      fc.tuple(fc.constantFrom<'min' | 'max'>('min', 'max'), tie('ex'), tie('ex')).map(([f, a, b]) => e.call(f, a, b)),
      tie('ex').map((a) => e.call('abs', a)),
      tie('ex').map((a) => e.neg(a)),
    ),
  }));
  return ex.filter((x) => JSON.stringify(x).length < 2000);
};
const condArb = (refs: string[]): fc.Arbitrary<Expr> => {
  const cmp = fc.tuple(fc.constantFrom('>', '>=', '<', '<=', '==', '!='), exprArb(refs), exprArb(refs)).map(([op, a, b]) => e.bin(op, a, b));
  return fc.oneof(
    cmp,
    fc.tuple(fc.constantFrom('and', 'or'), cmp, cmp).map(([op, a, b]) => e.bin(op, a, b)),
    cmp.map((c) => e.not(c)),
  );
};

/** values without blanks */
const presentArb = fc.oneof(
  { weight: 4, arbitrary: num.map((d) => (d.endsWith('%') ? Number((Number(d.slice(0, -1)) / 100).toPrecision(15)) : Number(d))) },
  { weight: 2, arbitrary: fc.integer({ min: -3, max: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100000 }).map((x) => x / 1000) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 200, noNaN: true }) },
);

const deepPlanArb: fc.Arbitrary<Plan> = fc
  .record({
    inds: fc.tuple(indArb('甲'), indArb('乙'), indArb('丙'), indArb('丁'), indArb('戊')),
    metricExprs: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    metricDefaults: fc.array(fc.option(num, { nil: undefined }), { minLength: 5, maxLength: 5 }),
    seedExprs: fc.tuple(exprArb([]), exprArb(['m0']), exprArb(['m0', 'm1'])),
    indExprs: fc.array(exprArb(['m0', 'm1', 'm2']), { minLength: 5, maxLength: 5 }),
    weights: fc.array(fc.constantFrom('50%', '40%', '25%', '100%', '33.33%', '12.5%'), { minLength: 3, maxLength: 3 }),
    raterDefault: fc.option(fc.constantFrom('3', '4.5', '1'), { nil: undefined }),
    bonusFromMetric: fc.boolean(),
    bonusDefault: fc.option(num, { nil: undefined }),
    bonusPer: fc.constantFrom('1', '2', '0.5', '0.3'),
    veto: fc.option(condArb(['m0', 'm1', 'm2']), { nil: undefined }),
    round: fc.constantFrom(2, 0, 1, 3),
  })
  .map((o) => {
    const metrics: [string, Expr, string?][] = [];
    o.seedExprs.forEach((ex, i) => metrics.push([`m${i}`, ex, o.metricDefaults[i]]));
    const items = o.inds.map(({ i }, k) => {
      if (o.metricExprs[k] && i.method!.kind !== 'rating') metrics.push([i.name.text, o.indExprs[k]!, o.metricDefaults[k]]);
      return i;
    });
    // a rating with raters and (maybe) a default, four levels of weights: plan → G1 → G2 → G3
    const rated = ind('评价', '10%', m.rating(1, 5, [['self', '10%'], ['manager', '70%'], ['peer', '20%']]), o.raterDefault !== undefined ? { default: o.raterDefault } : {});
    const [w1, w2, w3] = o.weights as [string, string, string];
    const tree: (Indicator | Group)[] = [
      items[0]!,
      group('G1', w1, [items[1]!, group('G2', w2, [items[2]!, group('G3', w3, [items[3]!, rated])])]),
      items[4]!,
    ];
    const bonus = {
      name: '加分',
      points: '2',
      per: o.bonusPer,
      max: '5',
      ...(o.bonusFromMetric ? { input: 'm1' } : {}),
      ...(o.bonusDefault !== undefined ? { default: o.bonusDefault } : {}),
    };
    return plan(tree, {
      round: o.round,
      metrics,
      bonuses: [bonus],
      ...(o.veto ? { vetoes: [['否决', o.veto] as [string, Expr]] } : {}),
      grades: [['S', '95', '1.5'], ['A', '85', '1.2'], ['B', '59.995'], ['C', undefined, '0.5']],
    });
  });

describe('compiled == reference on deeper plans (property)', () => {
  it('agrees exactly with metric chains, defaults, three-deep groups, raters, bonus and veto expressions (seed fixed)', () => {
    let fast = 0;
    let exact = 0;
    let scored = 0;
    fc.assert(
      fc.property(deepPlanArb, fc.array(fc.array(presentArb, { minLength: 40, maxLength: 40 }), { minLength: 1, maxLength: 4 }), fc.array(fc.array(valueArb, { minLength: 40, maxLength: 40 }), { maxLength: 2 }), (p, nice, rough) => {
        const { compiled, diagnostics } = compilePlan(p);
        expect(diagnostics).toEqual([]);
        expect(compiled!.fallbackReason).toBeUndefined();
        const ref = makeReference(p)!;
        const traceExact = makeExact(compiled!.lowered);
        // "nice" rows: every value present, rater marks folded into 1..5 (still hitting 1, 5 and fractions)
        const folded = nice.map((row) => row.map((x, i) => (compiled!.inputs[i]?.role === 'rater' ? 1 + (Math.abs(x) % 4) : x)));
        for (const row of [...folded, ...rough]) {
          const v = row.slice(0, compiled!.inputs.length);
          const a = compiled!.score(v);
          expect(a).toStrictEqual(ref(v));
          sameTrace(compiled!, traceExact, v);
          sameInto(compiled!, v, a);
          if (a.ok) scored++;
        }
        fast += compiled!.stats.fast;
        exact += compiled!.stats.exact;
      }),
      { seed: 20261202, numRuns: 1000 },
    );
    // with this seed: 1863 rows scored, 566 on the fast path, 2790 exact (random expressions often lose
    // precision or divide by zero, which is the point); both paths and the error paths are exercised
    expect(scored).toBeGreaterThan(1000);
    expect(fast).toBeGreaterThan(300);
    expect(exact).toBeGreaterThan(1000);
  }, 180_000); // three generated functions per plan (score, scoreInto, traced) for 1,000 plans: slow on a loaded host
});

describe('compiled == reference on plans of 9–14 indicators (one generated function per indicator)', () => {
  it('agrees exactly, untraced and traced (seed fixed)', () => {
    const bigArb = fc
      .record({
        inds: fc.integer({ min: 9, max: 14 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, j) => indArb(`指标${j}`)))),
        round: fc.constantFrom(2, 0, 3),
      })
      .map((o) => {
        const metrics: [string, Expr][] = [];
        for (const { i, metric } of o.inds) if (metric) metrics.push([i.name.text, e.bin('/', e.ref(`${i.name.text}_a`), e.ref(`${i.name.text}_b`))]);
        const items = o.inds.map((x) => x.i);
        return plan([...items.slice(0, 4), group('组', '30%', [items[4]!, group('子组', '50%', items.slice(5))])], {
          round: o.round,
          metrics,
          bonuses: [{ name: '加分', points: '1.5', per: '1', max: '4' }],
          vetoes: [['否决', e.bin('>', e.ref('事故'), e.num(0))]],
          grades: [['S', '95', '1.5'], ['A', '84.995', '1.2'], ['C', undefined, '0.5']],
        });
      });
    let fast = 0;
    let intoFast = 0;
    fc.assert(
      fc.property(bigArb, fc.array(fc.array(presentArb, { minLength: 60, maxLength: 60 }), { minLength: 2, maxLength: 6 }), (p, rows) => {
        const { compiled, diagnostics } = compilePlan(p);
        expect(diagnostics).toEqual([]);
        expect(compiled!.source).toMatch(/function I8\(/);
        const ref = makeReference(p)!;
        const traceExact = makeExact(compiled!.lowered);
        for (const row of rows) {
          const v = row.slice(0, compiled!.inputs.length).map((x, i) => (compiled!.inputs[i]!.role === 'rater' ? 1 + (Math.abs(x) % 4) : x));
          const want = ref(v);
          expect(compiled!.score(v)).toStrictEqual(want);
          sameTrace(compiled!, traceExact, v);
          sameInto(compiled!, v, want);
        }
        fast += compiled!.stats.fast;
        intoFast += compiled!.intoStats.fast;
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(fast).toBeGreaterThan(100);
    // scoreInto's generated code (one function per indicator here too) settles as many rows as score()'s
    expect(intoFast).toBe(fast);
  });
});
