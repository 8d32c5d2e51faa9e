/**
 * Numbers of a score report as text, fast (issue 14). The engine's reported numbers are decimals rounded to
 * a known number of places: `RD` returns q / 10^d for an integer q (total and bonus: d = round, scores and
 * weighted: round + 2). For such a number JavaScript's shortest text (`${x}`, a full shortest-digits search
 * per number, ~0.3 µs) is the decimal of q with the point moved, and `x.toFixed(d)` is q's digits padded:
 * integer work. Any other number (more places, 15 digits or more, NaN, ±∞) takes `${x}` / toFixed, so the text
 * is always what they give (test/cli/decimal.test.ts compares them on millions of numbers).
 *
 * Why it is exact: x = fl(q / 10^d) with |q| < 10^15, so the decimal q·10^−d has at most 15 significant digits;
 * distinct decimals of ≤ 15 digits are distinct doubles, so no shorter decimal rounds to x, and the shortest
 * text is that decimal with trailing zeros dropped. toFixed(d) picks the n with n / 10^d nearest to x: x is
 * within an ulp of q / 10^d, far less than half a unit of the d-th place, so n = q.
 */
const POW = [1, 10, 100, 1000, 10000, 100000, 1000000];
/** places handled: beyond 6, `${x}` may use an exponent (1e-7) */
export const MAX_PLACES = POW.length - 1;
const LIMIT = 1e15;

/** `${x}` for x that is q / 10^d (d ≤ 6), computed from q; else `${x}` itself */
export function decimalText(x: number, d: number): string {
  const sc = POW[d]!;
  const q = Math.round(x * sc);
  if (q / sc !== x || !(q < LIMIT && q > -LIMIT)) return `${x}`;
  if (q === 0) return '0';
  const a = q < 0 ? -q : q;
  let ip = Math.floor(a / sc);
  let f = a - ip * sc;
  if (f < 0) {
    ip--;
    f += sc;
  } else if (f >= sc) {
    ip++;
    f -= sc;
  }
  const sign = q < 0 ? '-' : '';
  if (f === 0) return `${sign}${ip}`;
  let places = d;
  while (f % 10 === 0) {
    f /= 10;
    places--;
  }
  return `${sign}${ip}.${pad(f, places)}`;
}

/** f (0 ≤ f < 10^n) as exactly n digits */
function pad(f: number, n: number): string {
  const s = `${f}`;
  return s.length >= n ? s : '000000'.slice(0, n - s.length) + s;
}
