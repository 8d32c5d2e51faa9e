/**
 * Plan tests (KPI07xx). Here the plan is the whole universe, so unknown names can be judged:
 * - a `given` key must be a column the plan reads: an indicator's actual column (its name, or its
 *   `input`), `NAME.RATER` for a rating with raters, a bonus's count column (its name or `input`),
 *   a name used in a metric or veto expression, or a metric's name (a test may pin a metric directly);
 * - an `expect` subject is `total`, `grade`, `coefficient`, `bonus`, or an indicator or group name;
 * - `expect grade = L` needs a label of the plan's grades; `grade`/`coefficient` need a grades block;
 * - grade expects take a label, the others a number.
 * Unknown names get a "did you mean" fix when a known name is close.
 */
import type { Name, NumLit, Plan, TestCase } from '../ir/schema.js';
import { indicatorsOf } from '../ir/walk.js';
import { isIdentifier } from '../lexer/tokens.js';
import { type CheckContext, bt } from './context.js';
import { note, text } from '../diagnostics/diag.js';
import { RESERVED_SUBJECTS, refsOf } from './names.js';
import { moneyColumns } from '../money/names.js';
import { moneySubjects, splitPersonSubject } from './money.js';

export function plainColumns(plan: Plan): Map<string, string> {
  /** column → why the plan reads it (for help text) */
  const cols = new Map<string, string>();
  const add = (c: string, why: string) => {
    if (!cols.has(c)) cols.set(c, why);
  };
  for (const { indicator } of indicatorsOf(plan)) {
    const col = indicator.input?.text ?? indicator.name.text;
    const m = indicator.method;
    if (m?.kind === 'rating' && m.raters && m.raters.length > 0) {
      for (const r of m.raters) add(`${col}.${r.name.text}`, `rater mark of ${bt(indicator.name.text)}`);
    } else add(col, `actual of ${bt(indicator.name.text)}`);
    if (indicator.targetRef) add(indicator.targetRef.text, `target of ${bt(indicator.name.text)}`);
  }
  for (const b of [...plan.bonuses, ...(plan.penalties ?? [])]) add(b.input?.text ?? b.name.text, `count of ${b.kind} ${bt(b.name.text)}`);
  for (const m of plan.metrics) {
    add(m.name.text, `metric ${bt(m.name.text)}`);
    for (const r of refsOf(m.expr)) add(r.name, `input of metric ${bt(m.name.text)}`);
  }
  for (const v of plan.vetoes) for (const r of refsOf(v.when)) add(r.name, `input of veto ${bt(v.name.text)}`);
  for (const c of moneyColumns(plan)) add(c, 'input of a money item');
  return cols;
}

const isName = (v: NumLit | Name): v is Name => 'text' in v;

export function checkTests(plan: Plan, ctx: CheckContext): void {
  if (plan.tests.length === 0) return;
  const columns = plainColumns(plan);
  const scored = new Set<string>();
  const visit = (items: Plan['items']) => {
    for (const it of items) {
      scored.add(it.name.text);
      if (it.kind === 'group') visit(it.items);
    }
  };
  visit(plan.items);
  for (const m of moneySubjects(plan)) scored.add(m);
  const labels = plan.grades?.lines.map((l) => l.label.text) ?? [];
  for (const t of plan.tests) checkTest(ctx, plan, t, columns, scored, labels);
}

function checkTest(ctx: CheckContext, plan: Plan, t: TestCase, columns: Map<string, string>, scored: Set<string>, labels: string[]): void {
  if (t.expects.length === 0) {
    ctx.diag('KPI0705', { test: t.name }, t.nameSpan);
  }
  for (const given of [t.given, ...(t.people ?? []).map((p) => p.given)]) checkGiven(ctx, plan, t, given, columns);
  checkExpects(ctx, plan, t, scored, labels);
}

