import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseValue } from '../../src/data/value.js';

const val = (raw: string) => {
  const p = parseValue(raw);
  if (!p.ok) throw new Error(`rejected ${raw}: ${p.reason}`);
  return p;
};

describe('parseValue reads values as people write them', () => {
  it.each([
    ['95%', 0.95, true],
    ['0.95', 0.95, false],
    ['96.5%', 0.965, true],
    ['1.25%', 0.0125, true],
    ['0.1%', 0.001, true],
    ['1,200,000', 1200000, false],
    ['¥1,200,000', 1200000, false],
    ['￥1,200,000', 1200000, false],
    ['$1,200', 1200, false],
    ['1200元', 1200, false],
    ['  42  ', 42, false],
    ['\u300042\u3000', 42, false],
    ['９５％', 0.95, true],
    ['１，２００', 1200, false],
    ['-5', -5, false],
    ['-¥1,200', -1200, false],
    ['¥-1,200', -1200, false],
    ['(1,200)', -1200, false],
    ['+3', 3, false],
    ['.5', 0.5, false],
    ['1.5E-05', 0.000015, false],
    ['5‰', 0.005, true],
    ['0', 0, false],
    ['-0', 0, false],
    ['123456789012345', 123456789012345, false],
    ['1000000000000000000', 1e18, false],
  ])('reads %s as %d', (raw, value, percent) => {
    const p = val(raw);
    expect(p.value).toBe(value);
    expect(p.percent).toBe(percent);
    expect(p.missing).toBeFalsy();
  });

  it.each(['', '   ', '-', '—', 'N/A', '#N/A', 'n/a'])('reads %j as missing', (raw) => {
    const p = parseValue(raw);
    expect(p.ok).toBe(true);
    expect(p.ok && p.missing).toBe(true);
    expect(p.ok && Number.isNaN(p.value)).toBe(true);
  });

  it.each([
    ['1e309', /too large/],
    ['NaN', /finite/],
    ['Infinity', /finite/],
    ['1234567890123456', /significant digits/],
    ['0.12345678901234567', /significant digits/],
    ['abc', /not a number/],
    ['1,2', /commas/],
    ['12,34,567', /commas/],
    ['1.2万', /万/],
    ['¥5%', /currency/],
    ['--5', /not a number|sign/],
    ['(-5)', /sign/],
    ['1.2.3', /not a number/],
    ['=1+2', /not a number/],
  ])('rejects %s with a reason', (raw, reason) => {
    const p = parseValue(raw);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(reason);
  });

  it('reads every plain decimal exactly as Number() does (round trip of the shortest text)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        const text = String(x);
        if (/e/i.test(text) || text.replace(/[-.]/g, '').replace(/^0+/, '').replace(/0+$/, '').length > 15) return;
        const p = parseValue(text);
        expect(p.ok && p.value).toBe(x === 0 ? 0 : x);
      }),
    );
  });

  it('reads a percent as the correctly rounded fraction, never with float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 3 }), (n, scale) => {
        const text = (n / 10 ** scale).toFixed(scale);
        const p = parseValue(`${text}%`);
        expect(p.ok && p.value).toBe(Number(`${text}e-2`));
      }),
    );
  });

  it('reads grouped and ungrouped integers alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999_999_999 }), (n) => {
        const grouped = n.toLocaleString('en-US');
        expect(parseValue(grouped)).toEqual(parseValue(String(n)));
        expect(parseValue(`¥${grouped}`)).toEqual({ ok: true, value: n, percent: false });
      }),
    );
  });
});
