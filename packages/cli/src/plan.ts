/** Loading a plan file for score/explain/compile: read, analyse, pick the plan, compile. */
import { readFile } from 'node:fs/promises';
import type { Diagnostic, Plan, PlanFile } from '@kpi/core';
import { analyze, compilePlan, type Compiled } from './engine.js';
import { EXIT, UserError } from './io.js';

export interface LoadedFile {
  name: string;
  text: string;
  file: PlanFile;
  diagnostics: Diagnostic[];
}

/** A plan with errors: print its diagnostics and exit 1. */
export class PlanErrors extends Error {
  constructor(
    readonly loaded: { name: string; text: string },
    readonly diagnostics: Diagnostic[],
  ) {
    super('plan has errors');
  }
}

export async function readText(path: string, display: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`cannot find \`${display}\``);
    if (code === 'EISDIR') throw new UserError(`\`${display}\` is a directory, not a plan file`);
    throw new UserError(`cannot read \`${display}\`: ${(e as Error).message}`);
  }
}

export async function loadFile(path: string, display: string): Promise<LoadedFile> {
  const text = await readText(path, display);
  const a = analyze(display, text);
  return { name: display, text, file: a.file, diagnostics: a.diagnostics };
}

export function pickPlan(loaded: LoadedFile, planName: string | undefined): Plan {
  const plans = loaded.file.plans;
  const names = plans.map((p) => `\`${p.name.text}\``).join(', ');
  if (planName !== undefined) {
    const p = plans.find((x) => x.name.text === planName);
    if (!p) throw new UserError(`\`${loaded.name}\` has no plan \`${planName}\``, EXIT.USAGE, plans.length ? `its plans are ${names}` : undefined);
    return p;
  }
  if (plans.length === 0) throw new UserError(`\`${loaded.name}\` has no plan`);
  if (plans.length > 1) throw new UserError(`\`${loaded.name}\` holds ${plans.length} plans; pick one with \`--plan NAME\``, EXIT.USAGE, `its plans are ${names}`);
  return plans[0]!;
}

/** load, refuse a plan with errors, pick and compile */
export async function loadCompiled(path: string, display: string, planName: string | undefined): Promise<{ loaded: LoadedFile; plan: Plan; compiled: Compiled; warnings: Diagnostic[] }> {
  const loaded = await loadFile(path, display);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new PlanErrors(loaded, loaded.diagnostics);
  const plan = pickPlan(loaded, planName);
  const c = compilePlan(plan, { file: display });
  if (!c.compiled || c.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, [...loaded.diagnostics, ...c.diagnostics]);
  return { loaded, plan, compiled: c.compiled, warnings: loaded.diagnostics.filter((d) => d.severity !== 'error').concat(c.diagnostics) };
}
