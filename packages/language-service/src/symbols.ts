/**
 * Where each name of a plan is defined and used: the index behind go to definition, find references,
 * rename, document symbols and semantic tokens. Read from the IR, so it works on half-typed plans
 * after recovery.
 *
 * Names live in three spaces, as the checker judges them (check/names.ts):
 * - data names: indicators, groups, metrics, bonuses and the data columns expressions, `input`s and
 *   test `given` keys read. One space, because an indicator reads the metric or column of its own name
 *   and a bonus the column of its own name: renaming one renames what reads it;
 * - veto labels (a veto may share its label with the column its condition reads);
 * - grade labels (`expect grade = S`).
 */
import { exprNodes, printName, type Expr, type Plan, type PlanFile, type Span } from '@kpi/core';

export type SymbolKind = 'plan' | 'group' | 'indicator' | 'metric' | 'bonus' | 'veto' | 'grade' | 'column' | 'test';
type Space = 'data' | 'veto' | 'grade' | 'plan' | 'test';

/** How a name is printed where it occurs (the formatter's rule for bare or quoted names). */
export type NameSite = 'name' | 'qualified' | 'expr';

export interface Occurrence {
  name: string;
  /** what the name denotes here: for a reference, what it resolves to */
  kind: SymbolKind;
  definition: boolean;
  span: Span;
  site: NameSite;
  /** set on a `given` key `指标.rater` when `name` is the indicator part */
  raterSuffix?: string;
}

/** what `expect` subjects mean by themselves */
const RESERVED_SUBJECTS = new Set(['total', 'grade', 'coefficient', 'bonus']);

const spaceOf = (k: SymbolKind): Space =>
  k === 'veto' ? 'veto' : k === 'grade' ? 'grade' : k === 'plan' ? 'plan' : k === 'test' ? 'test' : 'data';

/** precedence when one data name has several definitions: what a reference most likely means */
const DATA_ORDER: SymbolKind[] = ['metric', 'indicator', 'group', 'bonus'];

export class PlanIndex {
  /** every occurrence, in source order */
  readonly occurrences: Occurrence[];
  private readonly defs = new Map<string, Occurrence[]>();

