/**
 * The exact evaluator: scores one row of a lowered plan with BigInt rational arithmetic, exactly as
 * SPEC §2 says, and optionally records the explanation data. It is the reference the compiled float
 * code is tested against and the fallback it uses for "fragile" rows.
 *
 * SELF-CONTAINED ON PURPOSE: `makeExact` uses nothing from outside its own body (only type imports,
 * which compile away), so emitModule can embed its source text (`makeExact.toString()`) in standalone
 * modules, together with the lowered plan as JSON data. Keep it that way: no module-level helpers.
 */
import type { LPlan } from '../model/lowered.js';
import type { RowError, RowOutcome } from '../model/results.js';
import type { Explanation } from '../model/explanation.js';

/** exact values behind a traced row, as [numerator, denominator] pairs (for in-plan tests) */
export interface ExactValues {
  total: readonly [bigint, bigint];
  bonus: readonly [bigint, bigint];
  /** indicator scores, in plan order */
  scores: (readonly [bigint, bigint])[];
  /** group scores (Σ weighted / group weight), in LPlan.groups order */
  groups: (readonly [bigint, bigint])[];
  /** weighted contributions (score × effective weight): indicators in plan order, groups in LPlan.groups order */
  weighted: (readonly [bigint, bigint])[];
  groupWeighted: (readonly [bigint, bigint])[];
  /** points taken off by penalties */
  penalty: readonly [bigint, bigint];
}

export type ExactEvaluator = (
  values: ArrayLike<number>,
  trace?: boolean,
) => { outcome: RowOutcome; explanation?: Explanation; exact?: ExactValues };

