/**
 * The canonical printer: IR → text.
 *
 * Layout (the canonical form `kpi fmt` writes)
 * - 2-space indentation, one statement per line, LF line ends, one final newline, no trailing spaces.
 * - Plan body order: settings first (`cycle`, `role`, `round`), then every other item in the author's
 *   order (by source position across kinds: indicators, groups, metrics, bonuses, vetoes, grades, tests
 *   stay where they were written). IR without meaningful spans (all equal) prints items, metrics,
 *   bonuses, vetoes, grades, tests in that order.
 * - Columns are aligned per scope (a plan body, a group body, a table), padded by display width
 *   (CJK characters count 2):
 *     indicators: `indicator NAME  weight W  target T  scoring METHOD  options...` (name, weight, target
 *       and — among indicators with options — the method are padded); options in the order
 *       `lower cap floor input unit default "description"`;
 *     metrics (`metric NAME = EXPR`), vetoes (`veto NAME when EXPR`), bonuses (name, points, per);
 *     grades (label, `>= N`, `coefficient C`), band rows (`>= 100%: 100`, `else:` aligned with them),
 *     curve points (`80%: 60`), expects in a test (`expect SUBJECT = V`).
 * - `bands` and `curve` tables are printed one row per line; options of such an indicator follow the
 *   closing brace (`} cap 120%`). Raters stay inline: `rating 1..5 raters { self 10%, manager 90% }`.
 * - Names are bare when they lex as one identifier (keywords too: they are not reserved), except that
 *   keywords are quoted inside expressions; otherwise quoted with `\\ \" \n \t` escapes. Test names are
 *   always quoted.
 * - Numbers: exact canonical decimals; percent literals as value × 100 + `%`.
 * - Without source (printPlanFile), blank lines separate the settings from the items, items of different
 *   kinds, and every block (group, grades, test); plans are separated by one blank line.
 */
import type {
  Allow,
  Bonus,
  Expr,
  GradeLine,
  Grades,
  Group,
  Indicator,
  Method,
  Metric,
  NumLit,
  Plan,
  PlanFile,
  StepClause,
  TestCase,
  Veto,
  Pay,
  Commission,
  Pool,
  Distribution,
} from '../ir/schema.js';
import type { Span } from '../source/span.js';
import { printExpr } from './expr.js';
import { displayWidth, isIdentifier, isKeyword, padEnd, printName, printNumLit, quote } from './text.js';

/** one printed statement; blocks have children and a closing line */
export interface Unit {
  /** statement kind, for blank-line rules */
  kind: string;
  /** source span of the statement (for re-attaching comments) */
  span: Span;
  /** first line, without indentation */
  line: string;
  /** body of a block, in print order */
  children?: Unit[];
  /** closing line of a block (`}` or `} cap 120%`) */
  close?: string;
  /** source offset to start looking for the block's `{` */
  braceFrom?: number;
  /** source offset of the block's `}` */
  closeAt?: number;
  /** keyword written before `span` that belongs to the statement (`role`, `given`) */
  keywordBefore?: string;
}

export interface BuildOptions {
  /** text of a number literal (formatText keeps the source spelling, e.g. `1_200_000`, `1.0`) */
  numText?: (n: NumLit) => string | undefined;
  /** source line of an offset: `given` pairs written on one line stay on one `given` line */
  lineOf?: (offset: number) => number;
}

export interface PrintOptions {
  /** spaces per indentation level (default 2) */
  indentWidth?: number;
}

/** Print a plan file in the canonical layout (comments are not in the IR: use formatText to keep them). */
export function printPlanFile(file: PlanFile, options: PrintOptions = {}): string {
  const units = buildFileUnits(file, {});
  const lines: string[] = [];
  const ind = ' '.repeat(options.indentWidth ?? 2);
  const emit = (us: Unit[], depth: number, blankRule: boolean): void => {
    us.forEach((u, i) => {
      if (i > 0 && (blankRule ? needsBlank(us[i - 1]!, u) : true)) lines.push('');
      lines.push(ind.repeat(depth) + u.line);
      if (u.children) {
        emit(u.children, depth + 1, true);
        lines.push(ind.repeat(depth) + (u.close ?? '}'));
      }
    });
  };
  emit(units, 0, false);
  return lines.length ? lines.join('\n') + '\n' : '';
}

