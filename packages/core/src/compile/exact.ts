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
    return Number(decText(i, dec));
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
  }));
  const bonuses = P.bonuses.map((b) => ({
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

  return (values, trace) => {
    const memo: (Q | Fail | undefined)[] = new Array(P.metrics.length);
    const isFail = (v: Q | Fail): v is Fail => !Array.isArray(v);
    const readSlot = (i: number): Q | Fail => {
      const x = values[i] as number;
      const column = P.inputs[i]!.column;
      if (x !== x) return { code: 'KPI0901', column };
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

    for (const c of inds) {
      const ind = c.ind;
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
            if (v.code === 'KPI0901') {
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
        if (c.t) ex.target = numOf(c.t);
        if (ind.unit !== undefined) ex.unit = ind.unit;
      }
      const needRatio =
        ind.method === 'linear' || ind.method === 'reverse' || ((ind.method === 'bands' || ind.method === 'curve') && ind.on === 'ratio');
      if (needRatio) {
        const t = c.t!;
        if (ind.method === 'reverse' || ind.lower) ratio = cmp(a, ZERO) <= 0 ? c.cap : div(t, a);
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
            const k = cmp(a, c.t!);
            score = (ind.lower ? k <= 0 : k >= 0) ? HUNDRED : ZERO;
            break;
          }
          case 'bands': {
            const basis = ind.on === 'ratio' ? ratio! : a;
            let hit = -1;
            for (let j = 0; j < c.rows.length; j++) {
              const row = c.rows[j]!;
              const k = cmp(basis, row.bound);
              const holds = row.op === '>=' ? k >= 0 : row.op === '>' ? k > 0 : row.op === '<=' ? k <= 0 : k < 0;
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
      const wv = mul(score, c.w);
      weighted.push(wv);
      scoresQ.push(score);
      const res: (typeof results)[number] = {
        name: ind.name,
        path: ind.path,
        actual: out(a, R + 4),
        score: out(score, R + 2),
        weight: numOf(c.w),
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
        ex.score = res.score;
        ex.weight = res.weight;
        ex.weighted = res.weighted;
        expl.push(ex);
      }
    }

    const sum = sumQ(weighted);

    // ---- bonus ----
    let bonus = ZERO;
    const bonusExpl: Explanation['bonuses'] = [];
    for (const b of bonuses) {
      let n = read(b.b.src);
      if (isFail(n)) {
        if (b.def) n = b.def;
        else {
          fail(n, b.b.name);
          continue;
        }
      }
      // a negative count adds nothing (a bonus never takes points away)
      const steps = max(ZERO, floorQ(div(n, b.per)));
      let v = mul(b.points, steps);
      const capped = b.max !== undefined && cmp(v, b.max) > 0;
      if (capped) v = b.max!;
      bonus = add(bonus, v);
      if (trace) {
        const e: Explanation['bonuses'][number] = { name: b.b.name, count: numOf(n), points: numOf(b.points), per: numOf(b.per), steps: numOf(steps), value: out(v, R), capped };
        if (b.max) e.max = numOf(b.max);
        bonusExpl.push(e);
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
    const exactTotal = vetoed ? ZERO : add(sum, bonus);
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
    if (grade) {
      result.grade = grade.label;
      if (grade.coefficient !== undefined) result.coefficient = Number(grade.coefficient);
    }
    // key order matches the compiled code
    const ordered: typeof result = { total: result.total } as typeof result;
    if (result.grade !== undefined) ordered.grade = result.grade;
    if (result.coefficient !== undefined) ordered.coefficient = result.coefficient;
    ordered.bonus = result.bonus;
    ordered.vetoes = result.vetoes;
    ordered.indicators = result.indicators;
    const outcome: RowOutcome = { ok: true, result: ordered };
    if (!trace) return { outcome };

    const groupScores: Q[] = [];
    const groups: Explanation['groups'] = P.groups.map((g) => {
      const s = sumQ(g.inds.map((i) => weighted[i]!));
      const gw = parse(g.weight);
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
      vetoes: vetoExpl,
      vetoed,
      total: ordered.total,
    };
    if (ordered.grade !== undefined) explanation.grade = ordered.grade;
    if (ordered.coefficient !== undefined) explanation.coefficient = ordered.coefficient;
    return { outcome, explanation, exact: { total: exactTotal, bonus, scores: scoresQ, groups: groupScores } };
  };
}
