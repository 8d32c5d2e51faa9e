/**
 * Score curves, in the engine worker. The curve is SAMPLED from the compiled scorer (same code as the CLI):
 * the indicator's input slot is swept while the other inputs stay at a base person's values. The page only
 * draws what comes back (ui/charts.ts).
 */
import { compilePlan, indicatorsOf, type Indicator, type Plan } from '@kpi/core';
import type { CompiledPlan, ScoredRow } from './analysis.js';

const num = (d: string | undefined) => (d === undefined ? undefined : Number(d));

export interface Curve {
  name: string;
  /** sampled (x, score) points; empty when the actual is not a plain input column */
  points: [number, number][];
  dots: { x: number; y: number; id: string; selected: boolean }[];
  marks: { kind: 'target' | 'cap' | 'floor'; x?: number; y?: number }[];
  percent: boolean;
  xMax: number;
  xMin: number;
  yMax: number;
}

/**
 * The input slots the indicator's actual comes from: its data column, or every rater's column of a rating
 * (all set to the same mark, the weighted mark is that mark). Empty when the actual is a metric.
 */
function slotsOf(compiled: CompiledPlan, ind: Indicator): number[] {
  const name = ind.name.text;
  return compiled.inputs.flatMap((c, i) => ((c.role === 'actual' || c.role === 'count' || c.role === 'rater') && c.readers.includes(name) ? [i] : []));
}

/** sampled curves per compiled plan and base row: a data edit elsewhere does not resample */
const sampleCache = new WeakMap<CompiledPlan, Map<string, [number, number][]>>();

/**
 * When an indicator's actual is computed by a metric, its scoring rule cannot be swept through an input
 * column. The core compiles a one-indicator plan instead: the same indicator (method, target, cap, floor)
 * with weight 100% reading its actual from a column of its own name, so the curve is still the engine's.
 */
const probeCache = new WeakMap<CompiledPlan, Map<string, { compiled: CompiledPlan; slots: number[] } | null>>();
function probeFor(plan: Plan, compiled: CompiledPlan, ind: Indicator): { compiled: CompiledPlan; slots: number[] } | null {
  let cache = probeCache.get(compiled);
  if (!cache) probeCache.set(compiled, (cache = new Map()));
  const name = ind.name.text;
  if (cache.has(name)) return cache.get(name)!;
  const lone: Indicator = { ...ind, weight: { value: '1', percent: true, span: ind.weight?.span ?? ind.span }, input: undefined, default: undefined };
  const probe: Plan = { ...plan, items: [lone], metrics: [], bonuses: [], vetoes: [], grades: undefined, tests: [] };
  let out: { compiled: CompiledPlan; slots: number[] } | null = null;
  try {
    const c = compilePlan(probe, { file: 'probe.kpi' }).compiled;
    const slots = c ? slotsOf(c, lone) : [];
    if (c && slots.length) out = { compiled: c, slots };
  } catch {
    out = null;
  }
  cache.set(name, out);
  return out;
}

export function buildCurves(plan: Plan, compiled: CompiledPlan, rows: ScoredRow[], selected: number | null, samples = 60): Curve[] {
  return [...curvesOf(plan, compiled, rows, selected, samples)];
}

