/**
 * `kpi solve`: for one person, the actual each indicator would need (the others held) to reach a goal
 * ("grade A" or "total 90"), or why it cannot.
 *
 * How: the exact evaluator is the oracle. For each indicator the method tells us which direction is
 * better and where the score saturates (its best end); the goal is then monotone along the input, so
 * an exponential + binary search over a grid of the input's minimal unit (0.01% for percents, the
 * step for counts, 0.01 otherwise) finds the least change that reaches the goal. Because every probe
 * is scored by the exact evaluator — rounding of the total, grade lookup, floor, cap, bonus, veto
 * included — the answer is right by construction at the grade boundary: the answer reaches the goal
 * and one unit less does not (both probed). A form the solver does not understand (a metric input,
 * raters, a non-monotonic table, a method kind added later) is reported as unsupported with a code,
 * never guessed.
 */
import type { LExpr, LIndicator, LPlan, LSrc } from '../model/lowered.js';
import { ratioIsInverse, usesRatio } from '../model/lowered.js';
import { makeExact } from '../compile/exact.js';
import type { RowResult } from '../model/results.js';
import type { Plan } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import { diag } from '../diagnostics/diag.js';
import type { Diagnostic } from '../diagnostics/types.js';

export type Goal = { kind: 'grade'; label: string } | { kind: 'total'; value: string };

/** `grade A`, `等级 A`, `A`, `total 90`, `总分 90`, `90` → a goal, or a message naming what is accepted */
export function parseGoal(text: string, plan: LPlan): { goal: Goal } | { error: Diagnostic } {
  const t = text.trim();
  const labels = plan.grades.map((g) => g.label);
  const m = /^(?:(grade|等级|total|总分)\s*[:=]?\s*)?(.+)$/i.exec(t);
  const kw = m?.[1]?.toLowerCase();
  const rest = (m?.[2] ?? '').trim();
  const isNum = Rational.parse(rest) !== undefined;
  if (kw === 'total' || kw === '总分' || (kw === undefined && isNum)) {
    if (!isNum) return { error: diag('KPI0006.goal-number', { goal: t, value: rest }) };
    return { goal: { kind: 'total', value: Rational.parse(rest)!.toDecimalString(20) } };
  }
  if (labels.includes(rest)) return { goal: { kind: 'grade', label: rest } };
  if (labels.length === 0) return { error: diag('KPI0006.goal-no-grades', { goal: t }) };
  return { error: diag('KPI0006.goal-grade', { goal: t, value: rest, grades: labels.map((l) => `\`${l}\``).join(', ') }) };
}

/** why an indicator cannot be solved, or a note on the answer; `code` is stable for machines */
export interface SolveReason {
  code:
    | 'cap' // the score is capped and even the capped score does not reach the goal
    | 'table-max' // the best row/point of a bands/curve table does not reach it
    | 'max-score' // threshold/deduct/rating at their best do not reach it
    | 'veto' // a veto that this input cannot lift holds
    | 'row-error' // the row cannot be scored at the best value
    | 'always' // the goal holds whatever this input is
    | 'unsupported-metric' // the actual is a metric, not a column
    | 'unsupported-raters' // a rating with several raters
    | 'unsupported-non-monotonic' // a table whose score falls as achievement rises
    | 'unsupported-method' // a method this solver does not know (a newer form)
    | 'unsupported-target' // no fixed target to divide by
    | 'unsupported-shared-input' // the column is read by something else that could bend the search
    | 'unsupported-plan'; // the plan has an item kind solve does not know (newer forms: pay, distribution …)
  message: string;
  /** the same in Chinese */
  zh: string;
}

export interface SolveAnswer {
  indicator: string;
  /** the data column the indicator reads (what `--set` changes) */
  column?: string;
  method: string;
  /** the input is a percent (answers print as `103.33%`) */
  percent?: boolean;
  /** `at-least`: higher is better; `at-most`: lower is better */
  direction?: 'at-least' | 'at-most';
  current?: number;
  /** reachable: the least change that reaches the goal; reached: how far it may move and still hold */
  status: 'reachable' | 'reached' | 'unreachable' | 'always' | 'unsupported';
  /** the actual that reaches the goal (exact decimal on the unit grid) */
  answer?: string;
  /** the minimal unit of the search grid */
  unit?: string;
  /** totals at the answer: exact (before rounding) and as reported, and the grade */
  at?: { exactTotal: string; total: number; grade?: string };
  /** at one unit short of the answer (proves minimality) */
  short?: { exactTotal: string; total: number; grade?: string };
  /** the answer reaches the goal only because the total is rounded half-up */
  roundedUp?: boolean;
  /** a step function jumps over the goal: total at one unit short → at the answer */
  step?: boolean;
  reason?: SolveReason;
  /** how much the exact total moves when this input rises by `per` (local, at the current value) */
  sensitivity?: { per: string; total: string };
}

