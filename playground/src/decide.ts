/**
 * Decision support for the playground (SPEC §9, issue 16): the data behind a "pinned baseline" view and
 * a per-person what-if panel. Pure functions over the core's diff, replay and solve — the same ones
 * `kpi diff` and `kpi solve` print — so the panel and the CLI cannot disagree. No DOM here: the view
 * that shows these (once main.ts is split, issue 15) only renders the returned text.
 */
import * as core from '@kpi/core';
import type { Analysis } from './engine.js';
import { scoreTable } from './engine.js';
import type { Matrix } from './tabular.js';

export type Lang = 'zh' | 'en';

export interface BaselineView {
  diff: core.PlanDiff;
  replay?: core.Replay;
  /** what the panel shows (plain text, the CLI's `kpi diff` text) */
  text: string;
  /** the same as a pull-request comment would show it */
  markdown: string;
}

/** the current plan against a pinned baseline text, replayed on the sample table when both score it */
export function compareWithBaseline(baseline: Analysis, current: Analysis, table: Matrix, lang: Lang): BaselineView | { error: string } {
  if (!baseline.plan || !current.plan) return { error: lang === 'zh' ? '基准或当前方案无法解析' : 'the baseline or the current plan cannot be read' };
  const diff = core.diffPlans({ name: lang === 'zh' ? '基准' : 'baseline', text: baseline.text, plan: baseline.plan }, { name: lang === 'zh' ? '当前' : 'current', text: current.text, plan: current.plan });
  let replay: core.Replay | undefined;
  if (baseline.compiled && current.compiled) {
    const old = scoreTable(baseline.compiled, baseline.plan, table);
    const now = scoreTable(current.compiled, current.plan, table);
    const rows: { id: string; old: core.RowResult; new: core.RowResult }[] = [];
    for (let i = 0; i < table.rows.length; i++) {
      const o = old.rows[i]?.outcome;
      const n = now.rows[i]?.outcome;
      // a row only one version can score is left out of the comparison (its errors show in the table)
      if (o?.ok && n?.ok) rows.push({ id: old.rows[i]!.id, old: o.result, new: n.result });
    }
    const labels = (p: core.Plan) => (p.grades?.lines ?? []).map((l) => l.label.text);
    replay = core.replay(rows, labels(baseline.plan), labels(current.plan));
  }
  return { diff, ...(replay ? { replay } : {}), text: core.diffToText(diff, replay, lang), markdown: core.diffToMarkdown(diff, replay, lang) };
}

export interface WhatIfView {
  report: core.SolveReport;
  /** one sentence per indicator, as `kpi solve` prints them */
  lines: string[];
}

/**
 * What one person needs for a goal (`grade A`, `total 90`), after what-if changes (`{ 销售额达成: '105%' }`,
 * cells as a person types them).
 */
export function whatIf(current: Analysis, table: Matrix, rowIndex: number, goalText: string, sets: Record<string, string>, lang: Lang): WhatIfView | { error: string } {
  if (!current.plan || !current.compiled) return { error: lang === 'zh' ? '方案有错误, 无法求解' : 'the plan has errors' };
  const { lowered } = core.lowerPlan(current.plan);
  if (!lowered) return { error: lang === 'zh' ? '方案无法计分' : 'the plan cannot be scored' };
  const goal = core.parseGoal(goalText, lowered);
  if ('error' in goal) return { error: `${goal.error} (${goal.help})` };
  const scored = scoreTable(current.compiled, current.plan, table).rows[rowIndex];
  if (!scored?.values || !scored.outcome?.ok) return { error: lang === 'zh' ? '该行无法计分' : 'this row cannot be scored' };
  const values = Array.from(scored.values);
  for (const [column, cell] of Object.entries(sets)) {
    const slot = lowered.inputs.findIndex((i) => i.column === column);
    const v = core.parseValue(cell);
    if (slot < 0) return { error: lang === 'zh' ? `方案不读取列 ${column}` : `the plan reads no column ${column}` };
    if (!v.ok || v.missing) return { error: lang === 'zh' ? `${column}: ${cell} 不是数字` : `${column}: ${cell} is not a number` };
    values[slot] = v.value;
  }
  if (!current.compiled.score(values).ok) return { error: lang === 'zh' ? '改动后该行无法计分' : 'with these changes the row cannot be scored' };
  const report = core.solve(lowered, values, goal.goal, { percent: core.percentInputs(current.plan) });
  return { report, lines: report.answers.map((a) => core.answerSentence(a, lang)) };
}
