/**
 * IR → lowered plan (model/lowered.ts): resolves names to input slots and metrics, multiplies weights
 * along group paths, orders metrics, and reports why a plan cannot be scored (KPI0910–0914).
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { bilingual, diag, type ArgsOf, type DiagnosticId } from '../diagnostics/diag.js';
import type { Text } from '../diagnostics/lang.js';
import type { Expr, Group, Indicator, NumLit, Plan, ScoredItem, StepClause } from '../ir/schema.js';
import { Rational } from '../numbers/rational.js';
import type { Span } from '../source/span.js';
import type { InputColumn } from '../model/results.js';
import type { LExpr, LGroup, LIndicator, LMetric, LPlan, LSrc, LStep } from '../model/lowered.js';

export interface LowerResult {
  lowered?: LPlan;
  diagnostics: Diagnostic[];
}

const canon = (r: Rational): string => r.toDecimalString(60);
const num = (n: NumLit | undefined): Rational | undefined => (n ? Rational.parse(n.value) : undefined);

export function lowerPlan(plan: Plan, file?: string): LowerResult {
  const diagnostics: Diagnostic[] = [];
  /** @deprecated texts stay English (KPI0910–0914 are reached only by plans the checker already refused); use diag() for new ones */
  /** a finding from the catalogue (both languages); the checker reports most of these first, this is the backstop */
  const report = <I extends DiagnosticId>(id: I, span: Span, args: ArgsOf<I>) => {
    diagnostics.push(diag(id, args, { file, span }));
  };

  // ---------- inputs ----------
  const inputs: InputColumn[] = [];
  const slotOf = new Map<string, number>();
  /** set while lowering an `optional` indicator: the columns it reads may say N/A */
  let naReader = false;
  const slot = (column: string, role: InputColumn['role'], reader: string, optional: boolean): number => {
    const i = slotOf1(column, role, reader, optional);
    if (naReader && role !== 'target') inputs[i]!.na = true;
    return i;
  };
  const slotOf1 = (column: string, role: InputColumn['role'], reader: string, optional: boolean): number => {
    let i = slotOf.get(column);
    if (i === undefined) {
      i = inputs.length;
      slotOf.set(column, i);
      inputs.push({ column, role, optional, readers: [reader] });
    } else {
      const c = inputs[i]!;
      if (!c.readers.includes(reader)) c.readers.push(reader);
      c.optional = c.optional && optional;
    }
    return i;
  };

  // ---------- metrics: resolve lazily, in dependency order ----------
  const metricDefs = new Map<string, Plan['metrics'][number]>();
  for (const m of plan.metrics) if (!metricDefs.has(m.name.text)) metricDefs.set(m.name.text, m);
  const metrics: LMetric[] = [];
  const metricIndex = new Map<string, number>();
  const visiting = new Set<string>();
  const cycleReported = new Set<string>();

  // Metrics may name metrics, in chains of any length (`m0 = m1 + 1`, `m1 = m2 + 1`, …). Lowering is written as
  // generators that *yield* when they need a metric, and a driver (`run`) keeps the chain on an explicit stack,
  // so a 5,000-long chain cannot overflow the call stack; the order of slots and metrics is that of a plain
  // depth-first walk. (Recursion inside one expression is bounded by the parser's MAX_EXPR_DEPTH.)
  type Need = { need: string; span: Span };
  type Step<T> = Generator<Need, T, LSrc | undefined>;
  function* lowerExprG(e: Expr, reader: string, role: InputColumn['role'], optional: boolean): Step<LExpr | undefined> {
    switch (e.kind) {
      case 'num': {
        const r = Rational.parse(e.value);
        return r ? { k: 'num', v: canon(r) } : undefined;
      }
      case 'ref': {
        const s = yield* resolveG(e.name, reader, role, optional, e.span);
        return s ? { k: 'src', s } : undefined;
      }
      case 'neg':
      case 'not': {
        const a = yield* lowerExprG(e.operand, reader, role, optional);
        return a ? { k: e.kind, a } : undefined;
      }
      case 'arith':
      case 'compare':
      case 'logic': {
        const a = yield* lowerExprG(e.left, reader, role, optional);
        const b = yield* lowerExprG(e.right, reader, role, optional);
        return a && b ? { k: e.op, a, b } : undefined;
      }
      case 'call': {
        const args: LExpr[] = [];
        for (const x of e.args) {
          const a = yield* lowerExprG(x, reader, role, optional);
          if (!a) return undefined;
          args.push(a);
        }
        if (args.length === 0) {
          report('KPI0914.args', e.span, { fn: e.fn });
          return undefined;
        }
        if (e.fn === 'abs') {
          if (args.length !== 1) {
            report('KPI0914.abs', e.span, {});
            return undefined;
          }
          return { k: 'abs', a: args[0]! };
        }
        return { k: e.fn, args };
      }
      case 'error':
        report('KPI0914', e.span, {});
        return undefined;
    }
  }

  /** the driver: runs a lowering step, lowering each metric it needs (once, in dependency order) on an explicit stack */
  const run = <T>(root: Step<T>): T => {
    const frames: { g: Step<unknown>; metric?: string }[] = [{ g: root }];
    let input: LSrc | undefined;
    for (;;) {
      const top = frames[frames.length - 1]!;
      const r = top.g.next(input);
      if (r.done) {
        frames.pop();
        if (top.metric === undefined) return r.value as T;
        // a metric finished lowering
        const name = top.metric;
        visiting.delete(name);
        const expr = r.value as LExpr | undefined;
        input = undefined;
        if (expr) {
          const def = metricDefs.get(name)!;
          const m: LMetric = { name, expr };
          const d = num(def.default);
          if (d) m.default = canon(d);
          metricIndex.set(name, metrics.length);
          metrics.push(m);
          input = { k: 'metric', i: metrics.length - 1 };
        }
        continue;
      }
      const { need: name, span } = r.value;
      const known = metricIndex.get(name);
      if (known !== undefined) {
        input = { k: 'metric', i: known };
        continue;
      }
      input = undefined;
      if (visiting.has(name)) {
        if (!cycleReported.has(name)) {
          cycleReported.add(name);
          report('KPI0912', span, { name });
        }
        continue;
      }
      visiting.add(name);
      const def = metricDefs.get(name)!;
      frames.push({ g: lowerExprG(def.expr, name, 'metric-input', def.default !== undefined), metric: name });
    }
  };

  /** a name read by an element: a metric of that name, else a data column */
  function* resolveG(name: string, reader: string, role: InputColumn['role'], optional: boolean, span: Span): Step<LSrc | undefined> {
    if (metricDefs.has(name)) return yield { need: name, span };
    return { k: 'slot', i: slot(name, role, reader, optional) };
  }
  const resolve = (name: string, reader: string, role: InputColumn['role'], optional: boolean, span: Span): LSrc | undefined => run(resolveG(name, reader, role, optional, span));
  const lowerExpr = (e: Expr, reader: string, role: InputColumn['role'], optional: boolean): LExpr | undefined => run(lowerExprG(e, reader, role, optional));

  // ---------- indicators ----------
  const inds: LIndicator[] = [];
  const groups: LGroup[] = [];
  const weightOf = (item: ScoredItem) => num(item.weight) ?? Rational.ZERO;

  const lowerIndicator = (ind: Indicator, path: string[], weight: Rational, parent: number, optionalScope: boolean): LIndicator | undefined => {
    const name = ind.name.text;
    const m = ind.method;
    if (!m) {
      report('KPI0910', ind.name.span, { name });
      return undefined;
    }
    const target = num(ind.target);
    const def = num(ind.default);
    const out: LIndicator = {
      name,
      path,
      weight: canon(weight),
      local: canon(weightOf(ind)),
      parent,
      method: m.kind,
      targetPercent: ind.target?.percent ?? false,
      cap: canon(num(ind.cap) ?? Rational.ONE),
      lower: ind.lower || m.kind === 'reverse',
      on: 'actual',
    };
    if (target) out.target = canon(target);
    const high = num(ind.targetHigh);
    if (high) out.targetHigh = canon(high);
    if (ind.optional || optionalScope) out.optional = true;
    naReader = out.optional === true;
    const column = ind.input?.text ?? name;
    // a blank cell stays an error unless there is a default, `optional` or not (only N/A drops out)
    const optional = def !== undefined;
    if (ind.targetRef) {
      out.targetSrc = resolve(ind.targetRef.text, name, 'target', false, ind.targetRef.span);
      if (!out.targetSrc) return undefined;
    }
    const floor = num(ind.floor);
    if (floor) out.floor = canon(floor);
    if (def) out.default = canon(def);
    if (ind.unit) out.unit = ind.unit.text;
    const needTarget = (why: Text): boolean => {
      if (ind.targetRef) return true; // read per row: a zero or blank target is a row error (KPI0905)
      if (!target) {
        report('KPI0911', ind.name.span, { name, why });
        return false;
      }
      if (!target.gt(Rational.ZERO)) {
        report('KPI0911.not-positive', ind.target!.span, { name, why });
        return false;
      }
      return true;
    };
    switch (m.kind) {
      case 'linear':
      case 'reverse':
        if (!needTarget(bilingual('what.divides-by-target', { method: m.kind }))) return undefined;
        break;
      case 'threshold':
        if (!target && !ind.targetRef) {
          report('KPI0911.threshold', ind.name.span, { name });
          return undefined;
        }
        break;
      case 'bands': {
        out.on = m.on;
        if (m.on === 'ratio' && !needTarget(bilingual('what.divides-by-target', { method: 'bands on ratio' }))) return undefined;
        out.rows = [];
        for (const r of m.rows) {
          const b = num(r.bound);
          const s = num(r.score);
          if (!b || !s) {
            report('KPI0913.band', r.span, { name });
            return undefined;
          }
          out.rows.push({ op: r.op, bound: canon(b), score: canon(s) });
        }
        out.else = canon(num(m.else?.score) ?? Rational.ZERO);
        break;
      }
      case 'curve': {
        out.on = m.on;
        if (m.on === 'ratio' && !needTarget(bilingual('what.divides-by-target', { method: 'curve on ratio' }))) return undefined;
        out.points = [];
        let prev: Rational | undefined;
        for (const p of m.points) {
          const x = num(p.x);
          const y = num(p.y);
          if (!x || !y) {
            report('KPI0913.point', p.span, { name });
            return undefined;
          }
          if (prev && !x.gt(prev)) {
            report('KPI0913.order', p.x.span, { name });
            return undefined;
          }
          prev = x;
          out.points.push({ x: canon(x), y: canon(y) });
        }
        if (out.points.length === 0) {
          report('KPI0913.no-points', m.span, { name });
          return undefined;
        }
        break;
      }
      case 'deduct': {
        const p = num(m.points);
        const per = num(m.per);
        if (!p || !per || !per.gt(Rational.ZERO)) {
          report('KPI0913.deduct', m.span, { name });
          return undefined;
        }
        out.dpoints = canon(p);
        out.per = canon(per);
        const mx = num(m.max);
        if (mx) out.max = canon(mx);
        out.src = resolve(column, name, 'count', optional, ind.name.span);
        if (!out.src) return undefined;
        return out;
      }
      case 'steps': {
        if (!ind.targetRef && !target) {
          report('KPI0911.steps', ind.name.span, { name });
          return undefined;
        }
        const step = (cl: StepClause | undefined): LStep | undefined => {
          if (!cl) return undefined;
          const p = num(cl.points);
          const per = num(cl.per);
          if (!p || !per || !per.gt(Rational.ZERO)) return undefined;
          const st: LStep = { points: canon(p), per: canon(per), side: cl.side, rounding: cl.rounding };
          const mx = num(cl.max);
          if (mx) st.max = canon(mx);
          return st;
        };
        const d = step(m.deduct);
        const a = step(m.add);
        if ((m.deduct && !d) || (m.add && !a)) {
          report('KPI0913.steps', m.span, { name });
          return undefined;
        }
        if (d) out.stepDeduct = d;
        if (a) out.stepAdd = a;
        // a `%` step on an amount counts shares of the target (完成率每低1%); on a percent, percentage points
        const pctStep = (m.deduct ?? m.add)!.per.percent;
        const pctValues = ind.target?.percent === true || ind.unit?.text === '%';
        out.stepMeasure = pctStep && !pctValues ? 'share' : 'abs';
        if (out.stepMeasure === 'share' && target && !target.gt(Rational.ZERO)) {
          needTarget(bilingual('what.percent-step-share', {}));
          return undefined;
        }
        break;
      }
      case 'rating': {
        const lo = num(m.lo);
        const hi = num(m.hi);
        if (!lo || !hi || !lo.lt(hi) || !hi.gt(Rational.ZERO)) {
          report('KPI0913.rating', m.span, { name });
          return undefined;
        }
        out.lo = canon(lo);
        out.hi = canon(hi);
        if (m.raters && m.raters.length > 0) {
          out.raters = m.raters.map((r) => ({
            name: r.name.text,
            weight: canon(num(r.weight) ?? Rational.ZERO),
            // the column must exist (a misspelt `执行力.manger` must not drop a rater silently); a blank
            // mark in a row re-weights the other raters (see table.ts `required`)
            slot: slot(`${column}.${r.name.text}`, 'rater', name, optional),
          }));
          return out;
        }
        out.src = resolve(column, name, 'actual', optional, ind.name.span);
        if (!out.src) return undefined;
        return out;
      }
    }
    out.src = resolve(column, name, 'actual', optional, ind.name.span);
    if (!out.src) return undefined;
    return out;
  };

  let ok = true;
  const visit = (items: ScoredItem[], path: string[], w: Rational, parent: number, optionalScope: boolean): number[] => {
    const mine: number[] = [];
    for (const item of items) {
      const ew = w.mul(weightOf(item));
      if (item.kind === 'indicator') {
        const l = lowerIndicator(item, path, ew, parent, optionalScope);
        if (!l) ok = false;
        else {
          mine.push(inds.length);
          inds.push(l);
        }
      } else {
        const g: Group = item;
        const entry: LGroup = { name: g.name.text, path, weight: canon(ew), local: canon(weightOf(g)), parent, inds: [] };
        groups.push(entry);
        entry.inds = visit(g.items, [...path, g.name.text], ew, groups.length - 1, optionalScope || g.optional === true);
        mine.push(...entry.inds);
      }
    }
    return mine;
  };
  visit(plan.items, [], Rational.ONE, -1, false);
  naReader = false;

  /** bonus and penalty items: points per counted unit, added to or taken off the total */
  const lowerPoints = (list: Plan['bonuses']): LPlan['bonuses'] => {
    const outList: LPlan['bonuses'] = [];
    for (const b of list) {
      const p = num(b.points);
      const per = num(b.per);
      if (!p || !per || !per.gt(Rational.ZERO)) {
        report('KPI0913.item', b.span, { kind: b.kind, name: b.name.text, example: b.kind === 'bonus' ? 'bonus 创新提案 points 2 per 1 max 10' : 'penalty 有效投诉 points 3 per 1 max 15' });
        ok = false;
        continue;
      }
      const def = num(b.default);
      const src = resolve(b.input?.text ?? b.name.text, b.name.text, b.kind === 'bonus' ? 'bonus-input' : 'penalty-input', def !== undefined, b.name.span);
      if (!src) {
        ok = false;
        continue;
      }
      const lb: LPlan['bonuses'][number] = { name: b.name.text, src, points: canon(p), per: canon(per) };
      if (b.kind === 'penalty') lb.penalty = true;
      const mx = num(b.max);
      if (mx) lb.max = canon(mx);
      if (def) lb.default = canon(def);
      outList.push(lb);
    }
    return outList;
  };
  const bonuses = lowerPoints(plan.bonuses);
  const penalties = lowerPoints(plan.penalties ?? []);

  const vetoes: LPlan['vetoes'] = [];
  for (const v of plan.vetoes) {
    const expr = lowerExpr(v.when, v.name.text, 'veto-input', false);
    if (!expr) {
      ok = false;
      continue;
    }
    vetoes.push({ name: v.name.text, expr });
  }

  const grades: LPlan['grades'] = [];
  for (const g of plan.grades?.lines ?? []) {
    const line: LPlan['grades'][number] = { label: g.label.text };
    const mn = num(g.min);
    if (mn) line.min = canon(mn);
    const c = num(g.coefficient);
    if (c) line.coefficient = canon(c);
    grades.push(line);
  }

  if (!ok || diagnostics.length > 0) return { diagnostics };
  const round = plan.settings.round?.value ?? 2;
  return {
    lowered: {
      name: plan.name.text,
      round: Math.max(0, Math.min(10, round)),
      inputs,
      metrics,
      inds,
      groups,
      bonuses,
      penalties,
      negativeTotal: plan.settings.negativeTotal !== undefined,
      hasOptional: inds.some((i) => i.optional === true),
      ...(plan.money ? { money: true as const } : {}),
      vetoes,
      grades,
    },
    diagnostics,
  };
}