const BLOCK_KINDS = new Set(['group', 'grades', 'test', 'plan']);
const TABLE_ROW_KINDS = new Set(['band', 'point', 'grade', 'given', 'expect']);
function needsBlank(a: Unit, b: Unit): boolean {
  if (TABLE_ROW_KINDS.has(a.kind) || TABLE_ROW_KINDS.has(b.kind)) return false;
  return a.kind !== b.kind || BLOCK_KINDS.has(a.kind) || BLOCK_KINDS.has(b.kind);
}

// ---------------------------------------------------------------------------------------------------------

export function buildFileUnits(file: PlanFile, opts: BuildOptions): Unit[] {
  return file.plans.map((p) => new Builder(opts).plan(p));
}

type Item = Indicator | Group | Metric | Bonus | Veto | Grades | TestCase | Allow | Pay | Commission | Pool | Distribution;

class Builder {
  constructor(private readonly opts: BuildOptions) {}

  num(n: NumLit | undefined): string {
    if (!n) return '';
    return this.opts.numText?.(n) ?? printNumLit(n);
  }

  expr(e: Expr): string {
    return printExpr(e, {
      num: (value, percent, span) => this.num({ value, percent, span }),
    });
  }

  plan(p: Plan): Unit {
    const children: Unit[] = [];
    const s = p.settings;
    if (s.cycle) children.push({ kind: 'setting', span: s.cycle.span, line: `cycle ${s.cycle.value}` });
    if (s.role) children.push({ kind: 'setting', span: s.role.span, line: `role ${printName(s.role.text)}`, keywordBefore: 'role' });
    if (s.round) children.push({ kind: 'setting', span: s.round.span, line: `round ${s.round.value}` });
    if (s.negativeTotal) children.push({ kind: 'setting', span: s.negativeTotal.span, line: 'allow negative total' });
    const money = p.money;
    if (money?.period) children.push({ kind: 'setting', span: { start: money.period.span.start, end: money.period.span.end }, line: `period ${printName(money.period.text)}`, keywordBefore: 'period' });
    if (money?.aggregate) children.push({ kind: 'setting', span: money.aggregate.span, line: `aggregate ${money.aggregate.mode}` });
    const moneyItems: Item[] = money ? [...money.commissions, ...money.pools, ...money.pays, ...(money.distribution ? [money.distribution] : [])] : [];
    const items: Item[] = [
      ...p.items,
      ...p.metrics,
      ...p.bonuses,
      ...(p.penalties ?? []),
      ...p.vetoes,
      ...(p.grades ? [p.grades] : []),
      ...p.tests,
      ...(p.allows ?? []),
      ...moneyItems,
    ];

    const order = items.map((it, i) => ({ it, i })).sort((a, b) => a.it.span.start - b.it.span.start || a.i - b.i);
    const aligned = this.alignScope(items);
    for (const { it } of order) children.push(aligned.get(it)!);
    return {
      kind: 'plan',
      span: p.span,
      line: `plan ${printName(p.name.text)} {`,
      children,
      close: '}',
      braceFrom: p.name.span.end,
      closeAt: p.span.end - 1,
    };
  }

