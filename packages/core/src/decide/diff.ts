/**
 * `kpi diff`: what changed between two versions of a plan, in plan terms — indicators added, removed or
 * renamed (matched by similarity), written and effective weights, targets, methods and their tables,
 * options, groups, grades, bonuses, vetoes, metrics and settings — each with its line on both sides.
 *
 * Works on the IR (for what was written and where) and the lowered plan (for effective weights), so a
 * new item kind shows up here by adding one comparer to `diffPlans`.
 */
import type { Bonus, Group, Indicator, Method, Metric, Plan, ScoredItem, Veto } from '../ir/schema.js';
import { SourceFile } from '../source/span.js';
import { lowerPlan } from '../compile/lower.js';
import { printExpr } from '../format/expr.js';
import { printNumLit } from '../format/text.js';
import { Rational } from '../numbers/rational.js';

export interface PlanVersion {
  /** as shown to people: a path or `HEAD~1:plans/店长.kpi` */
  name: string;
  text: string;
  plan: Plan;
}

export type ChangeKind =
  | 'added'
  | 'removed'
  | 'renamed'
  | 'weight'
  | 'effective-weight'
  | 'target'
  | 'method'
  | 'table'
  | 'option'
  | 'grade'
  | 'bonus'
  | 'veto'
  | 'metric'
  | 'setting'
  /** a plan part this diff does not know in detail (a newer item kind): shown as changed, whole */
  | 'other';

export interface PlanChange {
  kind: ChangeKind;
  /** what the change is about: `indicator 销售额`, `grade A`, `veto 重大事故` */
  subject: string;
  /** the property changed, when the change is not the whole item: `weight`, `cap`, `coefficient` */
  field?: string;
  old?: string;
  new?: string;
  /** 1-based lines, in the old and the new file */
  oldLine?: number;
  newLine?: number;
}

export interface PlanDiff {
  old: { name: string; plan: string };
  new: { name: string; plan: string };
  changes: PlanChange[];
}

const num = (n: { value: string; percent: boolean } | undefined): string | undefined => (n ? printNumLit(n) : undefined);
const pct = (decimal: string): string => Rational.parse(decimal)!.mul(Rational.HUNDRED).toDecimalString(8) + '%';

/** one line of text for a scoring method, as a consultant would write it */
export function describeMethod(m: Method | undefined): string {
  if (!m) return '(none)';
  switch (m.kind) {
    case 'bands':
      return `bands${m.on === 'ratio' ? ' on ratio' : ''} { ${m.rows.map((r) => `${r.op} ${num(r.bound)}: ${num(r.score)}`).join('  ')}${m.else ? `  else: ${num(m.else.score)}` : ''} }`;
    case 'curve':
      return `curve${m.on === 'ratio' ? ' on ratio' : ''} { ${m.points.map((p) => `${num(p.x)}: ${num(p.y)}`).join(', ')} }`;
    case 'deduct':
      return `deduct ${num(m.points)} per ${num(m.per)}${m.max ? ` max ${num(m.max)}` : ''}`;
    case 'rating':
      return `rating ${num(m.lo)}..${num(m.hi)}${m.raters?.length ? ` raters { ${m.raters.map((r) => `${r.name.text} ${num(r.weight)}`).join(', ')} }` : ''}`;
    default:
      return m.kind;
  }
}

interface Flat<T> {
  item: T;
  path: string[];
}
function flatten(items: ScoredItem[], path: string[] = [], inds: Flat<Indicator>[] = [], groups: Flat<Group>[] = []) {
  for (const it of items) {
    if (it.kind === 'indicator') inds.push({ item: it, path });
    else {
      groups.push({ item: it, path });
      flatten(it.items, [...path, it.name.text], inds, groups);
    }
  }
  return { inds, groups };
}

