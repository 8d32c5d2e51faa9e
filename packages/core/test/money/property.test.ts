/** SPEC §7 properties (fast-check, fixed seeds). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/numbers/rational.js';
import { splitPool } from '../../src/money/pool.js';
import { commissionOf, tierIndex, type LTier } from '../../src/money/commission.js';
import { distribute, seatsOf } from '../../src/money/distribution.js';
import { analyze } from '../../src/check/analyze.js';
import { compilePlan } from '../../src/compile/index.js';
import { makeReference } from '../../src/run/reference.js';
import { computeMoney } from '../../src/money/evaluate.js';

const SEED = { seed: 20261104, numRuns: 300 };
const cents = fc.bigInt({ min: 0n, max: 10_000_000_00n });
const coef = fc.integer({ min: 0, max: 300 }).map((x) => Rational.of(BigInt(x), 100n));
const rate = fc.integer({ min: 0, max: 2000 }).map((x) => Rational.of(BigInt(x), 10000n));
const tiersArb = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 2_000_000 }), { minLength: 0, maxLength: 4 }), fc.array(rate, { minLength: 5, maxLength: 5 }), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }))
  .map(([bounds, rates, lt]) => {
    const sorted = [...bounds].sort((a, b) => a - b);
    const tiers: LTier[] = sorted.map((b, i) => ({ op: lt[i] ? '<' : '<=', bound: Rational.fromInt(b), rate: rates[i]! }));
    tiers.push({ rate: rates[4]! });
    return tiers;
  });
const amount = fc.integer({ min: 0, max: 300_000_000 }).map((x) => Rational.of(BigInt(x), 100n));

describe('money properties (SPEC §7)', () => {
  it('pool shares sum exactly to the pool; each is within 1 分 of its exact share', () => {
    fc.assert(
      fc.property(cents, fc.array(coef, { minLength: 1, maxLength: 30 }), (pool, cs) => {
        const shares = splitPool(pool, cs);
        const sum = cs.reduce((a, c) => a.add(c), Rational.ZERO);
        if (sum.isZero()) return shares === undefined || pool === 0n;
        expect(shares!.reduce((a, b) => a + b, 0n)).toBe(pool);
        shares!.forEach((s, i) => {
          const exact = Rational.of(pool).mul(cs[i]!).div(sum);
          expect(Rational.of(s).sub(exact).abs().lt(Rational.ONE)).toBe(true);
        });
        return true;
      }),
      SEED,
    );
  });

  it('marginal commission is non-decreasing and continuous in the amount', () => {
    const eps = Rational.of(1n, 1_000_000n);
    fc.assert(
      fc.property(tiersArb, amount, amount, (tiers, a, b) => {
        const [lo, hi] = a.le(b) ? [a, b] : [b, a];
        expect(commissionOf(tiers, 'marginal', lo).value.le(commissionOf(tiers, 'marginal', hi).value)).toBe(true);
        // at every bound the commission moves by at most ε × the highest rate across ε
        const maxRate = tiers.reduce((m, t) => Rational.max(m, t.rate), Rational.ZERO);
        for (const t of tiers) {
          if (!t.bound) continue;
          const jump = commissionOf(tiers, 'marginal', t.bound.add(eps)).value.sub(commissionOf(tiers, 'marginal', t.bound).value);
          expect(jump.le(eps.mul(maxRate))).toBe(true);
        }
        return true;
      }),
      SEED,
    );
  });

  it('`whole` equals the amount × the rate of its tier', () => {
    fc.assert(
      fc.property(tiersArb, amount, (tiers, a) => {
        expect(commissionOf(tiers, 'whole', a).value.eq(a.mul(tiers[tierIndex(tiers, a)]!.rate))).toBe(true);
        return true;
      }),
      SEED,
    );
  });

  const sharesArb = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }).filter((xs) => xs.some((x) => x > 0)).map((xs) => {
    const sum = xs.reduce((a, b) => a + b, 0);
    return xs.map((x) => Rational.of(BigInt(x), BigInt(sum)));
  });

  it('seat counts always sum to the group size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 500 }), sharesArb, (n, shares) => {
        expect(seatsOf(n, shares).reduce((a, b) => a + b, 0)).toBe(n);
        return true;
      }),
      SEED,
    );
  });

  it('the distribution never puts a higher total in a worse grade than a lower total', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.boolean()), { minLength: 1, maxLength: 40 }), sharesArb, (people, shares) => {
        const d = distribute(people.map(([t, v], index) => ({ index, total: Rational.fromInt(t), vetoed: v && t % 7 === 0 })), shares);
        const grade = new Map(d.placements.map((p) => [p.index, p.grade]));
        people.forEach(([ti, vi], i) => {
          people.forEach(([tj, vj], j) => {
            const vetoI = vi && ti % 7 === 0;
            const vetoJ = vj && tj % 7 === 0;
            if (!vetoI && !vetoJ && ti > tj) expect(grade.get(i)!).toBeLessThanOrEqual(grade.get(j)!);
            if (!vetoI && !vetoJ && ti === tj) expect(grade.get(i)).toBe(grade.get(j));
            if (vetoI) expect(grade.get(i)).toBe(shares.length - 1);
          });
        });
        expect(d.placed.reduce((a, b) => a + b, 0)).toBe(people.length);
        return true;
      }),
      SEED,
    );
  });

  it('compiled ≡ exact evaluator on random plans with money items', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 100, max: 150 }),
        fc.boolean(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1000, max: 9000 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 25 }),
        (w, cap, whole, rows) => {
          const text = `plan 随机 {
  indicator 达成 weight ${w}% target 100 scoring linear cap ${cap}%
  indicator 销售额 weight ${100 - w}% target 1000000 scoring linear
  grades { S >= 95 coefficient 1.5  A >= 85 coefficient 1.2  B >= 70 coefficient 1.0  C coefficient 0.7 }
  distribution within 部门 min 2 { S 10%  A 20%  B 50%  C 20% }
  commission 提成 on 销售额 ${whole ? 'whole' : 'marginal'} { <= 300000: 3%  < 500000: 5%  else: 7.5% }
  pool 奖金 = 奖金池 split by coefficient within 部门
  pay 绩效工资 = 基数 * coefficient / 3 + 提成 + 奖金
}`;
          const a = analyze('p.kpi', text);
          expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
          const plan = a.file.plans[0]!;
          const c = compilePlan(plan).compiled!;
          const exact = makeReference(plan)!;
          const run = (score: (v: ArrayLike<number>) => ReturnType<typeof exact>) =>
            computeMoney(
              plan,
              rows.map(([sales, ach, base, dept], i) => {
                const cols: Record<string, number> = { 达成: ach, 销售额: sales, 基数: base, 奖金池: 50000 + dept * 1000 };
                const v = Float64Array.from(c.inputs.map((inp) => cols[inp.column] ?? NaN));
                const o = score(v);
                if (!o.ok) throw new Error(JSON.stringify(o.errors));
                return { id: String(i), result: o.result, value: (k: string) => (k in cols ? Rational.fromInt(cols[k]!) : undefined), text: () => `部${dept}` };
              }),
            );
          const fast = run((v) => c.score(v));
          const ref = run(exact);
          expect(fast.people.map((p) => [p.grade, p.coefficient, p.items])).toEqual(ref.people.map((p) => [p.grade, p.coefficient, p.items]));
          expect(fast.totals).toEqual(ref.totals);
          return true;
        },
      ),
      { seed: 20261104, numRuns: 60 },
    );
  });
});
