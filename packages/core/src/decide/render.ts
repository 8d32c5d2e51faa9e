/**
 * Writers for diff and solve results: plain text for a terminal, markdown for a pull-request comment
 * or `$GITHUB_STEP_SUMMARY`. Plan and data text is escaped in markdown (a name is never markup).
 * No Node-only APIs: the playground can show the same text.
 */
import type { PlanChange, PlanDiff } from './diff.js';
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

export type DecideLang = 'zh' | 'en';

const ZH_ITEM: Record<string, string> = { indicator: '指标', group: '分组', grade: '等级', bonus: '加分', veto: '否决', metric: '派生', plan: '方案' };
const ZH_FIELD: Record<string, string> = {
  weight: '权重',
  'effective weight': '实际权重',
  target: '目标',
  scoring: '计分',
  cap: '封顶',
  floor: '门槛',
  input: '输入列',
  default: '默认值',
  unit: '单位',
  'lower is better': '越低越好',
  group: '所属分组',
  bound: '下限',
  coefficient: '系数',
  rule: '规则',
  condition: '条件',
  formula: '公式',
  name: '名称',
  round: '小数位',
  cycle: '周期',
};
/** `indicator 销售额 · weight` in the reader's language */
function what(c: PlanChange, lang: DecideLang): string {
  if (lang === 'en') return c.field ? `${c.subject} · ${c.field}` : c.subject;
  const sp = c.subject.indexOf(' ');
  const item = sp < 0 ? c.subject : c.subject.slice(0, sp);
  const name = sp < 0 ? '' : c.subject.slice(sp + 1);
  const subject = `${ZH_ITEM[item] ?? item} ${name}`.trim();
  return c.field ? `${subject} · ${ZH_FIELD[c.field] ?? c.field}` : subject;
}
const NONE: Record<DecideLang, string> = { en: '(none)', zh: '(无)' };
const side = (v: string | undefined, lang: DecideLang) => (v === '(none)' ? NONE[lang] : (v ?? ''));

const signed = (d: string) => (d.startsWith('-') ? d : d === '0' ? '0' : `+${d}`);
const lines = (o?: number, n?: number) => `${o !== undefined ? `L${o}` : '—'} → ${n !== undefined ? `L${n}` : '—'}`;
const gradeOf = (x: { total: number; grade?: string }) => `${x.total}${x.grade !== undefined ? ` ${x.grade}` : ''}`;

export function diffToText(d: PlanDiff, r?: Replay, lang: DecideLang = 'en'): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`--- ${d.old.name} (${d.old.plan})`, `+++ ${d.new.name} (${d.new.plan})`);
  if (d.changes.length === 0) out.push(zh ? '方案无变化' : 'no changes in plan terms');
  for (const c of d.changes) {
    const body =
      c.kind === 'added' ? `${zh ? '新增' : 'added'}: ${c.new}` : c.kind === 'removed' ? `${zh ? '删除' : 'removed'}: ${c.old}` : `${zh && c.kind === 'renamed' ? '改名 ' : ''}${side(c.old, lang)} → ${side(c.new, lang)}`;
    out.push(`${lines(c.oldLine, c.newLine).padEnd(14)} ${what(c, lang)}: ${body}`);
  }
  if (r) {
    const s = r.summary;
    out.push(
      '',
      zh
        ? `${s.people} 人: ${s.up} 人上升, ${s.down} 人下降, ${s.unchanged} 人不变; 总分合计 ${signed(s.totalDelta)}; 系数合计 ${s.coefficientSum.before} → ${s.coefficientSum.after}`
        : `${s.people} people: ${s.up} up, ${s.down} down, ${s.unchanged} unchanged; total Σ ${signed(s.totalDelta)}; coefficient Σ ${s.coefficientSum.before} → ${s.coefficientSum.after}`,
    );
    if (s.grades.length) {
      out.push(`${zh ? '调整前等级' : 'grades before'}: ${s.grades.map((g) => `${g} ${s.before[g] ?? 0}`).join('  ')}`, `${zh ? '调整后等级: ' : 'grades after:  '}${s.grades.map((g) => `${g} ${s.after[g] ?? 0}`).join('  ')}`);
      out.push('', `${zh ? '原\\新    ' : 'old\\new  '}${s.grades.join('  ')}`);
      for (const g of s.grades) out.push(`${g.padEnd(8)} ${s.grades.map((h) => String(s.transitions[g]?.[h] ?? 0).padStart(h.length)).join('  ')}`);
    }
    out.push('');
    for (const p of r.people) out.push(`${p.id}  ${gradeOf(p.old)} → ${gradeOf(p.new)}  (${signed(p.delta)})`);
  }
  return out.join('\n') + '\n';
}

