/**
 * Writers for diff and solve results: plain text for a terminal, markdown for a pull-request comment
 * or `$GITHUB_STEP_SUMMARY`. Plan and data text is escaped in markdown (a name is never markup).
 * No Node-only APIs: the playground can show the same text.
 */
import type { PlanDiff } from './diff.js';
import type { Replay } from './replay.js';
import type { SolveAnswer, SolveReport } from './solve.js';
import { Rational } from '../numbers/rational.js';

/** markdown-safe inline text: HTML-significant characters as entities, markdown punctuation escaped, one line */
export function mdText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~#!]/g, (c) => `\\${c}`);
}

const signed = (d: string) => (d.startsWith('-') ? d : d === '0' ? '0' : `+${d}`);
const lines = (o?: number, n?: number) => `${o !== undefined ? `L${o}` : '—'} → ${n !== undefined ? `L${n}` : '—'}`;
const gradeOf = (x: { total: number; grade?: string }) => `${x.total}${x.grade !== undefined ? ` ${x.grade}` : ''}`;

export function diffToText(d: PlanDiff, r?: Replay): string {
  const out: string[] = [];
  out.push(`--- ${d.old.name} (${d.old.plan})`, `+++ ${d.new.name} (${d.new.plan})`);
  if (d.changes.length === 0) out.push('no changes in plan terms');
  for (const c of d.changes) {
    const what = c.field ? `${c.subject} · ${c.field}` : c.subject;
    const body = c.kind === 'added' ? `added: ${c.new}` : c.kind === 'removed' ? `removed: ${c.old}` : `${c.old} → ${c.new}`;
    out.push(`${lines(c.oldLine, c.newLine).padEnd(14)} ${what}: ${body}`);
  }
  if (r) {
    const s = r.summary;
    out.push('', `${s.people} people: ${s.up} up, ${s.down} down, ${s.unchanged} unchanged; total Σ ${signed(s.totalDelta)}; coefficient Σ ${s.coefficientSum.before} → ${s.coefficientSum.after}`);
    if (s.grades.length) {
      out.push(`grades before: ${s.grades.map((g) => `${g} ${s.before[g] ?? 0}`).join('  ')}`, `grades after:  ${s.grades.map((g) => `${g} ${s.after[g] ?? 0}`).join('  ')}`);
      out.push('', `old\\new  ${s.grades.join('  ')}`);
      for (const g of s.grades) out.push(`${g.padEnd(8)} ${s.grades.map((h) => String(s.transitions[g]?.[h] ?? 0).padStart(h.length)).join('  ')}`);
    }
    out.push('');
    for (const p of r.people) out.push(`${p.id}  ${gradeOf(p.old)} → ${gradeOf(p.new)}  (${signed(p.delta)})`);
  }
  return out.join('\n') + '\n';
}

export function diffToMarkdown(d: PlanDiff, r?: Replay): string {
  const out: string[] = [];
  out.push(`### KPI plan diff: ${mdText(d.new.plan)}`, '', `\`${d.old.name.replace(/`/g, "'")}\` → \`${d.new.name.replace(/`/g, "'")}\``, '');
  if (d.changes.length === 0) out.push('No changes in plan terms.');
  else {
    out.push('| | what | old | new | lines |', '|---|---|---|---|---|');
    const icon: Record<string, string> = { added: '➕', removed: '➖', renamed: '✏️' };
    for (const c of d.changes) {
      out.push(`| ${icon[c.kind] ?? '🔁'} | ${mdText(c.field ? `${c.subject} · ${c.field}` : c.subject)} | ${mdText(c.old ?? '')} | ${mdText(c.new ?? '')} | ${lines(c.oldLine, c.newLine)} |`);
    }
  }
  if (r) {
    const s = r.summary;
    out.push('', `**${s.people} people**: ${s.up} up, ${s.down} down, ${s.unchanged} unchanged · total Σ ${signed(s.totalDelta)} · coefficient Σ ${s.coefficientSum.before} → ${s.coefficientSum.after}`);
    if (s.grades.length) {
      out.push('', `| grade | ${s.grades.map(mdText).join(' | ')} |`, `|---|${s.grades.map(() => '---:').join('|')}|`);
      out.push(`| before | ${s.grades.map((g) => s.before[g] ?? 0).join(' | ')} |`, `| after | ${s.grades.map((g) => s.after[g] ?? 0).join(' | ')} |`);
      out.push('', '<details><summary>grade transitions (rows: old, columns: new)</summary>', '', `| old \\\\ new | ${s.grades.map(mdText).join(' | ')} |`, `|---|${s.grades.map(() => '---:').join('|')}|`);
      for (const g of s.grades) out.push(`| ${mdText(g)} | ${s.grades.map((h) => s.transitions[g]?.[h] ?? 0).join(' | ')} |`);
      out.push('', '</details>');
    }
    out.push('', '| id | old | new | Δ total |', '|---|---|---|---:|');
    for (const p of r.people) out.push(`| ${mdText(p.id)} | ${mdText(gradeOf(p.old))} | ${mdText(gradeOf(p.new))} | ${signed(p.delta)} |`);
  }
  return out.join('\n') + '\n';
}

const goalText = (r: SolveReport) => (r.goal.kind === 'grade' ? `grade ${r.goal.label}` : `total ${r.goal.value}`);

/** a value of the answer's input, as a person writes it (`103.33%` for percents) */
function shown(a: SolveAnswer, v: string | number | undefined): string {
  if (v === undefined) return '?';
  const r = Rational.parse(String(v));
  if (!r || !a.percent) return String(v);
  return `${r.mul(Rational.HUNDRED).toDecimalString(10)}%`;
}

export function answerSentence(a: SolveAnswer): string {
  const name = a.indicator;
  switch (a.status) {
    case 'unsupported':
      return `${name}: cannot solve (${a.reason?.code}): ${a.reason?.message}`;
    case 'unreachable':
      return `${name}: unreachable (${a.reason?.code}): ${a.reason?.message}`;
    case 'always':
      return `${name}: any value reaches it (${a.reason?.message})`;
    default: {
      const cmp = a.direction === 'at-least' ? '≥' : '≤';
      const verb = a.status === 'reached' ? 'already reached; holds while' : 'needs';
      const at = a.at ? ` → total ${a.at.total}${a.at.grade !== undefined ? ` ${a.at.grade}` : ''} (exact ${a.at.exactTotal}${a.roundedUp ? ', rounded up' : ''})` : '';
      const short = a.short ? `; one unit (${shown(a, a.unit)}) short: ${a.short.total}${a.short.grade !== undefined ? ` ${a.short.grade}` : ''}` : '';
      const step = a.step ? '; a step jumps over the goal here' : '';
      return `${name}: ${verb} ${a.column ?? name} ${cmp} ${shown(a, a.answer)} (now ${shown(a, a.current)})${at}${short}${step}`;
    }
  }
}

export function solveToText(r: SolveReport, id: string): string {
  const out: string[] = [`${id}: total ${r.current.total}${r.current.grade !== undefined ? ` ${r.current.grade}` : ''}; goal ${goalText(r)} ${r.current.met ? '(met)' : '(not met)'}`];
  for (const a of r.answers) {
    out.push(`  ${answerSentence(a)}`);
    if (a.sensitivity) out.push(`    sensitivity: +${shown(a, a.sensitivity.per)} ${a.column} → total ${signed(a.sensitivity.total)}`);
  }
  return out.join('\n') + '\n';
}