export function makeExact(P: LPlan): ExactEvaluator {
  // ---------- tiny exact rationals: [num, den], den > 0, normalised ----------
  type Q = readonly [bigint, bigint];
  const gcd = (a: bigint, b: bigint): bigint => {
    if (a < 0n) a = -a;
    while (b !== 0n) {
      const t = a % b;
      a = b;
      b = t;
    }
    return a === 0n ? 1n : a;
  };
  // Resource bound (issue 13): an exact value never grows beyond MAXBITS bits. A plan whose metrics square a
  // value again and again (m1 = m0 * m0, …) doubles its size per level; gcd is quadratic in the size. The checker
  // refuses such plans (KPI0950); this is the backstop: a row that would exceed it stops with KPI0951 instead
  // of running for minutes or dying with "Maximum BigInt size exceeded". 8,192 bits (about 2,466 digits) is far
  // beyond any real appraisal value and keeps one gcd under ~0.1 s.
  // … plus 64 bits per scored item: the exact total of 10,000 indicators with targets 1..10,000 has a
  // denominator of ~14,400 bits (lcm of the targets) and is legitimate; the bound grows with the plan, not the data
  const MAXBITS = 8192 + 64 * (P.inds.length + P.bonuses.length);
  const BIG = 1n << BigInt(MAXBITS);
  const TOO_BIG = { tooBig: MAXBITS };
  /** a reported number (total, bonus, a score) beyond the range of a double (~1.8e308): e.g. a bonus without
   * `max` counting 1e308 events. Reported as KPI0951 too, never as `Infinity` in a report */
  const TOO_BIG_REPORT = { tooBigReport: true };
  const bound = (n: bigint, d: bigint): void => {
    if (n >= BIG || n <= -BIG || d >= BIG) throw TOO_BIG;
  };
  /** normalised (used for plan constants) */
  const q = (n: bigint, d: bigint): Q => {
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return [n / g, d / g];
  };
  /** arithmetic results: reduced only once the denominator grows large (every operation below is
   * correct on unreduced fractions; skipping gcd keeps the fallback fast) */
  const LIM = 1n << 96n;
  const mk = (n: bigint, d: bigint): Q => {
    bound(n, d);
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    return d > LIM ? q(n, d) : [n, d];
  };
  const parse = (t: string): Q => {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!m) throw new Error('bad number ' + t);
    const frac = m[3] ?? '';
    let n = BigInt((m[2] || '0') + frac);
    if (m[1] === '-') n = -n;
    let d = 10n ** BigInt(frac.length);
    const e = Number(m[4] ?? '0');
    if (e > 0) n *= 10n ** BigInt(e);
    else if (e < 0) d *= 10n ** BigInt(-e);
    return q(n, d);
  };
  /** the exact value of an input double is its shortest decimal form (what a person typed) */
  const fromNum = (x: number): Q => (Number.isSafeInteger(x) ? [BigInt(x), 1n] : parse(String(x)));
  const add = (a: Q, b: Q): Q => (a[1] === b[1] ? mk(a[0] + b[0], a[1]) : mk(a[0] * b[1] + b[0] * a[1], a[1] * b[1]));
  const sub = (a: Q, b: Q): Q => (a[1] === b[1] ? mk(a[0] - b[0], a[1]) : mk(a[0] * b[1] - b[0] * a[1], a[1] * b[1]));
  const mul = (a: Q, b: Q): Q => mk(a[0] * b[0], a[1] * b[1]);
  const div = (a: Q, b: Q): Q => mk(a[0] * b[1], a[1] * b[0]);
  const cmp = (a: Q, b: Q): number => {
    const d = a[0] * b[1] - b[0] * a[1];
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  };
  const isZero = (a: Q) => a[0] === 0n;
  const min = (a: Q, b: Q): Q => (cmp(a, b) <= 0 ? a : b);
  const max = (a: Q, b: Q): Q => (cmp(a, b) >= 0 ? a : b);
  const floorQ = (a: Q): Q => {
    let f = a[0] / a[1];
    if (a[0] < 0n && f * a[1] !== a[0]) f -= 1n;
    return [f, 1n];
  };
  const ceilQ = (a: Q): Q => {
    const f = floorQ(a);
    return f[0] * a[1] === a[0] ? f : [f[0] + 1n, 1n];
  };
  const ZERO: Q = [0n, 1n];
  const ONE: Q = [1n, 1n];
  /** Σ terms. Beyond a few terms, pairwise (a balanced tree): with unrelated denominators (targets 1..10,000)
   * a running sum grows by every term and costs quadratic big-number work; pairwise keeps most additions small. */
  const sumQ = (xs: readonly Q[]): Q => {
    if (xs.length <= 8) {
      let s = ZERO;
      for (const x of xs) s = add(s, x);
      return s;
    }
    let level: Q[] = xs.slice();
    while (level.length > 1) {
      const next: Q[] = [];
      for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? add(level[i]!, level[i + 1]!) : level[i]!);
      level = next;
    }
    return level[0]!;
  };
  const HUNDRED: Q = [100n, 1n];
  /** round half away from zero to `dec` places → scaled integer */
  const POW10: bigint[] = [];
  for (let i = 0, p = 1n; i <= 40; i++, p *= 10n) POW10.push(p);
  const pow10 = (dec: number): bigint => POW10[dec] ?? 10n ** BigInt(dec);
  const roundScaled = (a: Q, dec: number): bigint => {
    if (a[1] === 1n) return a[0] * pow10(dec);
    const s = a[0] * pow10(dec);
    const neg = s < 0n;
    const abs = neg ? -s : s;
    let i = abs / a[1];
    if ((abs - i * a[1]) * 2n >= a[1]) i += 1n;
    return neg ? -i : i;
  };
  const decText = (i: bigint, dec: number): string => {
    const neg = i < 0n;
    let s = (neg ? -i : i).toString();
    if (dec > 0) {
      s = s.padStart(dec + 1, '0');
      s = s.slice(0, s.length - dec) + '.' + s.slice(s.length - dec);
    }
    return (neg ? '-' : '') + s;
  };
  /** reported number: exact value rounded half-up, as the double whose shortest text is that decimal */
  const P10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
  const SAFE = 1n << 53n;
  const out = (a: Q, dec: number): number => {
    const i = roundScaled(a, dec);
    if (i === 0n) return 0;
    // |i| < 2^53 and 10^dec exact: the correctly rounded quotient is the double nearest the decimal
    if (i < SAFE && i > -SAFE && dec < P10.length) return Number(i) / P10[dec]!;
    const x = Number(decText(i, dec));
    if (!Number.isFinite(x)) throw TOO_BIG_REPORT;
    return x;
  };
  const roundQ = (a: Q, dec: number): Q => q(roundScaled(a, dec), pow10(dec));
  const numOf = (a: Q): number => out(a, 12);

  // ---------- the plan, parsed once ----------
  const pcache = new Map<string, Q>();
  const pnum = (t: string): Q => {
    let v = pcache.get(t);
    if (v === undefined) {
      v = parse(t);
      pcache.set(t, v);
    }
    return v;
  };
  const R = P.round;
  const inds = P.inds.map((ind) => ({
    ind,
    w: parse(ind.weight),
    t: ind.target !== undefined ? parse(ind.target) : undefined,
    cap: parse(ind.cap),
    floor: ind.floor !== undefined ? parse(ind.floor) : undefined,
    def: ind.default !== undefined ? parse(ind.default) : undefined,
    rows: (ind.rows ?? []).map((r) => ({ op: r.op, bound: parse(r.bound), score: parse(r.score) })),
    els: ind.else !== undefined ? parse(ind.else) : ZERO,
    pts: (ind.points ?? []).map((p) => ({ x: parse(p.x), y: parse(p.y) })),
    dpoints: ind.dpoints !== undefined ? parse(ind.dpoints) : ZERO,
    per: ind.per !== undefined ? parse(ind.per) : ONE,
    max: ind.max !== undefined ? parse(ind.max) : undefined,
    lo: ind.lo !== undefined ? parse(ind.lo) : ZERO,
    hi: ind.hi !== undefined ? parse(ind.hi) : ONE,
    raters: (ind.raters ?? []).map((r) => ({ name: r.name, w: parse(r.weight), slot: r.slot })),
    high: ind.targetHigh !== undefined ? parse(ind.targetHigh) : undefined,
    local: parse(ind.local),
    steps: (['deduct', 'add'] as const).flatMap((kind) => {
      const st = kind === 'deduct' ? ind.stepDeduct : ind.stepAdd;
      return st ? [{ kind, st, points: parse(st.points), per: parse(st.per), max: st.max !== undefined ? parse(st.max) : undefined }] : [];
    }),
  }));
  const groupLocal = P.groups.map((g) => parse(g.local));
  const bonuses = [...P.bonuses, ...(P.penalties ?? [])].map((b) => ({
    b,
    points: parse(b.points),
    per: parse(b.per),
    max: b.max !== undefined ? parse(b.max) : undefined,
    def: b.default !== undefined ? parse(b.default) : undefined,
  }));
  const metricDefaults = P.metrics.map((m) => (m.default !== undefined ? parse(m.default) : undefined));
  const grades = P.grades.map((g) => ({
    label: g.label,
    min: g.min !== undefined ? parse(g.min) : undefined,
    coefficient: g.coefficient,
  }));

  type Fail = { code: string; column?: string; value?: string; metric?: string; detail?: string };
  type Src = LPlan['inds'][number]['src'];
  type Ex = LPlan['vetoes'][number]['expr'];

  const scoreRow: ExactEvaluator = (values, trace) => {
    const memo: (Q | Fail | undefined)[] = new Array(P.metrics.length);
    const isFail = (v: Q | Fail): v is Fail => !Array.isArray(v);
    const readSlot = (i: number): Q | Fail => {
      const x = values[i] as number;
      const column = P.inputs[i]!.column;
      if (x !== x) return { code: 'KPI0901', column };
      // −∞ is the data layer's mark for a N/A cell (不适用) in a column an optional indicator reads (data/table.ts);
      // anywhere else it is just not a finite number
      if (x === -Infinity && P.inputs[i]!.na === true) return { code: 'KPI0906', column };
      if (!Number.isFinite(x)) return { code: 'KPI0904', column, value: String(x) };
      return fromNum(x);
    };
    const evalExpr = (e: Ex): Q | Fail => {
      switch (e.k) {
        case 'num':
          return pnum(e.v);
        case 'src':
          return read(e.s);
        case 'neg': {
          const a = evalExpr(e.a);
          return isFail(a) ? a : q(-a[0], a[1]);
        }
        case 'abs': {
          const a = evalExpr(e.a);
          return isFail(a) ? a : a[0] < 0n ? q(-a[0], a[1]) : a;
        }
        case 'not': {
          const a = evalExpr(e.a);
          return isFail(a) ? a : isZero(a) ? ONE : ZERO;
        }
        case 'min':
        case 'max': {
          let acc: Q | undefined;
          for (const x of e.args) {
            const v = evalExpr(x);
            if (isFail(v)) return v;
            acc = acc === undefined ? v : e.k === 'min' ? min(acc, v) : max(acc, v);
          }
          return acc!;
        }
        default: {
          const a = evalExpr(e.a);
          if (isFail(a)) return a;
          const b = evalExpr(e.b);
          if (isFail(b)) return b;
          const c = (x: boolean): Q => (x ? ONE : ZERO);
          switch (e.k) {
            case '+':
              return add(a, b);
            case '-':
              return sub(a, b);
            case '*':
              return mul(a, b);
            case '/':
              return isZero(b) ? { code: 'KPI0902' } : div(a, b);
            case '>':
              return c(cmp(a, b) > 0);
            case '>=':
              return c(cmp(a, b) >= 0);
            case '<':
              return c(cmp(a, b) < 0);
            case '<=':
              return c(cmp(a, b) <= 0);
            case '==':
              return c(cmp(a, b) === 0);
            case '!=':
              return c(cmp(a, b) !== 0);
            case 'and':
              return c(!isZero(a) && !isZero(b));
            case 'or':
              return c(!isZero(a) || !isZero(b));
          }
        }
      }
    };
    // Metrics are lowered in dependency order (a metric reads only metrics before it). Evaluating the
    // earlier ones first keeps the recursion one level deep however long a chain of metrics is.
    let ready = 0;
    const metric = (i: number): Q | Fail => {
      const known = memo[i];
      if (known !== undefined) return known;
      for (; ready < i; ready++) if (memo[ready] === undefined) evalMetric(ready);
      return evalMetric(i);
    };
    const evalMetric = (i: number): Q | Fail => {
      let v = evalExpr(P.metrics[i]!.expr);
      if (isFail(v)) {
        const d = metricDefaults[i];
        if (d) v = d;
        else if (v.metric === undefined) v = { ...v, metric: P.metrics[i]!.name };
      }
      memo[i] = v;
      return v;
    };
    const read = (s: NonNullable<Src>): Q | Fail => (s.k === 'slot' ? readSlot(s.i) : metric(s.i));

    const errors: RowError[] = [];
    const seen = new Set<string>();
    const fail = (f: Fail, element: string) => {
      const key = f.code + '\u0000' + (f.column ?? '') + '\u0000' + element + '\u0000' + (f.value ?? '');
      if (seen.has(key)) return;
      seen.add(key);
      const via = f.metric !== undefined ? ` (read by metric \`${f.metric}\`)` : '';
      let message: string;
      let help: string;
      if (f.code === 'KPI0901') {
        message = `no value in column \`${f.column}\`${via} for \`${element}\``;
        help = `fill in the cell, or give \`${element}\` a \`default\``;
      } else if (f.code === 'KPI0902') {
        message = `metric \`${f.metric}\` divides by zero for \`${element}\``;
        help = `check the row's values; for rows where it cannot be computed, give \`${element}\` a \`default\``;
      } else if (f.code === 'KPI0905') {
        message =
          f.value === undefined
            ? `no target in column \`${f.column}\`${via} for \`${element}\``
            : `the target ${f.value} in column \`${f.column}\`${via} must be above 0 for \`${element}\``;
        help = `each row of \`${f.column}\` holds that person's target: fill in a positive number`;
      } else if (f.code === 'KPI0906') {
        message = `column \`${f.column}\`${via} says N/A, but \`${element}\` is not optional`;
        help = `mark the indicator \`optional\` if it may not apply to some people (its weight then goes to the others), or fill in the cell`;
      } else if (f.code === 'KPI0907') {
        message = 'every indicator is N/A for this row, so nothing can be scored';
        help = 'fill in at least one indicator, or leave the row out';
      } else if (f.code === 'KPI0903') {
        message = `mark ${f.value} in column \`${f.column}\` is outside the rating scale ${f.detail} of \`${element}\``;
        help = `a mark lies within ${f.detail}: correct the cell`;
      } else {
        message = `value ${f.value} in column \`${f.column}\`${via} is not a finite number`;
        help = 'write a number as people do: `95%`, `0.95`, `1,200,000`';
      }
      const err: RowError = { code: f.code, message, help, element };
      // the parts of the message, so a reader can say it in another language (diagnostics/messages/run.ts)
      err.parts = { element };
      if (f.metric !== undefined) err.parts.metric = f.metric;
      if (f.detail !== undefined) err.parts.detail = f.detail;
      if (f.column !== undefined) err.column = f.column;
      if (f.value !== undefined) err.value = f.value;
      errors.push(err);
    };

    const results: NonNullable<Extract<RowOutcome, { ok: true }>['result']>['indicators'] = [];
    const expl: Explanation['indicators'] = [];
    const weighted: Q[] = [];
    const scoresQ: Q[] = [];

    // ---- not applicable (N/A) cells: which optional indicators drop out, and the weights that remain ----
    // A dropped indicator's weight goes to its siblings in proportion to theirs; a scope with nothing left
    // drops out of its own scope likewise (SPEC §6). Effective weight = Π along the path of
    // local weight × (Σ local of the scope ÷ Σ local of what applies there).
    const na: boolean[] = inds.map(() => false);
    let anyNa = false;
    if (P.hasOptional) {
      inds.forEach((c, k) => {
        if (!c.ind.optional) return;
        if (c.ind.raters && c.ind.raters.length > 0) {
          const all = c.raters.every((r) => values[r.slot] === -Infinity);
          na[k] = all;
        } else {
          const v = read(c.ind.src!);
          na[k] = isFail(v) && v.code === 'KPI0906';
        }
        if (na[k]) anyNa = true;
      });
    }
    const effW: Q[] = inds.map((c) => c.w);
    const groupW: (Q | undefined)[] = P.groups.map(() => undefined);
    if (anyNa) {
      const G = P.groups.length;
      const liveSum: Q[] = new Array(G + 1).fill(ZERO);
      const allSum: Q[] = new Array(G + 1).fill(ZERO);
      const live: boolean[] = new Array(G).fill(false);
      // groups are listed parent before child: walk backwards so a group knows whether anything under it applies
      inds.forEach((c, k) => {
        const p = c.ind.parent + 1;
        allSum[p] = add(allSum[p]!, c.local);
        if (!na[k]) liveSum[p] = add(liveSum[p]!, c.local);
      });
      for (let g = G - 1; g >= 0; g--) {
        live[g] = !isZero(liveSum[g + 1]!) || live[g] === true;
        const p = P.groups[g]!.parent + 1;
        allSum[p] = add(allSum[p]!, groupLocal[g]!);
        if (live[g]) liveSum[p] = add(liveSum[p]!, groupLocal[g]!);
      }
      if (isZero(liveSum[0]!)) {
        fail({ code: 'KPI0907' }, P.name);
        return { outcome: { ok: false, errors } };
      }
      const scale = (p: number): Q => (isZero(liveSum[p + 1]!) ? ZERO : div(allSum[p + 1]!, liveSum[p + 1]!));
      const effOf = (p: number): Q => (p < 0 ? ONE : groupW[p]!);
      for (let g = 0; g < G; g++) {
        const p = P.groups[g]!.parent;
        groupW[g] = live[g] ? mul(mul(effOf(p), groupLocal[g]!), scale(p)) : ZERO;
      }
      inds.forEach((c, k) => {
        effW[k] = na[k] ? ZERO : mul(mul(effOf(c.ind.parent), c.local), scale(c.ind.parent));
      });
    }

    let k = -1;
    for (const c of inds) {
      k++;
      const ind = c.ind;
      if (na[k]) {
        weighted.push(ZERO);
        scoresQ.push(ZERO);
        results.push({ name: ind.name, path: ind.path, actual: null, na: true, score: 0, weight: 0, weighted: 0 });
        if (trace) {
          expl.push({
            name: ind.name,
            path: ind.path,
            method: ind.method,
            on: ind.on,
            lower: ind.lower,
            actual: 0,
            actualPercent: ind.targetPercent || ind.unit === '%',
            defaulted: false,
            targetPercent: ind.targetPercent,
            capApplied: false,
            floorApplied: false,
            na: true,
            score: 0,
            weight: 0,
            weighted: 0,
          });
        }
        continue;
      }
      let actual: Q | undefined;
      let defaulted = false;
      let markRaters: { name: string; weight: number; mark: number | null }[] | undefined;
      // ---- read the actual (or count, or mark) ----
      if (ind.raters && ind.raters.length > 0) {
        let sw = ZERO;
        let sm = ZERO;
        let bad = false;
        markRaters = [];
        for (const r of c.raters) {
          const v = readSlot(r.slot);
          if (isFail(v)) {
            if (v.code === 'KPI0901' || (v.code === 'KPI0906' && ind.optional)) {
              markRaters.push({ name: r.name, weight: numOf(r.w), mark: null });
              continue;
            }
            fail(v, ind.name);
            bad = true;
            continue;
          }
          if (cmp(v, c.lo) < 0 || cmp(v, c.hi) > 0) {
            fail({ code: 'KPI0903', column: P.inputs[r.slot]!.column, value: String(values[r.slot]), detail: `${ind.lo}..${ind.hi}` }, ind.name);
            bad = true;
            continue;
          }
          markRaters.push({ name: r.name, weight: numOf(r.w), mark: numOf(v) });
          sw = add(sw, r.w);
          sm = add(sm, mul(r.w, v));
        }
        if (bad) continue;
        if (isZero(sw)) {
          if (c.def) {
            actual = c.def;
            defaulted = true;
          } else {
            fail({ code: 'KPI0901', column: P.inputs[c.raters[0]!.slot]!.column }, ind.name);
            continue;
          }
        } else actual = div(sm, sw);
      } else {
        const v = read(ind.src!);
        if (isFail(v)) {
          if (c.def) {
            actual = c.def;
            defaulted = true;
          } else {
            fail(v, ind.name);
            continue;
          }
        } else actual = v;
        if (ind.method === 'rating' && !defaulted && (cmp(actual, c.lo) < 0 || cmp(actual, c.hi) > 0)) {
          const col = ind.src!.k === 'slot' ? P.inputs[ind.src!.i]!.column : P.metrics[ind.src!.i]!.name;
          fail({ code: 'KPI0903', column: col, value: numOf(actual).toString(), detail: `${ind.lo}..${ind.hi}` }, ind.name);
          continue;
        }
      }
      // ---- the target: a plan constant, or this person's own (read from a column or metric) ----
      let tq = c.t;
      if (ind.targetSrc) {
        const tv = read(ind.targetSrc);
        const tcol = ind.targetSrc.k === 'slot' ? P.inputs[ind.targetSrc.i]!.column : P.metrics[ind.targetSrc.i]!.name;
        if (isFail(tv)) {
          fail(tv.code === 'KPI0901' ? { code: 'KPI0905', column: tcol } : tv, ind.name);
          continue;
        }
        const divides =
          ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio') ||
          (ind.method === 'steps' && ind.stepMeasure === 'share');
        if (divides && cmp(tv, ZERO) <= 0) {
          fail({ code: 'KPI0905', column: tcol, value: numOf(tv).toString() }, ind.name);
          continue;
        }
        tq = tv;
      }
      if (errors.length > 0) continue; // the row fails anyway: only collect further errors

      // ---- score ----
      const a = actual;
      let ratio: Q | undefined;
      let score: Q = ZERO;
      let capApplied = false;
      let floorApplied = false;
      const ex: Explanation['indicators'][number] = trace
        ? {
            name: ind.name,
            path: ind.path,
            method: ind.method,
            on: ind.on,
            lower: ind.lower,
            actual: out(a, R + 4),
            actualPercent: ind.targetPercent || ind.unit === '%',
            defaulted,
            targetPercent: ind.targetPercent,
            capApplied: false,
            floorApplied: false,
            score: 0,
            weight: 0,
            weighted: 0,
          }
        : (undefined as never);
      if (trace) {
        if (tq) ex.target = numOf(tq);
        if (c.high) ex.targetHigh = numOf(c.high);
        if (ind.targetSrc) ex.targetFrom = ind.targetSrc.k === 'slot' ? P.inputs[ind.targetSrc.i]!.column : P.metrics[ind.targetSrc.i]!.name;
        if (ind.unit !== undefined) ex.unit = ind.unit;
      }
      const needRatio =
        ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio');
      if (needRatio) {
        const t = tq!;
        const inverse = ind.method === 'reverse' || ind.lower;
        const hi = c.high;
        if (hi !== undefined && (ind.method === 'linear' || ind.method === 'reverse')) {
          // a target range (SPEC §6, 落实3-5家): the near end scores 100, the far end reaches the cap,
          // linearly between; beyond the near end the ratio is as for a single target
          if (!inverse) {
            if (cmp(a, t) < 0) ratio = div(a, t);
            else if (cmp(a, hi) >= 0) ratio = c.cap;
            else ratio = add(ONE, div(mul(sub(c.cap, ONE), sub(a, t)), sub(hi, t)));
          } else {
            if (cmp(a, hi) > 0) ratio = div(hi, a);
            else if (cmp(a, t) <= 0) ratio = c.cap;
            else ratio = add(ONE, div(mul(sub(c.cap, ONE), sub(hi, a)), sub(hi, t)));
          }
        } else if (inverse) ratio = cmp(a, ZERO) <= 0 ? c.cap : div(t, a);
        else ratio = div(a, t);
      }
      const gated = needRatio && c.floor !== undefined && cmp(ratio!, c.floor) < 0;
      if (gated) {
        floorApplied = true;
        score = ZERO;
      } else {
        switch (ind.method) {
          case 'linear':
          case 'reverse': {
            const r = ratio!;
            capApplied = cmp(r, c.cap) > 0;
            score = mul(HUNDRED, max(ZERO, min(r, c.cap)));
            break;
          }
          case 'threshold': {
            // a range is met from its low end up (its high end down, lower is better)
            const k2 = ind.lower ? cmp(a, c.high ?? tq!) : cmp(a, tq!);
            score = (ind.lower ? k2 <= 0 : k2 >= 0) ? HUNDRED : ZERO;
            break;
          }
          case 'bands': {
            const basis = ind.on === 'ratio' ? ratio! : a;
            let hit = -1;
            for (let j = 0; j < c.rows.length; j++) {
              const row = c.rows[j]!;
              const k2 = cmp(basis, row.bound);
              const holds = row.op === '>=' ? k2 >= 0 : row.op === '>' ? k2 > 0 : row.op === '<=' ? k2 <= 0 : k2 < 0;
              if (holds) {
                hit = j;
                break;
              }
            }
            score = hit >= 0 ? c.rows[hit]!.score : c.els;
            if (trace) {
              const row = ind.rows![hit];
              ex.band = row ? { index: hit, op: row.op, bound: numOf(c.rows[hit]!.bound), score: numOf(score) } : { index: -1, score: numOf(score) };
            }
            break;
          }
          case 'curve': {
            const x = ind.on === 'ratio' ? ratio! : a;
            const pts = c.pts;
            const first = pts[0]!;
            const last = pts[pts.length - 1]!;
            if (cmp(x, first.x) <= 0) {
              score = first.y;
              if (trace) ex.segment = { end: 'below', x: numOf(first.x), y: numOf(first.y) };
            } else if (cmp(x, last.x) >= 0) {
              score = last.y;
              if (trace) ex.segment = { end: 'above', x: numOf(last.x), y: numOf(last.y) };
            } else {
              let j = 0;
              while (cmp(x, pts[j + 1]!.x) >= 0) j++;
              const p0 = pts[j]!;
              const p1 = pts[j + 1]!;
              score = add(p0.y, div(mul(sub(x, p0.x), sub(p1.y, p0.y)), sub(p1.x, p0.x)));
              if (trace) ex.segment = { from: { x: numOf(p0.x), y: numOf(p0.y) }, to: { x: numOf(p1.x), y: numOf(p1.y) } };
            }
            break;
          }
          case 'deduct': {
            // a negative count deducts nothing (the score never rises above 100 without a cap)
            const steps = max(ZERO, floorQ(div(a, c.per)));
            let d = mul(c.dpoints, steps);
            const capped = c.max !== undefined && cmp(d, c.max) > 0;
            if (capped) d = c.max!;
            score = max(ZERO, sub(HUNDRED, d));
            if (trace) {
              ex.deduct = { count: numOf(a), per: numOf(c.per), points: numOf(c.dpoints), steps: numOf(steps), deduction: numOf(d), capped };
              if (c.max) ex.deduct.max = numOf(c.max);
            }
            break;
          }
          case 'steps': {
            // points per step of distance from the target (每低1%扣5分, 超额1%加2分最高加10分): partial steps
            // count in proportion unless the clause says `whole` (不足一档不计) or `started` (按一档计)
            const t = tq!;
            let sc = HUNDRED;
            const taken: NonNullable<Explanation['indicators'][number]['steps']> = [];
            for (const x of c.steps) {
              const diff = x.st.side === 'below' ? sub(t, a) : sub(a, t);
              const gap = cmp(diff, ZERO) > 0 ? diff : ZERO;
              const measured = ind.stepMeasure === 'share' ? div(gap, t) : gap;
              let units = div(measured, x.per);
              if (x.st.rounding === 'whole') units = floorQ(units);
              else if (x.st.rounding === 'started') units = ceilQ(units);
              let v = mul(x.points, units);
              const capped = x.max !== undefined && cmp(v, x.max) > 0;
              if (capped) v = x.max!;
              sc = x.kind === 'deduct' ? sub(sc, v) : add(sc, v);
              if (trace) {
                const e: (typeof taken)[number] = {
                  kind: x.kind,
                  side: x.st.side,
                  gap: out(measured, R + 4),
                  share: ind.stepMeasure === 'share',
                  per: numOf(x.per),
                  points: numOf(x.points),
                  units: out(units, R + 4),
                  rounding: x.st.rounding,
                  value: out(v, R + 2),
                  capped,
                };
                if (x.max) e.max = numOf(x.max);
                taken.push(e);
              }
            }
            score = max(ZERO, sc);
            if (trace) ex.steps = taken;
            break;
          }
          case 'rating': {
            score = div(mul(HUNDRED, a), c.hi);
            if (trace) {
              ex.rating = { lo: numOf(c.lo), hi: numOf(c.hi), mark: out(a, R + 4) };
              if (markRaters) ex.rating.raters = markRaters;
            }
            break;
          }
        }
      }
      const wk = effW[k]!;
      const wv = mul(score, wk);
      weighted.push(wv);
      scoresQ.push(score);
      const res: (typeof results)[number] = {
        name: ind.name,
        path: ind.path,
        actual: out(a, R + 4),
        score: out(score, R + 2),
        weight: numOf(wk),
        weighted: out(wv, R + 2),
      };
      if (needRatio) res.ratio = out(ratio!, R + 4);
      // key order matches the compiled code's object literal
      results.push(
        needRatio
          ? { name: res.name, path: res.path, actual: res.actual, ratio: res.ratio!, score: res.score, weight: res.weight, weighted: res.weighted }
          : res,
      );
      if (trace) {
        if (ratio !== undefined) ex.ratio = out(ratio, R + 4);
        if (c.floor !== undefined && needRatio) ex.floor = numOf(c.floor);
        if (ind.method === 'linear' || ind.method === 'reverse') ex.cap = numOf(c.cap);
        ex.capApplied = capApplied;
        ex.floorApplied = floorApplied;
        if (anyNa) ex.reweighted = true;
        ex.score = res.score;
        ex.weight = res.weight;
        ex.weighted = res.weighted;
        expl.push(ex);
      }
    }

    const sum = sumQ(weighted);

    // ---- bonus ----
    let bonus = ZERO;
    let penalty = ZERO;
    const bonusExpl: Explanation['bonuses'] = [];
    const penaltyExpl: Explanation['bonuses'] = [];
    for (const b of bonuses) {
      let n = read(b.b.src);
      if (isFail(n)) {
        if (b.def) n = b.def;
        else {
          fail(n, b.b.name);
          continue;
        }
      }
      // a negative count adds nothing (a bonus never takes points away, a penalty never gives them)
      const steps = max(ZERO, floorQ(div(n, b.per)));
      let v = mul(b.points, steps);
      const capped = b.max !== undefined && cmp(v, b.max) > 0;
      if (capped) v = b.max!;
      if (b.b.penalty) penalty = add(penalty, v);
      else bonus = add(bonus, v);
      if (trace) {
        const e: Explanation['bonuses'][number] = { name: b.b.name, count: numOf(n), points: numOf(b.points), per: numOf(b.per), steps: numOf(steps), value: out(v, R), capped };
        if (b.max) e.max = numOf(b.max);
        (b.b.penalty ? penaltyExpl : bonusExpl).push(e);
      }
    }

    // ---- vetoes ----
    const vetoes: string[] = [];
    const vetoExpl: Explanation['vetoes'] = [];
    for (const v of P.vetoes) {
      const r = evalExpr(v.expr);
      if (isFail(r)) {
        fail(r, v.name);
        continue;
      }
      const hit = !isZero(r);
      if (hit) vetoes.push(v.name);
      if (trace) vetoExpl.push({ name: v.name, triggered: hit });
    }

    if (errors.length > 0) return { outcome: { ok: false, errors } };

    const vetoed = vetoes.length > 0;
    // penalties (扣分项) come off after weighting; the total stops at 0 unless the plan allows less
    let exactTotal = vetoed ? ZERO : sub(add(sum, bonus), penalty);
    const floored = !P.negativeTotal && cmp(exactTotal, ZERO) < 0;
    if (floored) exactTotal = ZERO;
    const total = roundQ(exactTotal, R);
    let grade: (typeof grades)[number] | undefined;
    if (grades.length > 0) {
      if (vetoed) grade = grades[grades.length - 1];
      else grade = grades.find((g) => g.min === undefined || cmp(total, g.min) >= 0);
    }
    const result: Extract<RowOutcome, { ok: true }>['result'] = {
      total: out(total, R),
      bonus: out(bonus, R),
      vetoes,
      indicators: results,
    };
    const hasPenalties = P.penalties !== undefined && P.penalties.length > 0;
    if (hasPenalties) result.penalty = out(penalty, R);
    if (grade) {
      result.grade = grade.label;
      if (grade.coefficient !== undefined) result.coefficient = Number(grade.coefficient);
    }
    // key order matches the compiled code
    const ordered: typeof result = { total: result.total } as typeof result;
    if (result.grade !== undefined) ordered.grade = result.grade;
    if (result.coefficient !== undefined) ordered.coefficient = result.coefficient;
    ordered.bonus = result.bonus;
    if (hasPenalties) ordered.penalty = result.penalty!;
    ordered.vetoes = result.vetoes;
    ordered.indicators = result.indicators;
    const outcome: RowOutcome = { ok: true, result: ordered };
    if (!trace) return { outcome };

    const groupScores: Q[] = [];
    const groupWeighted: Q[] = [];
    const groups: Explanation['groups'] = P.groups.map((g, gi) => {
      const s = sumQ(g.inds.map((i) => weighted[i]!));
      groupWeighted.push(s);
      const gw = groupW[gi] ?? parse(g.weight);
      const gs = isZero(gw) ? ZERO : div(s, gw);
      groupScores.push(gs);
      return { name: g.name, path: g.path, weight: numOf(gw), score: out(gs, R + 2), weighted: out(s, R + 2) };
    });
    const explanation: Explanation = {
      plan: P.name,
      round: R,
      indicators: expl,
      groups,
      subtotal: out(sum, R + 2),
      bonuses: bonusExpl,
      bonus: out(bonus, R),
      ...(hasPenalties ? { penalties: penaltyExpl, penalty: out(penalty, R), floored } : {}),
      vetoes: vetoExpl,
      vetoed,
      total: ordered.total,
    };
    if (ordered.grade !== undefined) explanation.grade = ordered.grade;
    if (ordered.coefficient !== undefined) explanation.coefficient = ordered.coefficient;
    return { outcome, explanation, exact: { total: exactTotal, bonus, scores: scoresQ, groups: groupScores, weighted, groupWeighted, penalty } };
  };
  return (values, trace) => {
    try {
      return scoreRow(values, trace);
    } catch (e) {
      if (e !== TOO_BIG && e !== TOO_BIG_REPORT) throw e;
      const error: RowError = {
        code: 'KPI0951',
        message:
          e === TOO_BIG
            ? `an exact intermediate value of this row grew beyond ${MAXBITS} bits (about ${Math.floor(MAXBITS * 0.30103)} digits), so it cannot be scored in bounded time`
            : 'a result of this row (the total, the bonus or a score) is beyond the range of numbers a report can hold (about 1.8e308)',
        help: 'check the row for extreme values (such as 1e300) that the plan\'s metrics multiply or divide many times',
      };
      // the parts of the message for the catalogue (run/row-errors.ts): which bound, and its size
      error.parts = e === TOO_BIG ? { detail: String(MAXBITS), digits: String(Math.floor(MAXBITS * 0.30103)) } : { detail: 'range' };
      return { outcome: { ok: false, errors: [error] } };
    }
  };
}
