/** Small builders for IR plans in engine tests (the parser is tested elsewhere). */
import type { Expr, Group, Indicator, Method, NumLit, Plan } from '../../src/ir/schema.js';
import { compilePlan, type CompiledPlan } from '../../src/compile/index.js';
import { makeReference } from '../../src/run/reference.js';
import type { RowOutcome } from '../../src/model/results.js';
import { Rational } from '../../src/numbers/rational.js';
import { parseText } from '../../src/parser/index.js';
import { check } from '../../src/check/index.js';

export const sp = { start: 0, end: 0 };
export const name = (text: string) => ({ text, span: sp });

/** `70%` → percent literal, `1.5` / 3 → plain */
export function n(x: string | number): NumLit {
  const s = String(x);
  if (s.endsWith('%')) return { value: Rational.parse(s.slice(0, -1))!.div(Rational.HUNDRED).toDecimalString(40), percent: true, span: sp };
  return { value: Rational.parse(s)!.toDecimalString(40), percent: false, span: sp };
}

type IndOpts = {
  target?: string | number;
  cap?: string | number;
  floor?: string | number;
  input?: string;
  unit?: string;
  default?: string | number;
  lower?: boolean;
};

export function ind(nm: string, weight: string | number, method: Method, o: IndOpts = {}): Indicator {
  const i: Indicator = { kind: 'indicator', name: name(nm), weight: n(weight), method, lower: o.lower ?? false, span: sp };
  if (o.target !== undefined) i.target = n(o.target);
  if (o.cap !== undefined) i.cap = n(o.cap);
  if (o.floor !== undefined) i.floor = n(o.floor);
  if (o.input !== undefined) i.input = name(o.input);
  if (o.unit !== undefined) i.unit = name(o.unit);
  if (o.default !== undefined) i.default = n(o.default);
  return i;
}

export const m = {
  linear: (): Method => ({ kind: 'linear', span: sp }),
  reverse: (): Method => ({ kind: 'reverse', span: sp }),
  threshold: (): Method => ({ kind: 'threshold', span: sp }),
  bands: (rows: [op: '>=' | '>' | '<=' | '<', bound: string | number, score: string | number][], els?: string | number, on: 'actual' | 'ratio' = 'actual'): Method => {
    const b: Method = { kind: 'bands', on, rows: rows.map(([op, bound, score]) => ({ op, bound: n(bound), score: n(score), span: sp })), span: sp };
    if (els !== undefined) b.else = { score: n(els), span: sp };
    return b;
  },
  curve: (points: [string | number, string | number][], on: 'actual' | 'ratio' = 'actual'): Method => ({
    kind: 'curve',
    on,
    points: points.map(([x, y]) => ({ x: n(x), y: n(y), span: sp })),
    span: sp,
  }),
  deduct: (points: string | number, per: string | number, max?: string | number): Method => {
    const d: Method = { kind: 'deduct', points: n(points), per: n(per), span: sp };
    if (max !== undefined) d.max = n(max);
    return d;
  },
  rating: (lo: number, hi: number, raters?: [string, string | number][]): Method => {
    const r: Method = { kind: 'rating', lo: n(lo), hi: n(hi), span: sp };
    if (raters) r.raters = raters.map(([nm, w]) => ({ name: name(nm), weight: n(w), span: sp }));
    return r;
  },
};

export function group(nm: string, weight: string | number, items: (Indicator | Group)[]): Group {
  return { kind: 'group', name: name(nm), weight: n(weight), items, span: sp };
}

/** expression helpers */
export const e = {
  num: (x: string | number): Expr => {
    const l = n(x);
    return { kind: 'num', value: l.value, percent: l.percent, span: sp };
  },
  ref: (nm: string): Expr => ({ kind: 'ref', name: nm, span: sp }),
  bin: (op: string, left: Expr, right: Expr): Expr => {
    if (['+', '-', '*', '/'].includes(op)) return { kind: 'arith', op: op as '+', left, right, span: sp };
    if (op === 'and' || op === 'or') return { kind: 'logic', op, left, right, span: sp };
    return { kind: 'compare', op: op as '>', left, right, span: sp };
  },
  call: (fn: 'min' | 'max' | 'abs', ...args: Expr[]): Expr => ({ kind: 'call', fn, args, span: sp }),
  neg: (operand: Expr): Expr => ({ kind: 'neg', operand, span: sp }),
  not: (operand: Expr): Expr => ({ kind: 'not', operand, span: sp }),
};

export interface PlanOpts {
  round?: number;
  metrics?: [string, Expr, (string | number)?][];
  bonuses?: { name: string; points: string | number; per: string | number; max?: string | number; input?: string; default?: string | number }[];
  vetoes?: [string, Expr][];
  grades?: [string, (string | number)?, (string | number)?][];
}

