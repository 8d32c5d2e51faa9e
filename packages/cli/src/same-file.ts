/** Guarding the inputs: a report or module written with `-o` must never replace the plan or the data it was made from. */
import { diag, bilingual } from '@kpi/core';
import { stat } from 'node:fs/promises';
import { UserError } from './io.js';

/** true when both paths name the same existing file (symlinks followed: same device and inode) */
export async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** refuse `-o` naming one of the inputs (exit 2), before anything is read or written */
export async function refuseOverwritingInputs(output: string, shown: string, inputs: { path: string; what: string; shown: string }[]): Promise<void> {
  for (const i of inputs) {
    if (await sameFile(output, i.path)) {
      throw new UserError(diag('KPI0006.output-is-input', { output: shown, what: bilingual(i.what === 'plan file' ? 'what.plan-file' : 'what.data-file', {}), input: i.shown }));
    }
  }
}
