import type { Expr, Plan } from '../ir/schema.js';
import { indicatorsOf } from '../ir/walk.js';
import type { PercentHint } from './table.js';

/**
 * Columns whose values are compared with a percent, so that a value like `95` in them is probably `95%`
 * written without the sign (DOMAIN §6 #18, SPEC §6):
 * - the column an indicator with a percent target reads (`target 98%`);
 * - every column that reaches such an indicator through a metric by `+ − min max abs` (a percent stays a
 *   percent through them; `*` and `/` make something else): `metric 满意度差距 = 服务满意度 - 90%`;
 * - every column added to, subtracted from or compared with a percent literal in a metric or veto
 *   (`veto 服务差 when 服务满意度 < 60%`).
 */
export function percentHintsOf(plan: Plan): Map<string, PercentHint> {
  const hints = new Map<string, PercentHint>();
  const metrics = new Map(plan.metrics.map((m) => [m.name.text, m]));
  const put = (column: string, hint: PercentHint) => {
    if (!hints.has(column)) hints.set(column, hint);
  };

  /** the names reached from `e` through percent-preserving operations (metrics followed, cycles cut) */
  const additiveRefs = (e: Expr, out: Set<string>, seen: Set<string>): void => {
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      switch (x.kind) {
        case 'ref': {
          const m = metrics.get(x.name);
          if (m) {
            if (!seen.has(x.name)) {
              seen.add(x.name);
              stack.push(m.expr);
            }
          } else out.add(x.name);
          break;
        }
        case 'neg':
          stack.push(x.operand);
          break;
        case 'arith':
          if (x.op === '+' || x.op === '-') stack.push(x.left, x.right);
          break;
        case 'call':
          stack.push(...x.args);
          break;
        default:
          break;
      }
    }
  };
  const columnsOf = (e: Expr): string[] => {
    const out = new Set<string>();
    additiveRefs(e, out, new Set());
    return [...out];
  };
  /** a percent literal on one side of `+ − < > …` hints the other side */
  const percentLit = (e: Expr): number | undefined => (e.kind === 'num' && e.percent && Number(e.value) > 0 ? Number(e.value) : undefined);
  const scan = (e: Expr, via: string): void => {
    const stack: Expr[] = [e];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if ((x.kind === 'arith' && (x.op === '+' || x.op === '-')) || x.kind === 'compare') {
        const l = percentLit(x.left);
        const r = percentLit(x.right);
        if (r !== undefined && l === undefined) for (const c of columnsOf(x.left)) put(c, { target: r, via });
        if (l !== undefined && r === undefined) for (const c of columnsOf(x.right)) put(c, { target: l, via });
      }
      if (x.kind === 'neg' || x.kind === 'not') stack.push(x.operand);
      else if (x.kind === 'arith' || x.kind === 'compare' || x.kind === 'logic') stack.push(x.left, x.right);
      else if (x.kind === 'call') stack.push(...x.args);
    }
  };

  for (const { indicator } of indicatorsOf(plan)) {
    const t = indicator.target;
    const m = indicator.method;
    if (!t || !t.percent || !m) continue;
    const compares =
      m.kind === 'linear' ||
      m.kind === 'reverse' ||
      m.kind === 'threshold' ||
      m.kind === 'steps' ||
      ((m.kind === 'bands' || m.kind === 'curve') && m.on === 'ratio');
    const target = Number(t.value);
    if (!compares || !(target > 0)) continue;
    const column = indicator.input?.text ?? indicator.name.text;
    const metric = metrics.get(column);
    if (!metric) {
      put(column, { target });
      continue;
    }
    for (const c of columnsOf(metric.expr)) put(c, { target, via: column });
  }
  for (const m of plan.metrics) scan(m.expr, m.name.text);
  for (const v of plan.vetoes) scan(v.when, v.name.text);
  return hints;
}
