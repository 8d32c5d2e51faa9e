/** The tests panel: every `test` block of the plan, run live; a failing one shows expected vs actual. */
import type { PlanEditor } from './editor.js';
import { STRINGS } from '../i18n.js';
import { state } from '../state.js';
import { $, escapeHtml } from './dom.js';

const t = () => STRINGS[state.lang];

export function renderTests(ed: PlanEditor): void {
  const r = state.result;
  const tests = r?.tests ?? [];
  const passed = tests.filter((x) => x.passed).length;
  const failed = tests.length - passed;
  const counts = $('#test-counts');
  counts.innerHTML = tests.length ? `<span class="n-ok">${passed}</span>/<span class="${failed ? 'n-error' : ''}">${failed}</span>` : '';
  counts.title = t().testsSummary(passed, failed);
  const ul = $('#tests');
  if (r?.hasErrors && !r.provisional) {
    ul.innerHTML = `<li class="muted">${escapeHtml(t().testsNotRun)}</li>`;
    return;
  }
  if (tests.length === 0) {
    ul.innerHTML = `<li class="muted">${escapeHtml(t().noTests)}</li>`;
    return;
  }
  const s = t();
  ul.innerHTML =
    `<li class="muted">${escapeHtml(s.testsSummary(passed, failed))}</li>` +
    tests
      .map(
        (x) =>
          `<li class="${x.passed ? 'pass' : 'fail'}" data-line="${x.line}"><span class="mark">${x.passed ? '✓' : '✗'}</span> <span class="loc">${x.line}</span> ${escapeHtml(x.name)} <span class="muted">${escapeHtml(x.passed ? s.passed : s.failed)}</span>` +
          (x.failures.length
            ? `<table class="expects"><thead><tr><th></th><th>${escapeHtml(s.expected)}</th><th>${escapeHtml(s.actual)}</th></tr></thead><tbody>${x.failures
                .map((f) => `<tr data-line="${f.line}"><td>${escapeHtml(f.subject)}</td><td>${escapeHtml(f.expected)}</td><td class="actual">${escapeHtml(f.actual)}</td></tr>`)
                .join('')}</tbody></table>`
            : '') +
          (x.errors.length ? `<div class="err">${x.errors.map(escapeHtml).join('<br>')}</div>` : '') +
          `</li>`,
      )
      .join('');
  ul.onclick = (ev) => {
    const el = (ev.target as HTMLElement).closest<HTMLElement>('[data-line]');
    if (!el) return;
    const line = Number(el.dataset.line);
    ed.editor.setPosition({ lineNumber: line, column: 1 });
    ed.editor.revealLineInCenter(line);
    ed.editor.focus();
  };
}
