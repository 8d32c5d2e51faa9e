import { describe, expect, it } from 'vitest';
import { STD_GRADES, both, compileOk, e, group, ind, m, ok, plan, toValues } from './helpers.js';
import { makeReference } from '../../src/run/reference.js';

const 店长 = plan(
  [
    ind('销售额达成', '70%', m.linear(), { target: '100%', cap: '120%' }),
    ind('人员流失率', '10%', m.reverse(), { target: '1%' }),
    ind('账目准确率', '5%', m.threshold(), { target: '100%' }),
    ind('货品专业知识达标', '5%', m.linear(), { target: '100%' }),
    ind('会员流失率', '10%', m.reverse(), { target: '5%' }),
  ],
  { grades: STD_GRADES },
);
const score = (r: ReturnType<typeof ok>, name: string) => r.indicators.find((i) => i.name === name)!;

describe('店长 plan (SPEC §1 example)', () => {
  it('scores every target met exactly as 100 and grade S', () => {
    const r = ok(both(店长, { 销售额达成: '100%', 人员流失率: '1%', 账目准确率: '100%', 货品专业知识达标: '100%', 会员流失率: '5%' }));
    expect(r.total).toBe(100);
    expect(r.grade).toBe('S');
    expect(r.coefficient).toBe(1.5);
    expect(r.indicators.map((i) => i.score)).toEqual([100, 100, 100, 100, 100]);
  });

  it('computes 67.55 + 8 + 0 + 4.5 + 10 = 90.05 → A', () => {
    const r = ok(both(店长, { 销售额达成: '96.5%', 人员流失率: '1.25%', 账目准确率: '99%', 货品专业知识达标: '90%', 会员流失率: '4%' }));
    expect(score(r, '销售额达成')).toEqual({ name: '销售额达成', path: [], actual: 0.965, ratio: 0.965, score: 96.5, weight: 0.7, weighted: 67.55 });
    expect(score(r, '人员流失率').score).toBe(80);
    expect(score(r, '账目准确率').score).toBe(0);
    expect(score(r, '会员流失率').score).toBe(100); // 5%/4% = 125% capped at 100%
    expect(r.total).toBe(90.05);
    expect(r.grade).toBe('A');
    expect(r.coefficient).toBe(1.2);
  });

  it('caps over-achievement at 120 and scores reverse actual 0 at the cap', () => {
    const r = ok(both(店长, { 销售额达成: '130%', 人员流失率: '0%', 账目准确率: '100%', 货品专业知识达标: '100%', 会员流失率: '5%' }));
    expect(score(r, '销售额达成').score).toBe(120);
    expect(score(r, '人员流失率')).toMatchObject({ ratio: 1, score: 100 });
    expect(r.total).toBe(114);
  });
});

