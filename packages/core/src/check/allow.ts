/**
 * `allow KPI0601 "岗位说明书共 11 项"` (SPEC §6): a practice warning the plan accepts, with a reason.
 * Only KPI06xx practice warnings can be accepted (errors never; other warnings point at likely mistakes).
 * Accepted findings stay in the list, marked `suppressed`, so JSON and SARIF show what was accepted and why.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { catalogueEntry } from '../diagnostics/catalogue.js';
import type { Plan } from '../ir/schema.js';
import type { CheckContext } from './context.js';
import { text } from '../diagnostics/diag.js';

const PRACTICE = /^KPI06\d\d$/;

export function applyAllows(plan: Plan, ctx: CheckContext, diagnostics: Diagnostic[]): void {
  for (const a of plan.allows ?? []) {
    const code = a.code.text;
    const entry = catalogueEntry(code);
    if (!PRACTICE.test(code) || !entry || entry.severity !== 'warning') {
      ctx.diag('KPI0605', { code }, a.code.span, entry ? { helpText: text(entry.severity === 'error' ? 'help.allow-error' : 'help.allow-likely-mistake', { code }) } : {});
      continue;
    }
    if (a.reason === undefined || a.reason.trim() === '') {
      ctx.diag('KPI0605.reason', { code }, a.span, { edits: [{ span: { start: a.span.end, end: a.span.end }, text: ' "原因"' }] });
      continue;
    }
    let used = false;
    for (const d of diagnostics) {
      if (d.code !== code || d.suppressed || !d.span) continue;
      if (d.span.start < plan.span.start || d.span.end > plan.span.end) continue;
      d.suppressed = { reason: a.reason, span: a.span };
      used = true;
    }
    if (!used) {
      ctx.diag('KPI0606', { code }, a.code.span, { edits: [{ span: a.span, text: '' }] });
    }
  }
}