export interface SolveReport {
  goal: Goal;
  /** the person's current result */
  current: { total: number; grade?: string; exactTotal: string; met: boolean };
  answers: SolveAnswer[];
}

type Q = Rational;
const R = (s: string): Q => Rational.parse(s)!;

/** decimals of a decimal string */
const decimalsOf = (s: string | undefined): number => {
  if (s === undefined) return 0;
  const m = /\.(\d+)$/.exec(s.replace(/e.*$/i, ''));
  return m ? m[1]!.length : 0;
};

/** the minimal unit for an input: 0.01% for percents, the step for counts, 0.01 (or finer, as the plan writes) otherwise */
export function minimalUnit(ind: LIndicator, percentInput = false): Q {
  if (ind.method === 'deduct') return Rational.of(1n, 10n ** BigInt(decimalsOf(ind.per)));
  const consts = [ind.target, ind.floor, ind.lo, ind.hi, ...(ind.rows ?? []).map((r) => r.bound), ...(ind.points ?? []).map((p) => p.x)];
  const percent = percentInput || isPercent(ind);
  let d = percent ? 4 : 2;
  for (const c of consts) d = Math.max(d, decimalsOf(c));
  return Rational.of(1n, 10n ** BigInt(Math.min(d, 12)));
}

const isPercent = (ind: LIndicator) => ind.targetPercent || ind.unit === '%' || ind.unit === '％';

/**
 * Indicators whose input is written as a percent in the plan (a table's bounds or points `on` the actual
 * written `80%`): the lowered plan keeps only values, so the caller passes this from the IR.
 */
export function percentInputs(plan: Plan): Set<string> {
  const out = new Set<string>();
  const visit = (items: Plan['items']) => {
    for (const it of items) {
      if (it.kind === 'group') visit(it.items);
      else {
        const m = it.method;
        const lits = [it.target, ...(m?.kind === 'bands' && m.on === 'actual' ? m.rows.map((r) => r.bound) : []), ...(m?.kind === 'curve' && m.on === 'actual' ? m.points.map((p) => p.x) : [])];
        if (lits.some((l) => l?.percent)) out.add(it.name.text);
      }
    }
  };
  visit(plan.items);
  return out;
}

type Shape =
  /** margin: probe one unit past `best` (a strict bound, or a ratio bound that does not fall on the grid) */
  | { ok: true; better: 1 | -1; best: Q; margin?: boolean; worst?: Q; limit: SolveReason['code'] }
  | { ok: false; reason: SolveReason };

/**
 * Which way is better and where the score is at its best, for one indicator's method. The best end
 * is taken one unit past a strict bound, so probing it never misses a saturated score.
 */
