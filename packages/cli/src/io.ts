/**
 * Where the CLI writes, and how: stdout/stderr, colour (only on a TTY, NO_COLOR respected, FORCE_COLOR
 * forces it), the working directory. Commands take an `Io` so tests could run them in-process.
 */
import pc from 'picocolors';
import { legacyDiagnostic } from '@kpi/core/diag';
import type { Diagnostic, Lang } from '@kpi/core';

export interface Stream {
  write(s: string): boolean;
  isTTY?: boolean;
  columns?: number;
}

export interface Io {
  stdout: Stream & NodeJS.WritableStream;
  stderr: Stream & NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** language of messages: `--lang`, else KPI_LANG / LC_ALL / LANG (main.ts sets it); English when unset */
  lang?: Lang;
}

export const processIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
});

/** colour for a stream: on a TTY unless NO_COLOR is set (any value); FORCE_COLOR=1 forces it */
export function useColor(io: Io, stream: Stream): boolean {
  const env = io.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export type Colors = ReturnType<typeof pc.createColors>;
export const colors = (enabled: boolean): Colors => pc.createColors(enabled);

/** Exit codes (SPEC §4). */
export const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

/**
 * A mistake of the user's (bad argument, missing file): a coded diagnostic (KPI00xx) rendered like any
 * other, in the format and language chosen, and exit 2; never a stack. Build it with `diag()`; a plain
 * message (the form before the catalogue, still accepted) becomes a KPI0006 whose text stays English.
 */
export class UserError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(
    what: string | Diagnostic,
    readonly exitCode: number = EXIT.USAGE,
    help?: string,
  ) {
    const d = typeof what === 'string' ? legacyDiagnostic('KPI0006', { message: what, help }) : what;
    super(d.message);
    this.diagnostic = d;
  }
  get help(): string | undefined {
    return this.diagnostic.help;
  }
}
