/** The problems list under the editor: counts by severity, each problem with its place, a jump, and its page. */
import type { Diagnostic } from '@kpi/core';
import type { PlanEditor } from './editor.js';
import { STRINGS } from '../i18n.js';
import { state } from '../state.js';
import { $, escapeHtml } from './dom.js';
import { openDoc } from './docs.js';

const t = () => STRINGS[state.lang];

export function renderProblems(ed: PlanEditor): void {
  const r = state.result;
  const ds: Diagnostic[] = (r?.diagnostics ?? []).filter((d) => d.span);
  const n = (s: string) => ds.filter((d) => d.severity === s).length;
  const [e, w, i] = [n('error'), n('warning'), n('info')];
  $('#problem-counts').innerHTML = `<span class="${e ? 'n-error' : ''}">${e}</span>/<span class="${w ? 'n-warning' : ''}">${w}</span>/${i}`;
  $('#problem-counts').title = t().counts(e, w, i);
  const ul = $('#problems');
  const head = `<li class="muted counts-line">${escapeHtml(t().counts(e, w, i))}</li>`;
  if (ds.length === 0) {
    ul.innerHTML = `${head}<li class="muted">${t().noProblems}</li>`;
    return;
  }
  ul.innerHTML =
    head +
    ds
      .map((d, k) => {
        const p = ed.model.getPositionAt(d.span!.start);
        return `<li class="sev-${d.severity}" data-i="${k}"><span class="loc">${p.lineNumber}:${p.column}</span> <span class="code">${d.code}</span> ${escapeHtml(d.message)}<a class="doc" href="#" data-code="${escapeHtml(d.code)}">${escapeHtml(t().doc)} ${escapeHtml(d.code)}</a>${d.help ? `<div class="help">${escapeHtml(d.help)}</div>` : ''}</li>`;
      })
      .join('');
  ul.onclick = (ev) => {
    const target = ev.target as HTMLElement;
    const link = target.closest<HTMLElement>('a[data-code]');
    if (link) {
      ev.preventDefault();
      void openDoc(link.dataset.code!);
      return;
    }
    const li = target.closest<HTMLElement>('li[data-i]');
    const d = li ? ds[Number(li.dataset.i)] : undefined;
    if (!d?.span) return;
    const p = ed.model.getPositionAt(d.span.start);
    ed.editor.setPosition(p);
    ed.editor.revealPositionInCenter(p);
    ed.editor.focus();
  };
}