describe('methods', () => {
  it('linear: 0.7 × 92 = 64.4 with no float noise', () => {
    const p = plan([ind('a', '70%', m.linear(), { target: 100 }), ind('b', '30%', m.linear(), { target: 100 })]);
    const r = ok(both(p, { a: 92, b: 0 }));
    expect(r.indicators[0]!.weighted).toBe(64.4);
    expect(r.total).toBe(64.4);
  });

  it('linear floor: just below the floor scores 0, at the floor scores', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: '100%', floor: '60%' })]);
    expect(ok(both(p, { a: '59.99%' })).total).toBe(0);
    expect(ok(both(p, { a: '60%' })).total).toBe(60);
  });

  it('linear never goes below 0 for a negative actual', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: 100 })]);
    const r = ok(both(p, { a: -50 }));
    expect(r.indicators[0]).toMatchObject({ ratio: -0.5, score: 0 });
  });

  it('reverse: actual 0 and negative actual take the cap', () => {
    const p = plan([ind('a', '100%', m.reverse(), { target: '2%', cap: '150%' })]);
    expect(ok(both(p, { a: 0 })).total).toBe(150);
    expect(ok(both(p, { a: -1 })).total).toBe(150);
    expect(ok(both(p, { a: '4%' })).total).toBe(50);
  });

  it('threshold and threshold lower decide exactly at the target', () => {
    const hi = plan([ind('a', '100%', m.threshold(), { target: '99.9%' })]);
    expect(ok(both(hi, { a: '99.9%' })).total).toBe(100);
    expect(ok(both(hi, { a: '99.89%' })).total).toBe(0);
    const lo = plan([ind('事故', '100%', m.threshold(), { target: 0, lower: true })]);
    expect(ok(both(lo, { 事故: 0 })).total).toBe(100);
    expect(ok(both(lo, { 事故: 1 })).total).toBe(0);
  });

  it('bands on actual: a value on a band boundary takes that band; else defaults to 0', () => {
    const p = plan([ind('a', '100%', m.bands([['>=', 100, 100], ['>=', 90, 85], ['>=', 80, 70]]))]);
    expect(ok(both(p, { a: 90 })).total).toBe(85);
    expect(ok(both(p, { a: 89.999 })).total).toBe(70);
    expect(ok(both(p, { a: 79 })).total).toBe(0);
  });

  it('bands on ratio with lower: ratio = target / actual', () => {
    const p = plan([ind('a', '100%', m.bands([['>=', '100%', 100], ['>=', '80%', 60]], 10, 'ratio'), { target: '5%', lower: true })]);
    expect(ok(both(p, { a: '5%' })).indicators[0]).toMatchObject({ ratio: 1, score: 100 });
    expect(ok(both(p, { a: '6.25%' })).total).toBe(60); // 5/6.25 = 80% exactly
    expect(ok(both(p, { a: '6.26%' })).total).toBe(10);
  });

  it('lower-is-better bands with <= rows', () => {
    const p = plan([ind('投诉', '100%', m.bands([['<=', 2, 100], ['<=', 5, 60]], 0))]);
    expect(ok(both(p, { 投诉: 2 })).total).toBe(100);
    expect(ok(both(p, { 投诉: 3 })).total).toBe(60);
    expect(ok(both(p, { 投诉: 6 })).total).toBe(0);
  });

  it('curve: interpolates inside, flat beyond both ends', () => {
    const p = plan([ind('a', '100%', m.curve([['80%', 60], ['100%', 100], ['120%', 120]], 'ratio'), { target: '100%' })]);
    expect(ok(both(p, { a: '90%' })).total).toBe(80);
    expect(ok(both(p, { a: '110%' })).total).toBe(110);
    expect(ok(both(p, { a: '50%' })).total).toBe(60);
    expect(ok(both(p, { a: '150%' })).total).toBe(120);
    expect(ok(both(p, { a: '85%' })).total).toBe(70);
  });

  it('deduct: floor(count / per), capped at max, never below 0', () => {
    const p = plan([ind('违规', '100%', m.deduct(2, 1, 10))]);
    expect(ok(both(p, { 违规: 3 })).total).toBe(94);
    expect(ok(both(p, { 违规: 8 })).total).toBe(90); // 16 capped at 10
    const q = plan([ind('迟到', '100%', m.deduct(30, 2))]);
    expect(ok(both(q, { 迟到: 3 })).total).toBe(70); // floor(3/2) = 1
    expect(ok(both(q, { 迟到: 9 })).total).toBe(0); // 120 deducted, floored at 0
  });

  it('rating with raters: weighted mean, renormalised when a rater is blank', () => {
    const p = plan([ind('执行力', '100%', m.rating(1, 5, [['self', '10%'], ['manager', '70%'], ['peer', '20%']]))]);
    const r = ok(both(p, { '执行力.self': 4, '执行力.manager': 4, '执行力.peer': 3 }));
    expect(r.indicators[0]).toMatchObject({ actual: 3.8, score: 76 });
    // peer blank: (0.1×5 + 0.7×4) / 0.8 = 4.125 → 82.5
    expect(ok(both(p, { '执行力.self': 5, '执行力.manager': 4 })).total).toBe(82.5);
  });

  it('rating: a mark outside LO..HI is a row error naming the column', () => {
    const p = plan([ind('执行力', '100%', m.rating(1, 5, [['self', '50%'], ['manager', '50%']]))]);
    const o = both(p, { '执行力.self': 6, '执行力.manager': 4 });
    expect(o.ok).toBe(false);
    if (!o.ok) expect(o.errors[0]).toMatchObject({ code: 'KPI0903', column: '执行力.self', element: '执行力', value: '6' });
  });

  it('weights 33.33/33.33/33.34 sum to exactly 100', () => {
    const p = plan([
      ind('a', '33.33%', m.linear(), { target: 1 }),
      ind('b', '33.33%', m.linear(), { target: 1 }),
      ind('c', '33.34%', m.linear(), { target: 1 }),
    ]);
    expect(ok(both(p, { a: 1, b: 1, c: 1 })).total).toBe(100);
  });

  it('nested groups three deep multiply weights', () => {
    const p = plan([
      group('G1', '50%', [group('G2', '40%', [group('G3', '25%', [ind('x', '100%', m.linear(), { target: 1 })]), ind('y', '75%', m.linear(), { target: 1 })]), ind('z', '60%', m.linear(), { target: 1 })]),
      ind('w', '50%', m.linear(), { target: 1 }),
    ]);
    const r = ok(both(p, { x: 1, y: 0, z: 0, w: 0 }));
    expect(r.indicators[0]).toMatchObject({ name: 'x', path: ['G1', 'G2', 'G3'], weight: 0.05, weighted: 5 });
    expect(r.total).toBe(5);
  });
});