  constructor(readonly plan: Plan) {
    const occ: (Omit<Occurrence, 'kind'> & { kind?: SymbolKind })[] = [];
    const def = (name: string, kind: SymbolKind, span: Span, site: NameSite = 'name') => {
      if (!name) return;
      const o: Occurrence = { name, kind, definition: true, span, site };
      occ.push(o);
      const key = `${spaceOf(kind)}:${name}`;
      const list = this.defs.get(key);
      if (list) list.push(o);
      else this.defs.set(key, [o]);
    };
    const ref = (name: string, span: Span, site: NameSite, kind?: SymbolKind, raterSuffix?: string) => {
      if (name) occ.push({ name, kind, definition: false, span, site, ...(raterSuffix !== undefined ? { raterSuffix } : {}) });
    };
    const refs = (e: Expr) => {
      for (const x of exprNodes(e)) if (x.kind === 'ref') ref(x.name, x.span, 'expr');
    };

    def(plan.name.text, 'plan', plan.name.span);
    const indicatorNames = new Set<string>();
    // a plain walk of the items (indicatorsOf would also compute every effective weight, exactly: not needed here)
    const stack: Plan['items'][] = [plan.items];
    while (stack.length) {
      for (const it of stack.pop()!) {
        if (it.kind === 'group') {
          def(it.name.text, 'group', it.name.span);
          stack.push(it.items);
          continue;
        }
        def(it.name.text, 'indicator', it.name.span);
        indicatorNames.add(it.name.text);
        if (it.input) ref(it.input.text, it.input.span, 'qualified');
      }
    }
    for (const m of plan.metrics) {
      def(m.name.text, 'metric', m.name.span);
      refs(m.expr);
    }
    for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) {
      def(b.name.text, 'bonus', b.name.span);
      if (b.input) ref(b.input.text, b.input.span, 'qualified');
    }
    for (const v of plan.vetoes) {
      def(v.name.text, 'veto', v.name.span);
      refs(v.when);
    }
    for (const g of plan.grades?.lines ?? []) def(g.label.text, 'grade', g.label.span);
    for (const t of plan.tests) {
      def(t.name, 'test', t.nameSpan);
      for (const g of t.given) {
        // `执行力.manager`: the column of a rater of indicator 执行力
        const dot = g.key.text.indexOf('.');
        const head = dot > 0 ? g.key.text.slice(0, dot) : '';
        if (head && indicatorNames.has(head) && !indicatorNames.has(g.key.text)) ref(head, g.key.span, 'qualified', undefined, g.key.text.slice(dot));
        else ref(g.key.text, g.key.span, 'qualified');
      }
      for (const e of t.expects) {
        if (RESERVED_SUBJECTS.has(e.subject.text)) {
          if (e.subject.text === 'grade' && 'text' in e.value) ref(e.value.text, e.value.span, 'name', 'grade');
          continue;
        }
        ref(e.subject.text, e.subject.span, 'qualified');
      }
    }
    // a reference denotes the definition of its name (metric first: an expression reads the metric), else a data column
    for (const o of occ) {
      if (o.kind) continue;
      const d = this.definitionsOf(o.name, 'data')[0];
      o.kind = d ? d.kind : 'column';
    }
    this.occurrences = (occ as Occurrence[]).sort((a, b) => a.span.start - b.span.start);
  }

  /** definitions of a name in a space, most likely meaning first */
  definitionsOf(name: string, space: Space): Occurrence[] {
    const list = this.defs.get(`${space}:${name}`) ?? [];
    if (space !== 'data') return list;
    return [...list].sort((a, b) => DATA_ORDER.indexOf(a.kind) - DATA_ORDER.indexOf(b.kind) || a.span.start - b.span.start);
  }

  /** the occurrence under an offset (the narrowest; an offset at a name's end still counts) */
  at(offset: number): Occurrence | undefined {
    const occ = this.occurrences;
    // binary search for the last occurrence starting at or before offset, then look back over overlapping ones
    let lo = 0;
    let hi = occ.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (occ[mid]!.span.start <= offset) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let best: Occurrence | undefined;
    for (let i = last; i >= 0 && i >= last - 8; i--) {
      const o = occ[i]!;
      if (o.span.start <= offset && offset <= o.span.end && (!best || o.span.end - o.span.start < best.span.end - best.span.start)) best = o;
    }
    return best;
  }

  /** every occurrence of the symbol an occurrence denotes (its definitions and its uses) */
  referencesOf(o: Occurrence): Occurrence[] {
    const space = spaceOf(o.kind);
    if (space === 'test' || space === 'plan') return [o];
    return this.occurrences.filter((x) => x.name === o.name && spaceOf(x.kind) === space);
  }

  definitionOf(o: Occurrence): Occurrence | undefined {
    const space = spaceOf(o.kind);
    if (o.definition && space !== 'data') return o;
    // a data column has no definition in the plan: its first use stands for it
    return this.definitionsOf(o.name, space)[0] ?? this.referencesOf(o)[0];
  }
}

/** The index of the plan containing `offset` (else the first plan). */
export function indexAt(file: PlanFile, offset: number, cache?: WeakMap<Plan, PlanIndex>): PlanIndex | undefined {
  const plan = file.plans.find((p) => p.span.start <= offset && offset <= p.span.end) ?? file.plans[0];
  if (!plan) return undefined;
  let idx = cache?.get(plan);
  if (!idx) {
    idx = new PlanIndex(plan);
    cache?.set(plan, idx);
  }
  return idx;
}

// ---------- rename ----------

export interface RenameEdit {
  span: Span;
  text: string;
}

export type RenameResult = { edits: RenameEdit[] } | { error: string };

/** The span and current name a rename at `offset` would change, or undefined when nothing renameable is there. */
export function prepareRename(index: PlanIndex, offset: number): { span: Span; name: string } | undefined {
  const o = index.at(offset);
  if (!o || o.kind === 'test' || o.kind === 'plan') return undefined;
  return { span: o.span, name: o.name };
}

/**
 * Rename the symbol at `offset` everywhere in its plan. Every occurrence is printed the way the
 * formatter prints a name in that position (bare, or quoted when it is not a plain name). Refused when
 * the new name is empty or already names something else in the same space.
 */
export function rename(index: PlanIndex, offset: number, newName: string, lang: 'zh' | 'en' = 'zh'): RenameResult {
  const o = index.at(offset);
  if (!o || o.kind === 'test' || o.kind === 'plan') {
    return { error: lang === 'zh' ? '这里没有可以重命名的名称' : 'there is no name to rename here' };
  }
  const name = newName.trim();
  if (!name || /[\r\n]/.test(name)) return { error: lang === 'zh' ? '新名称不能为空或换行' : 'the new name cannot be empty or span lines' };
  if (name === o.name) return { edits: [] };
  const space = spaceOf(o.kind);
  const clash = index.definitionsOf(name, space)[0] ?? (space === 'data' ? index.occurrences.find((x) => x.name === name && spaceOf(x.kind) === 'data') : undefined);
  if (clash) {
    return {
      error:
        lang === 'zh'
          ? `方案中已有名称 \`${name}\`（${clash.kind}）：重命名会把两者合并`
          : `\`${name}\` already names a ${clash.kind} in this plan: renaming would merge the two`,
    };
  }
  const edits = index.referencesOf(o).map((x) => ({
    span: x.span,
    text: printName(x.raterSuffix !== undefined ? name + x.raterSuffix : name, x.site),
  }));
  return { edits };
}

