/** The batch reader's plain cells (data/plain.ts) read exactly as parseValue reads them, and nothing else. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { plainNumberAt, plainRead } from '../../src/data/plain.js';
import { parseValue } from '../../src/data/value.js';
import { MAX_SIGNIFICANT_DIGITS } from '../../src/data/value.js';

/** parseValue's fast case, which plainNumberAt reads: `-`? digits (`.` digits)? `%`?, at most 15 digits in all */
const PLAIN = /^-?(\d{1,15})(?:\.(\d{1,15}))?(%?)$/;
const isPlain = (s: string) => {
  const m = PLAIN.exec(s);
  return m !== null && m[1]!.length + (m[2]?.length ?? 0) <= MAX_SIGNIFICANT_DIGITS;
};

const digits = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });
const plainText = fc
  .tuple(fc.constantFrom('', '-'), digits(1, 16), fc.option(digits(0, 16)), fc.constantFrom('', '%'))
  .map(([sign, int, frac, pct]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${pct}`);
const cellText = fc.oneof(
  plainText,
  fc.constantFrom('', '-', '.5', '5.', '1,200', '1e3', ' 12', '12 ', '１２', '12%%', '-0', '-0.0%', '+3', '12.5％', 'NaN'),
  fc.string({ maxLength: 8 }),
);

describe('plainNumberAt', () => {
  it('gives parseValue’s value and percent for a plain cell, NaN (and false) for any other, wherever the cell is in the bytes', () => {
    const out = new Float64Array(8).fill(7);
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), cellText, fc.string({ maxLength: 4 }), fc.nat(7), (before, cell, after, k) => {
        const head = Buffer.byteLength(before);
        const bytes = Buffer.from(`${before}${cell}${after}`, 'utf8');
        const end = head + Buffer.byteLength(cell);
        const ok = plainNumberAt(bytes, head, end, out, k);
        const v = out[k]!;
        const percent = plainRead.percent;
        if (isPlain(cell)) {
          const p = parseValue(cell);
          expect(p.ok).toBe(true);
          if (!p.ok) return;
          expect(Object.is(v, p.value), `${cell}: ${v} vs ${p.value}`).toBe(true);
          expect(percent).toBe(p.percent);
          expect(ok).toBe(true);
        } else {
          expect(v, cell).toBeNaN();
          expect(ok).toBe(false);
        }
      }),
      { seed: 20261207, numRuns: 5000 },
    );
  });

  it('writes only the element asked for', () => {
    const out = new Float64Array([1, 2, 3]);
    const bytes = Buffer.from('x96.5%y', 'utf8');
    expect(plainNumberAt(bytes, 1, 6, out, 1)).toBe(true);
    expect([...out]).toEqual([1, 0.965, 3]);
    expect(plainNumberAt(bytes, 0, 6, out, 2)).toBe(false);
    expect([...out.slice(0, 2)]).toEqual([1, 0.965]);
    expect(out[2]).toBeNaN();
  });
});