describe('rounding and grades', () => {
  it('rounds half-up: 2.675 → 2.68 (float would give 2.67)', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: 100 })]);
    expect(ok(both(p, { a: 2.675 })).total).toBe(2.68);
    expect(ok(both(p, { a: 1.005 })).total).toBe(1.01);
  });

  it('grades on the rounded total: 84.995 → 85.00 → A', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: 100 })], { grades: STD_GRADES });
    const r = ok(both(p, { a: 84.995 }));
    expect(r.total).toBe(85);
    expect(r.grade).toBe('A');
    expect(ok(both(p, { a: 84.994 })).grade).toBe('B');
  });

  it('round 0 and round 4 settings', () => {
    const p0 = plan([ind('a', '100%', m.linear(), { target: 3 })], { round: 0 });
    expect(ok(both(p0, { a: 2 })).total).toBe(67);
    const p4 = plan([ind('a', '100%', m.linear(), { target: 3 })], { round: 4 });
    expect(ok(both(p4, { a: 2 })).total).toBe(66.6667);
  });
});

describe('bonus, veto, metrics, missing values', () => {
  it('bonus adds points × floor(count / per) capped at max; veto overrides it with total 0 and the lowest grade', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: 100 })], {
      bonuses: [{ name: '创新提案', points: 2, per: 1, max: 5 }],
      vetoes: [['重大安全事故', e.bin('>', e.ref('安全事故次数'), e.num(0))]],
      grades: STD_GRADES,
    });
    const r = ok(both(p, { a: 90, 创新提案: 2, 安全事故次数: 0 }));
    expect(r).toMatchObject({ total: 94, bonus: 4, vetoes: [], grade: 'A' });
    expect(ok(both(p, { a: 90, 创新提案: 9, 安全事故次数: 0 })).total).toBe(95);
    const v = ok(both(p, { a: 100, 创新提案: 9, 安全事故次数: 1 }));
    expect(v).toMatchObject({ total: 0, grade: 'D', coefficient: 0.5, vetoes: ['重大安全事故'], bonus: 5 });
  });

  it('metrics compute actuals and may reference other metrics', () => {
    const p = plan([ind('准时交付率', '100%', m.linear(), { target: '95%' })], {
      metrics: [
        ['准时交付率', e.bin('/', e.ref('准时订单'), e.ref('总订单'))],
      ],
    });
    expect(ok(both(p, { 准时订单: 57, 总订单: 60 })).total).toBe(100);
    const q = plan([ind('增长', '100%', m.linear(), { target: '10%', cap: '200%' })], {
      metrics: [
        ['差', e.bin('-', e.ref('本期'), e.ref('上期'))],
        ['增长', e.bin('/', e.ref('差'), e.ref('上期')), 0],
      ],
    });
    expect(ok(both(q, { 本期: 115, 上期: 100 })).total).toBe(150);
    expect(ok(both(q, { 本期: 115, 上期: 0 })).total).toBe(0); // division by zero → default 0
  });

  it('division by zero without a default is a row error', () => {
    const p = plan([ind('率', '100%', m.linear(), { target: 1 })], { metrics: [['率', e.bin('/', e.ref('x'), e.ref('y'))]] });
    const o = both(p, { x: 1, y: 0 });
    expect(o).toMatchObject({ ok: false, errors: [{ code: 'KPI0902', element: '率' }] });
  });

  it('a missing actual is a row error naming column and element unless default', () => {
    const p = plan([ind('a', '50%', m.linear(), { target: 1 }), ind('b', '50%', m.linear(), { target: 1, default: 0.5 })]);
    const o = both(p, { a: undefined, b: undefined });
    expect(o).toMatchObject({ ok: false, errors: [{ code: 'KPI0901', column: 'a', element: 'a' }] });
    expect(ok(both(p, { a: 1, b: undefined })).total).toBe(75);
  });

  it('veto expressions use and/or/not and comparisons on metrics', () => {
    const p = plan([ind('a', '100%', m.linear(), { target: 1 })], {
      metrics: [['差错率', e.bin('/', e.ref('差错'), e.ref('总数'))]],
      vetoes: [['质量', e.bin('and', e.bin('>=', e.ref('差错率'), e.num('10%')), e.not(e.bin('==', e.ref('豁免'), e.num(1))))]],
    });
    expect(ok(both(p, { a: 1, 差错: 1, 总数: 10, 豁免: 0 })).vetoes).toEqual(['质量']);
    expect(ok(both(p, { a: 1, 差错: 1, 总数: 10, 豁免: 1 })).vetoes).toEqual([]);
    expect(ok(both(p, { a: 1, 差错: 1, 总数: 11, 豁免: 0 })).total).toBe(100);
  });
});

