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
// a non-finite number (a test's `given 列 = 1000…0` beyond float range) is shown as such, never a RangeError
// (found by the generative fuzzer, issue 13)
const txt = (x: number): string => (Number.isFinite(x) ? Rational.fromNumber(x).toDecimalString(20) : String(x));
const pct = (x: number): string => (Number.isFinite(x) ? `${Rational.fromNumber(x).mul(Rational.HUNDRED).toDecimalString(20)}%` : String(x));
/** an amount with thousands separators from 10,000 up: `1,050,000` (smaller numbers as they are) */
const grouped = (x: number): string => {
  const t = txt(x);
  if (!Number.isFinite(x) || Math.abs(x) < 10000) return t;
  const [i, f] = t.split('.') as [string, string | undefined];
  const neg = i.startsWith('-');
  const digits = neg ? i.slice(1) : i;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f !== undefined ? '.' + f : '');
};

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
    group: (n: string, w: string, own: string, s: string) => `分组 ${n}: 组内得分 ${own} 分 × 权重 ${w} = 贡献 ${s}`,
    targetFrom: (c: string) => `(取自 ${c})`,
    na: (n: string) => `${n} 不适用 (N/A): 不计分, 其权重按比例分给同级指标`,
    reweighted: '(权重已按不适用项重新分配)',
    side: (side: 'below' | 'above') => (side === 'below' ? '低于' : '高于'),
    gapShare: (g: string) => `目标的 ${g}`,
    stepClause: (kind: 'deduct' | 'add', per: string, p: string, v: string) => `每 ${per} ${kind === 'deduct' ? '扣' : '加'} ${p} 分 → ${kind === 'deduct' ? '扣' : '加'} ${v} 分`,
    stepUnits: (u: string, rounding: 'proportional' | 'whole' | 'started') =>
      rounding === 'whole' ? `${u} 档 (不足一档不计)` : rounding === 'started' ? `${u} 档 (不足一档按一档计)` : `${u} 档 (按比例)`,
    stepCap: (kind: 'deduct' | 'add', m: string) => `${kind === 'deduct' ? '最多扣' : '最多加'} ${m} 分`,
    penalty: (n: string, c: string, per: string, p: string, v: string) => `扣分项 ${n}: ${c} ÷ 每 ${per} 扣 ${p} 分 = ${v} 分`,
    penaltyCap: (m: string) => `扣分封顶 ${m}`,
    totalPen: (s: string, b: string, p: string, t: string) => `合计 ${s} + 加分 ${b} − 扣分 ${p} = 总分 ${t}`,
    floored: '总分不低于 0',
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
    group: (n: string, w: string, own: string, s: string) => `group ${n}: own score ${own} × weight ${w} = contributes ${s}`,
    targetFrom: (c: string) => `(from ${c})`,
    na: (n: string) => `${n} is N/A: not scored, its weight goes to its siblings in proportion`,
    reweighted: '(weight re-shared after N/A items)',
    side: (side: 'below' | 'above') => side,
    gapShare: (g: string) => `${g} of the target`,
    stepClause: (kind: 'deduct' | 'add', per: string, p: string, v: string) => `${p} points per ${per} → ${kind === 'deduct' ? 'minus' : 'plus'} ${v}`,
    stepUnits: (u: string, rounding: 'proportional' | 'whole' | 'started') =>
      rounding === 'whole' ? `${u} steps (whole steps only)` : rounding === 'started' ? `${u} steps (a started step counts)` : `${u} steps (in proportion)`,
    stepCap: (kind: 'deduct' | 'add', m: string) => `${kind === 'deduct' ? 'at most' : 'at most'} ${m} ${kind === 'deduct' ? 'deducted' : 'added'}`,
    penalty: (n: string, c: string, per: string, p: string, v: string) => `penalty ${n}: ${c}, ${p} points per ${per} = ${v}`,
    penaltyCap: (m: string) => `capped at ${m}`,
    totalPen: (s: string, b: string, p: string, t: string) => `subtotal ${s} + bonus ${b} − penalty ${p} = total ${t}`,
    floored: 'the total stops at 0',
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
    if (ind.na) {
      lines.push(w.na(ind.name));
      continue;
    }
    const asPct = ind.actualPercent;
    // amounts with a unit read as people write them: 1,050,000 元
    const val = (x: number) => (asPct ? pct(x) : ind.unit ? grouped(x) : txt(x));
    const unit = !asPct && ind.unit ? ` ${ind.unit}` : '';
    const parts: string[] = [];
    let head = `${ind.name} ${val(ind.actual)}${unit}`;
    if (ind.defaulted) parts.push(w.defaulted(val(ind.actual)));
    /** `目标 1,000,000 元 (取自 销售目标)`, `目标 3..5` */
    const tgt = (t: number) =>
      `${w.target} ${val(t)}${ind.targetHigh !== undefined ? `..${val(ind.targetHigh)}` : ''}${unit}${ind.targetFrom !== undefined ? ' ' + w.targetFrom(ind.targetFrom) : ''}`;
    if (ind.ratio !== undefined && ind.target !== undefined) {
      const inverse = ind.method === 'reverse' || ind.lower;
      head = inverse
        ? `${ind.name} ${tgt(ind.target)} ÷ ${val(ind.actual)}${unit} = ${pct(ind.ratio)}`
        : `${ind.name} ${val(ind.actual)}${unit} ÷ ${tgt(ind.target)} = ${pct(ind.ratio)}`;
      if (ind.targetHigh !== undefined) head = `${ind.name} ${val(ind.actual)}${unit}, ${tgt(ind.target)} → ${pct(ind.ratio)}`;
      if (inverse && ind.actual <= 0) head = `${ind.name} ${val(ind.actual)}${unit} ≤ 0 → ${pct(ind.ratio)}`;
    } else if (ind.method === 'threshold' && ind.target !== undefined) {
      const op = ind.lower ? '≤' : '≥';
      head = `${ind.name} ${val(ind.actual)}${unit} ${op} ${tgt(ind.target)}? ${ind.score > 0 ? w.met : w.notMet}`;
    } else if (ind.steps && ind.target !== undefined) {
      head = `${ind.name} ${val(ind.actual)}${unit}, ${tgt(ind.target)}`;
      for (const st of ind.steps) {
        if (st.gap === 0) continue;
        const gap = st.share ? w.gapShare(pct(st.gap)) : `${val(st.gap)}${unit}`;
        const per = st.share || asPct ? pct(st.per) : `${txt(st.per)}${unit}`;
        let clause = `${w.side(st.side)}${lang === 'zh' ? '目标' : ' target by'} ${gap} = ${w.stepUnits(txt(st.units), st.rounding)}, ${w.stepClause(st.kind, per, txt(st.points), txt(st.value))}`;
        if (st.capped && st.max !== undefined) clause += `, ${w.stepCap(st.kind, txt(st.max))}`;
        parts.push(clause);
      }
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
    const rw = ind.reweighted ? ` ${w.reweighted}` : '';
    lines.push(`${head}${mid} → ${w.score(txt(ind.score))} × ${pct(ind.weight)}${rw} = ${txt(ind.weighted)}`);
  }
  for (const g of expl.groups) lines.push(w.group(g.name, pct(g.weight), txt(g.score), txt(g.weighted)));
  for (const b of expl.bonuses) {
    const cap = b.capped && b.max !== undefined ? `, ${w.bonusCap(txt(b.max))}` : '';
    // the points earned before the cap, then the cap: `5 ÷ 每 1 加 2 分 = 10 分, 加分封顶 6`
    const earned = b.capped ? pointsTimesSteps(b.points, b.steps) : txt(b.value);
    lines.push(`${w.bonus(b.name, txt(b.count), txt(b.per), txt(b.points), earned)}${cap}`);
  }
  for (const b of expl.penalties ?? []) {
    const cap = b.capped && b.max !== undefined ? `, ${w.penaltyCap(txt(b.max))}` : '';
    const earned = b.capped ? pointsTimesSteps(b.points, b.steps) : txt(b.value);
    lines.push(`${w.penalty(b.name, txt(b.count), txt(b.per), txt(b.points), earned)}${cap}`);
  }
  for (const v of expl.vetoes) if (v.triggered) lines.push(w.veto(v.name));
  if (expl.vetoed) lines.push(w.totalVeto(txt(expl.total)));
  else if (expl.penalty !== undefined) {
    lines.push(w.totalPen(txt(expl.subtotal), txt(expl.bonus), txt(expl.penalty), txt(expl.total)) + (expl.floored ? ` (${w.floored})` : ''));
  } else lines.push(w.total(txt(expl.subtotal), txt(expl.bonus), txt(expl.total)));
  if (expl.grade !== undefined) lines.push(w.grade(expl.grade, expl.coefficient === undefined ? undefined : txt(expl.coefficient)));
  return lines;
}
