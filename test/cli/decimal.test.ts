/** The report's fast number texts (writers/decimal.ts, ByteOut.decimalAt) are exactly `${x}` and x.toFixed(d). */
import { describe, expect, it } from 'vitest';
import { decimalText, MAX_PLACES } from '../../packages/cli/src/writers/decimal.js';
import { ByteOut } from '../../packages/cli/src/writers/bytes.js';

let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);

/** ByteOut.decimalAt's bytes, collected across its 64 KB buffers */
const parts: Buffer[] = [];
const bo = new ByteOut((b) => parts.push(b));
const written = (): string => {
  const b = bo.take();
  if (b) parts.push(b);
  const s = Buffer.concat(parts).toString('latin1');
  parts.length = 0;
  return s;
};

/** a row of numbers as the writers hold them: x goes at a random place among others */
const ROW = new Float64Array(16).fill(7.25);

function check(x: number, d: number) {
  const i = Math.floor(rnd() * ROW.length);
  ROW[i] = x;
  const n = bo.decimalAt(ROW, i, d);
  const c = written();
  if (c !== `${x}` || n !== c.length) expect([c, n], `ByteOut.decimalAt([…${x}…], ${i}, ${d})`).toEqual([`${x}`, `${x}`.length]);
  const nf = bo.decimalAt(ROW, i, d, true);
  const cf = written();
  if (cf !== x.toFixed(d) || nf !== cf.length) expect([cf, nf], `ByteOut.decimalAt([…${x}…], ${i}, ${d}, fixed)`).toEqual([x.toFixed(d), x.toFixed(d).length]);
  const a = decimalText(x, d);
  if (a !== `${x}`) expect(a, `decimalText(${x}, ${d})`).toBe(`${x}`);
}

describe('decimalText and ByteOut.decimalAt (shortest and fixed)', () => {
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