export function diffToMarkdown(d: PlanDiff, r?: Replay, lang: DecideLang = 'en'): string {
  const zh = lang === 'zh';
  const out: string[] = [];
  out.push(`### ${zh ? '考核方案变更' : 'KPI plan diff'}: ${mdText(d.new.plan)}`, '', `\`${d.old.name.replace(/`/g, "'")}\` → \`${d.new.name.replace(/`/g, "'")}\``, '');
  if (d.changes.length === 0) out.push(zh ? '方案无变化。' : 'No changes in plan terms.');
  else {
    out.push(zh ? '| | 项目 | 原 | 新 | 行 |' : '| | what | old | new | lines |', '|---|---|---|---|---|');
    const icon: Record<string, string> = { added: '➕', removed: '➖', renamed: '✏️' };
    for (const c of d.changes) {
      out.push(`| ${icon[c.kind] ?? '🔁'} | ${mdText(what(c, lang))} | ${mdText(side(c.old, lang))} | ${mdText(side(c.new, lang))} | ${lines(c.oldLine, c.newLine)} |`);
    }
  }
  if (r) {
    const s = r.summary;
    out.push(
      '',
      zh
        ? `**${s.people} 人**: ${s.up} 人上升, ${s.down} 人下降, ${s.unchanged} 人不变 · 总分合计 ${signed(s.totalDelta)} · 系数合计 ${s.coefficientSum.before} → ${s.coefficientSum.after}`
        : `**${s.people} people**: ${s.up} up, ${s.down} down, ${s.unchanged} unchanged · total Σ ${signed(s.totalDelta)} · coefficient Σ ${s.coefficientSum.before} → ${s.coefficientSum.after}`,
    );
    if (s.grades.length) {
      out.push('', `| ${zh ? '等级' : 'grade'} | ${s.grades.map(mdText).join(' | ')} |`, `|---|${s.grades.map(() => '---:').join('|')}|`);
      out.push(`| ${zh ? '调整前' : 'before'} | ${s.grades.map((g) => s.before[g] ?? 0).join(' | ')} |`, `| ${zh ? '调整后' : 'after'} | ${s.grades.map((g) => s.after[g] ?? 0).join(' | ')} |`);
      out.push(
        '',
        `<details><summary>${zh ? '等级变动 (行: 原等级, 列: 新等级)' : 'grade transitions (rows: old, columns: new)'}</summary>`,
        '',
        `| ${zh ? '原 \\\\ 新' : 'old \\\\ new'} | ${s.grades.map(mdText).join(' | ')} |`,
        `|---|${s.grades.map(() => '---:').join('|')}|`,
      );
      for (const g of s.grades) out.push(`| ${mdText(g)} | ${s.grades.map((h) => s.transitions[g]?.[h] ?? 0).join(' | ')} |`);
      out.push('', '</details>');
    }
    out.push('', zh ? '| 工号 | 原 | 新 | 总分变化 |' : '| id | old | new | Δ total |', '|---|---|---|---:|');
    for (const p of r.people) out.push(`| ${mdText(p.id)} | ${mdText(gradeOf(p.old))} | ${mdText(gradeOf(p.new))} | ${signed(p.delta)} |`);
  }
  return out.join('\n') + '\n';
}

