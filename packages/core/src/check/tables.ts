/**
 * Tables (KPI05xx): bands and curves.
 *
 * Band rows are one-sided (`>= 90%: 85`) and the first row that holds wins, so a table cannot have a
 * gap between rows: a value falls through to the next row, and below the last row to `else` (default 0,
 * SPEC §2). What can go wrong is an overlap that makes a row unreachable — a row whose values an earlier
 * row already takes (`>= 90` after `>= 80`, `> 90` after `>= 90`), any row after `else`, or rows of both
 * directions. Those are errors (KPI0501, KPI0502). A table whose score falls as achievement rises is a
 * warning (KPI0503, KPI0505). A bound like `90` in an `on ratio` table is 9000% (KPI0506).
 */
import type { Indicator, Method, NumLit, Plan } from '../ir/schema.js';
import type { Span } from '../source/span.js';
import { Rational } from '../numbers/rational.js';
import { type CheckContext, pct, reorderFix, shown, val } from './context.js';
import { note, text } from '../diagnostics/diag.js';

type Bands = Extract<Method, { kind: 'bands' }>;
type Curve = Extract<Method, { kind: 'curve' }>;

export function checkTables(plan: Plan, ctx: CheckContext): void {
  const indicators = ctx.indicators(plan);
  for (let i = 0; i < indicators.length; i++) {
    const indicator = indicators[i]!;
    const m = indicator.method;
    if (m?.kind === 'bands') checkBands(ctx, indicator, m);
    else if (m?.kind === 'curve') checkCurve(ctx, indicator, m);
  }
}

const higher = (op: string) => op === '>=' || op === '>';
const TEN = Rational.fromInt(10);
const THOUSAND = Rational.fromInt(1000);

function checkRatioBound(ctx: CheckContext, ind: Indicator, n: NumLit): void {
  const r = val(n);
  // on a ratio, a plain number above 10 (1000%) is almost always a forgotten `%`
  if (!r || n.percent || !r.gt(TEN) || r.gt(THOUSAND)) return;
  ctx.diag('KPI0506', { value: n.value, name: ind.name.text, percent: pct(r) }, n.span, { edits: [{ span: n.span, text: `${n.value}%` }] });
}

function checkBands(ctx: CheckContext, ind: Indicator, m: Bands): void {
  const name = ind.name.text;
  if (m.rows.length === 0) {
    // rows lost to a syntax error in the table (`bands on ration { … }`) are the parser's finding
    if (ctx.syntaxErrorIn(ind.span)) return;
    ctx.diag('KPI0507', { name }, m.span);
    return;
  }
  const first = m.rows[0]!;
  const dirHigher = higher(first.op);
  // direction: every row must go the same way as the first
  let mixed = false;
  const rows = m.rows;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (higher(row.op) !== dirHigher) {
      mixed = true;
      ctx.diag('KPI0501', { row: `${row.op} ${shown(row.bound)}`, name }, row.span, {
        helpText: dirHigher ? text('help.bands-higher', {}) : text('help.bands-lower', {}),
        related: [note('note.sets-direction', { row: `${first.op} ${shown(first.bound)}` }, first.span)],
      });
    }
  }
  if (m.on === 'ratio') for (let i = 0; i < rows.length; i++) checkRatioBound(ctx, ind, rows[i]!.bound);
  // reachability: the union of earlier rows of one direction is the widest earlier row
  let unreachable = false;
  // the fix that sorts the rows, made once and only for a KPI0502 (most tables have none)
  let orderFix: ReturnType<typeof sortedRowsFix> | null = null;
  if (!mixed) {
    let widest: (typeof m.rows)[number] | undefined;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const b = val(row.bound);
      if (!b) continue;
      if (m.else && m.else.span.start < row.span.start) {
        ctx.diag('KPI0502.after-else', { row: `${row.op} ${shown(row.bound)}`, name }, row.span, { related: [note('note.else-here', {}, m.else.span)] });
        unreachable = true;
        continue;
      }
      if (widest) {
        const wb = val(widest.bound)!;
        if (covers(widest.op, wb, row.op, b)) {
          orderFix ??= canReorder(m) ? sortedRowsFix(ctx, m, dirHigher) : undefined;
          ctx.diag('KPI0502', { row: `${row.op} ${shown(row.bound)}`, name }, row.span, {
            helpText: dirHigher ? text('help.rows-highest-first', {}) : text('help.rows-lowest-first', {}),
            related: [note('note.already-takes', { row: `${widest.op} ${shown(widest.bound)}` }, widest.span)],
            ...(orderFix ? { edits: orderFix.edits, fixText: dirHigher ? text('fix.rows-highest-first', {}) : text('fix.rows-lowest-first', {}) } : {}),
          });
          unreachable = true;
          continue;
        }
      }
      if (!widest || covers(row.op, b, widest.op, val(widest.bound)!)) widest = row;
    }
  }
  // monotonic: better rows come first, so scores must not rise going down the table
  // (not judged when rows are out of order: that error says it already)
  if (!mixed && !unreachable) {
    // the rows with a score, then `else` (0 when absent) when it is last: each compared with the one before it
    // (entries by index, rows then `else`: nothing is made per row, most tables having no finding)
    const withElse = !m.else || m.else.span.start > (rows[rows.length - 1]?.span.start ?? 0);
    const n = rows.length + (withElse ? 1 : 0);
    // `>=` rows over an actual declared `lower` list the worst results first: scores rise down the table
    const worstFirst = ind.lower && m.on === 'actual' && dirHigher;
    let prev = -1;
    let prevScore: Rational | undefined;
    for (let i = 0; i < n; i++) {
      const s = i < rows.length ? val(rows[i]!.score) : m.else ? val(m.else.score) : Rational.ZERO;
      if (!s) continue;
      if (prev >= 0) {
        const worseScore = worstFirst ? prevScore! : s;
        if (worseScore.gt(worstFirst ? s : prevScore!)) {
          const e = bandEntry(m, worstFirst ? i : prev);
          const w = bandEntry(m, worstFirst ? prev : i);
          ctx.diag('KPI0503', { band: w.label, name, score: shown(w.lit), better: e.label, betterScore: shown(e.lit) }, w.lit.span, {
            helpText: worstFirst ? text('help.bands-lower-indicator', {}) : dirHigher ? text('help.bands-ge-better', {}) : text('help.bands-le-better', {}),
            related: [note('note.scores', { band: e.label, score: shown(e.lit) }, e.span)],
          });
          break;
        }
      }
      prev = i;
      prevScore = s;
    }
  }
}

