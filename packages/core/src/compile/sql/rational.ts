/**
 * Exact rationals as SQL: a value is a pair of integer expressions n/d (d > 0). Comparisons cross-multiply,
 * rounding is one integer division, so no engine ever divides decimals (DuckDB's DECIMAL / DECIMAL is a
 * DOUBLE: the naive query got 3,561 of 1M totals wrong). Every integer expression carries a proved bound on
 * its magnitude, computed from the plan's constants and the input bound; an operation whose bound passes
 * 2^63 is done in the dialect's wide type, one past the wide type's limit is refused (KPI1102).
 * Constants are folded here, denominators that are constants share their least common multiple.
 */
import type { Dialect } from './dialect.js';

/** an integer SQL expression: its text, its value when constant, a bound on its magnitude */
export interface I {
  s: string;
  c?: bigint;
  b: bigint;
}
/**
 * n / (k·r): k a positive constant, r (when present) a positive integer expression. Keeping the constant
 * part apart lets constants cancel (t / a with t = 1% is 10^4 / a_n, not 10^6 / (100·a_n)).
 * lo..hi bounds the value (floor, ceiling), so a clamped value (a score under its cap) has a small
 * numerator bound whatever its inputs.
 */
export interface Q {
  n: I;
  k: bigint;
  r?: I;
  lo: bigint;
  hi: bigint;
}

const NARROW = 1n << 63n;
const abs = (x: bigint) => (x < 0n ? -x : x);
export const gcd = (a: bigint, b: bigint): bigint => {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
};
const lcm = (a: bigint, b: bigint) => (a / gcd(a, b)) * b;
const maxB = (a: bigint, b: bigint) => (a > b ? a : b);

export class Overflow extends Error {}

export class Algebra {
  constructor(readonly D: Dialect) {}

  lit(v: bigint): I {
    return { s: this.D.int(v), c: v, b: abs(v) };
  }
  /** a column (or any integer expression) bounded by `b` */
  col(s: string, b: bigint): I {
    return { s, b };
  }
  private check(b: bigint): void {
    if (b >= this.D.wideLimit) throw new Overflow(`bound ${b}`);
  }
  /** the operand text for an operation whose result may need the wide type */
  private op(x: I, resultBound: bigint): string {
    return resultBound >= NARROW && x.b < NARROW ? this.D.wide(x.s) : x.s;
  }
  imul(x: I, y: I): I {
    if (x.c !== undefined && y.c !== undefined) return this.lit(x.c * y.c);
    if (x.c === 1n) return y;
    if (y.c === 1n) return x;
    if (x.c === 0n || y.c === 0n) return this.lit(0n);
    const b = x.b * y.b;
    this.check(b);
    return { s: `(${this.op(x, b)} * ${this.op(y, b)})`, b };
  }
  iadd(x: I, y: I): I {
    if (x.c !== undefined && y.c !== undefined) return this.lit(x.c + y.c);
    if (x.c === 0n) return y;
    if (y.c === 0n) return x;
    const b = x.b + y.b;
    this.check(b);
    return { s: `(${this.op(x, b)} + ${this.op(y, b)})`, b };
  }
  isub(x: I, y: I): I {
    if (x.c !== undefined && y.c !== undefined) return this.lit(x.c - y.c);
    if (y.c === 0n) return x;
    const b = x.b + y.b;
    this.check(b);
    return { s: `(${this.op(x, b)} - ${this.op(y, b)})`, b };
  }
  ineg(x: I): I {
    return x.c !== undefined ? this.lit(-x.c) : { s: `(-${x.s})`, b: x.b };
  }
  absI(x: I): I {
    // a bound past 2^63 means the wide type (an operation past it widened its operands)
    return x.c !== undefined ? this.lit(abs(x.c)) : { s: this.D.abs(x.s, x.b >= NARROW), b: x.b };
  }
  /** CASE over integer expressions (conditions are SQL booleans) */
  caseI(arms: [string, I][], els: I): I {
    if (arms.length === 0) return els;
    let b = els.b;
    for (const [, v] of arms) b = maxB(b, v.b);
    const t = (x: I) => (b >= NARROW && x.b < NARROW ? this.D.wide(x.s) : x.s);
    return { s: `(CASE ${arms.map(([c, v]) => `WHEN ${c} THEN ${t(v)}`).join(' ')} ELSE ${t(els)} END)`, b };
  }

