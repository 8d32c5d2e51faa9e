/**
 * The reference evaluator: exact rational arithmetic over the lowered plan, no float anywhere.
 * Obviously-correct by construction (compile/exact.ts follows SPEC §2 line by line); the compiled code is
 * tested against it and falls back to it.
 */
import type { Plan } from '../ir/schema.js';
import { lowerPlan } from '../compile/lower.js';
import { makeExact } from '../compile/exact.js';
import type { RowOutcome } from '../model/results.js';

/** a reusable exact scorer for one plan (undefined when the plan cannot be scored) */
export function makeReference(plan: Plan): ((values: ArrayLike<number>) => RowOutcome) | undefined {
  const { lowered } = lowerPlan(plan);
  if (!lowered) return undefined;
  const ev = makeExact(lowered);
  return (values) => ev(values).outcome;
}

/** Score one row exactly; values aligned with the compiled plan's `inputs` (NaN = missing). */
export function referenceScore(plan: Plan, values: ArrayLike<number>): RowOutcome {
  const { lowered, diagnostics } = lowerPlan(plan);
  if (!lowered) return { ok: false, errors: diagnostics.map((d) => ({ code: d.code, message: d.message })) };
  return makeExact(lowered)(values).outcome;
}
