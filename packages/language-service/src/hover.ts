/** Hover: an indicator's effective weight (product along its group path) and its scoring rule in words. */
import type { PlanFile, Span } from '@kpi/core';
import { describeRule, numText, percentText, words, type Lang } from './describe.js';
import { nameAt, namesOf, planAt } from './names.js';
import { mdText } from './markdown.js';

export interface HoverResult {
  span: Span;
  /** Markdown lines */
  contents: string[];
}

/** `found`: the name under the offset when the caller already knows it (the language server's index), saving a walk of the plan */
export function hover(file: PlanFile | undefined, offset: number, lang: Lang = 'zh', found?: { name: string; span: Span }): HoverResult | undefined {
  if (!file) return undefined;
  const plan = planAt(file, offset);
  if (!plan) return undefined;
  const at = found ?? nameAt(plan, offset);
  if (!at) return undefined;
  const names = namesOf(plan);
  const t = words(lang);
  const info = names.find((n) => n.name === at.name && n.kind === 'indicator') ?? names.find((n) => n.name === at.name);
  if (!info) return undefined;
  if (info.kind === 'indicator' && info.indicator && info.effectiveWeight) {
    const ind = info.indicator;
    const chain: string[] = [];
    // the weights along the path, when the indicator sits in groups: 55% × 70% = 38.5%
    const contents = [`**${mdText(ind.name.text)}** — ${t.effective} **${percentText(info.effectiveWeight)}**`];
    if (info.path && info.path.length > 0) {
      for (const g of groupWeights(plan.items, info.path)) chain.push(g);
      chain.push(ind.weight ? numText(ind.weight) : '?');
      contents.push(`${t.path}: ${[...info.path, ind.name.text].map(mdText).join(' › ')} (${chain.join(' × ')})`);
    }
    contents.push(describeRule(ind, lang, mdText));
    const extra: string[] = [];
    if (ind.input) extra.push(`${t.input} ${mdText(ind.input.text)}`);
    if (ind.default) extra.push(`${t.default} ${numText(ind.default)}`);
    if (ind.unit) extra.push(lang === 'zh' ? `单位 ${mdText(ind.unit.text)}` : `unit ${mdText(ind.unit.text)}`);
    if (extra.length) contents.push(extra.join(' · '));
    if (ind.description) contents.push(`_${mdText(ind.description)}_`);
    return { span: at.span, contents };
  }
  const label: Record<string, [string, string]> = {
    group: ['指标组', 'group'],
    metric: ['派生指标', 'metric'],
    bonus: ['加分项', 'bonus'],
    penalty: ['扣分项', 'penalty'],
    veto: ['一票否决', 'veto'],
    column: ['数据列', 'data column'],
    grade: ['等级', 'grade'],
  };
  const [zh, en] = label[info.kind] ?? [info.kind, info.kind];
  const contents = [`**${mdText(info.name)}** — ${lang === 'zh' ? zh : en}`];
  if (info.kind === 'group') {
    const g = findGroup(plan.items, info.name);
    if (g?.weight) contents.push(`${t.weight} ${numText(g.weight)}`);
  }
  if (info.kind === 'bonus' || info.kind === 'penalty') {
    const b = (info.kind === 'bonus' ? plan.bonuses : (plan.penalties ?? [])).find((x) => x.name.text === info.name);
    const zhVerb = info.kind === 'bonus' ? '加' : '扣';
    if (b)
      contents.push(
        lang === 'zh'
          ? `每 ${numText(b.per)} 次${zhVerb} ${numText(b.points)} 分${b.max ? `，最多 ${numText(b.max)} 分` : ''}${info.kind === 'penalty' ? '（从总分中扣除）' : ''}`
          : `${numText(b.points)} points ${info.kind === 'bonus' ? 'added' : 'taken off the total'} per ${numText(b.per)}${b.max ? `, at most ${numText(b.max)}` : ''}`,
      );
  }
  return { span: at.span, contents };
}

type Item = PlanFile['plans'][number]['items'][number];

function findGroup(items: Item[], name: string): Extract<Item, { kind: 'group' }> | undefined {
  for (const it of items) {
    if (it.kind !== 'group') continue;
    if (it.name.text === name) return it;
    const inner = findGroup(it.items, name);
    if (inner) return inner;
  }
  return undefined;
}

function groupWeights(items: Item[], path: string[]): string[] {
  const out: string[] = [];
  let level = items;
  for (const name of path) {
    const g = level.find((i): i is Extract<Item, { kind: 'group' }> => i.kind === 'group' && i.name.text === name);
    if (!g) break;
    out.push(g.weight ? numText(g.weight) : '?');
    level = g.items;
  }
  return out;
}