  // ---------- rationals ----------
  /** the denominator as one integer expression */
  den(a: Q): I {
    return a.r ? this.imul(this.lit(a.k), a.r) : this.lit(a.k);
  }
  /** build a rational, tightening the numerator bound by the value bound: |n| ≤ max(|lo|,|hi|)·k·r */
  mk(n: I, k: bigint, r: I | undefined, lo: bigint, hi: bigint): Q {
    if (k < 0n) throw new Error('negative constant denominator');
    if (n.c !== undefined && r === undefined) return this.q(n.c, k);
    const v = maxB(abs(lo), abs(hi));
    const nb = v * k * (r ? r.b : 1n);
    const tight = nb < n.b ? { ...n, b: nb } : n;
    return r ? { n: tight, k, r, lo, hi } : { n: tight, k, lo, hi };
  }
  q(n: bigint, d: bigint): Q {
    if (d < 0n) [n, d] = [-n, -d];
    const g = gcd(n, d);
    n /= g;
    d /= g;
    return { n: this.lit(n), k: d, lo: floorDiv(n, d), hi: -floorDiv(-n, d) };
  }
  /** an exact decimal text (the lowered plan's numbers) */
  dec(t: string): Q {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m) throw new Error('bad number ' + t);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    if (m[1] === '-') n = -n;
    let d = 10n ** BigInt(frac.length);
    const e = Number(m[4] ?? '0');
    if (e > 0) n *= 10n ** BigInt(e);
    else if (e < 0) d *= 10n ** BigInt(-e);
    return this.q(n, d);
  }
  /** a value read from an integer column scaled by `k` (|n| ≤ bound) */
  scaled(n: I, k: bigint): Q {
    const v = -floorDiv(-n.b, k);
    return this.mk(n, k, undefined, -v, v);
  }
  isConst(a: Q): boolean {
    return a.n.c !== undefined && a.r === undefined;
  }
  add(a: Q, b: Q): Q {
    return this.addSub(a, b, false);
  }
  sub(a: Q, b: Q): Q {
    return this.addSub(a, b, true);
  }
  private addSub(a: Q, b: Q, minus: boolean): Q {
    if (this.isConst(a) && this.isConst(b)) {
      const n = a.n.c! * b.k + (minus ? -1n : 1n) * b.n.c! * a.k;
      return this.q(n, a.k * b.k);
    }
    const f = (x: I, y: I) => (minus ? this.isub(x, y) : this.iadd(x, y));
    const lo = minus ? a.lo - b.hi : a.lo + b.lo;
    const hi = minus ? a.hi - b.lo : a.hi + b.hi;
    const L = lcm(a.k, b.k);
    if (!a.r && !b.r) return this.mk(f(this.imul(a.n, this.lit(L / a.k)), this.imul(b.n, this.lit(L / b.k))), L, undefined, lo, hi);
    if (a.r && b.r && a.r.s === b.r.s) return this.mk(f(this.imul(a.n, this.lit(L / a.k)), this.imul(b.n, this.lit(L / b.k))), L, a.r, lo, hi);
    const an = this.imul(this.imul(a.n, this.lit(L / a.k)), b.r ?? this.lit(1n));
    const bn = this.imul(this.imul(b.n, this.lit(L / b.k)), a.r ?? this.lit(1n));
    const r = a.r && b.r ? this.imul(a.r, b.r) : (a.r ?? b.r);
    return this.mk(f(an, bn), L, r, lo, hi);
  }
  neg(a: Q): Q {
    return this.mk(this.ineg(a.n), a.k, a.r, -a.hi, -a.lo);
  }
  absQ(a: Q): Q {
    const hi = maxB(abs(a.lo), abs(a.hi));
    const lo = a.lo >= 0n ? a.lo : a.hi <= 0n ? -a.hi : 0n;
    return this.mk(this.absI(a.n), a.k, a.r, lo, hi);
  }
  /** a × b, with constant factors cancelled against the constant denominator */
  mul(a: Q, b: Q): Q {
    if (this.isConst(a) && this.isConst(b)) return this.q(a.n.c! * b.n.c!, a.k * b.k);
    const corners = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
    const lo = corners.reduce((x, y) => (y < x ? y : x));
    const hi = corners.reduce((x, y) => (y > x ? y : x));
    if (this.isConst(b)) [a, b] = [b, a];
    if (this.isConst(a)) {
      const g = gcd(a.n.c!, b.k);
      return this.mk(this.imul(this.lit(a.n.c! / g), b.n), (b.k / g) * a.k, b.r, lo, hi);
    }
    const r = a.r && b.r ? this.imul(a.r, b.r) : (a.r ?? b.r);
    return this.mk(this.imul(a.n, b.n), a.k * b.k, r, lo, hi);
  }
  /** a / b for b ≠ 0 (the caller guards b = 0) */
  div(a: Q, b: Q): Q {
    if (this.isConst(b)) return this.mul(a, this.q(b.k, b.n.c!));
    // (an/(ak·ar)) / (bn/(bk·br)) = an·bk·br·sign(bn) / (ak · ar·|bn|), the constants' common factor cancelled
    const g0 = gcd(a.k, b.k);
    let nc = this.imul(this.imul(a.n, this.lit(b.k / g0)), b.r ?? this.lit(1n));
    let k = a.k / g0;
    if (nc.c !== undefined) {
      const g = gcd(nc.c, k);
      nc = this.lit(nc.c / g);
      k /= g;
    }
    const signed: I = b.lo >= 0n ? nc : { s: `(CASE WHEN ${b.n.s} < 0 THEN -${nc.s} ELSE ${nc.s} END)`, b: nc.b };
    const bn = b.lo >= 0n ? b.n : this.absI(b.n);
    const r = a.r ? this.imul(a.r, bn) : bn;
    // |a/b| ≤ |a|·|1/b| and |b| ≥ 1/(bk·br): unbounded in general; the numerator bound stands
    const v = signed.b;
    return this.mk(signed, k, r, -v, v);
  }
  /** SQL boolean a OP b by cross-multiplication (denominators > 0) */
  cmp(a: Q, op: '>' | '>=' | '<' | '<=' | '=' | '<>', b: Q): string {
    if (this.isConst(a) && this.isConst(b)) {
      const x = a.n.c! * b.k - b.n.c! * a.k;
      const res = op === '>' ? x > 0n : op === '>=' ? x >= 0n : op === '<' ? x < 0n : op === '<=' ? x <= 0n : op === '=' ? x === 0n : x !== 0n;
      return res ? '(1=1)' : '(1=0)';
    }
    const L = lcm(a.k, b.k);
    const same = a.r && b.r && a.r.s === b.r.s;
    const l = this.imul(this.imul(a.n, this.lit(L / a.k)), same ? this.lit(1n) : (b.r ?? this.lit(1n)));
    const r = this.imul(this.imul(b.n, this.lit(L / b.k)), same ? this.lit(1n) : (a.r ?? this.lit(1n)));
    return `(${l.s} ${op} ${r.s})`;
  }
  /** CASE over rationals: shared constant denominators when possible, else numerator and denominator both CASE */
  cases(arms: [string, Q][], els: Q): Q {
    if (arms.length === 0) return els;
    const all = [...arms.map(([, v]) => v), els];
    const lo = all.reduce((x, v) => (v.lo < x ? v.lo : x), els.lo);
    const hi = all.reduce((x, v) => (v.hi > x ? v.hi : x), els.hi);
    const r0 = all.find((v) => v.r)?.r;
    if (all.every((v) => !v.r || v.r.s === r0!.s) && (all.every((v) => !v.r) || all.every((v) => v.r))) {
      const L = all.reduce((acc, v) => lcm(acc, v.k), 1n);
      const scale = (v: Q) => this.imul(v.n, this.lit(L / v.k));
      return this.mk(this.caseI(arms.map(([c, v]) => [c, scale(v)]), scale(els)), L, r0, lo, hi);
    }
    const r = this.caseI(arms.map(([c, v]) => [c, this.den(v)]), this.den(els));
    return this.mk(this.caseI(arms.map(([c, v]) => [c, v.n]), els.n), 1n, r, lo, hi);
  }
  min(a: Q, b: Q): Q {
    const m = this.cases([[this.cmp(a, '<=', b), a]], b);
    return { ...m, lo: a.lo < b.lo ? a.lo : b.lo, hi: a.hi < b.hi ? a.hi : b.hi, ...this.tightN(m, a.lo < b.lo ? a.lo : b.lo, a.hi < b.hi ? a.hi : b.hi) };
  }
  max(a: Q, b: Q): Q {
    const m = this.cases([[this.cmp(a, '>=', b), a]], b);
    return { ...m, lo: a.lo > b.lo ? a.lo : b.lo, hi: a.hi > b.hi ? a.hi : b.hi, ...this.tightN(m, a.lo > b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi) };
  }
  private tightN(m: Q, lo: bigint, hi: bigint): { n: I } {
    return { n: this.mk(m.n, m.k, m.r, lo, hi).n };
  }
  /** floor(a) for a > 0, 0 for a ≤ 0 (steps of deductions and bonuses) */
  floorPos(a: Q): Q {
    if (this.isConst(a)) return this.q(a.n.c! <= 0n ? 0n : a.n.c! / a.k, 1n);
    const n: I = { s: `(CASE WHEN ${a.n.s} <= 0 THEN 0 ELSE ${this.D.intDiv(a.n.s, this.den(a).s)} END)`, b: a.n.b };
    return this.mk(n, 1n, undefined, 0n, a.hi > 0n ? a.hi : 0n);
  }
  /** ceil(a) for a > 0, 0 for a ≤ 0 (steps that count a started one: 不足一档按一档计) */
  ceilPos(a: Q): Q {
    if (this.isConst(a)) {
      const c = a.n.c!;
      return this.q(c <= 0n ? 0n : (c + a.k - 1n) / a.k, 1n);
    }
    const d = this.den(a);
    const up = this.iadd(a.n, this.isub(d, this.lit(1n)));
    const n: I = { s: `(CASE WHEN ${a.n.s} <= 0 THEN 0 ELSE ${this.D.intDiv(up.s, d.s)} END)`, b: up.b };
    return this.mk(n, 1n, undefined, 0n, a.hi > 0n ? a.hi : 0n);
  }
  /** round half away from zero to `dec` places → the scaled integer (value × 10^dec) */
  roundScaled(a: Q, dec: number): I {
    const p = this.lit(10n ** BigInt(dec));
    if (a.k === 1n && !a.r) return this.imul(a.n, p);
    const d = this.den(a);
    const two = this.lit(2n);
    const twoD = this.imul(two, d);
    // (2|n|·10^dec + d) div 2d, with the sign of n
    const num = (n: I) => this.iadd(this.imul(this.imul(two, n), p), d);
    const pos = this.D.intDiv(num(a.n).s, twoD.s);
    if (a.lo >= 0n) return { s: pos, b: num(a.n).b };
    const negv = this.D.intDiv(num(this.ineg(a.n)).s, twoD.s);
    return { s: `(CASE WHEN ${a.n.s} < 0 THEN -${negv} ELSE ${pos} END)`, b: num(a.n).b };
  }
}

/** floor(a / b) for b > 0 */
export const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b;
  return a < 0n && q * b !== a ? q - 1n : q;
};
