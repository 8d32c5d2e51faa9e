import { parseText } from '../../src/parser/index.js';
import { PlanFileSchema } from '../../src/ir/schema.js';
import type { Plan } from '../../src/ir/schema.js';

/** remove spans so IR fragments can be compared by value */
export function strip<T>(x: T): T {
  if (Array.isArray(x)) return x.map(strip) as T;
  // a leaf the parser made as a class (ir/leaves.ts) is stripped as what it is as JSON
  if (x && typeof x === 'object' && 'toJSON' in x) return strip((x as { toJSON(): T }).toJSON());
  if (x && typeof x === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) if (k !== 'span' && k !== 'nameSpan') out[k] = strip(v);
    return out as T;
  }
  return x;
}

/** parse a plan body; asserts the IR validates against the schema */
export function planOf(body: string): { plan: Plan; diagnostics: ReturnType<typeof parseText>['diagnostics'] } {
  const r = parseText('t.kpi', `plan P {\n${body}\n}`);
  PlanFileSchema.parse(r.file);
  return { plan: r.file.plans[0]!, diagnostics: r.diagnostics };
}

export const n = (value: string, percent = false) => ({ value, percent });
export const nm = (text: string) => ({ text });