export function plan(items: (Indicator | Group)[], o: PlanOpts = {}): Plan {
  const p: Plan = {
    kind: 'plan',
    name: name('测试方案'),
    settings: {},
    items,
    metrics: (o.metrics ?? []).map(([nm, expr, def]) => {
      const mt: Plan['metrics'][number] = { kind: 'metric', name: name(nm), expr, span: sp };
      if (def !== undefined) mt.default = n(def);
      return mt;
    }),
    bonuses: (o.bonuses ?? []).map((b) => {
      const x: Plan['bonuses'][number] = { kind: 'bonus', name: name(b.name), points: n(b.points), per: n(b.per), span: sp };
      if (b.max !== undefined) x.max = n(b.max);
      if (b.input !== undefined) x.input = name(b.input);
      if (b.default !== undefined) x.default = n(b.default);
      return x;
    }),
    vetoes: (o.vetoes ?? []).map(([nm, when]) => ({ kind: 'veto', name: name(nm), when, span: sp })),
    tests: [],
    span: sp,
  };
  if (o.round !== undefined) p.settings.round = { value: o.round, span: sp };
  if (o.grades) {
    p.grades = {
      kind: 'grades',
      lines: o.grades.map(([label, min, coef]) => {
        const l: NonNullable<Plan['grades']>['lines'][number] = { label: name(label), span: sp };
        if (min !== undefined) l.min = n(min);
        if (coef !== undefined) l.coefficient = n(coef);
        return l;
      }),
      span: sp,
    };
  }
  return p;
}

export const STD_GRADES: PlanOpts['grades'] = [
  ['S', 95, 1.5],
  ['A', 85, 1.2],
  ['B', 70, 1.0],
  ['C', 60, 0.8],
  ['D', undefined, 0.5],
];

export function compileOk(p: Plan): CompiledPlan {
  const { compiled, diagnostics } = compilePlan(p);
  if (!compiled) throw new Error('plan did not compile: ' + JSON.stringify(diagnostics));
  return compiled;
}

/** a row from a record: parse `95%` style strings exactly as numbers */
export function toValues(c: CompiledPlan, row: Record<string, string | number | undefined>): Float64Array {
  const v = new Float64Array(c.inputs.length).fill(NaN);
  for (const [k, x] of Object.entries(row)) {
    const i = c.slotOf(k);
    if (i === undefined) throw new Error(`plan does not read column ${k}`);
    if (x === undefined) continue;
    v[i] = typeof x === 'number' ? x : Number(n(x).value);
  }
  return v;
}

/** score with both the compiled code and the reference; they must agree exactly */
export function both(p: Plan, row: Record<string, string | number | undefined>): RowOutcome {
  const c = compileOk(p);
  const v = toValues(c, row);
  const fast = c.score(v);
  const ref = makeReference(p)!(v);
  if (JSON.stringify(fast) !== JSON.stringify(ref)) throw new Error(`compiled ≠ reference\n${JSON.stringify(fast)}\n${JSON.stringify(ref)}`);
  return fast;
}

export function ok(o: RowOutcome) {
  if (!o.ok) throw new Error('row failed: ' + JSON.stringify(o.errors));
  return o.result;
}

/** plan text → compiled plan, parsed and checked as a user's file; any error fails the test with the plan shown */
export function compileText(text: string): CompiledPlan {
  const r = parseText('case.kpi', text);
  const errors = [...r.diagnostics, ...check(r.file, r.source, { syntax: r.diagnostics })].filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`plan has errors:\n${errors.map((d) => `${d.code} ${d.message}`).join('\n')}\n${text}`);
  const { compiled, diagnostics } = compilePlan(r.file.plans[0]!);
  if (!compiled) throw new Error('plan did not compile: ' + JSON.stringify(diagnostics));
  return compiled;
}

/** one data row as a person types it (`96.5%`, `1080000`, 3; undefined = blank; 'N/A' = a not-applicable cell,
 * which the data layer marks with −∞ for an optional reader) */
export function rowFromGiven(c: CompiledPlan, given: Record<string, string | number | undefined>): Float64Array {
  const v = new Float64Array(c.inputs.length).fill(NaN);
  for (const [k, x] of Object.entries(given)) {
    const i = c.slotOf(k);
    if (i === undefined) throw new Error(`the plan does not read column ${k}`);
    if (x === 'N/A') v[i] = -Infinity;
    else if (x !== undefined) v[i] = typeof x === 'number' ? x : Number(n(x).value);
  }
  return v;
}

/** an indicator's result by name */
export function resultOf(o: RowOutcome & { ok: true }, name: string) {
  const i = o.result.indicators.find((x) => x.name === name);
  if (!i) throw new Error(`no indicator ${name}`);
  return i;
}