  /** units of one scope's items, with columns aligned across items of the same kind */
  alignScope(items: Item[]): Map<Item, Unit> {
    const out = new Map<Item, Unit>();
    const inds = items.filter((x): x is Indicator => x.kind === 'indicator');
    this.indicators(inds).forEach((u, i) => out.set(inds[i]!, u));
    const metrics = items.filter((x): x is Metric => x.kind === 'metric');
    const mw = Math.max(0, ...metrics.map((m) => displayWidth(printName(m.name.text))));
    for (const m of metrics) {
      let line = `metric ${padEnd(printName(m.name.text), mw)} = ${this.expr(m.expr)}`;
      if (m.default) line += ` default ${this.num(m.default)}`;
      out.set(m, { kind: 'metric', span: m.span, line });
    }
    const vetoes = items.filter((x): x is Veto => x.kind === 'veto');
    const vw = Math.max(0, ...vetoes.map((v) => displayWidth(printName(v.name.text))));
    for (const v of vetoes) out.set(v, { kind: 'veto', span: v.span, line: `veto ${padEnd(printName(v.name.text), vw)} when ${this.expr(v.when)}` });
    // bonuses and penalties share one layout, aligned together
    const bonuses = items.filter((x): x is Bonus => x.kind === 'bonus' || x.kind === 'penalty');
    const rows = bonuses.map((b) => {
      const rest: string[] = [];
      if (b.max) rest.push(`max ${this.num(b.max)}`);
      if (b.input) rest.push(`input ${printName(b.input.text, 'qualified')}`);
      if (b.default) rest.push(`default ${this.num(b.default)}`);
      return [`${b.kind} ${printName(b.name.text)}`, `points ${this.num(b.points)}`, `per ${this.num(b.per)}`, ...rest];
    });
    const lines = alignRows(rows, 3);
    bonuses.forEach((b, i) => out.set(b, { kind: 'bonus', span: b.span, line: lines[i]! }));
    for (const a of items.filter((x): x is Allow => x.kind === 'allow')) {
      out.set(a, { kind: 'allow', span: a.span, line: `allow ${printName(a.code.text)}${a.reason !== undefined ? ' ' + quote(a.reason) : ''}` });
    }
    const pays = items.filter((x): x is Pay => x.kind === 'pay');
    const pw = Math.max(0, ...pays.map((m) => displayWidth(printName(m.name.text))));
    for (const m of pays) out.set(m, { kind: 'pay', span: m.span, line: `pay ${padEnd(printName(m.name.text), pw)} = ${this.expr(m.expr)}` });
    const pools = items.filter((x): x is Pool => x.kind === 'pool');
    const plw = Math.max(0, ...pools.map((m) => displayWidth(printName(m.name.text))));
    for (const m of pools) {
      out.set(m, { kind: 'pool', span: m.span, line: `pool ${padEnd(printName(m.name.text), plw)} = ${this.expr(m.amount)} split by coefficient${m.within ? ` within ${printName(m.within.text)}` : ''}` });
    }
    for (const it of items) {
      if (it.kind === 'commission') out.set(it, this.commission(it));
      else if (it.kind === 'distribution') out.set(it, this.distribution(it));
    }
    for (const it of items) {
      if (it.kind === 'group') out.set(it, this.group(it));
      else if (it.kind === 'grades') out.set(it, this.grades(it));
      else if (it.kind === 'test') out.set(it, this.test(it));
    }
    return out;
  }

  group(g: Group): Unit {
    const aligned = this.alignScope(g.items);
    let line = `group ${printName(g.name.text)}`;
    if (g.weight) line += ` weight ${this.num(g.weight)}`;
    if (g.optional) line += ' optional';
    if (g.aggregate) line += ` aggregate ${g.aggregate.mode}`;
    return {
      kind: 'group',
      span: g.span,
      line: line + ' {',
      children: g.items.map((it) => aligned.get(it)!),
      close: '}',
      braceFrom: (g.aggregate ?? g.weight ?? g.name).span.end,
      closeAt: g.span.end - 1,
    };
  }

  indicators(inds: Indicator[]): Unit[] {
    const parts = inds.map((ind) => {
      const m = ind.method;
      const table = m?.kind === 'bands';
      const options: string[] = [];
      // `lower` is implied by `reverse`, and by steps that deduct above (or add below) the target
      const stepsLower = m?.kind === 'steps' && (m.deduct?.side === 'above' || m.add?.side === 'below');
      if (ind.lower && m?.kind !== 'bands' && m?.kind !== 'curve' && m?.kind !== 'reverse' && !stepsLower) options.push('lower');
      if (ind.cap) options.push(`cap ${this.num(ind.cap)}`);
      if (ind.floor) options.push(`floor ${this.num(ind.floor)}`);
      if (ind.input) options.push(`input ${printName(ind.input.text, 'qualified')}`);
      if (ind.unit) options.push(`unit ${ind.unit.text === '%' ? '%' : printName(ind.unit.text)}`);
      if (ind.default) options.push(`default ${this.num(ind.default)}`);
      if (ind.optional) options.push('optional');
      if (ind.description !== undefined) options.push(quote(ind.description));
      if (ind.aggregate) options.push(`aggregate ${ind.aggregate.mode}`);
      return {
        ind,
        name: printName(ind.name.text),
        weight: ind.weight ? this.num(ind.weight) : undefined,
        target: ind.targetRef
          ? // `target` reads a bare identifier, never a keyword: those are quoted
            isIdentifier(ind.targetRef.text) && !isKeyword(ind.targetRef.text)
            ? ind.targetRef.text
            : quote(ind.targetRef.text)
          : ind.target
            ? this.num(ind.target) + (ind.targetHigh ? `..${this.num(ind.targetHigh)}` : '')
            : undefined,
        head: m ? this.methodHead(m, ind.lower) : undefined,
        table,
        options,
      };
    });
    const width = (xs: (string | undefined)[]) => Math.max(0, ...xs.map((x) => (x === undefined ? 0 : displayWidth(x))));
    const nw = width(parts.map((p) => p.name));
    const anyWeight = parts.some((p) => p.weight !== undefined);
    const ww = width(parts.map((p) => p.weight));
    const anyTarget = parts.some((p) => p.target !== undefined);
    const tw = width(parts.map((p) => p.target));
    return parts.map((p) => {
      const cols = ['indicator ' + padEnd(p.name, nw)];
      if (anyWeight) cols.push(p.weight !== undefined ? 'weight ' + padEnd(p.weight, ww) : ' '.repeat(7 + ww));
      if (anyTarget) cols.push(p.target !== undefined ? 'target ' + padEnd(p.target, tw) : ' '.repeat(7 + tw));
      const ind = p.ind;
      const span = ind.span;
      if (p.table) {
        // a bands table closes the statement: its options come before `scoring`
        const m = ind.method as Extract<Method, { kind: 'bands' }>;
        cols.push(...p.options, `scoring ${p.head} {`);
        return {
          kind: 'indicator',
          span,
          line: cols.join(' '),
          children: this.bandRows(m),
          close: '}',
          braceFrom: m.span.start,
          closeAt: m.span.end - 1,
        };
      }
      if (p.head !== undefined) cols.push('scoring ' + p.head);
      cols.push(...p.options);
      return { kind: 'indicator', span, line: trimSpaces(cols.join(' ')) };
    });
  }

