/**
 * Output files appear whole or not at all: write to a temp file in the target directory, rename on
 * success, delete on failure (and on Ctrl-C).
 */
import { diag, bilingual, type Diagnostic } from '@kpi/core';
import { createWriteStream, type WriteStream } from 'node:fs';
import { chmod, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';

const live = new Set<string>();
let hooked = false;
function hookSignals() {
  if (hooked) return;
  hooked = true;
  const clean = (sig: NodeJS.Signals) => {
    for (const p of live) {
      try {
        unlinkSync(p);
      } catch {
        /* already gone */
      }
    }
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', clean);
  process.once('SIGTERM', clean);
}

export const tempPathFor = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/**
 * Replace `target` whole: write a temp file beside it and rename. An existing file keeps its permission
 * bits, and a symlink is followed (the file it points at is replaced, the link stays).
 */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  let mode: number | undefined;
  try {
    target = await realpath(target);
    mode = (await stat(target)).mode & 0o7777;
  } catch {
    /* a new file */
  }
  const tmp = tempPathFor(target);
  live.add(tmp);
  hookSignals();
  try {
    await writeFile(tmp, data, mode !== undefined ? { mode } : {});
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  } finally {
    live.delete(tmp);
  }
}

/** A write stream to a temp file that becomes `target` on commit(). */
export class AtomicFile {
  readonly tmp: string;
  readonly stream: WriteStream;
  private done = false;
  constructor(readonly target: string) {
    this.tmp = tempPathFor(target);
    live.add(this.tmp);
    hookSignals();
    this.stream = createWriteStream(this.tmp);
  }

  async ready(): Promise<void> {
    await once(this.stream, 'open');
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.stream.writableFinished) {
      this.stream.end();
      await once(this.stream, 'finish');
    }
    try {
      await rename(this.tmp, this.target);
    } catch (e) {
      await unlink(this.tmp).catch(() => undefined);
      throw e;
    } finally {
      live.delete(this.tmp);
    }
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (!this.stream.closed) {
      const closed = once(this.stream, 'close').catch(() => undefined);
      this.stream.destroy();
      await closed;
    }
    await unlink(this.tmp).catch(() => undefined);
    live.delete(this.tmp);
  }
}

/** write with backpressure */
export async function put(stream: NodeJS.WritableStream, s: string | Uint8Array): Promise<void> {
  if (!stream.write(s)) await once(stream as unknown as import('node:events').EventEmitter, 'drain');
}

/** why `target` (as the user wrote it) could not be written, in words; never the temp file's name */
/** a file that cannot be written, as a coded diagnostic (KPI0007) */
export function writeError(shown: string, target: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = dirname(target);
  const reason =
    code === 'ENOENT' ? bilingual('reason.no-folder', { dir })
    : code === 'ENOTDIR' ? bilingual('reason.not-folder', { dir })
    : code === 'EACCES' || code === 'EPERM' ? bilingual('reason.permission', {})
    : code === 'EISDIR' ? bilingual('reason.is-folder', {})
    : code === 'EROFS' ? bilingual('reason.read-only', {})
    : code === 'ENOSPC' ? bilingual('reason.disk-full', {})
    : String((e as Error).message ?? e);
  return diag('KPI0007', { file: shown, reason });
}

/** @deprecated the English text of writeError() */
export function writeErrorMessage(shown: string, target: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const dir = dirname(target);
  if (code === 'ENOENT') return `cannot write \`${shown}\`: the folder \`${dir}\` does not exist`;
  if (code === 'ENOTDIR') return `cannot write \`${shown}\`: \`${dir}\` is not a folder`;
  if (code === 'EACCES' || code === 'EPERM') return `cannot write \`${shown}\`: permission denied`;
  if (code === 'EISDIR') return `cannot write \`${shown}\`: it is a folder`;
  if (code === 'EROFS') return `cannot write \`${shown}\`: the file system is read-only`;
  if (code === 'ENOSPC') return `cannot write \`${shown}\`: the disk is full`;
  return `cannot write \`${shown}\`: ${(e as Error).message ?? String(e)}`;
}
