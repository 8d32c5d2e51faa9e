/**
 * Lowered plan → JavaScript source of a specialised float64 scoring function.
 *
 * Safety: the generated text contains only (1) fixed code written here, (2) numbers that passed
 * `lit` (finite, printed by String and checked against a strict numeric pattern) and (3) integer
 * indices. Names, labels and paths live in a side table `T` passed in at construction.
 *
 * Exactness: the function returns `null` ("fragile") whenever float64 might not give the same answer
 * as exact arithmetic — a decision (floor gate, threshold, band, veto, deduct/bonus step, metric
 * division) whose operands are within their error bound of each other, a reported number within its
 * error bound of a half-up rounding boundary, or any missing/odd input. The caller then runs the
 * exact evaluator. Comparisons of a raw input with a plan constant are decided exactly in float:
 * the exact value of an input double is its shortest decimal, that map is monotone, so
 * `x OP c` ⇔ `x OP' fl(c)` with OP' chosen at compile time from sign(shortest(fl(c)) − c).
 */
import { Rational } from '../numbers/rational.js';
import type { LExpr, LIndicator, LPlan, LSrc } from '../model/lowered.js';
import { IND_NA, IND_SLOTS, OUT_BONUS, OUT_COEFFICIENT, OUT_GRADE, OUT_PENALTY, OUT_TOTAL, OUT_VETOES } from '../run/layout.js';

export interface SideTable {
  names: string[];
  paths: string[][];
  grades: string[];
  coefs: (number | undefined)[];
  vetoes: string[];
  /** traced variant only: plan name, units, rater names, bonus names, group names and paths */
  plan?: string;
  units?: (string | undefined)[];
  raters?: string[][];
  bonuses?: string[];
  groupNames?: string[];
  groupPaths?: string[][];
}

export interface Generated {
  /** body of `function (T) { … return score }` */
  body: string;
  table: SideTable;
}

export class CodegenError extends Error {}

/** a validated numeric literal: the only way a plan number enters generated code */
export function lit(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw new CodegenError(`not a finite number: ${x}`);
  if (Object.is(x, -0)) x = 0;
  const s = String(x);
  if (!/^-?(\d+(\.\d+)?)(e[+-]\d+)?$/.test(s)) throw new CodegenError(`unexpected number text ${s}`);
  return x < 0 ? `(${s})` : s;
}

/** a validated non-negative integer index */
function idx(i: number): string {
  if (!Number.isSafeInteger(i) || i < 0) throw new CodegenError(`bad index ${i}`);
  return String(i);
}

const Q = (d: string): Rational => Rational.parse(d)!;
const f = (r: Rational): number => {
  const x = Number(r.toDecimalString(40));
  if (!Number.isFinite(x)) throw new CodegenError('constant out of range');
  return x;
};
/** generous per-operation relative error unit (2^-53 ≈ 1.11e-16) */
const EPS = 1e-15;
const U1 = 1.2e-16;

/** JS condition for `x OP c`, exact for a raw input double x (see header) */
function rawCmp(x: string, op: '>=' | '>' | '<=' | '<' | '==' | '!=', c: Rational): string {
  const cf = f(c);
  const tie = Rational.fromNumber(cf).cmp(c);
  const L = lit(cf);
  switch (op) {
    case '>=':
      return tie >= 0 ? `${x} >= ${L}` : `${x} > ${L}`;
    case '>':
      return tie > 0 ? `${x} >= ${L}` : `${x} > ${L}`;
    case '<=':
      return tie <= 0 ? `${x} <= ${L}` : `${x} < ${L}`;
    case '<':
      return tie < 0 ? `${x} <= ${L}` : `${x} < ${L}`;
    case '==':
      return tie === 0 ? `${x} === ${L}` : 'false';
    case '!=':
      return tie === 0 ? `${x} !== ${L}` : 'true';
  }
}

type CmpOp = '>=' | '>' | '<=' | '<';

function lcmNum(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return (a / x) * b;
}

/** a plan constant as the exact evaluator reports it (`numOf`: rounded half-up to 12 decimals) */
const numOfC = (r: Rational): number => Number(r.toDecimalString(12));
/** string literals the generated code may contain: only members of these fixed sets, never plan text */
const METHODS = new Set(['linear', 'reverse', 'threshold', 'bands', 'curve', 'deduct', 'rating']);
const OPS = new Set(['>=', '>', '<=', '<']);
function word(x: string, allowed: Set<string>): string {
  if (!allowed.has(x)) throw new CodegenError(`unexpected word ${x}`);
  return `'${x}'`;
}

/**
 * `traced: true` generates the traced variant: it returns `{ outcome, explanation }` with the explanation
 * tree exactly as the exact evaluator builds it (same numbers, same key order), or null when any number or
 * decision in it is too close to call in float64 (the caller then runs the exact evaluator, traced). The
 * untraced variant (the default) contains none of this code, so explanation costs nothing when off.
 */
