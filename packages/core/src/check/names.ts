/**
 * Names (KPI02xx).
 *
 * Duplicates are judged per namespace: plans in a file; indicators and groups across the whole plan
 * (an indicator reads the column of its own name, so two of one name would read the same column);
 * metrics; bonuses; vetoes; grade labels; test names; raters within one `raters` list. `related` points
 * at the first definition. A metric may share a name with an indicator (SPEC §1), and a bonus or veto
 * with the column it reads.
 *
 * Unknown names: a name inside a metric or veto expression, or a bonus/indicator `input`, may be a
 * data column the plan is scored with, and the plan cannot know the data file's columns, so such names
 * are never reported as unknown. Unknown names are judged only where the plan itself is the whole
 * universe: test `given` keys and `expect` subjects (tests.ts). Metric references are resolved against
 * the plan's metrics to find cycles, including a metric that refers to its own name.
 */
import type { Expr, Name, Plan, PlanFile } from '../ir/schema.js';
import { exprNodes } from '../ir/walk.js';
import type { Span } from '../source/span.js';
import { type CheckContext, bt } from './context.js';
import type { Text } from '../diagnostics/lang.js';
import type { MessageRef } from '../diagnostics/types.js';
import { bilingual, note, text } from '../diagnostics/diag.js';

/** words an `expect` line reserves for the plan's results */
export const RESERVED_SUBJECTS = ['total', 'grade', 'coefficient', 'bonus', 'penalty'] as const;

/** `words` gives the message's `what` and help; rendered only for a duplicate (a rating's raters are checked per indicator) */
function duplicates(ctx: CheckContext, code: 'KPI0201' | 'KPI0202' | 'KPI0203' | 'KPI0204' | 'KPI0205' | 'KPI0206', names: readonly Name[], words: () => [what: Text, help: MessageRef]): void {
  // a short list (a rating's raters, a plan's few bonuses) is compared pairwise, without a Map
  if (names.length <= 8) {
    for (let i = 1; i < names.length; i++) {
      const n = names[i]!;
      if (n.text === '') continue;
      for (let j = 0; j < i; j++) {
        if (names[j]!.text === n.text) {
          report(ctx, code, n, names[j]!, words);
          break;
        }
      }
    }
    return;
  }
  // a Set of the names seen, and a Map to the first definition made only once a duplicate turns up: names are
  // almost always distinct, and a Set of 11,000 is ~2/3 the memory of a Map
  const seen = new Set<string>();
  let firstOf: Map<string, Name> | undefined;
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (n.text === '') continue;
    if (!seen.has(n.text)) {
      seen.add(n.text);
      if (firstOf && !firstOf.has(n.text)) firstOf.set(n.text, n);
      continue;
    }
    if (!firstOf) {
      firstOf = new Map();
      for (let j = 0; j < i; j++) if (names[j]!.text !== '' && !firstOf.has(names[j]!.text)) firstOf.set(names[j]!.text, names[j]!);
    }
    report(ctx, code, n, firstOf.get(n.text)!, words);
  }
}

function report(ctx: CheckContext, code: Parameters<typeof duplicates>[1], n: Name, first: Name, words: () => [what: Text, help: MessageRef]): void {
  const [what, help] = words();
  ctx.diag(code, { what, name: n.text }, n.span, { helpText: help, related: [note('note.first-defined', { name: n.text }, first.span)] });
}

const raterWords = (): [Text, MessageRef] => [bilingual('what.rater', {}), text('help.dup.rater', {})];
const RESERVED = new Set<string>(RESERVED_SUBJECTS);

export function checkFileNames(file: PlanFile, ctx: CheckContext): void {
  duplicates(ctx, 'KPI0201', file.plans.map((p) => p.name), () => [bilingual('what.plan', {}), text('help.dup.plan', {})]);
}

