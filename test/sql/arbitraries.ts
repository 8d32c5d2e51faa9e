/**
 * Random plans (every scoring method, caps, floors, defaults, metrics, groups, bonus, veto, grades) and random
 * cells written as people write them: shared by the SQL property tests (property.test.ts for DuckDB and
 * PostgreSQL, test/clickhouse for ClickHouse).
 */
import fc from 'fast-check';
import type { Expr, Group, Indicator, Method, Plan } from '../../packages/core/src/ir/schema.js';
import { e, group, ind, m, plan } from '../../packages/core/test/engine/helpers.js';

// ---- random plans: the generator of packages/core/test/engine/property.test.ts ----
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

export const planArb: fc.Arbitrary<Plan> = fc
  .record({
    inds: fc.integer({ min: 1, max: 5 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, j) => indArb(`指标${j}`)))),
    grouped: fc.boolean(),
    round: fc.constantFrom(2, 2, 0, 1, 4),
    bonus: fc.option(fc.record({ points: posNum, per: fc.constantFrom('1', '2', '0.5'), max: fc.option(posNum, { nil: undefined }) }), { nil: undefined }),
    veto: fc.option(fc.constantFrom('>', '>=', '==', '!='), { nil: undefined }),
    vetoBound: num,
    metricOp: fc.constantFrom('/', '*', '-', '+', 'min'),
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
    return p;
  });


// ---- random cells, as exported from spreadsheets (values below 10^7, at most 6 decimals once read) ----
const numText = fc.oneof(
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.integer({ min: 0, max: 100000 }).map((x) => String(x / 1000)),
  fc.constantFrom('0', '1', '2', '5', '0.5', '0.95', '1.2', '2.675', '84.995', '100', '1.005', '4.5', '3'),
);
export const cellArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 6, arbitrary: numText },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 15000 }).map((x) => `${x / 100}%`) },
  { weight: 1, arbitrary: fc.constantFrom('1%', '5%', '33.33%', '95%', '100%', '120%', '99.9%') },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5_000_000 }).map((x) => `¥${x.toLocaleString('en-US')}`) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 5_000_000 }).map((x) => x.toLocaleString('en-US')) },
  { weight: 1, arbitrary: fc.constantFrom('(3)', ' 7 ', '９５％', '1.5e1', '-', 'N/A', '', 'abc', '1,2', '5元', '+2', '--3', '1.2345%', '0.000001') },
  { weight: 1, arbitrary: fc.constant(null) },
);
