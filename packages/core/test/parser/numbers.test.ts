import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { canonicalDecimal } from '../../src/parser/build.js';
import { parseQuotedNumber } from '../../src/parser/quoted.js';
import { dec, Rational } from '../../src/numbers/index.js';

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

describe('number literals', () => {
  it('canonicalises plain numbers exactly as dec.parse does', () => {
    fc.assert(
      fc.property(digits(1, 30), fc.option(digits(1, 45), { nil: undefined }), (int, frac) => {
        const lit = frac === undefined ? int : `${int}.${frac}`;
        expect(canonicalDecimal(lit, 0)).toBe(dec.parse(lit));
      }),
      { numRuns: 2000 },
    );
  });

  it('divides percents by 100 exactly as Rational does', () => {
    fc.assert(
      fc.property(digits(1, 30), fc.option(digits(1, 45), { nil: undefined }), (int, frac) => {
        const lit = frac === undefined ? int : `${int}.${frac}`;
        expect(canonicalDecimal(lit, 2)).toBe(dec.fromRational(Rational.parse(lit)!.div(Rational.HUNDRED)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads short literals (its index-arithmetic path) as dec.parse and Rational do, zeros anywhere', () => {
    const short = (min: number, max: number) => fc.string({ unit: fc.constantFrom('0', '0', '0', '1', '5', '9'), minLength: min, maxLength: max });
    fc.assert(
      fc.property(short(1, 8), fc.option(short(1, 8), { nil: undefined }), (int, frac) => {
        const lit = frac === undefined ? int : `${int}.${frac}`;
        expect(canonicalDecimal(lit, 0)).toBe(dec.parse(lit));
        expect(canonicalDecimal(lit, 2)).toBe(dec.fromRational(Rational.parse(lit)!.div(Rational.HUNDRED)));
      }),
      { seed: 14, numRuns: 3000 },
    );
  });

  it('ignores digit-group underscores', () => {
    expect(canonicalDecimal('1_200_000', 0)).toBe('1200000');
    expect(canonicalDecimal('33.33', 2)).toBe('0.3333');
    expect(canonicalDecimal('0.5', 2)).toBe('0.005');
    expect(canonicalDecimal('100', 2)).toBe('1');
    expect(canonicalDecimal('000', 2)).toBe('0');
  });

  it('reads quoted numbers as people write them in data', () => {
    expect(parseQuotedNumber('1,200,000')).toEqual({ value: '1200000', percent: false });
    expect(parseQuotedNumber('¥1,200,000.50')).toEqual({ value: '1200000.5', percent: false });
    expect(parseQuotedNumber(' $ 12 ')).toEqual({ value: '12', percent: false });
    expect(parseQuotedNumber('95%')).toEqual({ value: '0.95', percent: true });
    expect(parseQuotedNumber('-5')).toEqual({ value: '-5', percent: false });
    for (const bad of ['', 'abc', '1,20,0', '1.2.3', '¥']) expect(parseQuotedNumber(bad), bad).toBeUndefined();
  });
});

describe('Rational comparisons', () => {
  it('order as the cross products say, with equal denominators, zeros and mixed signs (fast-check, fixed seed)', () => {
    const int = fc.oneof(fc.constantFrom(-2n, -1n, 0n, 1n, 2n), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }));
    const den = fc.oneof(fc.constantFrom(1n, 2n, 3n, 10n, 100n), fc.bigInt({ min: 1n, max: 10n ** 30n }));
    fc.assert(
      fc.property(int, den, int, den, fc.boolean(), (an, ad, bn, bd, sameDen) => {
        const a = Rational.of(an, ad);
        const b = Rational.of(bn, sameDen ? ad : bd);
        const d = a.num * b.den - b.num * a.den;
        const want = d < 0n ? -1 : d > 0n ? 1 : 0;
        expect(a.cmp(b)).toBe(want);
        expect([a.lt(b), a.le(b), a.gt(b), a.ge(b), a.eq(b)]).toEqual([want < 0, want <= 0, want > 0, want >= 0, want === 0]);
      }),
      { seed: 20261206, numRuns: 5000 },
    );
  });
});
