/**
 * The batch reader's fast path for a cell: a plain number or percent (`96.5`, `-3`, `4.25%`, at most 15
 * digits) read straight from the file's UTF-8 bytes, with no string made. It gives exactly what
 * parseValue gives for such a cell (its FAST case): the digits form an integer m < 10^15 and the
 * written scale a power of ten ≤ 10^17, both exact doubles, so m / 10^k is the correctly rounded value
 * of the decimal, as Number() reads it. Anything else (blank, spaces, `1,200`, `¥`, full-width digits,
 * `.5`, exponents…) is not plain (false, NaN): the caller hands that cell to parseValue, which keeps every rule.
 * No Node-only APIs: shared with the playground.
 */
import { MAX_SIGNIFICANT_DIGITS } from './value.js';

const POW10 = Array.from({ length: 18 }, (_, i) => 10 ** i);

/** set by plainNumberAt: whether the number it read was written with `%` */
export const plainRead = { percent: false };

/**
 * The value of bytes[start, end) into `out[k]` when it is a plain number or percent (else NaN there); whether it
 * was. The value goes into the row's array, not back as a double: a double returned from a call that is not
 * inlined is a heap-allocated number, ~65 MB of them for a 1M-row file (issue 14).
 */
export function plainNumberAt(b: Uint8Array, start: number, end: number, out: Float64Array, k: number): boolean {
  out[k] = NaN;
  let i = start;
  let neg = false;
  if (i < end && b[i] === 0x2d) {
    neg = true;
    i++;
  }
  let m = 0;
  const intStart = i;
  while (i < end) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    i++;
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || intDigits > MAX_SIGNIFICANT_DIGITS) return false;
  let fracDigits = 0;
  if (i < end && b[i] === 0x2e) {
    i++;
    const fracStart = i;
    while (i < end) {
      const d = b[i]! - 0x30;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
      i++;
    }
    fracDigits = i - fracStart;
    if (fracDigits === 0) return false;
  }
  if (intDigits + fracDigits > MAX_SIGNIFICANT_DIGITS) return false;
  let percent = false;
  if (i < end && b[i] === 0x25) {
    percent = true;
    i++;
  }
  if (i !== end) return false;
  plainRead.percent = percent;
  const scale = fracDigits + (percent ? 2 : 0);
  const v = scale === 0 ? m : m / POW10[scale]!;
  // -0 reads as 0, as parseValue gives it
  out[k] = neg && v !== 0 ? -v : v;
  return true;
}
