/**
 * Explanations: why a row scored what it did, as a JSON tree (built by the exact evaluator, so every
 * number in it is exact and display-ready) and as one sentence per line in Chinese or English.
 */
import { Rational } from '../numbers/rational.js';
import type { Lang } from '../diagnostics/lang.js';
import type { Explanation, ExplainedIndicator } from '../model/explanation.js';

export type { Explanation, ExplainedIndicator } from '../model/explanation.js';

/** the one language type (diagnostics/lang.ts) */
export type ExplainLang = Lang;

/** exact decimal text of a display-ready number */
const txt = (x: number): string => Rational.fromNumber(x).toDecimalString(20);
const pct = (x: number): string => `${Rational.fromNumber(x).mul(Rational.HUNDRED).toDecimalString(20)}%`;

const W = {
  zh: {
    target: '目标',
    score: (s: string) => `${s} 分`,
    cap: (c: string) => `封顶 ${c}`,
    floor: (f: string) => `低于门槛 ${f}, 记 0 分`,
    met: '达标',
    notMet: '未达标',
    band: (cond: string) => `落在 ${cond} 档`,
    elseBand: '落在其他档',
    segment: (a: string, b: string) => `曲线 ${a} ~ ${b} 段插值`,
    flat: (x: string) => `超出曲线端点 ${x}, 取端点分`,
    deduct: (n: string, per: string, p: string, d: string) => `${n} 次 ÷ 每 ${per} 次 扣 ${p} 分 = 扣 ${d} 分`,
    deductCap: (m: string) => `扣分封顶 ${m}`,
    rating: (m: string, hi: string) => `评分 ${m} / ${hi}`,
    rater: (n: string, w: string, m: string) => `${n} ${m} (权重 ${w})`,
    raterMissing: (n: string) => `${n} 未评分, 权重重新分配`,
    defaulted: (v: string) => `实际值缺失, 取默认值 ${v}`,
    group: (n: string, w: string, s: string) => `分组 ${n} (权重 ${w}) 合计 ${s}`,
    bonus: (n: string, c: string, per: string, p: string, v: string) => `加分项 ${n}: ${c} ÷ 每 ${per} 加 ${p} 分 = ${v} 分`,
    bonusCap: (m: string) => `加分封顶 ${m}`,
    veto: (n: string) => `一票否决 ${n} 触发: 总分记 0, 取最低等级`,
    total: (s: string, b: string, t: string) => `合计 ${s} + 加分 ${b} = 总分 ${t}`,
    totalVeto: (t: string) => `总分 ${t}`,
    grade: (g: string, c?: string) => (c ? `等级 ${g}, 绩效系数 ${c}` : `等级 ${g}`),
  },
  en: {
    target: 'target',
    score: (s: string) => `score ${s}`,
    cap: (c: string) => `capped at ${c}`,
    floor: (f: string) => `below the floor ${f}, scores 0`,
    met: 'met',
    notMet: 'not met',
    band: (cond: string) => `band ${cond}`,
    elseBand: 'the else band',
    segment: (a: string, b: string) => `curve segment ${a} to ${b}`,
    flat: (x: string) => `beyond the curve end ${x}, flat`,
    deduct: (n: string, per: string, p: string, d: string) => `${n} counted, ${p} points per ${per} = ${d} deducted`,
    deductCap: (m: string) => `deduction capped at ${m}`,
    rating: (m: string, hi: string) => `mark ${m} of ${hi}`,
    rater: (n: string, w: string, m: string) => `${n} ${m} (weight ${w})`,
    raterMissing: (n: string) => `${n} gave no mark, weights renormalised`,
    defaulted: (v: string) => `actual missing, default ${v} used`,
    group: (n: string, w: string, s: string) => `group ${n} (weight ${w}) adds ${s}`,
    bonus: (n: string, c: string, per: string, p: string, v: string) => `bonus ${n}: ${c}, ${p} points per ${per} = ${v}`,
    bonusCap: (m: string) => `capped at ${m}`,
    veto: (n: string) => `veto ${n} triggered: total is 0 and the lowest grade applies`,
    total: (s: string, b: string, t: string) => `subtotal ${s} + bonus ${b} = total ${t}`,
    totalVeto: (t: string) => `total ${t}`,
    grade: (g: string, c?: string) => (c ? `grade ${g}, coefficient ${c}` : `grade ${g}`),
  },
};

/** One sentence per line: each indicator, each group, bonus, veto, total, grade. */
/** points × steps before any cap, exactly (a deduction's or a bonus's raw amount) */
const pointsTimesSteps = (points: number, steps: number): string => Rational.fromNumber(points).mul(Rational.fromNumber(steps)).toDecimalString(20);

