/**
 * Hand-drawn SVG charts. The scoring curve is SAMPLED from the compiled scorer (same code as the CLI):
 * the indicator's input slot is swept while the other inputs stay at a base person's values.
 */
import { Rational, compilePlan, indicatorsOf, type Indicator, type Plan } from '@kpi/core';
import type { CompiledPlan, ScoredRow } from './engine.js';
import type { Strings } from './i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const num = (d: string | undefined) => (d === undefined ? undefined : Number(d));

export interface Curve {
  indicator: Indicator;
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
  const ok = rows.filter((r) => r.outcome?.ok && r.values);
  const baseRow = ok.find((r) => r.index === selected) ?? ok[0];
  const out: Curve[] = [];
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
    out.push({ indicator: ind, name, points, dots, marks, percent: !!ind.target?.percent, xMax, xMin, yMax: niceCeil(yMax) });
  }
  return out;
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

/** approximate width of a 9 px label: CJK characters are square, Latin ones about half as wide */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/u.test(ch) ? 9.5 : 5.2), 0);

function niceCeil(x: number): number {
  if (x <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const k of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (k * p >= x - 1e-12) return k * p;
  return 10 * p;
}

const fmtX = (x: number, percent: boolean) =>
  percent ? `${+(x * 100).toFixed(1)}%` : Math.abs(x) >= 10000 ? x.toExponential(1) : `${+x.toFixed(2)}`;

export function curveSvg(c: Curve, t: Strings, weightText: string): string {
  const W = 260;
  const H = 172;
  const L = 34;
  const R = 8;
  const T = 24; // a band above the plot for the target/cap/floor labels
  const B = 24;
  const sx = (x: number) => L + ((x - c.xMin) / (c.xMax - c.xMin)) * (W - L - R);
  const sy = (y: number) => H - B - (y / c.yMax) * (H - T - B);
  const parts: string[] = [];
  parts.push(`<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" class="plot-bg"/>`);
  for (const y of [0, 50, 100, ...(c.yMax > 120 ? [c.yMax] : c.yMax > 100 ? [c.yMax] : [])]) {
    parts.push(`<line x1="${L}" x2="${W - R}" y1="${sy(y)}" y2="${sy(y)}" class="grid"/>`);
    parts.push(`<text x="${L - 4}" y="${sy(y) + 3}" class="tick" text-anchor="end">${+y.toFixed(0)}</text>`);
  }
  [c.xMin, (c.xMin + c.xMax) / 2, c.xMax].forEach((x, i) => {
    const anchor = i === 0 ? 'start' : i === 2 ? 'end' : 'middle';
    parts.push(`<text x="${sx(x)}" y="${H - 8}" class="tick" text-anchor="${anchor}">${esc(fmtX(x, c.percent))}</text>`);
  });
  // mark lines in the plot, their labels in the band above it (two rows, so close marks never overlap)
  const rows: [number, number][][] = [[], []];
  const shown = c.marks.filter((m) => m.x !== undefined && m.x >= c.xMin && m.x <= c.xMax).sort((a, b) => a.x! - b.x!);
  for (const m of shown) {
    const x = sx(m.x!);
    const label = m.kind === 'target' ? t.target : m.kind === 'cap' ? t.cap : t.floor;
    const w = textWidth(label);
    const left = Math.min(Math.max(L, x - w / 2), W - R - w);
    const row = rows[0]!.some(([a, b]) => left < b + 3 && left + w > a - 3) ? 1 : 0;
    rows[row]!.push([left, left + w]);
    parts.push(`<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${T - (row ? 11 : 3)}" y2="${H - B}" class="mark mark-${m.kind}"><title>${esc(label)} ${esc(fmtX(m.x!, c.percent))}</title></line>`);
    parts.push(`<text x="${left.toFixed(1)}" y="${T - (row ? 14 : 5)}" class="mark-label mark-${m.kind}">${esc(label)}</text>`);
  }
  if (c.points.length > 1) {
    const d = c.points.map(([x, y], i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" class="curve"/>`);
  }
  // many people: one path of small circles (cheap to lay out and paint); few: circles with tooltips
  const visible = c.dots.filter((p) => p.x >= c.xMin && p.x <= c.xMax);
  const circle = (p: { x: number; y: number }, r: number) =>
    `M${(sx(p.x) - r).toFixed(1)},${sy(p.y).toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  if (visible.length > 40) {
    parts.push(`<path d="${visible.filter((p) => !p.selected).map((p) => circle(p, 3)).join('')}" class="dot"/>`);
  } else {
    for (const p of visible.filter((d) => !d.selected))
      parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3.5" class="dot"><title>${esc(p.id)}: ${esc(fmtX(p.x, c.percent))} → ${p.y}</title></circle>`);
  }
  for (const p of visible.filter((d) => d.selected))
    parts.push(`<circle cx="${sx(p.x).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="5" class="dot selected"><title>${esc(p.id)}: ${esc(fmtX(p.x, c.percent))} → ${p.y}</title></circle>`);
  const note = c.points.length === 0 ? `<text x="${L + 6}" y="${H - B - 6}" class="tick">${esc(t.derived)}</text>` : '';
  return `<figure class="chart" data-indicator="${esc(c.name)}"><figcaption title="${esc(c.name)}">${esc(c.name)} <span class="muted">${esc(weightText)}</span></figcaption><svg xmlns="${NS}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(c.name)}">${parts.join('')}${note}</svg></figure>`;
}

export function gradeBarsSvg(labels: string[], counts: Map<string, number>, t: Strings): string {
  const W = 260;
  const H = 172;
  const B = 24;
  const T = 14;
  const n = Math.max(1, labels.length);
  const max = Math.max(1, ...counts.values());
  const bw = (W - 20) / n;
  const bars = labels.map((l, i) => {
    const c = counts.get(l) ?? 0;
    const h = ((H - T - B) * c) / max;
    const x = 10 + i * bw + bw * 0.15;
    return `<rect x="${x.toFixed(1)}" y="${(H - B - h).toFixed(1)}" width="${(bw * 0.7).toFixed(1)}" height="${h.toFixed(1)}" class="gbar"><title>${esc(l)}: ${c}</title></rect><text x="${(x + bw * 0.35).toFixed(1)}" y="${H - 8}" class="tick" text-anchor="middle">${esc(l)}</text><text x="${(x + bw * 0.35).toFixed(1)}" y="${(H - B - h - 3).toFixed(1)}" class="tick" text-anchor="middle">${c}</text>`;
  });
  return `<figure class="chart" data-chart="grades"><figcaption>${esc(t.gradeDist)}</figcaption><svg xmlns="${NS}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(t.gradeDist)}">${bars.join('')}</svg></figure>`;
}

export const weightLabel = (w: Rational) => `${w.mul(Rational.HUNDRED).toDecimalString(2)}%`;