/** entry `i` of a table for a message: row i, or past the rows its `else` (`else: 0` when the table has none) */
function bandEntry(m: Bands, i: number): { label: string; lit: NumLit; span: Span } {
  const row = m.rows[i];
  if (row) return { label: `${row.op} ${shown(row.bound)}`, lit: row.score, span: row.span };
  return { label: 'else', lit: m.else?.score ?? { value: '0', percent: false, span: m.span }, span: m.else?.span ?? m.span };
}

/** the rows can be sorted in place: none comes after `else` */
function canReorder(m: Bands): boolean {
  const e = m.else;
  if (!e) return true;
  for (let i = 0; i < m.rows.length; i++) if (m.rows[i]!.span.start > e.span.start) return false;
  return true;
}

/** rows sorted so that none hides another: `>=` rows from the highest bound down (`>` before `>=` at a tie), `<=` rows from the lowest up */
function sortedRowsFix(ctx: CheckContext, m: Bands, dirHigher: boolean) {
  const keyed = m.rows.map((row) => ({ row, b: val(row.bound) }));
  if (keyed.some((k) => !k.b)) return undefined;
  const strict = (op: string) => (op === '>' || op === '<' ? 0 : 1);
  const sorted = [...keyed]
    .sort((x, y) => (dirHigher ? y.b!.cmp(x.b!) : x.b!.cmp(y.b!)) || strict(x.row.op) - strict(y.row.op))
    .map((k) => k.row);
  return reorderFix(
    ctx.source,
    m.rows,
    sorted,
    dirHigher ? 'order the rows from the highest bound down' : 'order the rows from the lowest bound up',
  );
}

/** does row (opA, a) take every value row (opB, b) would, for rows of the same direction? */
function covers(opA: string, a: Rational, opB: string, b: Rational): boolean {
  if (higher(opA)) {
    // [a,∞) or (a,∞) ⊇ [b,∞) or (b,∞)
    if (opA === '>=') return b.ge(a);
    return opB === '>' ? b.ge(a) : b.gt(a);
  }
  if (opA === '<=') return b.le(a);
  return opB === '<' ? b.le(a) : b.lt(a);
}

function checkCurve(ctx: CheckContext, ind: Indicator, m: Curve): void {
  const name = ind.name.text;
  if (m.points.length === 0) {
    if (ctx.syntaxErrorIn(ind.span)) return;
    ctx.diag('KPI0507.curve', { name }, m.span);
    return;
  }
  if (m.on === 'ratio') for (let i = 0; i < m.points.length; i++) checkRatioBound(ctx, ind, m.points[i]!.x);
  let increasing = true;
  for (let i = 1; i < m.points.length; i++) {
    const a = m.points[i - 1]!;
    const b = m.points[i]!;
    const ax = val(a.x);
    const bx = val(b.x);
    if (ax && bx && !bx.gt(ax)) {
      increasing = false;
      ctx.diag('KPI0504', { x: shown(b.x), name, prev: shown(a.x) }, b.x.span, { related: [note('note.previous-point', { x: shown(a.x) }, a.x.span)] });
    }
  }
  if (!increasing) return;
  type P = (typeof m.points)[number];
  let rises: [P, P] | undefined;
  let falls: [P, P] | undefined;
  for (let i = 1; i < m.points.length; i++) {
    const a = m.points[i - 1]!;
    const b = m.points[i]!;
    const ay = val(a.y);
    const by = val(b.y);
    if (!ay || !by) return;
    if (by.gt(ay)) rises ??= [a, b];
    if (by.lt(ay)) falls ??= [a, b];
  }
  if (rises && falls) {
    const later = rises[0].span.start > falls[0].span.start ? rises : falls;
    const earlier = later === rises ? falls : rises;
    ctx.diag('KPI0505', { name }, later[1].y.span, {
      related: [note(later === rises ? 'note.falls' : 'note.rises', { from: shown(earlier[0].x), to: shown(earlier[1].x) }, earlier[1].span)],
    });
  } else if (falls && m.on === 'ratio') {
    ctx.diag('KPI0505.falls-ratio', { name }, falls[1].y.span, { related: [note('note.from-point', { x: shown(falls[0].x), y: shown(falls[0].y) }, falls[0].span)] });
  } else if (falls && !ind.lower) {
    ctx.diag('KPI0505.falls-actual', { name }, falls[1].y.span, { related: [note('note.from-point', { x: shown(falls[0].x), y: shown(falls[0].y) }, falls[0].span)] });
  }
}
