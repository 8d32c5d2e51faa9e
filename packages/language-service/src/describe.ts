/**
 * An indicator's scoring rule in words (zh / en), for hovers and the playground's chart captions.
 * Only describes what the IR says; the numbers are the plan's exact decimals.
 */
import { Rational, type Indicator, type NumLit, type Method } from '@kpi/core';

export type { Lang } from '@kpi/core';
import type { Lang } from '@kpi/core';

/** `0.7` → `70%`; `0.385` → `38.5%`; exact, at most 4 decimals of a percent */
export function percentText(r: Rational): string {
  return `${r.mul(Rational.HUNDRED).toDecimalString(4)}%`;
}

/** A number as the plan wrote it: percents as percents. */
export function numText(n: NumLit | undefined): string {
  if (!n) return '?';
  const r = Rational.parse(n.value);
  if (!r) return n.value;
  return n.percent ? percentText(r) : r.toDecimalString(10);
}

const T = {
  zh: {
    target: '目标',
    actual: '实际',
    ratio: '完成率',
    noTarget: '（未设目标）',
    linear: (basis: string, cap: string) => `线性：得分 = 100 × min(${basis}, 封顶 ${cap})，不低于 0`,
    reverse: (cap: string) => `反向（越低越好）：得分 = 100 × min(目标 ÷ 实际, 封顶 ${cap})；实际 ≤ 0 按封顶计`,
    floor: (f: string) => `；完成率低于 ${f}（门槛）得 0 分`,
    threshold: (lower: boolean, t: string) =>
      lower ? `达标制：实际 ≤ ${t} 得 100 分，否则 0 分` : `达标制：实际 ≥ ${t} 得 100 分，否则 0 分`,
    bands: (on: string, rows: string, els: string) => `分档：按${on}取第一档满足的 ${rows}；其余 ${els} 分`,
    curve: (on: string, pts: string) => `曲线：按${on}在 ${pts} 之间线性插值，两端取平`,
    deduct: (n: string, per: string, max?: string) =>
      `扣分制：得分 = 100 − ${n} × ⌊次数 ÷ ${per}⌋${max ? `，最多扣 ${max} 分` : ''}，不低于 0`,
    rating: (lo: string, hi: string, raters?: string) =>
      `评分 ${lo}..${hi}：得分 = 100 × 分数 ÷ ${hi}${raters ? `；评分人加权 ${raters}` : ''}`,
    steps: (clauses: string) => `按与目标的差距计分：${clauses}`,
    stepClause: (kind: 'deduct' | 'add', side: 'below' | 'above', n: string, per: string, max?: string, rounding?: string) =>
      `每${side === 'below' ? '低于' : '高于'}目标 ${per} ${kind === 'deduct' ? '扣' : '加'} ${n} 分${max ? `（最多${kind === 'deduct' ? '扣' : '加'} ${max} 分）` : ''}${rounding === 'whole' ? '，不足一档不计' : rounding === 'started' ? '，不足一档按一档计' : '，不足一档按比例计'}`,
    perPerson: (col: string) => `每人的目标取自 ${col}`,
    range: (lo: string, hi: string) => `目标区间 ${lo}..${hi}：达到 ${lo} 得 100 分，达到 ${hi} 得封顶分`,
    optional: '可不适用（N/A 时权重按比例分给同级指标）',
    missing: '（未写评分方法）',
    score: '分',
    weight: '权重',
    effective: '有效权重',
    path: '路径',
    input: '读取列',
    default: '缺省值',
  },
  en: {
    target: 'target',
    actual: 'actual',
    ratio: 'ratio',
    noTarget: ' (no target)',
    linear: (basis: string, cap: string) => `linear: score = 100 × min(${basis}, cap ${cap}), at least 0`,
    reverse: (cap: string) => `reverse (lower is better): score = 100 × min(target ÷ actual, cap ${cap}); actual ≤ 0 scores the cap`,
    floor: (f: string) => `; a ratio below the floor ${f} scores 0`,
    threshold: (lower: boolean, t: string) =>
      lower ? `threshold: 100 if actual ≤ ${t}, else 0` : `threshold: 100 if actual ≥ ${t}, else 0`,
    bands: (on: string, rows: string, els: string) => `bands on the ${on}: first row that holds of ${rows}; otherwise ${els}`,
    curve: (on: string, pts: string) => `curve on the ${on}: piecewise linear through ${pts}, flat beyond the ends`,
    deduct: (n: string, per: string, max?: string) =>
      `deduction: score = 100 − ${n} × ⌊count ÷ ${per}⌋${max ? `, at most ${max} deducted` : ''}, at least 0`,
    rating: (lo: string, hi: string, raters?: string) =>
      `rating ${lo}..${hi}: score = 100 × mark ÷ ${hi}${raters ? `; raters weighted ${raters}` : ''}`,
    steps: (clauses: string) => `points per step from the target: ${clauses}`,
    stepClause: (kind: 'deduct' | 'add', side: 'below' | 'above', n: string, per: string, max?: string, rounding?: string) =>
      `${kind === 'deduct' ? 'minus' : 'plus'} ${n} per ${per} ${side} target${max ? ` (at most ${max})` : ''}${rounding === 'whole' ? ', whole steps only' : rounding === 'started' ? ', a started step counts whole' : ', partial steps in proportion'}`,
    perPerson: (col: string) => `each person's target comes from ${col}`,
    range: (lo: string, hi: string) => `target range ${lo}..${hi}: ${lo} scores 100, ${hi} reaches the cap`,
    optional: 'may be N/A (its weight then goes to its siblings in proportion)',
    missing: '(no scoring method)',
    score: 'points',
    weight: 'weight',
    effective: 'effective weight',
    path: 'path',
    input: 'reads column',
    default: 'default',
  },
} as const;