function shapeOf(ind: LIndicator, unit: Q): Shape {
  const t = ind.target !== undefined ? R(ind.target) : undefined;
  const inverse = usesRatio(ind) && ratioIsInverse(ind);
  /** basis value → actual (ratio × target, or target ÷ ratio) */
  const toActual = (b: Q): Q | undefined => {
    if (ind.on !== 'ratio') return b;
    if (!t) return undefined;
    if (!inverse) return b.mul(t);
    return b.isZero() || b.isNegative() ? undefined : t.div(b);
  };
  const needT = (): Shape => ({ ok: false, reason: { code: 'unsupported-target', message: 'the method needs a fixed target', zh: '该计分方法需要固定目标值' } });
  switch (ind.method) {
    case 'linear':
    case 'reverse': {
      if (!t) return needT();
      const cap = R(ind.cap);
      return inverse ? { ok: true, better: -1, best: t.div(cap), limit: 'cap' } : { ok: true, better: 1, best: t.mul(cap), worst: Rational.ZERO, limit: 'cap' };
    }
    case 'threshold': {
      if (!t) return needT();
      return { ok: true, better: ind.lower ? -1 : 1, best: t, limit: 'max-score' };
    }
    case 'deduct':
      return { ok: true, better: -1, best: Rational.ZERO, limit: 'max-score' };
    case 'rating':
      if (ind.raters && ind.raters.length > 0) return { ok: false, reason: { code: 'unsupported-raters', message: 'a rating with several raters: solving each rater’s mark is not supported', zh: '多人评分: 暂不支持按评分人分别求解' } };
      return { ok: true, better: 1, best: R(ind.hi ?? '1'), worst: R(ind.lo ?? '0'), limit: 'max-score' };
    case 'bands': {
      const rows = (ind.rows ?? []).map((r) => ({ op: r.op, bound: R(r.bound), score: R(r.score) }));
      if (rows.length === 0) return { ok: false, reason: { code: 'unsupported-method', message: 'an empty bands table', zh: '分档表为空' } };
      const up = rows.every((r) => r.op === '>=' || r.op === '>');
      const down = rows.every((r) => r.op === '<=' || r.op === '<');
      const els = ind.else !== undefined ? R(ind.else) : Rational.ZERO;
      const scores = [...rows.map((r) => r.score), els];
      const falling = scores.every((s, i) => i === 0 || s.le(scores[i - 1]!));
      const orderedBounds = rows.every((r, i) => i === 0 || (up ? r.bound.le(rows[i - 1]!.bound) : r.bound.ge(rows[i - 1]!.bound)));
      if (!(up || down) || !falling || !orderedBounds) return { ok: false, reason: { code: 'unsupported-non-monotonic', message: 'the bands table’s score does not rise steadily with achievement', zh: '分档表的得分不随完成情况单调上升' } };
      const top = rows[0]!;
      // one unit past a strict bound; for a ratio, a unit of ratio is at most one of actual when targets ≥ 1 — add a margin
      const basis = top.op === '>' ? top.bound.add(unit) : top.op === '<' ? top.bound.sub(unit) : top.bound;
      const a = toActual(basis);
      if (a === undefined) return needT();
      const basisBetter: 1 | -1 = up ? 1 : -1;
      const better = (inverse ? -basisBetter : basisBetter) as 1 | -1;
      return { ok: true, better, best: a, margin: true, limit: 'table-max' };
    }
    case 'curve': {
      const pts = (ind.points ?? []).map((p) => ({ x: R(p.x), y: R(p.y) }));
      if (pts.length === 0) return { ok: false, reason: { code: 'unsupported-method', message: 'an empty curve', zh: '曲线为空' } };
      const rising = pts.every((p, i) => i === 0 || p.y.ge(pts[i - 1]!.y));
      const fallingC = pts.every((p, i) => i === 0 || p.y.le(pts[i - 1]!.y));
      if (!rising && !fallingC) return { ok: false, reason: { code: 'unsupported-non-monotonic', message: 'the curve’s score does not rise steadily with achievement', zh: '曲线的得分不随完成情况单调上升' } };
      const basisBetter: 1 | -1 = rising ? 1 : -1;
      const a = toActual(rising ? pts[pts.length - 1]!.x : pts[0]!.x);
      if (a === undefined) return needT();
      return { ok: true, better: (inverse ? -basisBetter : basisBetter) as 1 | -1, best: a, limit: 'table-max' };
    }
    default:
      return { ok: false, reason: { code: 'unsupported-method', message: `scoring \`${(ind as { method: string }).method}\` is not supported by solve yet`, zh: `求解暂不支持计分方法 \`${(ind as { method: string }).method}\`` } };
  }
}

/** the lowered fields solve understands; an indicator or plan with any other field is a newer form */
const KNOWN_IND = new Set(['name', 'path', 'weight', 'method', 'src', 'raters', 'target', 'targetPercent', 'cap', 'floor', 'lower', 'on', 'rows', 'else', 'points', 'dpoints', 'per', 'max', 'lo', 'hi', 'default', 'unit', 'local', 'parent']);
const KNOWN_PLAN = new Set(['name', 'round', 'inputs', 'metrics', 'inds', 'groups', 'bonuses', 'vetoes', 'grades', 'penalties', 'negativeTotal']);
const present = (v: unknown) => v !== undefined && v !== null && v !== false && !(Array.isArray(v) && v.length === 0);
const unknownKeys = (o: object, known: Set<string>) => Object.entries(o).filter(([k, v]) => !known.has(k) && present(v)).map(([k]) => k);