/** one curve at a time, so the worker can stop between indicators when newer work arrives */
export function* curvesOf(plan: Plan, compiled: CompiledPlan, rows: ScoredRow[], selected: number | null, samples = 60): Generator<Curve> {
  // one dot per person: a person's later periods (SPEC §7 cycles) share the first row's result
  const ok = rows.filter((r) => r.outcome?.ok && r.values && !r.samePerson);
  const baseRow = ok.find((r) => r.index === selected) ?? ok[0];
  for (const { indicator: ind } of indicatorsOf(plan)) {
    const name = ind.name.text;
    const dots = ok.flatMap((r) => {
      const res = r.outcome?.ok ? r.outcome.result.indicators.find((i) => i.name === name) : undefined;
      return res && res.actual !== null && Number.isFinite(res.actual)
        ? [{ x: res.actual, y: res.score, id: r.id, selected: r.index === selected }]
        : [];
    });
    const target = num(ind.target?.value);
    const cap = num(ind.cap?.value) ?? 1;
    const floor = num(ind.floor?.value);
    const m = ind.method;
    const lower = m?.kind === 'reverse' || ind.lower;
    const xs = dots.map((d) => d.x);
    let xMax = Math.max(0, ...xs);
    let xMin = Math.min(0, ...xs);
    if (target !== undefined) xMax = Math.max(xMax, lower ? target * 3 : target * Math.max(cap, 1) * 1.25);
    if (m?.kind === 'bands') {
      const k = m.on === 'ratio' ? (target ?? 1) : 1;
      for (const r of m.rows) xMax = Math.max(xMax, Number(r.bound.value) * k * 1.2);
    }
    if (m?.kind === 'curve') {
      const k = m.on === 'ratio' ? (target ?? 1) : 1;
      for (const p of m.points) xMax = Math.max(xMax, Number(p.x.value) * k * 1.15);
    }
    if (m?.kind === 'rating') {
      xMin = Math.min(xMin, Number(m.lo.value));
      xMax = Math.max(xMax, Number(m.hi.value));
    }
    if (m?.kind === 'deduct') {
      const pts = Number(m.points.value) || 1;
      const cnt = Math.ceil((Number(m.max?.value ?? 100) || 100) / pts) * (Number(m.per.value) || 1);
      xMax = Math.max(xMax, cnt + 1);
    }
    if (!(xMax > xMin)) xMax = xMin + 1;
    xMax = niceCeil(xMax);
    let points: [number, number][] = [];
    // sweep the indicator's own input column with the base person's other inputs, or a one-indicator probe
    const direct = slotsOf(compiled, ind);
    const probe = direct.length === 0 ? probeFor(plan, compiled, ind) : null;
    const scorer = probe ? probe.compiled : compiled;
    const slots = probe ? probe.slots : direct;
    const base = probe ? new Float64Array(probe.compiled.inputs.length).fill(NaN) : baseRow?.values;
    let cache = sampleCache.get(compiled);
    if (!cache) sampleCache.set(compiled, (cache = new Map()));
    const key = slots.length && base ? `${name}\u0000${xMin}\u0000${xMax}\u0000${probe ? 'probe' : Array.from(base).join(',')}` : '';
    const cached = key ? cache.get(key) : undefined;
    if (cached) points = cached;
    else if (slots.length && base) {
      const v = Float64Array.from(base);
      const isCount = scorer.inputs[slots[0]!]!.role === 'count' || m?.kind === 'rating';
      const n = isCount && xMax - xMin <= samples ? Math.round(xMax - xMin) : samples;
      const xs = new Set<number>();
      for (let i = 0; i <= n; i++) xs.add(xMin + ((xMax - xMin) * i) / n);
      // the rule's breakpoints, and just before them: steps (threshold, floor, bands) draw as steps
      if (!isCount) {
        const eps = (xMax - xMin) * 1e-4;
        for (const b of breakpoints(ind, target, cap, floor, lower)) if (b > xMin && b <= xMax) xs.add(b).add(b - eps);
      }
      for (const x of [...xs].sort((a, b) => a - b)) {
        for (const k of slots) v[k] = x;
        const o = scorer.score(v);
        if (!o.ok) continue;
        const s = o.result.indicators.find((r) => r.name === name);
        if (s) points.push([x, s.score]);
      }
      if (cache.size > 500) cache.clear();
      cache.set(key, points);
    }
    const marks: Curve['marks'] = [];
    if (target !== undefined) marks.push({ kind: 'target', x: target });
    if (ind.cap && target !== undefined) marks.push({ kind: 'cap', x: lower ? target / cap : target * cap, y: cap * 100 });
    if (floor !== undefined && target !== undefined) marks.push({ kind: 'floor', x: lower ? target / floor : target * floor });
    const yMax = Math.max(100, ...points.map((p) => p[1]), ...dots.map((d) => d.y));
    yield { name, points, dots, marks, percent: !!ind.target?.percent, xMax, xMin, yMax: niceCeil(yMax) };
  }
}

/** x values where a rule may jump or bend: target, cap and floor points, band bounds, curve points */
function breakpoints(ind: Indicator, target: number | undefined, cap: number, floor: number | undefined, lower: boolean): number[] {
  const m = ind.method;
  const out: number[] = [];
  if (target !== undefined) {
    out.push(target, lower ? target / cap : target * cap);
    if (floor !== undefined) out.push(lower ? target / floor : target * floor);
  }
  if (m?.kind === 'bands' || m?.kind === 'curve') {
    const k = m.on === 'ratio' ? (target ?? 1) : 1;
    const xs = m.kind === 'bands' ? m.rows.map((r) => Number(r.bound.value)) : m.points.map((p) => Number(p.x.value));
    // (a lower-is-better ratio may be target ÷ actual: both candidates are only extra samples)
    for (const x of xs) out.push(x * k, ...(m.on === 'ratio' && lower && x !== 0 ? [k / x] : []));
  }
  return out.filter((x) => Number.isFinite(x));
}


function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const k of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (k * p >= x - 1e-12) return k * p;
  return 10 * p;
}