  methodHead(m: Method, lower: boolean): string {
    switch (m.kind) {
      case 'linear':
      case 'reverse':
      case 'threshold':
        return m.kind;
      case 'bands':
        return ['bands', ...(m.on === 'ratio' ? ['on ratio'] : []), ...(lower ? ['lower'] : [])].join(' ');
      case 'curve': {
        const pts = m.points.map((p) => `${this.num(p.x)}: ${this.num(p.y)}`);
        const head = ['curve', ...(m.on === 'ratio' ? ['on ratio'] : []), ...(lower ? ['lower'] : [])].join(' ');
        return `${head} ${pts.length ? `{ ${pts.join(', ')} }` : '{}'}`;
      }
      case 'deduct':
        return `deduct ${this.num(m.points)} per ${this.num(m.per)}` + (m.max ? ` max ${this.num(m.max)}` : '');
      case 'steps': {
        const clause = (kw: 'deduct' | 'add', c: StepClause | undefined): string[] => {
          if (!c) return [];
          const parts = [`${kw} ${this.num(c.points)} per ${this.num(c.per)} ${c.side} target`];
          if (c.max) parts.push(`max ${this.num(c.max)}`);
          if (c.rounding !== 'proportional') parts.push(c.rounding);
          return [parts.join(' ')];
        };
        return [...clause('deduct', m.deduct), ...clause('add', m.add)].join(' ');
      }
      case 'rating': {
        let s = `rating ${this.num(m.lo)}..${this.num(m.hi)}`;
        if (m.raters) {
          const rs = m.raters.map((r) => `${printName(r.name.text)} ${this.num(r.weight)}`);
          s += rs.length ? ` raters { ${rs.join(', ')} }` : ' raters {}';
        }
        return s;
      }
    }
  }

  bandRows(m: Extract<Method, { kind: 'bands' }>): Unit[] {
    const opw = Math.max(0, ...m.rows.map((r) => r.op.length));
    const keys = m.rows.map((r) => `${padEnd(r.op, opw)} ${this.num(r.bound)}:`);
    if (m.else) keys.push('else:');
    const kw = Math.max(0, ...keys.map(displayWidth));
    const units: Unit[] = m.rows.map((r, i) => ({ kind: 'band', span: r.span, line: `${padEnd(keys[i]!, kw)} ${this.num(r.score)}` }));
    if (m.else) units.push({ kind: 'band', span: m.else.span, line: `${padEnd('else:', kw)} ${this.num(m.else.score)}` });
    return units;
  }