// ---------- document symbols ----------

export interface DocumentSymbol {
  name: string;
  kind: SymbolKind | 'grades';
  detail?: string;
  /** the whole item */
  span: Span;
  /** its name */
  selection: Span;
  children: DocumentSymbol[];
}

type Item = Plan['items'][number];

/** plan → groups → indicators, then metrics, bonuses, vetoes, grades and tests, in source order within each */
export function documentSymbols(file: PlanFile): DocumentSymbol[] {
  const item = (it: Item): DocumentSymbol =>
    it.kind === 'group'
      ? { name: it.name.text || '?', kind: 'group', span: it.span, selection: it.name.span, children: it.items.map(item), ...(it.weight ? { detail: weightText(it.weight.value) } : {}) }
      : { name: it.name.text || '?', kind: 'indicator', span: it.span, selection: it.name.span, children: [], ...(it.weight ? { detail: weightText(it.weight.value) } : {}) };
  return file.plans.map((p) => {
    const children: DocumentSymbol[] = p.items.map(item);
    for (const m of p.metrics) children.push({ name: m.name.text || '?', kind: 'metric', span: m.span, selection: m.name.span, children: [] });
    for (const b of [...p.bonuses, ...(p.penalties ?? [])]) children.push({ name: b.name.text || '?', kind: 'bonus', span: b.span, selection: b.name.span, children: [] });
    for (const v of p.vetoes) children.push({ name: v.name.text || '?', kind: 'veto', span: v.span, selection: v.name.span, children: [] });
    if (p.grades) {
      children.push({
        name: 'grades',
        kind: 'grades',
        span: p.grades.span,
        selection: p.grades.span,
        children: p.grades.lines.map((l) => ({ name: l.label.text || '?', kind: 'grade' as const, span: l.span, selection: l.label.span, children: [] })),
      });
    }
    for (const t of p.tests) children.push({ name: t.name || '?', kind: 'test', span: t.span, selection: t.nameSpan, children: [] });
    children.sort((a, b) => a.span.start - b.span.start);
    return { name: p.name.text || '?', kind: 'plan', span: p.span, selection: p.name.span, children };
  });
}

/** a weight's exact decimal value as a percent (`0.385` → `38.5%`) without a Rational: plain decimal shifting */
function weightText(value: string): string {
  const neg = value.startsWith('-');
  const v = neg ? value.slice(1) : value;
  const [i = '0', f = ''] = v.split('.');
  const frac = (f + '00').slice(0, 2);
  const rest = f.slice(2).replace(/0+$/, '');
  const int = (i + frac).replace(/^0+(?=\d)/, '');
  return `${neg ? '-' : ''}${int}${rest ? `.${rest}` : ''}%`;
}

// ---------- semantic tokens ----------

/** Token types of the semantic tokens legend, in legend order. */
export const SEMANTIC_TOKEN_TYPES = ['namespace', 'class', 'property', 'function', 'variable', 'event', 'enumMember', 'string'] as const;
export const SEMANTIC_TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;

const TOKEN_OF: Record<SymbolKind, (typeof SEMANTIC_TOKEN_TYPES)[number]> = {
  plan: 'namespace',
  group: 'class',
  indicator: 'property',
  metric: 'function',
  bonus: 'event',
  veto: 'event',
  grade: 'enumMember',
  column: 'variable',
  test: 'string',
};

export interface SemanticToken {
  span: Span;
  type: number;
  /** bit set over SEMANTIC_TOKEN_MODIFIERS */
  modifiers: number;
}

/**
 * One token per name occurrence, in source order. Keywords are not reserved, so a name spelled like a
 * keyword (`indicator target ...`) is coloured as a name here even though the grammar colours the word.
 */
export function semanticTokens(index: PlanIndex): SemanticToken[] {
  const out: SemanticToken[] = [];
  let end = -1;
  for (const o of index.occurrences) {
    if (o.span.start < end || o.span.end <= o.span.start) continue; // tokens may not overlap
    out.push({
      span: o.span,
      type: SEMANTIC_TOKEN_TYPES.indexOf(TOKEN_OF[o.kind]),
      modifiers: (o.definition ? 1 : 0) | (o.kind === 'column' ? 2 : 0),
    });
    end = o.span.end;
  }
  return out;
}
