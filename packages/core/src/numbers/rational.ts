import { LiteralCache } from './literal-cache.js';

/**
 * Exact rational numbers on BigInt. The reference evaluator and the checker's weight sums use these,
 * so 33.33% + 33.33% + 33.34% is exactly 100% and 1/3 never accumulates error.
 * Values are immutable and always normalised (den > 0, gcd(num, den) = 1).
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly HUNDRED = new Rational(100n, 1n);

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError('Rational with zero denominator');
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num < 0n ? -num : num, den);
    return g === 1n ? new Rational(num, den) : new Rational(num / g, den / g);
  }

  static fromInt(n: number): Rational {
    return new Rational(BigInt(n), 1n);
  }

  /**
   * Parse a plain decimal string: `-12.345`, `1e-3`, `0.5`. Returns undefined when the text is not one.
   * (Human formats such as `95%` or `1,200,000` are handled by data/values.ts, which calls this.)
   */
  static parse(text: string): Rational | undefined {
    const m = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m) return undefined;
    const sign = (m[1] ?? m[5]) === '-' ? -1n : 1n;
    const intPart = m[2] ?? '0';
    const frac = m[3] ?? m[6] ?? '';
    const exp = Number(m[4] ?? m[7] ?? '0');
    if (!Number.isFinite(exp) || Math.abs(exp) > 400) return undefined;
    let num = BigInt(intPart + frac) * sign;
    let den = 10n ** BigInt(frac.length);
    if (exp > 0) num *= 10n ** BigInt(exp);
    else if (exp < 0) den *= 10n ** BigInt(-exp);
    return Rational.of(num, den);
  }

  /** Exact value of a finite double (every double is a dyadic rational). */
  static fromNumber(x: number): Rational {
    if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
    if (Number.isInteger(x)) return new Rational(BigInt(x), 1n);
    // shortest round-trip decimal is what a person typed; use it rather than the binary expansion
    return Rational.parse(String(x))!;
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  /** Throws RangeError on division by zero: callers check `isZero()` first and report it as data. */
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  cmp(o: Rational): number {
    // without products where the numerators decide: one denominator (integers, scores), or signs that differ
    // or a zero (`w.gt(ZERO)`): denominators are positive, so the numerators' order is the values' order
    const a = this.num;
    const b = o.num;
    if (this.den === o.den || a === 0n || b === 0n || a < 0n !== b < 0n) return a < b ? -1 : a > b ? 1 : 0;
    const d = a * o.den - b * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  static min(a: Rational, b: Rational): Rational {
    return a.le(b) ? a : b;
  }
  static max(a: Rational, b: Rational): Rational {
    return a.ge(b) ? a : b;
  }
  /** floor(this) as BigInt */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /** Round half away from zero ("四舍五入", half-up on magnitude) to `decimals` places. */
  round(decimals: number): Rational {
    const scale = 10n ** BigInt(decimals);
    const scaled = this.num * scale;
    const neg = scaled < 0n;
    const a = neg ? -scaled : scaled;
    let q = a / this.den;
    const r = a - q * this.den;
    if (r * 2n >= this.den) q += 1n;
    return Rational.of(neg ? -q : q, scale);
  }

  /**
   * Decimal text. Exact when the value terminates within `maxDecimals`; otherwise rounded half-up to it.
   * Never prints `-0`, exponent notation or trailing zeros.
   */
  toDecimalString(maxDecimals = 20): string {
    const r = this.round(maxDecimals);
    const neg = r.num < 0n;
    const a = neg ? -r.num : r.num;
    const scale = 10n ** BigInt(maxDecimals);
    // r.den divides scale because r was rounded to maxDecimals
    const scaled = (a * scale) / r.den;
    let s = scaled.toString().padStart(maxDecimals + 1, '0');
    let int = s.slice(0, s.length - maxDecimals);
    let frac = s.slice(s.length - maxDecimals).replace(/0+$/, '');
    if (maxDecimals === 0) {
      int = s;
      frac = '';
    }
    const out = frac ? `${int}.${frac}` : int;
    return neg && out !== '0' ? `-${out}` : out;
  }

  /** Nearest double. Only for values already rounded to a few decimals, whose shortest form is that decimal. */
  toNumber(): number {
    return Number(this.toDecimalString(20));
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

const literals = new LiteralCache<Rational | undefined>();
/**
 * `Rational.parse` of a plan literal's canonical text, memoised: a plan repeats a few numbers (`0.1`, `100`)
 * thousands of times, and each parse costs BigInt arithmetic and a gcd. Rationals are immutable, so sharing
 * one is safe.
 */
export function parseLiteral(text: string): Rational | undefined {
  let r = literals.get(text);
  if (r === undefined && !literals.has(text)) {
    r = Rational.parse(text);
    literals.set(text, r);
  }
  return r;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a === 0n ? 1n : a;
}
