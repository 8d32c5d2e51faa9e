/** Loading a plan file for score/explain/compile: read, analyse, pick the plan, compile. */
import { bilingual, diag, text as ref } from '@kpi/core/diag';
import { readFile } from 'node:fs/promises';
import type { Diagnostic, Plan, PlanFile } from '@kpi/core';
import { detectEncoding } from '@kpi/core/decode';
import { analyze, type Compiled } from './engine.js';
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

/**
 * A plan file's text. Plan files are UTF-8 (a BOM is allowed); a file saved in another encoding (GBK
 * from Notepad or WPS, UTF-16) is refused with one clear message instead of a screen of garbled names.
 */
export async function readText(path: string, display: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(diag('KPI0001', { file: display }, { file: display }));
    if (code === 'EISDIR') throw new UserError(diag('KPI0002', { file: display }, { file: display }));
    throw new UserError(diag('KPI0953', { file: display, reason: (e as Error).message }, { file: display }));
  }
  // NUL bytes: an image, an archive, a compiled file — not "GBK" (issue 13); UTF-16 with a BOM is text
  const utf16Bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16Bom && bytes.subarray(0, 1 << 16).includes(0)) {
    throw new UserError(diag('KPI0953.binary', { file: display }, { file: display }));
  }
  const detected = detectEncoding(bytes.subarray(0, 1 << 16), bytes.length > 1 << 16).encoding;
  if (detected === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      /* bad bytes after the first 64 KiB: fall through */
    }
  }
  if (detected === 'gbk') throw new UserError(diag('KPI0953.gbk', { file: display }, { file: display }));
  const was = detected === 'utf-8' ? bilingual('what.not-valid-utf8', {}) : bilingual('what.encoding-not-utf8', { encoding: detected.toUpperCase() });
  throw new UserError(diag('KPI0953.encoding', { file: display, was }, { file: display }));
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
    if (!p) throw new UserError(diag('KPI0005', { file: loaded.name, plan: planName, names }, plans.length ? { file: loaded.name } : { file: loaded.name, helpText: null }));
    return p;
  }
  if (plans.length === 0) throw new UserError(diag('KPI0005.none', { file: loaded.name }, { file: loaded.name }));
  if (plans.length > 1) throw new UserError(diag('KPI0005.several', { file: loaded.name, n: plans.length, names }, { file: loaded.name }));
  return plans[0]!;
}

/** load, refuse a plan with errors, pick and compile */
export async function loadCompiled(path: string, display: string, planName: string | undefined): Promise<{ loaded: LoadedFile; plan: Plan; compiled: Compiled; warnings: Diagnostic[] }> {
  const loaded = await loadFile(path, display);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new PlanErrors(loaded, loaded.diagnostics);
  const plan = pickPlan(loaded, planName);
  // the compiler is loaded by the commands that compile (engine.ts)
  const { compilePlan } = await import('./engine-run.js');
  const c = compilePlan(plan, { file: display });
  if (!c.compiled || c.diagnostics.some((d) => d.severity === 'error')) throw new PlanErrors(loaded, [...loaded.diagnostics, ...c.diagnostics]);
  return { loaded, plan, compiled: c.compiled, warnings: loaded.diagnostics.filter((d) => d.severity !== 'error').concat(c.diagnostics) };
}
