/**
 * `allow KPI0601 "岗位说明书共 11 项"` (SPEC §6): a practice warning the plan accepts, with a reason.
 * Only KPI06xx practice warnings can be accepted (errors never; other warnings point at likely mistakes).
 * Accepted findings stay in the list, marked `suppressed`, so JSON and SARIF show what was accepted and why.
 */
import type { Diagnostic } from '../diagnostics/types.js';
import { catalogueEntry } from '../diagnostics/catalogue.js';
import type { Plan } from '../ir/schema.js';
import type { CheckContext } from './context.js';

const PRACTICE = /^KPI06\d\d$/;

export function applyAllows(plan: Plan, ctx: CheckContext, diagnostics: Diagnostic[]): void {
  for (const a of plan.allows ?? []) {
    const code = a.code.text;
    const entry = catalogueEntry(code);
    if (!PRACTICE.test(code) || !entry || entry.severity !== 'warning') {
      ctx.report('KPI0605', a.code.span, `\`allow\` accepts practice warnings (KPI06xx) only, not \`${code}\``, {
        help: entry
          ? entry.severity === 'error'
            ? `\`${code}\` is an error: the plan cannot be scored correctly until it is fixed`
            : `\`${code}\` points at a likely mistake; fix it instead`
          : 'write the code of a practice warning, e.g. `allow KPI0601 "岗位说明书共 11 项"`',
      });
      continue;
    }
    if (a.reason === undefined || a.reason.trim() === '') {
      ctx.report('KPI0605', a.span, `\`allow ${code}\` needs a reason`, {
        help: 'say why the plan breaks the rule, for whoever reads it next: `allow KPI0601 "岗位说明书共 11 项"`',
        fix: { message: 'add a reason', edits: [{ span: { start: a.span.end, end: a.span.end }, text: ' "原因"' }] },
      });
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
      ctx.report('KPI0606', a.code.span, `\`allow ${code}\` accepts a warning this plan does not have`, {
        help: 'remove the line; the plan no longer breaks that rule',
        fix: { message: 'remove the line', edits: [{ span: a.span, text: '' }] },
      });
    }
  }
}
