/** What a plan defines and references, read from the IR (so it works on half-typed plans after recovery). */
import { indicatorsOf, groupsOf, type Expr, type Plan, type PlanFile, type Span, type Indicator, type Rational } from '@kpi/core';

export type NameKind = 'indicator' | 'group' | 'metric' | 'bonus' | 'penalty' | 'veto' | 'column' | 'grade';

export interface NameInfo {
  name: string;
  kind: NameKind;
  /** where it is defined (or first referenced, for columns) */
  span: Span;
  indicator?: Indicator;
  effectiveWeight?: Rational;
  path?: string[];
}

const inside = (s: Span, o: number) => s.start <= o && o <= s.end;

/** The plan containing `offset`, else the first plan. */
export function planAt(file: PlanFile, offset: number): Plan | undefined {
  return file.plans.find((p) => inside(p.span, offset)) ?? file.plans[0];
}

export function walkExpr(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'neg':
    case 'not':
      walkExpr(e.operand, f);
      break;
    case 'arith':
    case 'compare':
    case 'logic':
      walkExpr(e.left, f);
      walkExpr(e.right, f);
      break;
    case 'call':
      for (const a of e.args) walkExpr(a, f);
      break;
    default:
      break;
  }
}

/** namesOf per plan object: the IR of an analysis is never mutated, and hovers and completions ask often */
const namesCache = new WeakMap<Plan, NameInfo[]>();

/** Every name a plan defines or reads, first occurrence wins; data columns are what expressions, inputs and tests read. */
export function namesOf(plan: Plan): NameInfo[] {
  let names = namesCache.get(plan);
  if (!names) {
    names = computeNames(plan);
    namesCache.set(plan, names);
  }
  return names;
}

function computeNames(plan: Plan): NameInfo[] {
  const out: NameInfo[] = [];
  const seen = new Set<string>();
  const add = (n: NameInfo) => {
    const key = `${n.kind}:${n.name}`;
    if (!n.name || seen.has(key)) return;
    seen.add(key);
    out.push(n);
  };
  for (const { indicator, groups, effectiveWeight } of indicatorsOf(plan)) {
    add({
      name: indicator.name.text,
      kind: 'indicator',
      span: indicator.name.span,
      indicator,
      effectiveWeight,
      path: groups.map((g) => g.name.text),
    });
    if (indicator.input) add({ name: indicator.input.text, kind: 'column', span: indicator.input.span });
    if (indicator.targetRef) add({ name: indicator.targetRef.text, kind: 'column', span: indicator.targetRef.span });
    if (indicator.method?.kind === 'rating' && indicator.method.raters) {
      for (const r of indicator.method.raters)
        add({ name: `${indicator.name.text}.${r.name.text}`, kind: 'column', span: r.name.span });
    }
  }
  for (const { group } of groupsOf(plan)) add({ name: group.name.text, kind: 'group', span: group.name.span });
  for (const m of plan.metrics) add({ name: m.name.text, kind: 'metric', span: m.name.span });
  for (const b of plan.bonuses) add({ name: b.name.text, kind: 'bonus', span: b.name.span });
  for (const b of plan.penalties ?? []) add({ name: b.name.text, kind: 'penalty', span: b.name.span });
  for (const v of plan.vetoes) add({ name: v.name.text, kind: 'veto', span: v.name.span });
  for (const g of plan.grades?.lines ?? []) add({ name: g.label.text, kind: 'grade', span: g.label.span });
  const defined = new Set(out.filter((n) => n.kind !== 'grade' && n.kind !== 'column').map((n) => n.name));
  const col = (name: string, span: Span) => {
    if (!defined.has(name)) add({ name, kind: 'column', span });
  };
  const refs = (e: Expr) => walkExpr(e, (x) => x.kind === 'ref' && col(x.name, x.span));
  for (const m of plan.metrics) refs(m.expr);
  for (const v of plan.vetoes) refs(v.when);
  for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) if (b.input) col(b.input.text, b.input.span);
  for (const t of plan.tests) for (const g of t.given) col(g.key.text, g.key.span);
  return out;
}

/** The name occurrence under `offset`: a definition, an expression reference, an input, a test key. */
export function nameAt(plan: Plan, offset: number): { name: string; span: Span } | undefined {
  const hits: { name: string; span: Span }[] = [];
  const check = (name: string, span: Span) => {
    if (inside(span, offset)) hits.push({ name, span });
  };
  for (const { indicator } of indicatorsOf(plan)) {
    check(indicator.name.text, indicator.name.span);
    if (indicator.input) check(indicator.input.text, indicator.input.span);
    if (indicator.targetRef) check(indicator.targetRef.text, indicator.targetRef.span);
  }
  for (const { group } of groupsOf(plan)) check(group.name.text, group.name.span);
  const refs = (e: Expr) => walkExpr(e, (x) => x.kind === 'ref' && check(x.name, x.span));
  for (const m of plan.metrics) {
    check(m.name.text, m.name.span);
    refs(m.expr);
  }
  for (const v of plan.vetoes) {
    check(v.name.text, v.name.span);
    refs(v.when);
  }
  for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) {
    check(b.name.text, b.name.span);
    if (b.input) check(b.input.text, b.input.span);
  }
  for (const t of plan.tests) {
    for (const g of t.given) check(g.key.text, g.key.span);
    for (const e of t.expects) check(e.subject.text, e.subject.span);
  }
  // the narrowest hit
  hits.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
  return hits[0];
}