export function checkNames(plan: Plan, ctx: CheckContext): void {
  const itemNames: Name[] = [];
  let inOrder = true;
  // (a parsed name makes its span when asked, ir/leaves.ts: each read once)
  let lastStart = -1;
  const visit = (items: Plan['items']) => {
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      const start = it.name.span.start;
      if (start < lastStart) inOrder = false;
      lastStart = start;
      itemNames.push(it.name);
      if (it.kind === 'group') visit(it.items);
    }
  };
  visit(plan.items);
  // source order, so "first defined" is the one written first (the walk gives it, unless the IR was built by hand)
  if (!inOrder) itemNames.sort((a, b) => a.span.start - b.span.start);
  duplicates(ctx, 'KPI0201', itemNames, () => [bilingual('what.indicator-or-group', {}), text('help.dup.item', {})]);
  duplicates(ctx, 'KPI0202', plan.metrics.map((m) => m.name), () => [bilingual('what.metric', {}), text('help.dup.metric', {})]);
  duplicates(ctx, 'KPI0203', plan.bonuses.map((b) => b.name), () => [bilingual('what.bonus', {}), text('help.dup.bonus', {})]);
  duplicates(ctx, 'KPI0203', plan.vetoes.map((v) => v.name), () => [bilingual('what.veto', {}), text('help.dup.veto', {})]);
  if (plan.grades) duplicates(ctx, 'KPI0204', plan.grades.lines.map((l) => l.label), () => [bilingual('what.grade', {}), text('help.dup.grade', {})]);
  duplicates(
    ctx,
    'KPI0205',
    plan.tests.map((t) => ({ text: t.name, span: t.nameSpan })),
    () => [bilingual('what.test', {}), text('help.dup.test', {})],
  );
  const indicators = ctx.indicators(plan);
  for (let i = 0; i < indicators.length; i++) {
    const m = indicators[i]!.method;
    if (m?.kind === 'rating' && m.raters) {
      const raters = m.raters;
      const names = new Array<Name>(raters.length);
      for (let j = 0; j < raters.length; j++) names[j] = raters[j]!.name;
      duplicates(ctx, 'KPI0206', names, raterWords);
    }
  }
  for (let i = 0; i < itemNames.length; i++) {
    const n = itemNames[i]!;
    if (RESERVED.has(n.text)) ctx.diag('KPI0220', { name: n.text }, n.span);
  }
  checkMetricCycles(plan, ctx);
}

export function refsOf(e: Expr): { name: string; span: Span }[] {
  return exprNodes(e).flatMap((x) => (x.kind === 'ref' ? [{ name: x.name, span: x.span }] : []));
}

function checkMetricCycles(plan: Plan, ctx: CheckContext): void {
  // first definition wins for duplicates (reported separately)
  const metrics = new Map<string, Plan['metrics'][number]>();
  for (const m of plan.metrics) if (!metrics.has(m.name.text)) metrics.set(m.name.text, m);
  const edges = new Map<string, { name: string; span: Span }[]>();
  for (const [name, m] of metrics) edges.set(name, refsOf(m.expr).filter((r) => metrics.has(r.name)));

  const state = new Map<string, 'visiting' | 'done'>();
  const stack: { name: string; via?: Span }[] = [];
  const reported = new Set<string>();
  // depth-first search with an explicit stack of frames (a chain of 5,000 metrics must not overflow the call stack)
  const report = (r: { name: string; span: Span }) => {
    const at = stack.findIndex((f) => f.name === r.name);
    const cycle = [...stack.slice(at), { name: r.name, via: r.span }];
    const members = cycle.slice(0, -1).map((f) => f.name);
    const key = [...members].sort().join('\u0000');
    if (reported.has(key)) return;
    reported.add(key);
    const head = metrics.get(r.name)!;
    if (members.length === 1) {
      ctx.diag('KPI0210', { name: r.name }, r.span, { related: [note('note.defined-here', { name: r.name }, head.name.span)] });
    } else {
      const path = cycle.map((f) => bt(f.name)).join(' → ');
      ctx.diag('KPI0210.cycle', { path }, head.name.span, { related: cycle.slice(1).map((f) => note('note.uses', { name: f.name }, f.via!)) });
    }
  };
  const visit = (root: string) => {
    const frames: { name: string; next: number }[] = [{ name: root, next: 0 }];
    state.set(root, 'visiting');
    while (frames.length) {
      const frame = frames[frames.length - 1]!;
      const out = edges.get(frame.name) ?? [];
      if (frame.next >= out.length) {
        state.set(frame.name, 'done');
        frames.pop();
        if (frames.length) stack.pop();
        continue;
      }
      const r = out[frame.next++]!;
      const s = state.get(r.name);
      if (s === 'visiting') report(r);
      else if (s === undefined) {
        stack.push({ name: r.name, via: r.span });
        state.set(r.name, 'visiting');
        frames.push({ name: r.name, next: 0 });
      }
    }
  };
  for (const name of metrics.keys()) {
    if (state.has(name)) continue;
    stack.push({ name });
    visit(name);
    stack.pop();
  }
}