export function renderExplanation(expl: Explanation, lang: ExplainLang): string[] {
  const w = W[lang];
  const lines: string[] = [];
  for (const ind of expl.indicators) {
    const asPct = ind.actualPercent;
    const val = (x: number) => (asPct ? pct(x) : txt(x));
    const unit = !asPct && ind.unit ? ` ${ind.unit}` : '';
    const parts: string[] = [];
    let head = `${ind.name} ${val(ind.actual)}${unit}`;
    if (ind.defaulted) parts.push(w.defaulted(val(ind.actual)));
    if (ind.ratio !== undefined && ind.target !== undefined) {
      const inverse = ind.method === 'reverse' || ind.lower;
      head = inverse
        ? `${ind.name} ${w.target} ${val(ind.target)} ÷ ${val(ind.actual)}${unit} = ${pct(ind.ratio)}`
        : `${ind.name} ${val(ind.actual)}${unit} ÷ ${w.target} ${val(ind.target)} = ${pct(ind.ratio)}`;
      if (inverse && ind.actual <= 0) head = `${ind.name} ${val(ind.actual)}${unit} ≤ 0 → ${pct(ind.ratio)}`;
    } else if (ind.method === 'threshold' && ind.target !== undefined) {
      const op = ind.lower ? '≤' : '≥';
      head = `${ind.name} ${val(ind.actual)}${unit} ${op} ${w.target} ${val(ind.target)}? ${ind.score > 0 ? w.met : w.notMet}`;
    } else if (ind.deduct) {
      const d = ind.deduct;
      const raw = pointsTimesSteps(d.points, d.steps);
      head = `${ind.name} ${w.deduct(txt(d.count), txt(d.per), txt(d.points), raw)}`;
      if (d.capped && d.max !== undefined) parts.push(w.deductCap(txt(d.max)));
    } else if (ind.rating) {
      const r = ind.rating;
      if (r.raters) {
        const rs = r.raters.map((x) => (x.mark === null ? w.raterMissing(x.name) : w.rater(x.name, pct(x.weight), txt(x.mark))));
        head = `${ind.name} ${rs.join(', ')} → ${w.rating(txt(r.mark), txt(r.hi))}`;
      } else head = `${ind.name} ${w.rating(txt(r.mark), txt(r.hi))}`;
    }
    if (ind.floorApplied && ind.floor !== undefined) parts.push(w.floor(pct(ind.floor)));
    if (ind.capApplied && ind.cap !== undefined) parts.push(w.cap(pct(ind.cap)));
    if (ind.band) {
      const b = ind.band;
      const bound = b.bound === undefined ? '' : ind.on === 'ratio' || asPct ? pct(b.bound) : txt(b.bound);
      parts.push(b.index < 0 ? w.elseBand : w.band(`${b.op} ${bound}`));
    }
    if (ind.segment) {
      const s = ind.segment;
      const fx = (x: number) => (ind.on === 'ratio' || asPct ? pct(x) : txt(x));
      parts.push('end' in s ? w.flat(fx(s.x)) : w.segment(`(${fx(s.from.x)}, ${txt(s.from.y)})`, `(${fx(s.to.x)}, ${txt(s.to.y)})`));
    }
    const mid = parts.length > 0 ? `, ${parts.join(', ')}` : '';
    lines.push(`${head}${mid} → ${w.score(txt(ind.score))} × ${pct(ind.weight)} = ${txt(ind.weighted)}`);
  }
  for (const g of expl.groups) lines.push(w.group(g.name, pct(g.weight), txt(g.weighted)));
  for (const b of expl.bonuses) {
    const cap = b.capped && b.max !== undefined ? `, ${w.bonusCap(txt(b.max))}` : '';
    // the points earned before the cap, then the cap: `5 ÷ 每 1 加 2 分 = 10 分, 加分封顶 6`
    const earned = b.capped ? pointsTimesSteps(b.points, b.steps) : txt(b.value);
    lines.push(`${w.bonus(b.name, txt(b.count), txt(b.per), txt(b.points), earned)}${cap}`);
  }
  for (const v of expl.vetoes) if (v.triggered) lines.push(w.veto(v.name));
  lines.push(expl.vetoed ? w.totalVeto(txt(expl.total)) : w.total(txt(expl.subtotal), txt(expl.bonus), txt(expl.total)));
  if (expl.grade !== undefined) lines.push(w.grade(expl.grade, expl.coefficient === undefined ? undefined : txt(expl.coefficient)));
  return lines;
}