export function generate(P: LPlan, options: { traced?: boolean; into?: boolean } = {}): Generated {
  const TR = options.traced === true;
  /** `scoreInto(v, out)`: the same code writing numbers into run/layout.ts's Float64Array instead of result objects */
  const INTO = options.into === true && !TR;
  const table: SideTable = { names: [], paths: [], grades: [], coefs: [], vetoes: [] };
  if (TR) {
    table.plan = P.name;
    table.units = [];
    table.raters = [];
    table.bonuses = [];
    table.groupNames = [];
    table.groupPaths = [];
  }
  const lines: string[] = [];
  /** per-indicator functions (small functions keep V8's optimising compiler fast on big plans) */
  const fnDefs: string[] = [];
  let cur: string[] = lines;
  const emit = (s: string) => cur.push(s);
  let tmp = 0;
  const fresh = (p: string) => `${p}_${tmp++}`;
  const sc = (d: number) => lit(10 ** d);
  const R = P.round;
  /**
   * Forms the float path does not compile yet (steps from the target, per-person targets, target ranges):
   * every row of such a plan takes the exact evaluator, which is the reference anyway. Correct, slower.
   */
  const exactOnly = P.inds.some((ind) => ind.method === 'steps' || ind.targetSrc !== undefined || ind.targetHigh !== undefined);
  if (exactOnly) {
    return {
      body: ['"use strict";', 'return function score(v) {', '  return null;', '};'].join('\n'),
      table,
    };
  }

  // ---------- expressions with running error bounds ----------
  /** emits code computing the expression; returns [valueVar, errVar] */
  const expr = (e: LExpr): [string, string] => {
    const v = fresh('x');
    const er = fresh('e');
    switch (e.k) {
      case 'num': {
        const c = Q(e.v);
        const cf = f(c);
        const exact = Rational.fromNumber(cf).eq(c) && Number.isInteger(cf);
        emit(`const ${v} = ${lit(cf)}, ${er} = ${exact ? '0' : lit(Math.abs(cf) * U1 * 2)};`);
        return [v, er];
      }
      case 'src':
        return srcVal(e.s);
      case 'neg': {
        const [a, ea] = expr(e.a);
        emit(`const ${v} = -${a}, ${er} = ${ea};`);
        return [v, er];
      }
      case 'abs': {
        const [a, ea] = expr(e.a);
        emit(`const ${v} = Math.abs(${a}), ${er} = ${ea};`);
        return [v, er];
      }
      case 'not': {
        const t = truthy(e.a);
        emit(`const ${v} = ${t} ? 0 : 1, ${er} = 0;`);
        return [v, er];
      }
      case 'min':
      case 'max': {
        const parts = e.args.map(expr);
        const vs = parts.map((p) => p[0]).join(', ');
        const es = parts.map((p) => p[1]).join(', ');
        emit(`const ${v} = Math.${e.k}(${vs}), ${er} = Math.max(${es});`);
        return [v, er];
      }
      case 'and':
      case 'or': {
        const ta = truthy(e.a);
        const tb = truthy(e.b);
        emit(`const ${v} = (${ta} ${e.k === 'and' ? '&&' : '||'} ${tb}) ? 1 : 0, ${er} = 0;`);
        return [v, er];
      }
      case '>':
      case '>=':
      case '<':
      case '<=':
      case '==':
      case '!=': {
        // raw column vs constant: exact in float
        if (e.a.k === 'src' && e.a.s.k === 'slot' && e.b.k === 'num') {
          const [a] = srcVal(e.a.s);
          emit(`const ${v} = (${rawCmp(a, e.k, Q(e.b.v))}) ? 1 : 0, ${er} = 0;`);
          return [v, er];
        }
        if (e.b.k === 'src' && e.b.s.k === 'slot' && e.a.k === 'num') {
          const flip = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '!=': '!=' } as const;
          const [b] = srcVal(e.b.s);
          emit(`const ${v} = (${rawCmp(b, flip[e.k], Q(e.a.v))}) ? 1 : 0, ${er} = 0;`);
          return [v, er];
        }
        const [a, ea] = expr(e.a);
        const [b, eb] = expr(e.b);
        emit(`if (${ea} + ${eb} > 0 && Math.abs(${a} - ${b}) <= 2 * (${ea} + ${eb})) return null;`);
        const js = e.k === '==' ? '===' : e.k === '!=' ? '!==' : e.k;
        emit(`const ${v} = (${a} ${js} ${b}) ? 1 : 0, ${er} = 0;`);
        return [v, er];
      }
      case '+':
      case '-': {
        const [a, ea] = expr(e.a);
        const [b, eb] = expr(e.b);
        emit(`const ${v} = ${a} ${e.k} ${b};`);
        emit(`const ${er} = ${ea} + ${eb} + Math.abs(${v}) * ${lit(U1)};`);
        return [v, er];
      }
      case '*': {
        const [a, ea] = expr(e.a);
        const [b, eb] = expr(e.b);
        emit(`const ${v} = ${a} * ${b};`);
        emit(`const ${er} = Math.abs(${a}) * ${eb} + Math.abs(${b}) * ${ea} + ${ea} * ${eb} + Math.abs(${v}) * ${lit(U1)};`);
        return [v, er];
      }
      case '/': {
        const [a, ea] = expr(e.a);
        const [b, eb] = expr(e.b);
        emit(`if (!(Math.abs(${b}) > 2 * ${eb})) return null;`);
        emit(`const ${v} = ${a} / ${b};`);
        emit(`const ${er} = (${ea} + Math.abs(${v}) * ${eb}) / (Math.abs(${b}) - ${eb}) + Math.abs(${v}) * ${lit(U1)};`);
        return [v, er];
      }
    }
  };

  /** truthiness decision (value ≠ 0), fragile when 0 is within the error bound */
  const truthy = (e: LExpr): string => {
    const [a, ea] = expr(e);
    emit(`if (${ea} > 0 && Math.abs(${a}) <= 2 * ${ea}) return null;`);
    return `(${a} !== 0)`;
  };

  const slotVar = new Map<number, string>();
  const metricVar = new Map<number, [string, string]>();
  /** value of a source with its absolute error bound; missing or non-finite → fragile (exact path reports) */
  const srcVal = (s: LSrc): [string, string] => {
    if (s.k === 'metric') {
      const known = metricVar.get(s.i);
      if (!known) throw new CodegenError('metric used before it is computed');
      return known;
    }
    let v = slotVar.get(s.i);
    if (!v) {
      v = `s${idx(s.i)}`;
      slotVar.set(s.i, v);
      emit(`const ${v} = v[${idx(s.i)}];`);
      emit(`if (!(${v} - ${v} === 0)) return null;`);
      emit(`const ${v}e = (${v} % 1 === 0) ? 0 : Math.abs(${v}) * ${lit(U1)};`);
    }
    return [v, `${v}e`];
  };
  /** slots that are read with a default: missing → use the default, only in that reader */
  const rawRead = (slot: number, def: string | undefined, into: string, flag?: string): boolean => {
    const defOk = def !== undefined && Rational.fromNumber(f(Q(def))).eq(Q(def));
    if (def !== undefined && !defOk) {
      // the default's double is not its own shortest decimal: let the exact path handle missing values
      emit(`const ${into} = v[${idx(slot)}]; if (!(${into} - ${into} === 0)) return null;`);
      if (flag) emit(`const ${flag} = false;`);
      return true;
    }
    if (def !== undefined) {
      if (flag) emit(`let ${into} = v[${idx(slot)}], ${flag} = false; if (!(${into} - ${into} === 0)) { ${into} = ${lit(f(Q(def)))}; ${flag} = true; }`);
      else emit(`let ${into} = v[${idx(slot)}]; if (!(${into} - ${into} === 0)) ${into} = ${lit(f(Q(def)))};`);
    } else {
      emit(`const ${into} = v[${idx(slot)}]; if (!(${into} - ${into} === 0)) return null;`);
      if (flag) emit(`const ${flag} = false;`);
    }
    return true;
  };

  /** a reported number: float rounding, or an exact tie settled with the denominator bound, or fragile */
  const rounded = (x: string, tol: string, scale: string, den: string): string => {
    const out = fresh('q');
    // a relative bound |x| × 1e-14 (linear/reverse on raw inputs): RR folds it into one multiplication
    if (tol === `(Math.abs(${x}) * 1e-14)`) emit(`let ${out} = RR(${x}, ${scale});`);
    else emit(`let ${out} = RD(${x}, ${tol}, ${scale});`);
    emit(`if (${out} !== ${out}) { ${out} = +TIE(${x}, ${tol}, ${den}, ${scale}); if (${out} !== ${out}) return null; }`);
    return out;
  };
  /** traced: numOf (12 decimals) of a raw input double — itself when it has at most 8 decimals, else fragile */
  const numOfRaw = (x: string): string => {
    const out = fresh('n');
    emit(`const ${out} = N12(${x}); if (${out} !== ${out}) return null;`);
    return out;
  };
  /** traced: numOf of a computed value known within tol */
  const numOfVal = (x: string, tol: string): string => rounded(x, tol, lit(1e12), '0');
  /** traced: numOf of P × steps (steps an exact integer) */
  const numOfTimes = (p: Rational, steps: string): string => {
    const pf = f(p);
    if (p.den === 1n) {
      const out = fresh('n');
      emit(`const ${out} = ${lit(pf)} * ${steps}; if (!(Math.abs(${out}) < 9007199254740992)) return null;`);
      return `(${out} === 0 ? 0 : ${out})`;
    }
    return numOfVal(`${lit(pf)} * ${steps}`, `Math.abs(${lit(pf)} * ${steps}) * ${lit(2 * EPS)}`);
  };
  /** traced: `P × steps > M` decided exactly for an integer steps ≥ 0 */
  const cappedCond = (p: Rational, m: Rational, steps: string): string => {
    if (p.isZero()) return Rational.ZERO.gt(m) ? 'true' : 'false';
    const lim = m.div(p);
    if (p.gt(Rational.ZERO)) {
      const k = lim.floor();
      if (k < -(2n ** 52n) || k > 2n ** 52n) return k < 0n ? 'true' : 'false';
      return `${steps} > ${lit(Number(k))}`;
    }
    // P < 0: steps < ceil(M / P)
    let c = lim.floor();
    if (!Rational.of(c).eq(lim)) c += 1n;
    if (c < -(2n ** 52n) || c > 2n ** 52n) return c > 0n ? 'true' : 'false';
    return `${steps} < ${lit(Number(c))}`;
  };

  // ---------- metrics (only those read; in dependency order) ----------
  for (let i = 0; i < P.metrics.length; i++) {
    const m = P.metrics[i]!;
    if (m.default !== undefined) {
      // a metric with a default: any failure (missing input, division by zero) takes the default; the
      // fast path leaves those rows to the exact evaluator, which is simplest and always right
    }
    const [v, e] = expr(m.expr);
    metricVar.set(i, [v, e]);
  }

  // ---------- indicators ----------
  /** no weighted score can be negative (then Σ|weighted| = Σ weighted; curves are left out: float
   * interpolation towards a 0 point may dip a hair below 0) */
  const allNonNeg = P.inds.every((ind) => {
    if (!Q(ind.weight).ge(Rational.ZERO)) return false;
    switch (ind.method) {
      case 'linear':
      case 'reverse':
      case 'threshold':
      case 'deduct':
        return true;
      case 'bands':
        return (ind.rows ?? []).every((r) => Q(r.score).ge(Rational.ZERO)) && Q(ind.else ?? '0').ge(Rational.ZERO);
      case 'rating':
        return Q(ind.lo!).ge(Rational.ZERO);
      default:
        return false;
    }
  });
  emit('ACC[0] = 0; ACC[1] = 0; ACC[2] = 0;');
  const objs: string[] = [];
  /** per indicator/bonus: JS expression bounding the denominator of its exact weighted value ('0' = unknown) */
  const dens: string[] = [];
  /** small plans: every indicator inline in score() (measured faster); big plans: one small function per
   * indicator (keeps V8's optimising compiler fast) */
  const INLINE = P.inds.length <= 8;
  P.inds.forEach((ind, k) => {
    table.names.push(ind.name);
    table.paths.push(ind.path);
    const args = ind.src?.k === 'metric' ? metricVar.get(ind.src.i)! : ['0', '0'];
    const ov = `o${idx(k)}`;
    if (INLINE) {
      const o = indicator(ind, k, args as [string, string]);
      emit(`const ${ov} = ${o};`);
    } else {
      const body: string[] = [];
      cur = body;
      const o = indicator(ind, k, ['M', 'E']);
      cur = lines;
      fnDefs.push(`function I${idx(k)}(v, M, E) {\n${body.map((l) => '  ' + l).join('\n')}\n  return ${o};\n}`);
      emit(`const ${ov} = I${idx(k)}(v, ${args[0]}, ${args[1]}); if (${ov} === null) return null;`);
    }
    if (TR) emit(`const x${idx(k)} = XI;`);
    objs.push(ov);
  });

  function indicator(ind: LIndicator, k: number, metricArgs: [string, string]): string {
    const a = `a${k}`;
    const ea = `ea${k}`;
    const raw = ind.src?.k === 'slot';
    const w = Q(ind.weight);
    const wf = f(w);
    let actualVar = a;
    /**
     * linear/reverse on a raw input: every quantity is a product or quotient of the input and constants
     * (min/max with constants are 1-Lipschitz), so its float error is relative, a few units in the last
     * place; bounds are |x| × a constant instead of running absolute bounds (fewer operations per row).
     * 1e-14 is more than ten times the worst case (≤ 6 roundings of 2^-53 each). The total's bound adds
     * 1e-14 × Σ|weighted| for them.
     */
    const relative = raw && (ind.method === 'linear' || ind.method === 'reverse');
    /** a raw input's error bound is needed only by the methods that compute with it */
    const noEa = relative || (raw && (ind.method === 'threshold' || (ind.method === 'bands' && ind.on === 'actual')));
    let tolA = noEa ? `(Math.abs(${a}) * ${lit(2 * U1)})` : `${ea} * 2`;
    /** traced: the raters' marks as an array literal */
    let traceRaters: string | undefined;
    // ---- read ----
    if (ind.raters && ind.raters.length > 0) {
      const lo = Q(ind.lo!);
      const hi = Q(ind.hi!);
      emit(`let sw${k} = 0, sm${k} = 0;`);
      const rxs: string[] = [];
      for (const r of ind.raters) {
        const x = fresh('r');
        rxs.push(x);
        emit(`const ${x} = v[${idx(r.slot)}];`);
        emit(`if (${x} === ${x}) {`);
        emit(`  if (!(${x} - ${x} === 0) || !(${rawCmp(x, '>=', lo)}) || !(${rawCmp(x, '<=', hi)})) return null;`);
        emit(`  sw${k} += ${lit(f(Q(r.weight)))}; sm${k} += ${lit(f(Q(r.weight)))} * ${x};`);
        emit('}');
      }
      const def = ind.default;
      const defOk = def !== undefined && Rational.fromNumber(f(Q(def))).eq(Q(def));
      if (defOk) emit(`const ${a} = sw${k} === 0 ? ${lit(f(Q(def!)))} : sm${k} / sw${k};`);
      else {
        emit(`if (sw${k} === 0) return null;`);
        emit(`const ${a} = sm${k} / sw${k};`);
      }
      if (TR) {
        emit(`const df${k} = ${defOk ? `sw${k} === 0` : 'false'};`);
        table.raters!.push(ind.raters.map((r) => r.name));
        const ri = table.raters!.length - 1;
        const entries = ind.raters.map((r, j) => {
          const mk = fresh('mk');
          emit(`let ${mk} = null; if (${rxs[j]} === ${rxs[j]}) { ${mk} = N12(${rxs[j]}); if (${mk} !== ${mk}) return null; }`);
          return `{ name: RN[${idx(ri)}][${idx(j)}], weight: ${lit(numOfC(Q(r.weight)))}, mark: ${mk} }`;
        });
        traceRaters = `[${entries.join(', ')}]`;
      }
      const maxAbs = Math.max(Math.abs(f(lo)), Math.abs(f(hi)));
      emit(`const ${ea} = ${lit(2 * (ind.raters.length + 3) * EPS * maxAbs)};`);
    } else if (raw) {
      // an optional indicator's N/A cell (−∞) must not take its default: the exact path re-weights the row
      if (ind.optional && ind.default !== undefined) emit(`if (v[${idx(ind.src!.i)}] === -Infinity) return null;`);
      rawRead(ind.src!.i, ind.default, a, TR ? `df${k}` : undefined);
      if (!noEa) emit(`const ${ea} = Math.abs(${a}) * ${lit(U1)};`);
      if (ind.method === 'rating') {
        // data marks outside the scale are errors (the default is not checked)
        emit(`if (!(${rawCmp(a, '>=', Q(ind.lo!))}) || !(${rawCmp(a, '<=', Q(ind.hi!))})) { if (v[${idx(ind.src!.i)}] === v[${idx(ind.src!.i)}]) return null; }`);
      }
    } else {
      if (!metricVar.has(ind.src!.i)) throw new CodegenError('metric missing');
      emit(`const ${a} = ${metricArgs[0]}, ${ea} = ${metricArgs[1]};`);
      if (TR) emit(`const df${k} = false;`);
      if (ind.method === 'rating') {
        // marks from a metric: near or outside the scale → exact path decides (and reports)
        const lof = f(Q(ind.lo!));
        const hif = f(Q(ind.hi!));
        const tol = `2 * ${ea} + ${lit((Math.abs(lof) + Math.abs(hif)) * EPS)}`;
        emit(`if (!(${a} - ${lit(lof)} > ${tol} && ${lit(hif)} - ${a} > ${tol})) return null;`);
      }
      // a metric that lost most of its precision (cancellation) goes to the exact path
      emit(`if (${ea} > Math.abs(${a}) * 1e-6) return null;`);
    }
    void actualVar;

    /** condition `actual OP c`, exact for raw inputs, fragile-checked for metrics */
    const cmpA = (op: CmpOp, c: Rational): string => {
      if (raw) return rawCmp(a, op, c);
      const cf = f(c);
      emit(`if (Math.abs(${a} - ${lit(cf)}) <= 2 * ${ea} + ${lit(Math.abs(cf) * EPS)} + Math.abs(${a}) * ${lit(EPS)}) return null;`);
      return `${a} ${op} ${lit(cf)}`;
    };
    const flipOp = (op: CmpOp): CmpOp => ({ '>=': '<=', '>': '<', '<=': '>=', '<': '>' } as const)[op];

    const usesRatio =
      ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio');
    const inverse = ind.method === 'reverse' || ind.lower;
    const T = ind.target !== undefined ? Q(ind.target) : undefined;
    const cap = Q(ind.cap);
    const capf = f(cap);
    const r = `r${k}`;
    let tr = `tr${k}`;

    const nonpos = `np${k}`;
    /** condition `ratio OP c` expressed on the actual (exact for raw inputs) */
    const ratioCmp = (op: CmpOp, c: Rational): string => {
      const t = T!;
      if (!inverse) return cmpA(op, c.mul(t));
      // ratio = cap when actual ≤ 0, else t / a
      const capHolds = (() => {
        const x = cap.cmp(c);
        return op === '>=' ? x >= 0 : op === '>' ? x > 0 : op === '<=' ? x <= 0 : x < 0;
      })();
      let pos: string;
      if (c.gt(Rational.ZERO)) pos = cmpA(flipOp(op), t.div(c));
      else pos = op === '>=' || op === '>' ? 'true' : 'false';
      return `(${nonpos} ? ${capHolds} : (${pos}))`;
    };
    if (usesRatio) {
      const tf = f(T!);
      if (inverse) {
        const np = raw ? `${a} <= 0` : (emit(`if (Math.abs(${a}) <= 2 * ${ea}) return null;`), `${a} <= 0`);
        emit(`const ${nonpos} = ${np};`);
        emit(`const ${r} = ${nonpos} ? ${lit(capf)} : ${lit(tf)} / ${a};`);
        if (relative) tr = `(Math.abs(${r}) * 1e-14)`;
        else emit(`const ${tr} = ${nonpos} ? ${lit(Math.abs(capf) * EPS)} : Math.abs(${r}) * (2 * ${ea} / Math.abs(${a}) + ${lit(3 * EPS)});`);
      } else {
        emit(`const ${r} = ${a} / ${lit(tf)};`);
        if (relative) tr = `(Math.abs(${r}) * 1e-14)`;
        else emit(`const ${tr} = 2 * ${ea} / ${lit(tf)} + Math.abs(${r}) * ${lit(3 * EPS)};`);
      }
    }
    const s = `sc${k}`;
    const ts = `ts${k}`;
    emit(`let ${s}, ${ts};`);
    /** threshold and bands score a table constant: its report and its weighted report are constants too */
    const constScore = ind.method === 'threshold' || ind.method === 'bands';
    const rep = (x: Rational, d: number) => lit(Number(x.round(d).toDecimalString(d)));
    const zeroW = Rational.ZERO;
    if (constScore) emit(`let sq${k} = ${rep(zeroW, R + 2)}, wq${k} = ${rep(zeroW, R + 2)};`);
    const setConst = (score: Rational) => (constScore ? ` sq${k} = ${rep(score, R + 2)}; wq${k} = ${rep(score.mul(w), R + 2)};` : '');
    // traced: cap applied, floor applied, band row, curve segment, deduction (set where decided)
    if (TR) emit(`let ca${k} = false, gt${k} = false, bd${k}, sg${k}, dx${k};`);
    let gateOpen = false;
    if (usesRatio && ind.floor !== undefined) {
      const cond = ratioCmp('<', Q(ind.floor));
      if (TR) emit(`gt${k} = ${cond};`);
      else emit(`const gt${k} = ${cond};`);
      emit(`if (gt${k}) { ${s} = 0; ${ts} = 0; } else {`);
      gateOpen = true;
    }
    switch (ind.method) {
      case 'linear':
      case 'reverse':
        emit(`${s} = 100 * Math.max(0, Math.min(${r}, ${lit(capf)}));`);
        if (!relative) emit(`${ts} = 100 * (${tr} + ${lit(Math.abs(capf) * EPS)}) + ${s} * ${lit(2 * EPS)};`);
        if (TR) emit(`ca${k} = ${ratioCmp('>', cap)};`);
        break;
      case 'threshold': {
        const cond = cmpA(ind.lower ? '<=' : '>=', T!);
        emit(`if (${cond}) { ${s} = 100; ${ts} = 0;${setConst(Rational.HUNDRED)} } else { ${s} = 0; ${ts} = 0; }`);
        break;
      }
      case 'bands': {
        const rows = ind.rows ?? [];
        const conds = rows.map((row) => {
          const cond = ind.on === 'ratio' ? ratioCmp(row.op, Q(row.bound)) : cmpA(row.op, Q(row.bound));
          const c = fresh('c');
          emit(`const ${c} = ${cond};`);
          return c;
        });
        rows.forEach((row, j) => {
          const sf = f(Q(row.score));
          const tb = TR ? ` bd${k} = { index: ${idx(j)}, op: ${word(row.op, OPS)}, bound: ${lit(numOfC(Q(row.bound)))}, score: ${lit(numOfC(Q(row.score)))} };` : '';
          emit(`${j === 0 ? '' : 'else '}if (${conds[j]}) { ${s} = ${lit(sf)}; ${ts} = ${lit(Math.abs(sf) * EPS)};${setConst(Q(row.score))}${tb} }`);
        });
        const ef = f(Q(ind.else ?? '0'));
        const elseCode = `${s} = ${lit(ef)}; ${ts} = ${lit(Math.abs(ef) * EPS)};${setConst(Q(ind.else ?? '0'))}${TR ? ` bd${k} = { index: -1, score: ${lit(numOfC(Q(ind.else ?? '0')))} };` : ''}`;
        emit(rows.length > 0 ? `else { ${elseCode} }` : elseCode);
        break;
      }
      case 'curve': {
        const pts = (ind.points ?? []).map((p) => ({ x: f(Q(p.x)), y: f(Q(p.y)) }));
        const c = ind.on === 'ratio' ? r : a;
        const tc = ind.on === 'ratio' ? tr : `(2 * ${ea})`;
        let kmax = 0;
        let xmax = 0;
        let ymax = 0;
        for (let j = 0; j < pts.length; j++) {
          xmax = Math.max(xmax, Math.abs(pts[j]!.x));
          ymax = Math.max(ymax, Math.abs(pts[j]!.y));
          if (j + 1 < pts.length) kmax = Math.max(kmax, Math.abs((pts[j + 1]!.y - pts[j]!.y) / (pts[j + 1]!.x - pts[j]!.x)) * 1.01);
        }
        const first = pts[0]!;
        const last = pts[pts.length - 1]!;
        emit(`if (${c} <= ${lit(first.x)}) ${s} = ${lit(first.y)};`);
        emit(`else if (${c} >= ${lit(last.x)}) ${s} = ${lit(last.y)};`);
        for (let j = 0; j + 1 < pts.length; j++) {
          const p0 = pts[j]!;
          const p1 = pts[j + 1]!;
          const slope = (p1.y - p0.y) / (p1.x - p0.x);
          if (!Number.isFinite(slope)) throw new CodegenError('curve slope');
          emit(`else if (${c} < ${lit(p1.x)}) ${s} = ${lit(p0.y)} + (${c} - ${lit(p0.x)}) * ${lit(slope)};`);
        }
        if (pts.length > 1) emit(`else ${s} = ${lit(last.y)};`);
        emit(`${ts} = ${lit(kmax)} * (${tc} + (Math.abs(${c}) + ${lit(xmax)}) * ${lit(4 * EPS)}) + ${lit(ymax * 4 * EPS)} + Math.abs(${s}) * ${lit(2 * EPS)};`);
        if (TR) {
          // which segment, decided exactly (raw actual) or fragile near a point (ratio, metric)
          const xc = (op: CmpOp, x: Rational) => (ind.on === 'ratio' ? ratioCmp(op, x) : cmpA(op, x));
          const P0 = (ind.points ?? []).map((p) => ({ x: Q(p.x), y: Q(p.y) }));
          const pt = (p: { x: Rational; y: Rational }) => `{ x: ${lit(numOfC(p.x))}, y: ${lit(numOfC(p.y))} }`;
          const F = P0[0]!;
          const L = P0[P0.length - 1]!;
          const below = fresh('c');
          emit(`const ${below} = ${xc('<=', F.x)};`);
          const above = fresh('c');
          emit(`const ${above} = ${xc('>=', L.x)};`);
          emit(`if (${below}) sg${k} = { end: 'below', x: ${lit(numOfC(F.x))}, y: ${lit(numOfC(F.y))} };`);
          emit(`else if (${above}) sg${k} = { end: 'above', x: ${lit(numOfC(L.x))}, y: ${lit(numOfC(L.y))} };`);
          for (let j = 0; j + 1 < P0.length; j++) {
            const cj = fresh('c');
            emit(`const ${cj} = ${xc('<', P0[j + 1]!.x)};`);
            emit(`if (sg${k} === undefined && ${cj}) sg${k} = { from: ${pt(P0[j]!)}, to: ${pt(P0[j + 1]!)} };`);
          }
        }
        break;
      }
      case 'deduct': {
        const per = Q(ind.per!);
        const steps = stepsCode(a, ea, raw, per);
        const p = f(Q(ind.dpoints!));
        const d = fresh('d');
        emit(`let ${d} = ${lit(p)} * ${steps};`);
        if (ind.max !== undefined) emit(`if (${d} > ${lit(f(Q(ind.max)))}) ${d} = ${lit(f(Q(ind.max)))};`);
        emit(`${s} = Math.max(0, 100 - ${d}); ${ts} = (100 + Math.abs(${d})) * ${lit(4 * EPS)};`);
        // deciding `min(d, max)` or `max(0, …)` near a tie is continuous: no fragility
        if (TR) {
          const P1 = Q(ind.dpoints!);
          const cnt = raw ? numOfRaw(a) : numOfVal(a, `2 * ${ea}`);
          const capped = ind.max !== undefined ? cappedCond(P1, Q(ind.max), steps) : 'false';
          const cv = fresh('cp');
          emit(`const ${cv} = ${capped};`);
          const ded = numOfTimes(P1, steps);
          const dedV = ind.max !== undefined ? `(${cv} ? ${lit(numOfC(Q(ind.max)))} : ${ded})` : ded;
          const mx = ind.max !== undefined ? `, max: ${lit(numOfC(Q(ind.max)))}` : '';
          emit(`dx${k} = { count: ${cnt}, per: ${lit(numOfC(per))}, points: ${lit(numOfC(P1))}, steps: ${steps}, deduction: ${dedV}, capped: ${cv}${mx} };`);
        }
        break;
      }
      case 'rating': {
        const hif = f(Q(ind.hi!));
        emit(`${s} = 100 * ${a} / ${lit(hif)};`);
        emit(`${ts} = ${lit(100 / Math.abs(hif))} * 2 * ${ea} + Math.abs(${s}) * ${lit(4 * EPS)};`);
        break;
      }
    }
    if (gateOpen) emit('}');
    const wv = `w${k}`;
    let twk = `tw${k}`;
    // sums accumulate in a Float64Array: a mutable double captured by a closure would be boxed on every write;
    // Σ|weighted| is the plain sum when no weighted score can be negative
    const absAcc = allNonNeg ? '' : ` ACC[2] += Math.abs(${wv});`;
    if (relative || constScore) {
      // a table constant times the weight, or see `relative`: the error is relative
      emit(`const ${wv} = ${s} * ${lit(wf)};`);
      twk = `(Math.abs(${wv}) * 1e-14)`;
      if (TR) emit(`const tw${k} = ${twk};`);
      emit(`ACC[0] += ${wv};${absAcc}`);
    } else {
      emit(`const ${wv} = ${s} * ${lit(wf)}, tw${k} = ${ts} * ${lit(wf)} + Math.abs(${wv}) * ${lit(2 * EPS)};`);
      emit(`ACC[0] += ${wv}; ACC[1] += tw${k};${absAcc}`);
    }
    const wDen = denOf(ind, k, raw, a, w);
    // the total's tie path runs in score(): it re-reads this indicator's actual from the row
    let again = '0';
    if (raw) {
      const i = idx(ind.src!.i);
      const def = ind.default;
      const defOk = def !== undefined && Rational.fromNumber(f(Q(def))).eq(Q(def));
      again = defOk ? `(v[${i}] - v[${i}] === 0 ? v[${i}] : ${lit(f(Q(def!)))})` : `v[${i}]`;
    }
    dens.push(denOf(ind, k, raw, again, w));
    let actualQ: string;
    if (raw) {
      // a raw input whose decimal has at most round + 4 places is reported as itself (the common case):
      // round-tripping through the scaled integer proves it, and costs less than the tie-aware rounding
      actualQ = fresh('q');
      const S = sc(R + 4);
      emit(`let ${actualQ} = Math.round(${a} * ${S}) / ${S};`);
      emit(
        `if (${actualQ} !== ${a}) { ${actualQ} = RD(${a}, ${tolA}, ${S}); if (${actualQ} !== ${actualQ}) { ${actualQ} = +TIE(${a}, ${tolA}, DEN(${a}), ${S}); if (${actualQ} !== ${actualQ}) return null; } } else ${actualQ} += 0;`,
      );
    } else actualQ = rounded(a, tolA, sc(R + 4), '0');
    // ratio a / 1 is the actual itself: same reported number
    const ratioQ = !usesRatio ? '' : !inverse && T!.eq(Rational.ONE) ? actualQ : rounded(r, tr, sc(R + 4), denRatio(ind, raw, a));
    let scoreQ: string;
    const capScore = Rational.HUNDRED.mul(cap);
    if ((ind.method === 'linear' || ind.method === 'reverse') && cap.mul(Rational.of(10n ** BigInt(R + 4))).lt(Rational.of(2n ** 52n))) {
      // score = 100 × ratio unless floored, capped or negative, so its report (round + 2 places) is 100 × the
      // ratio's report (round + 4 places), exactly: derived from it without another tie-aware rounding
      const capped = ratioCmp('>', cap);
      const neg = inverse ? 'false' : cmpA('<', Rational.ZERO);
      const gate = ind.floor !== undefined ? `gt${k} ? 0 : ` : '';
      scoreQ = fresh('q');
      emit(
        `const ${scoreQ} = ${gate}(${capped}) ? ${lit(numOfC(capScore.round(R + 2)))} : (${neg}) ? 0 : Math.round(${ratioQ} * ${sc(R + 4)}) / ${sc(R + 2)};`,
      );
    } else if (constScore) scoreQ = `sq${k}`;
    else scoreQ = rounded(s, relative ? `(Math.abs(${s}) * 1e-14)` : ts, sc(R + 2), denOf(ind, k, raw, a, Rational.ONE));
    const weightedQ = constScore ? `wq${k}` : rounded(wv, twk, sc(R + 2), wDen);
    if (INTO) {
      // scoreInto: the indicator's slots (run/layout.ts), no object; N/A rows never get here (−∞ takes the exact path)
      const b = OUT_VETOES + P.vetoes.length + IND_SLOTS * k;
      emit(`O[${idx(b)}] = ${actualQ}; O[${idx(b + 1)}] = ${usesRatio ? ratioQ : 'NaN'}; O[${idx(b + 2)}] = ${scoreQ}; O[${idx(b + 3)}] = ${lit(Number(w.toDecimalString(12)))}; O[${idx(b + 4)}] = ${weightedQ}; O[${idx(b + IND_NA)}] = 0;`);
      return 'true';
    }
    const obj = fresh('o');
    const parts = [`name: N[${idx(k)}]`, `path: PA[${idx(k)}]`, `actual: ${actualQ}`];
    if (usesRatio) parts.push(`ratio: ${ratioQ}`);
    parts.push(`score: ${scoreQ}`);
    parts.push(`weight: ${lit(Number(w.toDecimalString(12)))}`);
    parts.push(`weighted: ${weightedQ}`);
    emit(`const ${obj} = { ${parts.join(', ')} };`);
    if (TR) {
      // the explanation entry, key for key as compile/exact.ts builds it
      table.units!.push(ind.unit);
      const T0 = ind.target !== undefined ? Q(ind.target) : undefined;
      const ex = fresh('ex');
      emit(
        `const ${ex} = { name: N[${idx(k)}], path: PA[${idx(k)}], method: ${word(ind.method, METHODS)}, on: ${ind.on === 'ratio' ? "'ratio'" : "'actual'"}, lower: ${ind.lower ? 'true' : 'false'}, ` +
          `actual: ${actualQ}, actualPercent: ${ind.targetPercent || ind.unit === '%' ? 'true' : 'false'}, defaulted: df${k}, targetPercent: ${ind.targetPercent ? 'true' : 'false'}, ` +
          `capApplied: ca${k}, floorApplied: gt${k}, score: ${scoreQ}, weight: ${lit(Number(w.toDecimalString(12)))}, weighted: ${weightedQ} };`,
      );
      if (T0) emit(`${ex}.target = ${lit(numOfC(T0))};`);
      if (ind.unit !== undefined) emit(`${ex}.unit = U[${idx(k)}];`);
      if (ind.method === 'bands') emit(`if (bd${k} !== undefined) ${ex}.band = bd${k};`);
      if (ind.method === 'curve') emit(`if (sg${k} !== undefined) ${ex}.segment = sg${k};`);
      if (ind.method === 'deduct') emit(`${ex}.deduct = dx${k};`);
      if (ind.method === 'rating') {
        const rs = traceRaters !== undefined ? `, raters: ${traceRaters}` : '';
        emit(`${ex}.rating = { lo: ${lit(numOfC(Q(ind.lo!)))}, hi: ${lit(numOfC(Q(ind.hi!)))}, mark: ${actualQ}${rs} };`);
      }
      if (usesRatio) emit(`${ex}.ratio = ${ratioQ};`);
      if (ind.floor !== undefined && usesRatio) emit(`${ex}.floor = ${lit(numOfC(Q(ind.floor)))};`);
      if (ind.method === 'linear' || ind.method === 'reverse') emit(`${ex}.cap = ${lit(numOfC(cap))};`);
      emit(`XI = ${ex}; WV[${idx(k)}] = ${wv}; TW[${idx(k)}] = tw${k};`);
    }
    return obj;
  }

  /** denominator of an exact rational as a JS integer literal, or undefined when too large */
  function denLit(r: Rational): number | undefined {
    const d = Rational.of(r.num, r.den).den;
    return d <= 1099511627776n ? Number(d) : undefined;
  }
  /**
   * A bound (common multiple) on the denominator of an indicator's exact weighted score in this row,
   * used only to settle exact rounding ties of the total without BigInt (see TIE). '0' = unknown.
   * Decisions near a tie (capped or not, which side of the floor) need no care: the bound covers
   * every alternative.
   */
  function denOf(ind: LIndicator, k: number, raw: boolean, a: string, w: Rational): string {
    const consts: Rational[] = [];
    const hundredW = Rational.HUNDRED.mul(w);
    const lcmAll = (xs: Rational[]): number | undefined => {
      let acc = 1;
      for (const x of xs) {
        const d = denLit(x);
        if (d === undefined) return undefined;
        acc = lcmNum(acc, d);
        if (acc > 1099511627776) return undefined;
      }
      return acc;
    };
    const wd = denLit(w);
    if (wd === undefined) return '0';
    switch (ind.method) {
      case 'threshold':
        consts.push(hundredW);
        break;
      case 'bands':
        for (const r of ind.rows ?? []) consts.push(Q(r.score).mul(w));
        consts.push(Q(ind.else ?? '0').mul(w));
        break;
      case 'deduct':
        consts.push(Q(ind.dpoints!).mul(w), hundredW);
        if (ind.max !== undefined) consts.push(Q(ind.max).mul(w));
        break;
      case 'linear':
      case 'reverse':
      case 'rating': {
        if (!raw || (ind.method === 'rating' && ind.raters && ind.raters.length > 0)) return '0';
        consts.push(hundredW.mul(Q(ind.cap)), hundredW);
        const c = lcmAll(consts);
        if (c === undefined) return '0';
        const inverse = ind.method === 'reverse' || ind.lower;
        if (ind.method === 'rating') {
          const hi = Q(ind.hi!);
          return `LCM(${lit(c)}, DEN(${a}) * ${lit(Number(hi.num < 0n ? -hi.num : hi.num))} * ${lit(wd)})`;
        }
        const t = Q(ind.target!);
        if (t.num > 1099511627776n || t.den > 1099511627776n) return '0';
        if (!inverse) return `LCM(${lit(c)}, DEN(${a}) * ${lit(Number(t.num))} * ${lit(wd)})`;
        // 100·t/a with a = m / 10^k: denominator divides t.den · |m| (times the weight's)
        return `(${a} <= 0 ? ${lit(c)} : LCM(${lit(c)}, MUL(${a}) * ${lit(Number(t.den))} * ${lit(wd)}))`;
      }
      default:
        return '0';
    }
    void k;
    const c = lcmAll(consts);
    return c === undefined ? '0' : lit(c);
  }

  /** denominator bound of the exact ratio (a/t, or t/a; cap when a ≤ 0), '0' = unknown */
  function denRatio(ind: LIndicator, raw: boolean, a: string): string {
    if (!raw || ind.target === undefined) return '0';
    const t = Q(ind.target);
    const capD = denLit(Q(ind.cap));
    if (capD === undefined || t.num > 1099511627776n || t.den > 1099511627776n) return '0';
    if (!(ind.method === 'reverse' || ind.lower)) return `DEN(${a}) * ${lit(Number(t.num))}`;
    return `(${a} <= 0 ? ${lit(capD)} : MUL(${a}) * ${lit(Number(t.den))})`;
  }

  /** max(0, floor(n / per)) decided exactly: raw integers divide exactly; otherwise fragile near an integer.
   * A negative count takes no steps (deduct never adds, bonus never subtracts). */
  function stepsCode(n: string, en: string, raw: boolean, per: Rational): string {
    const k = fresh('k');
    const pf = f(per);
    if (raw && per.eq(Rational.ONE)) {
      emit(`const ${k} = ${n} > 0 ? Math.floor(${n}) : 0;`);
      return k;
    }
    const qv = fresh('q');
    emit(`const ${qv} = ${n} / ${lit(pf)}; const ${k} = ${qv} > 0 ? Math.floor(${qv}) : 0;`);
    const perInt = per.den === 1n && per.num < 2147483648n;
    const tol = `(2 * ${en} / ${lit(pf)} + Math.abs(${qv}) * ${lit(4 * EPS)})`;
    const check = `(${qv} - ${k} <= ${tol} || ${k} + 1 - ${qv} <= ${tol})`;
    if (raw && perInt) emit(`if (!(${n} % 1 === 0 && Math.abs(${n}) < 2147483648) && ${check}) return null;`);
    else emit(`if (${check}) return null;`);
    return k;
  }

  // ---------- bonus and penalty ----------
  emit('let bo = 0, tb = 0, pe = 0;');
  /** traced: one explanation entry per bonus (and per penalty) */
  const bonusEx: string[] = [];
  const penaltyEx: string[] = [];
  const pointItems = [...P.bonuses, ...(P.penalties ?? [])];
  pointItems.forEach((b) => {
    let n: string;
    let en: string;
    const raw = b.src.k === 'slot';
    if (b.src.k === 'slot') {
      n = fresh('b');
      rawRead(b.src.i, b.default, n);
      en = fresh('be');
      emit(`const ${en} = Math.abs(${n}) * ${lit(U1)};`);
    } else {
      [n, en] = metricVar.get(b.src.i)!;
    }
    const steps = stepsCode(n, en, raw, Q(b.per));
    const bv = fresh('bv');
    emit(`let ${bv} = ${lit(f(Q(b.points)))} * ${steps};`);
    if (b.max !== undefined) emit(`if (${bv} > ${lit(f(Q(b.max)))}) ${bv} = ${lit(f(Q(b.max)))};`);
    emit(b.penalty ? `pe += ${bv}; tb += Math.abs(${bv}) * ${lit(4 * EPS)};` : `bo += ${bv}; tb += Math.abs(${bv}) * ${lit(4 * EPS)};`);
    {
      const ds = [Q(b.points)];
      if (b.max !== undefined) ds.push(Q(b.max));
      let acc: number | undefined = 1;
      for (const x of ds) {
        const d = denLit(x);
        acc = d === undefined || acc === undefined ? undefined : lcmNum(acc, d);
      }
      dens.push(acc === undefined || acc > 1099511627776 ? '0' : lit(acc));
    }
    if (TR) {
      table.bonuses!.push(b.name);
      const cnt = raw ? numOfRaw(n) : numOfVal(n, `2 * ${en}`);
      const val = rounded(bv, `Math.abs(${bv}) * ${lit(4 * EPS)}`, sc(R), dens[dens.length - 1]!);
      const cv = fresh('cp');
      emit(`const ${cv} = ${b.max !== undefined ? cappedCond(Q(b.points), Q(b.max), steps) : 'false'};`);
      const mx = b.max !== undefined ? `, max: ${lit(numOfC(Q(b.max)))}` : '';
      (b.penalty ? penaltyEx : bonusEx).push(
        `{ name: BN[${idx(table.bonuses!.length - 1)}], count: ${cnt}, points: ${lit(numOfC(Q(b.points)))}, per: ${lit(numOfC(Q(b.per)))}, steps: ${steps}, value: ${val}, capped: ${cv}${mx} }`,
      );
    }
  });

  // ---------- vetoes ----------
  emit(INTO ? 'let vn = 0;' : 'const vt = [];');
  /** the number of vetoes triggered */
  const VTN = INTO ? 'vn' : 'vt.length';
  const vetoEx: string[] = [];
  P.vetoes.forEach((vto, i) => {
    table.vetoes.push(vto.name);
    const t = truthy(vto.expr);
    if (TR) {
      const hv = fresh('hit');
      emit(`const ${hv} = ${t};`);
      emit(`if (${hv}) vt.push(VN[${idx(i)}]);`);
      vetoEx.push(`{ name: VN[${idx(i)}], triggered: ${hv} }`);
    } else if (INTO) emit(`if (${t}) { vn++; O[${idx(OUT_VETOES + i)}] = 1; } else O[${idx(OUT_VETOES + i)}] = 0;`);
    else emit(`if (${t}) vt.push(VN[${idx(i)}]);`);
  });

  // ---------- total, grade ----------
  const n = P.inds.length + pointItems.length + 2;
  const hasPen = (P.penalties ?? []).length > 0;
  emit(`let T0 = 0, tT = 0;`);
  emit(`const tot = ACC[0], tt = ACC[1], ab = ${allNonNeg ? 'tot' : 'ACC[2]'};`);
  emit(`${P.vetoes.length > 0 ? `if (${VTN} === 0) ` : ''}{ T0 = tot + bo - pe; tT = tt + tb + (ab + Math.abs(bo) + Math.abs(pe)) * ${lit(n * 2 * EPS + 1e-14)}; }`);
  if (hasPen && !P.negativeTotal) {
    // the total stops at 0: which side of 0 the exact total lies on must be certain
    // (a vetoed total is 0 by the veto, not floored); near 0 the exact sign is uncertain: exact path
    emit(`let fl = false;`);
    emit(`if (${P.vetoes.length > 0 ? `${VTN} === 0 && ` : ''}tT > 0 && Math.abs(T0) <= 2 * tT) return null;`);
    emit('if (T0 < 0) { T0 = 0; tT = 0; fl = true; }');
  } else if (hasPen) emit('const fl = false;');
  emit(`let total = RD(T0, tT, ${sc(R)});`);
  emit('if (total !== total) {');
  emit('  // an exact rounding tie (or too close to call): settle it with integers when every term is a short decimal');
  emit(`  let D = 1;`);
  for (const d of dens) emit(`  D = LCM(D, ${d});`);
  emit(`  total = +TIE(T0, tT, D, ${sc(R)});`);
  emit('  if (total !== total) return null;');
  emit('}');
  if (P.bonuses.length === 0) emit('const bonus = 0;');
  else {
    emit(`const bonus = RD(bo, tb, ${sc(R)});`);
    emit('if (bonus !== bonus) return null;');
  }
  if (hasPen) {
    emit(`const penalty = RD(pe, tb, ${sc(R)});`);
    emit('if (penalty !== penalty) return null;');
  }
  /** `bonus` (and `penalty` when the plan has penalties): keys as run/exact.ts orders them */
  const BP = hasPen ? 'bonus, penalty' : 'bonus';
  if (!INTO) emit(`const inds = [${objs.join(', ')}];`);
  if (P.grades.length > 0) {
    P.grades.forEach((g) => {
      table.grades.push(g.label);
      table.coefs.push(g.coefficient !== undefined ? Number(g.coefficient) : undefined);
    });
    const last = P.grades.length - 1;
    emit('let g = -1;');
    emit(P.vetoes.length > 0 ? `if (${VTN} > 0) g = ${idx(last)};` : 'if (false) g = -1;');
    P.grades.forEach((g, i) => {
      if (g.min === undefined) emit(`else if (true) g = ${idx(i)};`);
      else {
        // rounded total ≥ min ⇔ scaled integer ≥ ceil(min × 10^R) ⇔ total ≥ fl(ceil(…) / 10^R)
        const scale = 10n ** BigInt(R);
        const m = Q(g.min).mul(Rational.of(scale));
        let c = m.floor();
        if (!Rational.of(c).eq(m)) c += 1n;
        const bound = Number(c) / 10 ** R;
        if (c > 2n ** 52n || c < -(2n ** 52n)) throw new CodegenError('grade bound out of range');
        emit(`else if (total >= ${lit(bound)}) g = ${idx(i)};`);
      }
    });
    if (INTO) {
      emit(`O[${idx(OUT_TOTAL)}] = total; O[${idx(OUT_GRADE)}] = g; O[${idx(OUT_COEFFICIENT)}] = g >= 0 && GC[g] != null ? GC[g] : NaN; O[${idx(OUT_BONUS)}] = bonus; O[${idx(OUT_PENALTY)}] = ${hasPen ? 'penalty' : 'NaN'};`);
      emit('return true;');
    } else if (!TR) {
      // one object literal per shape, so every row's result has the same hidden class
      emit('if (g >= 0) {');
      emit(`  if (GC[g] != null) return { ok: true, result: { total, grade: GL[g], coefficient: GC[g], ${BP}, vetoes: vt, indicators: inds } };`);
      emit(`  return { ok: true, result: { total, grade: GL[g], ${BP}, vetoes: vt, indicators: inds } };`);
      emit('}');
    }
  }
  if (INTO) {
    if (P.grades.length === 0) emit(`O[${idx(OUT_TOTAL)}] = total; O[${idx(OUT_GRADE)}] = -1; O[${idx(OUT_COEFFICIENT)}] = NaN; O[${idx(OUT_BONUS)}] = bonus; O[${idx(OUT_PENALTY)}] = ${hasPen ? 'penalty' : 'NaN'}; return true;`);
  } else if (!TR) emit(`return { ok: true, result: { total, ${BP}, vetoes: vt, indicators: inds } };`);
  else {
    emit('let res;');
    if (P.grades.length > 0) {
      emit(`if (g >= 0 && GC[g] != null) res = { total, grade: GL[g], coefficient: GC[g], ${BP}, vetoes: vt, indicators: inds };`);
      emit(`else if (g >= 0) res = { total, grade: GL[g], ${BP}, vetoes: vt, indicators: inds };`);
      emit(`else res = { total, ${BP}, vetoes: vt, indicators: inds };`);
    } else emit(`res = { total, ${BP}, vetoes: vt, indicators: inds };`);
    // groups: Σ weighted of the indicators under each (any depth), and that sum ÷ the group's weight
    const indDens = dens.slice(0, P.inds.length);
    const groupEx = P.groups.map((g, gi) => {
      table.groupNames!.push(g.name);
      table.groupPaths!.push(g.path);
      const gs = fresh('gs');
      const gt = fresh('gt');
      const gd = fresh('gd');
      emit(`let ${gs} = 0, ${gt} = 0, ${gd} = 1;`);
      for (const i of g.inds) emit(`${gs} += WV[${idx(i)}]; ${gt} += TW[${idx(i)}] + Math.abs(WV[${idx(i)}]) * ${lit((g.inds.length + 2) * 2 * EPS)}; ${gd} = LCM(${gd}, ${indDens[i]!});`);
      const weighted = rounded(gs, gt, sc(R + 2), gd);
      const gw = Q(g.weight);
      let score = '0';
      if (!gw.isZero()) {
        const gwf = f(gw);
        const q = fresh('gq');
        emit(`const ${q} = ${gs} / ${lit(gwf)};`);
        const num = gw.num < 0n ? -gw.num : gw.num;
        const den = num <= 1099511627776n ? `LCM(1, ${gd} * ${lit(Number(num))})` : '0';
        score = rounded(q, `${gt} / ${lit(Math.abs(gwf))} + Math.abs(${q}) * ${lit(4 * EPS)}`, sc(R + 2), den);
      }
      return `{ name: GN[${idx(gi)}], path: GP[${idx(gi)}], weight: ${lit(numOfC(gw))}, score: ${score}, weighted: ${weighted} }`;
    });
    emit('let SD = 1;');
    for (const d of indDens) emit(`SD = LCM(SD, ${d});`);
    const subtotal = rounded('tot', `tt + ab * ${lit((P.inds.length + 2) * 2 * EPS + 1e-14)}`, sc(R + 2), 'SD');
    const xs = P.inds.map((_, k) => `x${idx(k)}`).join(', ');
    emit(
      `const X = { plan: PN, round: ${idx(R)}, indicators: [${xs}], groups: [${groupEx.join(', ')}], subtotal: ${subtotal}, ` +
        `bonuses: [${bonusEx.join(', ')}], bonus, ${hasPen ? `penalties: [${penaltyEx.join(', ')}], penalty, floored: fl, ` : ''}vetoes: [${vetoEx.join(', ')}], vetoed: vt.length > 0, total: res.total };`,
    );
    emit('if (res.grade !== undefined) X.grade = res.grade;');
    emit('if (res.coefficient !== undefined) X.coefficient = res.coefficient;');
    emit('return { outcome: { ok: true, result: res }, explanation: X };');
  }


  const body = [
    '"use strict";',
    'const N = T.names, PA = T.paths, GL = T.grades, GC = T.coefs, VN = T.vetoes;',
    'const ACC = new Float64Array(3);',
    ...(TR
      ? [
          'const PN = T.plan, U = T.units, RN = T.raters, BN = T.bonuses, GN = T.groupNames, GP = T.groupPaths;',
          'let XI = null;',
          `const WV = new Float64Array(${lit(Math.max(1, P.inds.length))}), TW = new Float64Array(${lit(Math.max(1, P.inds.length))});`,
          // numOf (12 decimals) of a raw input double: the double itself when its decimal has at most 8 places
          'function N12(x) { if (x === 0) return 0; return DEN(x) > 0 ? x : NaN; }',
        ]
      : []),
    ...fnDefs,
    // half-up rounding of x to 1/sc, or NaN when x is within tol of a tie (then half-up and Math.round
    // could differ, and float cannot tell which side the exact value is on), huge, or not finite
    'function RD(x, tol, sc) {',
    '  const s = x * sc; const i = Math.round(s); const e = s - i;',
    '  if (!(0.5 - (e < 0 ? -e : e) > tol * sc + (s < 0 ? -s : s) * 5e-16)) return NaN;',
    '  return i / sc + 0;',
    '}',
    // RD(x, |x| × 1e-14, sc) in fewer operations
    'function RR(x, sc) {',
    '  const s = x * sc; const i = Math.round(s); const e = s - i;',
    '  if (!(0.5 - (e < 0 ? -e : e) > (s < 0 ? -s : s) * 1.05e-14)) return NaN;',
    '  return i / sc + 0;',
    '}',
    // smallest 10^k (k ≤ 8) with x = m / 10^k exactly as the input's decimal, 0 when none
    'function DEN(x) {',
    '  let p = 1;',
    '  for (let k = 0; k <= 8; k++, p *= 10) {',
    '    const y = x * p;',
    '    if (!(Math.abs(y) < 4503599627370496)) return 0;',
    '    if (Math.round(y) / p === x) return p;',
    '  }',
    '  return 0;',
    '}',
    // |m| for x = m / 10^k (0 → 0 when unknown)
    'function MUL(x) { const p = DEN(x); return p === 0 ? 0 : Math.abs(Math.round(x * p)); }',
    'function LCM(a, b) {',
    '  if (!(a > 0 && b > 0)) return 0;',
    '  let x = a, y = b;',
    '  while (y !== 0) { const t = x % y; x = y; y = t; }',
    '  const l = (a / x) * b;',
    '  return l <= 1099511627776 ? l : 0;',
    '}',
    // exact half-up rounding of T (known within tol) when its denominator divides D; NaN when it cannot tell.
    // Called as `+TIE(…)`: the optimiser knows nothing of what a call returns, so where a row once took this way
    // the variable it sets became a tagged value and the fast way's double a heap number on every later row
    // (~16 bytes a row each, `kpi score`, issue 14); `+` makes it a number, kept unboxed.
    'function TIE(T, tol, D, sc) {',
    '  if (!(D > 0 && D <= 1099511627776)) return NaN;',
    '  if (!((tol + Math.abs(T) * 3e-16) * D < 0.25)) return NaN;',
    '  const N = Math.round(T * D);',
    '  const neg = N < 0; const A = neg ? -N : N;',
    '  const X = A * sc;',
    '  if (!(X < 4503599627370496)) return NaN;',
    '  let q = Math.floor(X / D); let r = X - q * D;',
    '  if (r < 0) { q -= 1; r += D; } else if (r >= D) { q += 1; r -= D; }',
    '  if (2 * r >= D) q += 1;',
    '  return q === 0 ? 0 : (neg ? -q : q) / sc;',
    '}',
    ...(INTO ? ['let O = null;', 'return function scoreInto(v, out) {', '  O = out;'] : ['return function score(v) {']),
    ...lines.map((l) => '  ' + l),
    '};',
  ].join('\n');
  return { body, table };
}
