/** The report's fast number texts (writers/decimal.ts, ByteOut.decimal and decimalAt) are exactly `${x}` and x.toFixed(d). */
import { describe, expect, it } from 'vitest';
import { decimalText, MAX_PLACES } from '../../packages/cli/src/writers/decimal.js';
import { ByteOut } from '../../packages/cli/src/writers/bytes.js';

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

/** ByteOut.decimal's bytes, collected across its 64 KB buffers */
const parts: Buffer[] = [];
const bo = new ByteOut((b) => parts.push(b));
const written = (): string => {
  const b = bo.take();
  if (b) parts.push(b);
  const s = Buffer.concat(parts).toString('latin1');
  parts.length = 0;
  return s;
};

const ROW = new Float64Array(16).fill(7.25);

function check(x: number, d: number) {
  const n = bo.decimal(x, d);
  const c = written();
  if (c !== `${x}` || n !== c.length) expect([c, n], `ByteOut.decimal(${x}, ${d})`).toEqual([`${x}`, `${x}`.length]);
  const nf = bo.decimal(x, d, true);
  const cf = written();
  if (cf !== x.toFixed(d) || nf !== cf.length) expect([cf, nf], `ByteOut.decimal(${x}, ${d}, fixed)`).toEqual([x.toFixed(d), x.toFixed(d).length]);
  // the writers' form: the number in a row's Float64Array, by index (at a random place among other numbers)
  const i = Math.floor(rnd() * ROW.length);
  ROW[i] = x;
  const na = bo.decimalAt(ROW, i, d);
  const ca = written();
  if (ca !== `${x}` || na !== ca.length) expect([ca, na], `ByteOut.decimalAt([…${x}…], ${i}, ${d})`).toEqual([`${x}`, `${x}`.length]);
  const a = decimalText(x, d);
  if (a !== `${x}`) expect(a, `decimalText(${x}, ${d})`).toBe(`${x}`);
}

describe('decimalText and ByteOut.decimal (shortest and fixed)', () => {
  it('agree with JavaScript on numbers rounded to d places, of every size up to 10^15 units', () => {
    for (let n = 0; n < 1_000_000; n++) {
      const d = Math.floor(rnd() * (MAX_PLACES + 1));
      const digits = 1 + Math.floor(rnd() * 16);
      let q = Math.floor(rnd() * 10 ** digits);
      if (rnd() < 0.3) q = -q;
      check(q / 10 ** d, d);
    }
  });
  it('agree on everything else: more places, ties, tiny and huge numbers, −0, NaN, ±∞', () => {
    const odd = [0, -0, NaN, Infinity, -Infinity, 1e21, 1e15, 999999999999999.9, 1e-7, 5e-7, 0.5, -0.5, 1.005, 2.675, 84.995, 0.1 + 0.2, 1 / 3, Number.MAX_SAFE_INTEGER, 2 ** 60, -1e-6];
    for (const x of odd) for (let d = 0; d <= MAX_PLACES; d++) check(x, d);
    for (let n = 0; n < 300_000; n++) {
      const x = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 20 - 8);
      check(x, Math.floor(rnd() * (MAX_PLACES + 1)));
    }
  });
});
