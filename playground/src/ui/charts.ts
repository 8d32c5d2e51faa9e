/** Hand-drawn SVG charts of what the engine worker sampled (engine/curves.ts): score curves and grade bars. */
import type { Curve } from '../engine/curves.js';
import type { Strings } from '../i18n.js';

const NS = 'http://www.w3.org/2000/svg';
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** approximate width of a 9 px label: CJK characters are square, Latin ones about half as wide */
const textWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2e80-\uffff]/u.test(ch) ? 9.5 : 5.2), 0);

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


/** the charts panel: grade distribution, then each indicator's curve with the people as dots */
export function renderCharts(box: HTMLElement, curves: Curve[], grades: { label: string; count: number }[], weights: Record<string, string>, t: Strings): void {
  const counts = new Map(grades.map((g) => [g.label, g.count]));
  box.innerHTML = (grades.length ? gradeBarsSvg(grades.map((g) => g.label), counts, t) : '') + curves.map((c) => curveSvg(c, t, weights[c.name] ?? '')).join('');
}
