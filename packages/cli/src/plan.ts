/** Loading a plan file for score/explain/compile: read, analyse, pick the plan, compile. */
import { readFile } from 'node:fs/promises';
import { detectEncoding, type Diagnostic, type Plan, type PlanFile } from '@kpi/core';
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
    if (code === 'ENOENT') throw new UserError(`cannot find \`${display}\``);
    if (code === 'EISDIR') throw new UserError(`\`${display}\` is a directory, not a plan file`);
    throw new UserError(`cannot read \`${display}\`: ${(e as Error).message}`);
  }
  // NUL bytes: an image, an archive, a compiled file — not "GBK" (issue 13); UTF-16 with a BOM is text
  const utf16Bom = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (!utf16Bom && bytes.subarray(0, 1 << 16).includes(0)) {
    throw new UserError(`\`${display}\` is a binary file, not a plan (it holds NUL bytes)`, EXIT.USAGE, 'plan files are UTF-8 text (.kpi); check the file name or the glob');
  }
  const detected = detectEncoding(bytes.subarray(0, 1 << 16), bytes.length > 1 << 16).encoding;
  if (detected === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      /* bad bytes after the first 64 KiB: fall through */
    }
  }
  const was = detected === 'utf-8' ? 'not valid UTF-8' : `${detected === 'gbk' ? 'GBK (or another legacy Chinese encoding)' : detected.toUpperCase()}, not UTF-8`;
  throw new UserError(
    `\`${display}\` is ${was}`,
    EXIT.USAGE,
    detected === 'gbk'
      ? `plan files are UTF-8: save it again as UTF-8 (in Notepad: Save As → Encoding UTF-8), or convert it: \`iconv -f gbk -t utf-8 ${display} > fixed.kpi\``
      : 'plan files are UTF-8: save it again as UTF-8',
  );
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
