/** The explanation panel: the selected person's score as a tree of the core's own sentences. */
import type { Explanation } from '@kpi/core';
import { STRINGS } from '../i18n.js';
import { state } from '../state.js';
import { $, escapeHtml } from './dom.js';

const t = () => STRINGS[state.lang];

export function renderExplain(): void {
  const box = $('#explain');
  const who = $('#explain-who');
  const ex = state.result?.explain;
  if (!ex) {
    who.textContent = '';
    box.innerHTML = `<p class="muted">${t().explainHint}</p>`;
    return;
  }
  const inputSet = new Set(state.result?.inputCols ?? []);
  const name = state.table.columns.length > 1 && !inputSet.has(1) ? state.table.rows[ex.index]?.[1] : '';
  who.textContent = `${ex.id}${name ? ` · ${name}` : ''}`;
  if (ex.total === undefined) {
    box.innerHTML = `<p class="err">${t().rowError}</p><ul>${ex.errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul>`;
    return;
  }
  const summary = `<p class="summary"><b>${t().total} ${ex.total}</b>${ex.grade ? ` · ${t().grade} <b>${escapeHtml(ex.grade)}</b>` : ''}${ex.coefficient !== undefined ? ` · ${t().coefficient} <b>${ex.coefficient}</b>` : ''}</p>`;
  const money = ex.money?.length ? `<ul class="tree money-lines">${ex.money.map((l) => `<li class="money-line">${escapeHtml(l)}</li>`).join('')}</ul>` : '';
  box.innerHTML = summary + (ex.explanation ? explainTree(ex.explanation, ex.lines) : '') + money;
}

/**
 * The explanation as a tree: groups hold their indicators (each line is the core's own sentence),
 * then bonus, veto, total and grade lines.
 */
function explainTree(ex: Explanation, lines: string[]): string {
  const nInd = ex.indicators.length;
  const groupLine = new Map(ex.groups.map((g, i) => [[...g.path, g.name].join('\u0000'), lines[nInd + i] ?? g.name]));
  interface Node {
    key: string;
    line: string;
    children: Node[];
    leaf: boolean;
  }
  const root: Node = { key: '', line: '', children: [], leaf: false };
  const nodeFor = (path: string[]): Node => {
    let n = root;
    for (let i = 0; i < path.length; i++) {
      const key = path.slice(0, i + 1).join('\u0000');
      let c = n.children.find((x) => !x.leaf && x.key === key);
      if (!c) {
        c = { key, line: groupLine.get(key) ?? path[i]!, children: [], leaf: false };
        n.children.push(c);
      }
      n = c;
    }
    return n;
  };
  ex.indicators.forEach((ind, i) => nodeFor(ind.path).children.push({ key: ind.name, line: lines[i] ?? ind.name, children: [], leaf: true }));
  const render = (n: Node): string =>
    n.leaf ? `<li class="leaf">${escapeHtml(n.line)}</li>` : `<li class="group"><span class="group-line">${escapeHtml(n.line)}</span><ul>${n.children.map(render).join('')}</ul></li>`;
  const rest = lines.slice(nInd + ex.groups.length);
  return `<ul class="tree">${root.children.map(render).join('')}${rest.map((l, i) => `<li class="${i >= rest.length - (ex.grade !== undefined ? 2 : 1) ? 'total-line' : 'extra-line'}">${escapeHtml(l)}</li>`).join('')}</ul>`;
}