function checkGiven(ctx: CheckContext, plan: Plan, t: TestCase, given: TestCase['given'], columns: Map<string, string>): void {
  const seen = new Map<string, Name>();
  for (const g of given) {
    const key = g.key.text;
    const first = seen.get(key);
    if (first) {
      ctx.diag('KPI0706', { test: t.name, column: key }, g.key.span, { related: [note('note.first-given', { column: key }, first.span)] });
      continue;
    }
    seen.set(key, g.key);
    if (columns.has(key)) continue;
    const suggestion = closest(key, [...columns.keys()]);
    const ratingWithRaters = ctx.indicatorsOf(plan).find(
      (x) => (x.indicator.input?.text ?? x.indicator.name.text) === key && x.indicator.method?.kind === 'rating' && x.indicator.method.raters?.length,
    );
    const viaInput = ctx.indicatorsOf(plan).find((x) => x.indicator.name.text === key && x.indicator.input);
    const help = ratingWithRaters
      ? text('help.given-raters', { column: key, columns: [...columns.keys()].filter((c) => c.startsWith(`${key}.`)).map(bt).join(', ') })
      : viaInput
        ? text('help.given-input', { column: key, input: viaInput.indicator.input!.text })
        : suggestion
          ? text('help.given-suggest', { column: suggestion })
          : text('help.given-columns', { columns: `${[...columns.keys()].slice(0, 8).map(bt).join(', ')}${columns.size > 8 ? ', …' : ''}` });
    const target = viaInput ? viaInput.indicator.input!.text : !ratingWithRaters ? suggestion : undefined;
    ctx.diag('KPI0701', { test: t.name, column: key, target: target ?? '' }, g.key.span, {
      helpText: help,
      ...(target ? { edits: [{ span: g.key.span, text: nameText(target) }] } : {}),
    });
  }
}

function checkExpects(ctx: CheckContext, plan: Plan, t: TestCase, scored: Set<string>, labels: string[]): void {
  for (const e of t.expects) {
    const subject = splitPersonSubject(t, e.subject.text).subject;
    const reserved = (RESERVED_SUBJECTS as readonly string[]).includes(subject) || subject === 'score_grade';
    // `expect 服务.weighted = 32`: an indicator's or group's contribution to the total, after its weight
    const weightedOf = subject.endsWith('.weighted') && scored.has(subject.slice(0, -'.weighted'.length));
    if (!reserved && !scored.has(subject) && !weightedOf) {
      const suggestion = (Object.hasOwn(SUBJECT_WORDS, subject) ? SUBJECT_WORDS[subject] : undefined) ?? closest(subject, [...RESERVED_SUBJECTS, ...scored]);
      ctx.diag('KPI0702', { test: t.name, subject, suggestion: suggestion ?? '' }, e.subject.span, {
        helpText: suggestion ? text('help.expect-suggest', { subject: suggestion }) : text('help.expect-subjects', {}),
        ...(suggestion ? { edits: [{ span: e.subject.span, text: nameText(suggestion) }] } : {}),
      });
      continue;
    }
    const wantsLabel = reserved && (subject === 'grade' || subject === 'score_grade');
    if (wantsLabel !== isName(e.value)) {
      const shownValue = ctx.source.text.slice(e.value.span.start, e.value.span.end);
      if (wantsLabel) ctx.diag('KPI0704', { value: shownValue, labels: labels.length ? ` (${labels.map(bt).join(', ')})` : '' }, e.value.span);
      else ctx.diag('KPI0704.number', { subject, value: shownValue }, e.value.span);
      continue;
    }
    if ((subject === 'grade' || subject === 'score_grade' || subject === 'coefficient') && reserved && !plan.grades) {
      ctx.diag('KPI0703.no-grades', { test: t.name, subject, plan: plan.name.text }, e.subject.span);
      continue;
    }
    if (wantsLabel && isName(e.value) && plan.grades && !labels.includes(e.value.text)) {
      const suggestion = closest(e.value.text, labels);
      ctx.diag('KPI0703', { label: e.value.text, labels: labels.map(bt).join(', '), suggestion: suggestion ?? '' }, e.value.span, {
        related: [note('note.grades-here', {}, plan.grades.span)],
        ...(suggestion ? { edits: [{ span: e.value.span, text: suggestion }] } : {}),
      });
    }
  }
}

/** what consultants write for the reserved subjects */
const SUBJECT_WORDS: Record<string, string> = {
  总分: 'total',
  总成绩: 'total',
  得分: 'total',
  总得分: 'total',
  绩效得分: 'total',
  等级: 'grade',
  评级: 'grade',
  绩效等级: 'grade',
  系数: 'coefficient',
  绩效系数: 'coefficient',
  加分: 'bonus',
  加分项: 'bonus',
};

/** a name as plan text: bare when it is a word, quoted otherwise */
function nameText(n: string): string {
  // the lexer's identifier rule on each part of `a.b`; otherwise a string the lexer reads back (`"销售²"`)
  return n.split('.').every(isIdentifier) ? n : JSON.stringify(n);
}

/** the closest known name within a small edit distance, for "did you mean" */
export function closest(name: string, known: string[]): string | undefined {
  const a = [...name];
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(a, [...k]);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  const limit = Math.max(1, Math.floor(a.length / 3));
  return best !== undefined && bestD <= limit && bestD > 0 && bestD < a.length ? best : undefined;
}

function distance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