  grades(g: Grades): Unit {
    const rows = g.lines.map((l: GradeLine) => [
      // a bare `coefficient` label would read as the previous line's coefficient clause
      l.label.text === 'coefficient' ? quote(l.label.text) : printName(l.label.text),
      l.min ? `>= ${this.num(l.min)}` : '',
      l.coefficient ? `coefficient ${this.num(l.coefficient)}` : '',
    ]);
    const lines = alignRows(rows, 2);
    return {
      kind: 'grades',
      span: g.span,
      line: 'grades {',
      children: g.lines.map((l, i) => ({ kind: 'grade', span: l.span, line: lines[i]! })),
      close: '}',
      braceFrom: g.span.start,
      closeAt: g.span.end - 1,
    };
  }

  commission(c: Commission): Unit {
    const keys = c.tiers.map((t) => (t.bound ? `${t.op ?? '<='} ${this.num(t.bound)}:` : 'else:'));
    const kw = Math.max(0, ...keys.map(displayWidth));
    return {
      kind: 'commission',
      span: c.span,
      line: `commission ${printName(c.name.text)} on ${this.expr(c.on)} ${c.mode} {`,
      children: c.tiers.map((t, i) => ({ kind: 'band', span: t.span, line: `${padEnd(keys[i]!, kw)} ${this.num(t.rate)}` })),
      close: '}',
      braceFrom: c.on.span.end,
      closeAt: c.span.end - 1,
    };
  }

  distribution(d: Distribution): Unit {
    const head = ['distribution', ...(d.within ? [`within ${printName(d.within.text)}`] : []), ...(d.advise ? ['advise'] : []), ...(d.min ? [`min ${this.num(d.min)}`] : [])];
    const quotas = d.quotas.map((q) => `${printName(q.label.text)} ${this.num(q.share)}`).join('  ');
    return { kind: 'distribution', span: d.span, line: `${head.join(' ')} { ${quotas} }` };
  }

  test(t: TestCase): Unit {
    const children: Unit[] = [];
    // `given` pairs: one line, or one line per source line the pairs were written on
    const groups: (typeof t.given)[] = [];
    let lastLine = NaN;
    for (const g of t.given) {
      const ln = this.opts.lineOf ? this.opts.lineOf(g.span.start) : 0;
      if (groups.length && ln === lastLine) groups[groups.length - 1]!.push(g);
      else groups.push([g]);
      lastLine = ln;
    }
    for (const grp of groups) {
      const text = grp.map((g) => `${printName(g.key.text, 'qualified')} = ${g.na !== undefined ? quote(g.na) : this.num(g.value)}`).join(', ');
      children.push({ kind: 'given', span: { start: grp[0]!.span.start, end: grp[grp.length - 1]!.span.end }, line: `given ${text}`, keywordBefore: 'given' });
    }
    for (const p of t.people ?? []) {
      const pairs = p.given.map((g) => `${printName(g.key.text, 'qualified')} = ${this.num(g.value)}`).join(', ');
      children.push({ kind: 'given', span: p.span, line: `person ${printName(p.name.text)}${p.within ? ` within ${printName(p.within.text)}` : ''} given ${pairs}` });
    }
    const subjects = t.expects.map((e) => printName(e.subject.text, 'qualified'));
    const sw = Math.max(0, ...subjects.map(displayWidth));
    t.expects.forEach((e, i) => {
      const v = 'text' in e.value ? printName(e.value.text) : this.num(e.value);
      children.push({ kind: 'expect', span: e.span, line: `expect ${padEnd(subjects[i]!, sw)} = ${v}` });
    });
    return {
      kind: 'test',
      span: t.span,
      line: `test ${quote(t.name)} {`,
      children,
      close: '}',
      braceFrom: t.nameSpan.end,
      closeAt: t.span.end - 1,
    };
  }
}

/**
 * Align the first `n` columns of rows of cells (padding by display width); empty cells keep their column;
 * the rest of a row follows space-separated. No trailing spaces.
 */
function alignRows(rows: string[][], n: number): string[] {
  const widths: number[] = [];
  for (let c = 0; c < n; c++) widths.push(Math.max(0, ...rows.map((r) => displayWidth(r[c] ?? ''))));
  return rows.map((r) => {
    const cells = r.map((cell, c) => (c < n ? padEnd(cell, widths[c]!) : cell)).filter((cell, c) => c < n || cell !== '');
    // drop columns that are empty in every row
    const kept = cells.filter((_, c) => c >= n || widths[c]! > 0);
    return trimSpaces(kept.join(' '));
  });
}

/** drop trailing spaces in linear time (`/ +$/` is quadratic on the long padding a long name causes) */
function trimSpaces(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) === 32) e--;
  return e === s.length ? s : s.slice(0, e);
}