/**
 * Whether moving this input moves anything but its own indicator in a way the search cannot trust.
 * The search needs the goal to be monotone along the input. Its own indicator is (checked by shapeOf);
 * a veto of the form `column < c` / `column <= c` (`>`/`>=` when lower is better) only adds more of the
 * same; anything else that reads the column (another indicator through a metric, a bonus, a veto of
 * another shape) could bend it, so the answer would be a guess.
 */
function sharedReaders(plan: LPlan, self: number, slot: number, better: 1 | -1): string[] {
  const memo = new Map<number, boolean>();
  const exprReads = (e: LExpr): boolean => {
    switch (e.k) {
      case 'num':
        return false;
      case 'src':
        return srcReads(e.s);
      case 'neg':
      case 'not':
      case 'abs':
        return exprReads(e.a);
      case 'min':
      case 'max':
        return e.args.some(exprReads);
      default:
        return exprReads(e.a) || exprReads(e.b);
    }
  };
  const srcReads = (s: LSrc): boolean => {
    if (s.k === 'slot') return s.i === slot;
    let v = memo.get(s.i);
    if (v === undefined) {
      memo.set(s.i, false);
      v = exprReads(plan.metrics[s.i]!.expr);
      memo.set(s.i, v);
    }
    return v;
  };
  const out: string[] = [];
  plan.inds.forEach((ind, i) => {
    if (i !== self && ((ind.src && srcReads(ind.src)) || ind.raters?.some((r) => r.slot === slot))) out.push(ind.name);
  });
  for (const b of plan.bonuses) if (srcReads(b.src)) out.push(b.name);
  for (const v of plan.vetoes) {
    if (!exprReads(v.expr)) continue;
    const e = v.expr;
    const direct = (x: LExpr) => x.k === 'src' && x.s.k === 'slot' && x.s.i === slot;
    const constant = (x: LExpr) => !exprReads(x);
    // `column < c`: holds for low values — released by raising it (at-least); mirrored for at-most
    const ok =
      (e.k === '<' || e.k === '<=' || e.k === '>' || e.k === '>=') &&
      ((direct(e.a) && constant(e.b) && ((e.k === '<' || e.k === '<=') === (better === 1))) ||
        (direct(e.b) && constant(e.a) && ((e.k === '>' || e.k === '>=') === (better === 1))));
    if (!ok) out.push(v.name);
  }
  return out;
}

/**
 * Solve for one person. `values` are aligned with `plan.inputs` (NaN = missing), as the binder gives
 * them; `--set` changes are applied by the caller before.
 */