describe('hostile names', () => {
  it('names like __proto__, constructor, code-looking text behave as plain names', () => {
    const names = ['__proto__', 'constructor', '"); process.exit(1); //', '${}', "'`\\n"];
    const p = plan(names.map((nm) => ind(nm, '20%', m.linear(), { target: 1 })));
    const c = compileOk(p);
    expect(c.inputs.map((i) => i.column)).toEqual(names);
    const v = toValues(c, Object.fromEntries(names.map((nm, i) => [nm, i / 4])));
    const r = ok(c.score(v));
    expect(r.indicators.map((i) => i.name)).toEqual(names);
    expect(r.total).toBe(50);
    expect(makeReference(p)!(v)).toEqual(c.score(v));
    for (const nm of names) expect(c.source).not.toContain(nm === '${}' ? '"${}"' : nm);
  });
});

describe('exact ties settled without the BigInt fallback', () => {
  it('113.975 → 113.98 and 105.775 → 105.78 on the fast path, equal to the reference', () => {
    const c = compileOk(店长);
    const ref = makeReference(店长)!;
    const rows = [
      [1.3446, 0.0053, 1, 0.995, 0.0433],
      [1.0971, 0.0019, 1, 0.7956, 0.0487],
    ];
    const totals = rows.map((r) => {
      const v = toValues(c, { 销售额达成: r[0], 人员流失率: r[1], 账目准确率: r[2], 货品专业知识达标: r[3], 会员流失率: r[4] });
      const o = c.score(v);
      expect(o).toStrictEqual(ref(v));
      return ok(o).total;
    });
    expect(totals).toEqual([113.98, 105.78]);
    expect(c.stats).toEqual({ fast: 2, exact: 0 });
  });
});
