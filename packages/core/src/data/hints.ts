import type { Plan } from '../ir/schema.js';
import { indicatorsOf } from '../ir/walk.js';
import type { PercentHint } from './table.js';

/**
 * Columns whose indicator has a percent target (`target 98%`) and compares the actual with it:
 * a value like `95` in such a column is probably `95%` written without the sign (DOMAIN §6 #18).
 */
export function percentHintsOf(plan: Plan): Map<string, PercentHint> {
  const hints = new Map<string, PercentHint>();
  for (const { indicator } of indicatorsOf(plan)) {
    const t = indicator.target;
    const m = indicator.method;
    if (!t || !t.percent || !m) continue;
    const usesRatio =
      m.kind === 'linear' ||
      m.kind === 'reverse' ||
      m.kind === 'threshold' ||
      ((m.kind === 'bands' || m.kind === 'curve') && m.on === 'ratio');
    const target = Number(t.value);
    if (!usesRatio || !(target > 0)) continue;
    hints.set(indicator.input?.text ?? indicator.name.text, { target });
  }
  return hints;
}