export function solve(plan: LPlan, values: ArrayLike<number>, goal: Goal, options: { percent?: ReadonlySet<string> } = {}): SolveReport {
  const ev = makeExact(plan);
  const gradeIndex = (label: string | undefined) => (label === undefined ? -1 : plan.grades.findIndex((g) => g.label === label));
  const goalIndex = goal.kind === 'grade' ? gradeIndex(goal.label) : -1;
  const goalTotal = goal.kind === 'total' ? R(goal.value) : undefined;
  const score = (vals: ArrayLike<number>): { result?: RowResult; exact?: Q } => {
    const r = ev(vals, true);
    if (!r.outcome.ok) return {};
    return { result: r.outcome.result, exact: Rational.of(r.exact!.total[0], r.exact!.total[1]) };
  };
  const meets = (res: RowResult | undefined): boolean => {
    if (!res) return false;
    if (goal.kind === 'grade') {
      if (res.vetoes.length > 0) return goalIndex === plan.grades.length - 1;
      const i = gradeIndex(res.grade);
      return i >= 0 && i <= goalIndex;
    }
    return Rational.fromNumber(res.total).ge(goalTotal!);
  };
  const base = score(values);
  if (!base.result) throw new Error('solve: the row cannot be scored'); // callers score it first and report its errors
  const report: SolveReport = {
    goal,
    current: { total: base.result.total, exactTotal: base.exact!.toDecimalString(12), met: meets(base.result) },
    answers: [],
  };
  if (base.result.grade !== undefined) report.current.grade = base.result.grade;

  const goalBound = (): Q | undefined => {
    if (goalTotal) return goalTotal;
    const g = plan.grades[goalIndex];
    return g?.min !== undefined ? R(g.min) : undefined;
  };

  // a plan-level form solve does not know (a forced distribution moves grades by others' totals; pay,
  // penalties, periods …): every answer would be a guess, so none is given
  const newerPlan = unknownKeys(plan, KNOWN_PLAN);
  for (const ind of plan.inds) {
    const ans: SolveAnswer = { indicator: ind.name, method: ind.method, status: 'unsupported' };
    report.answers.push(ans);
    if (newerPlan.length) {
      ans.reason = { code: 'unsupported-plan', message: `the plan uses ${newerPlan.map((k) => `\`${k}\``).join(', ')}, which solve does not handle yet`, zh: `方案使用了求解暂不支持的 ${newerPlan.map((k) => `\`${k}\``).join(', ')}` };
      continue;
    }
    const newerInd = unknownKeys(ind, KNOWN_IND);
    if (newerInd.length) {
      ans.reason = { code: 'unsupported-method', message: `\`${ind.name}\` uses ${newerInd.map((k) => `\`${k}\``).join(', ')}, which solve does not handle yet`, zh: `\`${ind.name}\` 使用了求解暂不支持的 ${newerInd.map((k) => `\`${k}\``).join(', ')}` };
      continue;
    }
    if (!ind.src || ind.raters?.length) {
      if (ind.raters?.length) ans.reason = { code: 'unsupported-raters', message: 'a rating with several raters: each rater’s mark moves it; solve does not split the goal among raters', zh: '多人评分: 每位评分人的分数都会影响结果, 求解不在评分人之间分配目标' };
      continue;
    }
    if (ind.src.k === 'metric') {
      ans.reason = { code: 'unsupported-metric', message: `the actual is metric \`${plan.metrics[ind.src.i]!.name}\`: solving for the columns it reads is not supported`, zh: `实际值来自派生指标 \`${plan.metrics[ind.src.i]!.name}\`: 暂不支持对其输入列求解` };
      continue;
    }
    const slot = ind.src.i;
    ans.column = plan.inputs[slot]!.column;
    const cur = values[slot] as number;
    if (Number.isFinite(cur)) ans.current = cur;
    const percent = isPercent(ind) || (options.percent?.has(ind.name) ?? false);
    const unit = minimalUnit(ind, percent);
    if (percent) ans.percent = true;
    ans.unit = unit.toDecimalString(20);
    const shape = shapeOf(ind, unit);
    if (!shape.ok) {
      ans.reason = shape.reason;
      continue;
    }
    ans.direction = shape.better === 1 ? 'at-least' : 'at-most';
    const shared = sharedReaders(plan, plan.inds.indexOf(ind), slot, shape.better);
    if (shared.length) {
      ans.status = 'unsupported';
      ans.reason = {
        code: 'unsupported-shared-input',
        message: `column \`${ans.column}\` is also read by ${shared.map((n) => `\`${n}\``).join(', ')}: moving it moves them too, and solve does not search that`,
        zh: `列 \`${ans.column}\` 同时被 ${shared.map((n) => `\`${n}\``).join(', ')} 读取: 改变它会一并改变这些项, 求解暂不支持`,
      };
      continue;
    }
    const s = shape.better;
    // grid index k ↦ actual s·k·unit, so that the goal is non-decreasing in k
    const xOf = (k: bigint): Q => Rational.of(BigInt(s) * k).mul(unit);
    const kCeil = (x: Q): bigint => {
      const v = x.mul(Rational.fromInt(s)).div(unit);
      const f = v.floor();
      return Rational.of(f).eq(v) ? f : f + 1n;
    };
    const fmt = (x: Q) => (percent ? `${x.mul(Rational.HUNDRED).toDecimalString(8)}%` : x.toDecimalString(8));
    const vals = Array.from(values as ArrayLike<number>);
    const probe = (k: bigint) => {
      vals[slot] = Number(xOf(k).toDecimalString(20));
      return score(vals);
    };
    const holds = (k: bigint) => meets(probe(k).result);

    // sensitivity: the exact total's move when the input rises by one display unit (1%, or 1)
    if (Number.isFinite(cur)) {
      const per = percent ? Rational.of(1n, 100n) : Rational.ONE;
      vals[slot] = Number(Rational.fromNumber(cur).add(per).toDecimalString(20));
      const up = score(vals).exact;
      vals[slot] = cur;
      if (up && base.exact) ans.sensitivity = { per: per.toDecimalString(20), total: up.sub(base.exact).toDecimalString(6) };
    }

    let hi = kCeil(shape.best) + (shape.margin ? 1n : 0n);
    const atBest = probe(hi);
    if (!meets(atBest.result)) {
      ans.status = 'unreachable';
      const shown = (r: { result?: RowResult }) => (r.result ? `${r.result.total}${r.result.grade !== undefined ? ` (${r.result.grade})` : ''}` : 'an error');
      const bestText = `${ans.direction === 'at-least' ? '≥' : '≤'} ${fmt(shape.best)}`;
      if (!atBest.result) ans.reason = { code: 'row-error', message: `at ${bestText} the row cannot be scored`, zh: `取 ${bestText} 时该行无法计分` };
      else if (atBest.result.vetoes.length) ans.reason = { code: 'veto', message: `veto \`${atBest.result.vetoes.join('`, `')}\` holds whatever \`${ind.name}\` is`, zh: `无论 \`${ind.name}\` 取何值, 否决项 \`${atBest.result.vetoes.join('`, `')}\` 均成立` };
      else {
        const whatZh = shape.limit === 'cap' ? `封顶 ${Rational.HUNDRED.mul(R(ind.cap)).toDecimalString(8)} 分` : shape.limit === 'table-max' ? '取到表中最高档' : '取到最高分';
        const what = shape.limit === 'cap' ? `capped at ${Rational.HUNDRED.mul(R(ind.cap)).toDecimalString(8)} points` : shape.limit === 'table-max' ? 'at the top of its table' : 'at its best score';
        ans.reason = { code: shape.limit, message: `even ${what} (${bestText}), the total is ${shown(atBest)}`, zh: `即使${whatZh} (${bestText}), 总分也只有 ${shown(atBest)}` };
      }
      continue;
    }
    // find a k that does not hold, below hi: the natural worst end, else exponential steps
    let lo: bigint | undefined;
    if (shape.worst !== undefined) {
      const kw = kCeil(shape.worst);
      if (kw < hi && !holds(kw)) lo = kw;
      else if (kw < hi) {
        ans.status = 'always';
        ans.reason = { code: 'always', message: `the goal holds whatever \`${ind.name}\` is`, zh: `无论 \`${ind.name}\` 取何值, 目标均达成` };
        continue;
      }
    }
    if (lo === undefined) {
      let step = hi > 0n ? hi : hi < 0n ? -hi : 1n;
      if (step < 1n) step = 1n;
      for (let i = 0; i < 64 && lo === undefined; i++, step *= 2n) if (!holds(hi - step)) lo = hi - step;
      if (lo === undefined) {
        ans.status = 'always';
        ans.reason = { code: 'always', message: `the goal holds whatever \`${ind.name}\` is`, zh: `无论 \`${ind.name}\` 取何值, 目标均达成` };
        continue;
      }
    }
    // invariant: holds(hi), !holds(lo), lo < hi
    let below: bigint = lo;
    while (hi - below > 1n) {
      const mid: bigint = below + (hi - below) / 2n;
      if (holds(mid)) hi = mid;
      else below = mid;
    }
    const at = probe(hi);
    const short = probe(hi - 1n);
    ans.answer = xOf(hi).toDecimalString(20);
    ans.at = { exactTotal: at.exact!.toDecimalString(12), total: at.result!.total, ...(at.result!.grade !== undefined ? { grade: at.result!.grade } : {}) };
    if (short.result) ans.short = { exactTotal: short.exact!.toDecimalString(12), total: short.result.total, ...(short.result.grade !== undefined ? { grade: short.result.grade } : {}) };
    const bound = goalBound();
    if (bound && at.exact!.lt(bound)) ans.roundedUp = true;
    // a jump: one unit moved the total by more than a point (threshold, band, floor, deduct step)
    if (short.exact && at.exact!.sub(short.exact).gt(Rational.ONE)) ans.step = true;
    ans.status = report.current.met ? 'reached' : 'reachable';
  }
  return report;
}