/** similarity of two names, 0..1: Dice coefficient over characters (CJK names are short) and bigrams */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string) => {
    const cs = [...s];
    const out: string[] = [...cs];
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ga) {
    const n = pool.get(g) ?? 0;
    if (n > 0) {
      common++;
      pool.set(g, n - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/** how alike two indicators are, 0..1: the name counts half, method, target and weight the rest */
function indicatorSimilarity(a: Indicator, b: Indicator): number {
  const same = (x: string | undefined, y: string | undefined) => (x === y ? 1 : 0);
  return (
    0.5 * nameSimilarity(a.name.text, b.name.text) +
    0.2 * same(describeMethod(a.method), describeMethod(b.method)) +
    0.15 * same(a.target?.value, b.target?.value) +
    0.15 * same(a.weight?.value, b.weight?.value)
  );
}

/** pairs items by name; the leftovers are paired greedily by similarity above `threshold` (renames) */
function match<T>(olds: T[], news: T[], key: (t: T) => string, sim?: (a: T, b: T) => number, threshold = 0.5) {
  const pairs: { old: T; new: T; renamed: boolean }[] = [];
  const newByKey = new Map(news.map((n) => [key(n), n]));
  const usedNew = new Set<T>();
  const leftOld: T[] = [];
  for (const o of olds) {
    const n = newByKey.get(key(o));
    if (n !== undefined && !usedNew.has(n)) {
      pairs.push({ old: o, new: n, renamed: false });
      usedNew.add(n);
    } else leftOld.push(o);
  }
  const leftNew = news.filter((n) => !usedNew.has(n));
  const removed: T[] = [];
  if (sim) {
    const cands: { o: T; n: T; s: number }[] = [];
    for (const o of leftOld) for (const n of leftNew) cands.push({ o, n, s: sim(o, n) });
    cands.sort((x, y) => y.s - x.s);
    const takenO = new Set<T>();
    const takenN = new Set<T>();
    for (const c of cands) {
      // strictly above: same method, target and weight with nothing in common in the name is not a rename
      if (c.s <= threshold || takenO.has(c.o) || takenN.has(c.n)) continue;
      takenO.add(c.o);
      takenN.add(c.n);
      pairs.push({ old: c.o, new: c.n, renamed: true });
    }
    for (const o of leftOld) if (!takenO.has(o)) removed.push(o);
    return { pairs, removed, added: leftNew.filter((n) => !takenN.has(n)) };
  }
  return { pairs, removed: leftOld, added: leftNew };
}

export function diffPlans(oldV: PlanVersion, newV: PlanVersion): PlanDiff {
  const oldSrc = new SourceFile(oldV.name, oldV.text);
  const newSrc = new SourceFile(newV.name, newV.text);
  const oLine = (s: { start: number } | undefined) => (s ? oldSrc.lineCol(s.start).line : undefined);
  const nLine = (s: { start: number } | undefined) => (s ? newSrc.lineCol(s.start).line : undefined);
  const changes: PlanChange[] = [];
  const push = (c: PlanChange) => {
    for (const k of Object.keys(c) as (keyof PlanChange)[]) if (c[k] === undefined) delete c[k];
    changes.push(c);
  };
  /** a field that differs: one change with both sides */
  const field = (kind: ChangeKind, subject: string, name: string, o: string | undefined, n: string | undefined, os: { start: number } | undefined, ns: { start: number } | undefined) => {
    if (o === n) return;
    push({ kind, subject, field: name, old: o ?? '(none)', new: n ?? '(none)', oldLine: oLine(os), newLine: nLine(ns) });
  };

  // settings
  const op = oldV.plan;
  const np = newV.plan;
  if (op.name.text !== np.name.text) push({ kind: 'setting', subject: 'plan', field: 'name', old: op.name.text, new: np.name.text, oldLine: oLine(op.name.span), newLine: nLine(np.name.span) });
  field('setting', 'plan', 'round', op.settings.round ? String(op.settings.round.value) : undefined, np.settings.round ? String(np.settings.round.value) : undefined, op.settings.round?.span ?? op.span, np.settings.round?.span ?? np.span);
  field('setting', 'plan', 'cycle', op.settings.cycle?.value, np.settings.cycle?.value, op.settings.cycle?.span ?? op.span, np.settings.cycle?.span ?? np.span);

  // indicators (matched by name, then renames by similarity)
  const of = flatten(op.items);
  const nf = flatten(np.items);
  const oldEff = effectiveWeights(op);
  const newEff = effectiveWeights(np);
  const im = match(of.inds, nf.inds, (f) => f.item.name.text, (a, b) => indicatorSimilarity(a.item, b.item));
  const indKey = (f: Flat<Indicator>) => [...f.path, f.item.name.text].join('/');
  for (const r of im.removed) push({ kind: 'removed', subject: `indicator ${r.item.name.text}`, old: describeIndicator(r.item), oldLine: oLine(r.item.span) });
  for (const a of im.added) push({ kind: 'added', subject: `indicator ${a.item.name.text}`, new: describeIndicator(a.item), newLine: nLine(a.item.span) });
  for (const p of im.pairs) {
    const o = p.old.item;
    const n = p.new.item;
    const subject = `indicator ${n.name.text}`;
    if (p.renamed) push({ kind: 'renamed', subject, old: o.name.text, new: n.name.text, oldLine: oLine(o.span), newLine: nLine(n.span) });
    if (p.old.path.join('/') !== p.new.path.join('/')) field('option', subject, 'group', p.old.path.join(' / ') || '(plan)', p.new.path.join(' / ') || '(plan)', o.span, n.span);
    field('weight', subject, 'weight', num(o.weight), num(n.weight), o.weight?.span ?? o.span, n.weight?.span ?? n.span);
    const ow = oldEff.get(indKey(p.old));
    const nw = newEff.get(indKey(p.new));
    // at the top level the effective weight is the written one: shown only when a group makes them differ
    const nested = p.old.path.length > 0 || p.new.path.length > 0;
    if (nested && ow !== undefined && nw !== undefined && !Rational.parse(ow)!.eq(Rational.parse(nw)!)) {
      push({ kind: 'effective-weight', subject, field: 'effective weight', old: pct(ow), new: pct(nw), oldLine: oLine(o.span), newLine: nLine(n.span) });
    }
    field('target', subject, 'target', num(o.target), num(n.target), o.target?.span ?? o.span, n.target?.span ?? n.span);
    const om = describeMethod(o.method);
    const nm = describeMethod(n.method);
    if (o.method?.kind !== n.method?.kind) field('method', subject, 'scoring', om, nm, o.method?.span ?? o.span, n.method?.span ?? n.span);
    else field(o.method?.kind === 'bands' || o.method?.kind === 'curve' ? 'table' : 'method', subject, 'scoring', om, nm, o.method?.span ?? o.span, n.method?.span ?? n.span);
    field('option', subject, 'cap', num(o.cap), num(n.cap), o.cap?.span ?? o.span, n.cap?.span ?? n.span);
    field('option', subject, 'floor', num(o.floor), num(n.floor), o.floor?.span ?? o.span, n.floor?.span ?? n.span);
    field('option', subject, 'input', o.input?.text, n.input?.text, o.input?.span ?? o.span, n.input?.span ?? n.span);
    field('option', subject, 'default', num(o.default), num(n.default), o.default?.span ?? o.span, n.default?.span ?? n.span);
    field('option', subject, 'unit', o.unit?.text, n.unit?.text, o.unit?.span ?? o.span, n.unit?.span ?? n.span);
    if (o.method?.kind === n.method?.kind) field('option', subject, 'lower is better', String(o.lower), String(n.lower), o.span, n.span);
    // indicator options added after this diff was written (per-person targets, N/A …): compared whole
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (KNOWN_IND.has(key)) continue;
      field('option', subject, key, withoutSpans((o as Record<string, unknown>)[key]), withoutSpans((n as Record<string, unknown>)[key]), o.span, n.span);
    }
  }

  // groups
  const gm = match(of.groups, nf.groups, (f) => f.item.name.text);
  for (const r of gm.removed) push({ kind: 'removed', subject: `group ${r.item.name.text}`, old: `weight ${num(r.item.weight) ?? '?'}`, oldLine: oLine(r.item.span) });
  for (const a of gm.added) push({ kind: 'added', subject: `group ${a.item.name.text}`, new: `weight ${num(a.item.weight) ?? '?'}`, newLine: nLine(a.item.span) });
  for (const p of gm.pairs) field('weight', `group ${p.new.item.name.text}`, 'weight', num(p.old.item.weight), num(p.new.item.weight), p.old.item.weight?.span ?? p.old.item.span, p.new.item.weight?.span ?? p.new.item.span);

  // grades
  const og = op.grades?.lines ?? [];
  const ng = np.grades?.lines ?? [];
  const grm = match(og, ng, (l) => l.label.text);
  const gradeText = (l: (typeof og)[number]) => `${l.min ? `>= ${num(l.min)}` : 'otherwise'}${l.coefficient ? ` coefficient ${num(l.coefficient)}` : ''}`;
  for (const r of grm.removed) push({ kind: 'removed', subject: `grade ${r.label.text}`, old: gradeText(r), oldLine: oLine(r.span) });
  for (const a of grm.added) push({ kind: 'added', subject: `grade ${a.label.text}`, new: gradeText(a), newLine: nLine(a.span) });
  for (const p of grm.pairs) {
    field('grade', `grade ${p.new.label.text}`, 'bound', num(p.old.min), num(p.new.min), p.old.min?.span ?? p.old.span, p.new.min?.span ?? p.new.span);
    field('grade', `grade ${p.new.label.text}`, 'coefficient', num(p.old.coefficient), num(p.new.coefficient), p.old.coefficient?.span ?? p.old.span, p.new.coefficient?.span ?? p.new.span);
  }

  // bonuses, vetoes, metrics
  const bonusText = (b: Bonus) => `points ${num(b.points)} per ${num(b.per)}${b.max ? ` max ${num(b.max)}` : ''}${b.input ? ` input ${b.input.text}` : ''}${b.default ? ` default ${num(b.default)}` : ''}`;
  itemChanges('bonus', op.bonuses, np.bonuses, bonusText);
  itemChanges('veto', op.vetoes, np.vetoes, (v: Veto) => `when ${printExpr(v.when)}`);
  itemChanges('metric', op.metrics, np.metrics, (m: Metric) => `= ${printExpr(m.expr)}${m.default ? ` default ${num(m.default)}` : ''}`);

  // plan parts added after this diff was written (pay, commission, pool, distribution …): never silently
  // equal — compared whole, without source positions, and reported as changed
  const KNOWN = new Set(['kind', 'name', 'settings', 'items', 'metrics', 'bonuses', 'vetoes', 'grades', 'tests', 'span', 'recovered']);
  for (const key of new Set([...Object.keys(op), ...Object.keys(np)])) {
    if (KNOWN.has(key)) continue;
    const o = withoutSpans((op as Record<string, unknown>)[key]);
    const n = withoutSpans((np as Record<string, unknown>)[key]);
    if (o !== n) push({ kind: 'other', subject: key, old: o === undefined ? '(none)' : 'changed', new: n === undefined ? '(none)' : 'changed', oldLine: oLine(op.span), newLine: nLine(np.span) });
  }

  function itemChanges<T extends { name: { text: string }; span: { start: number } }>(kind: ChangeKind, olds: T[], news: T[], text: (t: T) => string) {
    const m = match(olds, news, (t) => t.name.text);
    for (const r of m.removed) push({ kind: 'removed', subject: `${kind} ${r.name.text}`, old: text(r), oldLine: oLine(r.span) });
    for (const a of m.added) push({ kind: 'added', subject: `${kind} ${a.name.text}`, new: text(a), newLine: nLine(a.span) });
    for (const p of m.pairs) field(kind, `${kind} ${p.new.name.text}`, kind === 'veto' ? 'condition' : kind === 'metric' ? 'formula' : 'rule', text(p.old), text(p.new), p.old.span, p.new.span);
  }

  // in the order of the new file (removed items at their old place); a rename before its field changes
  const at = (c: PlanChange) => c.newLine ?? c.oldLine ?? 0;
  const rank = (c: PlanChange) => (c.kind === 'renamed' || c.kind === 'removed' || c.kind === 'added' ? 0 : 1);
  const ordered = changes.map((c, i) => ({ c, i })).sort((a, b) => at(a.c) - at(b.c) || rank(a.c) - rank(b.c) || a.i - b.i).map((x) => x.c);
  return { old: { name: oldV.name, plan: op.name.text }, new: { name: newV.name, plan: np.name.text }, changes: ordered };
}

const KNOWN_IND = new Set(['kind', 'name', 'weight', 'target', 'method', 'cap', 'floor', 'input', 'unit', 'default', 'description', 'lower', 'recovered', 'span']);

/** JSON text of a value with every `span`/`nameSpan` removed (positions move when nothing changed) */
function withoutSpans(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  return JSON.stringify(v, (k, x) => (k === 'span' || k === 'nameSpan' ? undefined : x));
}

function describeIndicator(i: Indicator): string {
  return [i.weight ? `weight ${num(i.weight)}` : undefined, i.target ? `target ${num(i.target)}` : undefined, `scoring ${describeMethod(i.method)}`, i.cap ? `cap ${num(i.cap)}` : undefined, i.floor ? `floor ${num(i.floor)}` : undefined]
    .filter(Boolean)
    .join(' ');
}

/** path/name → effective weight (exact decimal fraction); empty when the plan cannot be lowered */
function effectiveWeights(plan: Plan): Map<string, string> {
  const out = new Map<string, string>();
  const { lowered } = lowerPlan(plan);
  if (!lowered) return out;
  for (const ind of lowered.inds) out.set([...ind.path, ind.name].join('/'), ind.weight);
  return out;
}