export const words = (lang: Lang) => T[lang];

/** The scoring rule of one indicator, in one sentence. */
/** `name` renders plan names (rater names) for the surface: `mdText` in a Markdown hover, as-is in plain text */
export function describeRule(ind: Indicator, lang: Lang, name: (s: string) => string = (s) => s): string {
  const t = T[lang];
  const m: Method | undefined = ind.method;
  if (!m) return t.missing;
  const cap = ind.cap ? numText(ind.cap) : '100%';
  const floor = ind.floor ? t.floor(numText(ind.floor)) : '';
  const target = ind.targetRef ? ind.targetRef.text : ind.target ? numText(ind.target) + (ind.targetHigh ? `..${numText(ind.targetHigh)}` : '') : '?';
  const sepz = lang === 'zh' ? '；' : '; ';
  const extras =
    (ind.targetRef ? sepz + t.perPerson(ind.targetRef.text) : '') +
    (ind.targetHigh && ind.target ? sepz + t.range(numText(ind.target), numText(ind.targetHigh)) : '') +
    (ind.optional ? sepz + t.optional : '');
  const on = (basis: 'actual' | 'ratio') => (basis === 'ratio' ? t.ratio : t.actual);
  switch (m.kind) {
    case 'linear': {
      const basis = lang === 'zh' ? `实际 ÷ 目标 ${target}` : `actual ÷ target ${target}`;
      return t.linear(basis, cap) + floor + extras;
    }
    case 'reverse':
      return `${t.reverse(cap)}${lang === 'zh' ? `，目标 ${target}` : `, target ${target}`}${floor}${extras}`;
    case 'threshold':
      return t.threshold(ind.lower, target) + extras;
    case 'bands': {
      const rows = m.rows.map((r) => `${r.op} ${numText(r.bound)} → ${numText(r.score)}`).join(lang === 'zh' ? '、' : ', ');
      return t.bands(on(m.on), `[${rows}]`, m.else ? numText(m.else.score) : '0');
    }
    case 'curve': {
      const pts = m.points.map((p) => `(${numText(p.x)}, ${numText(p.y)})`).join(' ');
      return t.curve(on(m.on), pts);
    }
    case 'deduct':
      return t.deduct(numText(m.points), numText(m.per), m.max ? numText(m.max) : undefined);
    case 'steps': {
      const cl = (['deduct', 'add'] as const).flatMap((k) => {
        const c = m[k];
        return c ? [t.stepClause(k, c.side, numText(c.points), numText(c.per), c.max ? numText(c.max) : undefined, c.rounding)] : [];
      });
      return t.steps(cl.join(lang === 'zh' ? '；' : '; ')) + extras;
    }
    case 'rating': {
      const raters = m.raters?.map((r) => `${name(r.name.text)} ${numText(r.weight)}`).join(', ');
      return t.rating(numText(m.lo), numText(m.hi), raters);
    }
  }
}
