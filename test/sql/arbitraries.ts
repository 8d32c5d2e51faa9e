/**
 * Random plans (every scoring method, caps, floors, defaults, metrics, groups, bonus, veto, grades, and the SPEC §6
 * forms: penalty items, `allow negative total`, `optional` indicators and groups with N/A cells, per-person targets
 * `target COLUMN`, target ranges `target LO..HI`, the steps method) and random cells written as people write them: shared by the SQL property tests (property.test.ts for DuckDB and
 * PostgreSQL, test/clickhouse for ClickHouse).
 */
import fc from 'fast-check';
import type { Expr, Group, Indicator, Method, Plan } from '../../packages/core/src/ir/schema.js';
import { e, group, ind, m, n, name, plan, sp } from '../../packages/core/test/engine/helpers.js';

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
  // steps (SPEC §6: 每低1%扣5分, 每超5秒扣10分, 超额1%加2分最高加10分): one clause or one each side
  fc
    .record({
      sides: fc.constantFrom<('below' | 'above')[]>(['below'], ['above'], ['below', 'above'], ['above', 'below']),
      pct: fc.boolean(),
      points: fc.array(fc.constantFrom('1', '2', '5', '10', '0.5'), { minLength: 2, maxLength: 2 }),
      per: fc.array(fc.constantFrom('1', '5', '0.5', '2'), { minLength: 2, maxLength: 2 }),
      max: fc.array(fc.option(fc.constantFrom('10', '40', '15'), { nil: undefined }), { minLength: 2, maxLength: 2 }),
      rounding: fc.array(fc.constantFrom<'proportional' | 'whole' | 'started'>('proportional', 'whole', 'started'), { minLength: 2, maxLength: 2 }),
    })
    .map((o) => {
      const clause = (j: number): StepClause => {
        const c: StepClause = { points: n(o.points[j]!), per: n(o.pct ? `${o.per[j]}%` : o.per[j]!), side: o.sides[j]!, rounding: o.rounding[j]!, span: sp };
        if (o.max[j] !== undefined) c.max = n(o.max[j]!);
        return c;
      };
      const method: Method = { kind: 'steps', span: sp };
      // the first clause deducts, a second one (the other side) adds
      method.deduct = clause(0);
      if (o.sides.length > 1) method.add = clause(1);
      return { method, needsTarget: true };
    }),
);
type StepClause = NonNullable<Extract<Method, { kind: 'steps' }>['deduct']>;

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
      // a per-person target read from a column, a target range LO..HI (linear, reverse, threshold), or one number
      targetForm: fc.constantFrom<'const' | 'column' | 'range'>('const', 'const', 'column', 'range'),
      high: fc.constantFrom('1', '5', '24', '150%', '2'),
      optional: fc.boolean(),
    })
    .map((o) => {
      const kind = o.mt.method.kind;
      const hasTarget = o.mt.needsTarget || kind === 'threshold';
      const i: Indicator = ind(nm, o.weight, o.mt.method, {
        ...(hasTarget ? { target: o.target } : {}),
        ...(o.cap ? { cap: o.cap } : {}),
        ...(o.floor ? { floor: o.floor } : {}),
        ...(o.def !== undefined && kind !== 'rating' ? { default: o.def } : {}),
        lower: o.mt.lower ?? false,
      });
      if (hasTarget && o.targetForm === 'column') {
        delete i.target;
        i.targetRef = name(`${nm}目标`);
      } else if (hasTarget && o.targetForm === 'range' && (kind === 'linear' || kind === 'reverse' || kind === 'threshold')) {
        const lo = Number(o.target.replace('%', 'e-2'));
        const hi = Number(o.high.replace('%', 'e-2'));
        // LO below HI (the checker's KPI0416); otherwise one number
        if (lo < hi) i.targetHigh = n(o.high);
      }
      if (o.optional) i.optional = true;
      return { i, metric: o.metric && kind !== 'rating' };
    });

export const planArb: fc.Arbitrary<Plan> = fc
  .record({
    inds: fc.integer({ min: 1, max: 5 }).chain((k) => fc.tuple(...Array.from({ length: k }, (_, j) => indArb(`指标${j}`)))),
    grouped: fc.boolean(),
    round: fc.constantFrom(2, 2, 0, 1, 4),
    bonus: fc.option(fc.record({ points: posNum, per: fc.constantFrom('1', '2', '0.5'), max: fc.option(posNum, { nil: undefined }) }), { nil: undefined }),
    veto: fc.option(fc.constantFrom('>', '>=', '==', '!='), { nil: undefined }),
    penalty: fc.option(fc.record({ points: fc.constantFrom('1', '5', '30', '100', '0.5', '7.5'), per: fc.constantFrom('1', '2', '0.5'), max: fc.option(posNum, { nil: undefined }) }), { nil: undefined }),
    negativeTotal: fc.boolean(),
    optionalGroup: fc.boolean(),
    vetoBound: num,
    // the veto reads its own column, or the first indicator's (N/A there fails the row if that one is optional: KPI0906)
    vetoOn: fc.constantFrom('事故', '事故', '指标0'),
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
    if (o.grouped && items.length > 1) {
      const g = group('组', '40%', items.slice(1));
      if (o.optionalGroup) g.optional = true;
      items = [items[0]!, g];
    }
    const p = plan(items, {
      round: o.round,
      metrics,
      ...(o.bonus ? { bonuses: [{ name: '加分', points: o.bonus.points, per: o.bonus.per, ...(o.bonus.max ? { max: o.bonus.max } : {}) }] } : {}),
      ...(o.veto ? { vetoes: [['否决', e.bin(o.veto, e.ref(o.vetoOn), e.num(o.vetoBound))] as [string, Expr]] } : {}),
      grades: [['S', '95'], ['A', '84.995'], ['B', '70', '1'], ['C', undefined, '0.5']],
    });
    if (o.penalty) {
      const pen: Plan['penalties'][number] = { kind: 'penalty', name: name('扣分'), points: n(o.penalty.points), per: n(o.penalty.per), span: sp };
      if (o.penalty.max) pen.max = n(o.penalty.max);
      p.penalties = [pen];
      if (o.negativeTotal) p.settings.negativeTotal = { span: sp };
    }
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
  // not applicable (SPEC §6): drops an optional indicator, fails any other reader
  { weight: 2, arbitrary: fc.constantFrom('N/A', '不适用', 'NA', '—', '——', ' n/a ') },
  { weight: 1, arbitrary: fc.constant(null) },
);
/** a row of cells as a tidy export has them: numbers, now and then a N/A or a blank (so that more rows score, and
 * the row errors met are those of the plan — a missing target, N/A where it is not optional — not of the cells) */
const tidyCellArb: fc.Arbitrary<string | null> = fc.oneof(
  { weight: 10, arbitrary: numText },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 15000 }).map((x) => `${x / 100}%`) },
  { weight: 1, arbitrary: fc.constantFrom('N/A', '不适用', '—') },
  { weight: 1, arbitrary: fc.constantFrom('', '0', '-1') },
);
/** `rows` rows of 30 cells: messy (every way people write cells) or tidy, at random */
export const rowsArb = (maxRows: number): fc.Arbitrary<(string | null)[][]> =>
  fc.array(fc.oneof(fc.array(cellArb, { minLength: 30, maxLength: 30 }), fc.array(tidyCellArb, { minLength: 30, maxLength: 30 })), { minLength: 1, maxLength: maxRows });