const goalText = (r: SolveReport, lang: DecideLang) =>
  r.goal.kind === 'grade' ? `${lang === 'zh' ? '等级' : 'grade'} ${r.goal.label}` : `${lang === 'zh' ? '总分' : 'total'} ${r.goal.value}`;

/** a value of the answer's input, as a person writes it (`103.33%` for percents) */
function shown(a: SolveAnswer, v: string | number | undefined): string {
  if (v === undefined) return '?';
  const r = Rational.parse(String(v));
  if (!r || !a.percent) return String(v);
  return `${r.mul(Rational.HUNDRED).toDecimalString(10)}%`;
}

export function answerSentence(a: SolveAnswer, lang: DecideLang = 'en'): string {
  const name = a.indicator;
  const zh = lang === 'zh';
  const why = a.reason ? (zh ? a.reason.zh : a.reason.message) : '';
  const res = (x: { total: number; grade?: string }) => `${x.total}${x.grade !== undefined ? ` ${x.grade}` : ''}`;
  switch (a.status) {
    case 'unsupported':
      return zh ? `${name}: 无法求解 (${a.reason?.code}): ${why}` : `${name}: cannot solve (${a.reason?.code}): ${why}`;
    case 'unreachable':
      return zh ? `${name}: 达不到 (${a.reason?.code}): ${why}` : `${name}: unreachable (${a.reason?.code}): ${why}`;
    case 'always':
      return zh ? `${name}: 任何值都能达成 (${why})` : `${name}: any value reaches it (${why})`;
    default: {
      const cmp = a.direction === 'at-least' ? '≥' : '≤';
      if (zh) {
        const verb = a.status === 'reached' ? '已达成; 只要' : '需要';
        const tail = a.status === 'reached' ? ' 即可保持' : '';
        const at = a.at ? ` → 总分 ${res(a.at)} (精确值 ${a.at.exactTotal}${a.roundedUp ? ', 四舍五入后达到' : ''})` : '';
        const short = a.short ? `; 差一个单位 (${shown(a, a.unit)}): ${res(a.short)}` : '';
        const step = a.step ? '; 此处为跳档' : '';
        return `${name}: ${verb} ${a.column ?? name} ${cmp} ${shown(a, a.answer)}${tail} (现为 ${shown(a, a.current)})${at}${short}${step}`;
      }
      const verb = a.status === 'reached' ? 'already reached; holds while' : 'needs';
      const at = a.at ? ` → total ${res(a.at)} (exact ${a.at.exactTotal}${a.roundedUp ? ', rounded up' : ''})` : '';
      const short = a.short ? `; one unit (${shown(a, a.unit)}) short: ${res(a.short)}` : '';
      const step = a.step ? '; a step jumps over the goal here' : '';
      return `${name}: ${verb} ${a.column ?? name} ${cmp} ${shown(a, a.answer)} (now ${shown(a, a.current)})${at}${short}${step}`;
    }
  }
}

export function solveToText(r: SolveReport, id: string, lang: DecideLang = 'en'): string {
  const zh = lang === 'zh';
  const now = `${r.current.total}${r.current.grade !== undefined ? ` ${r.current.grade}` : ''}`;
  const out: string[] = [
    zh ? `${id}: 总分 ${now}; 目标 ${goalText(r, lang)} ${r.current.met ? '(已达成)' : '(未达成)'}` : `${id}: total ${now}; goal ${goalText(r, lang)} ${r.current.met ? '(met)' : '(not met)'}`,
  ];
  for (const a of r.answers) {
    out.push(`  ${answerSentence(a, lang)}`);
    if (a.sensitivity) out.push(zh ? `    敏感度: ${a.column} +${shown(a, a.sensitivity.per)} → 总分 ${signed(a.sensitivity.total)}` : `    sensitivity: +${shown(a, a.sensitivity.per)} ${a.column} → total ${signed(a.sensitivity.total)}`);
  }
  return out.join('\n') + '\n';
}
