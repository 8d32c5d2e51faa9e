/**
 * Output files appear whole or not at all: write to a temp file in the target directory, rename on
 * success, delete on failure.
 *
 * Signals (issue 13): there are NO JavaScript signal handlers. A JS handler only runs when the event loop is
 * free, so a run busy scoring ignored SIGINT/SIGTERM (and a CI timeout) until it finished. Without one, the
 * operating system ends the process at once. The temp file such a run leaves behind carries its process id in
 * its name; the next write beside the same target removes the temp files of processes that no longer run.
 *
 * What is replaced, and how (like `cp`): an existing file keeps its permission bits and, where the system
 * allows, its owner; a symlink is followed (the file it points at is replaced, the link stays); a FIFO, a
 * character device (`-o /dev/null`) or a socket is written into, never replaced by a regular file; a folder is
 * refused. Output for stdout and special files is held until the run succeeds (MemorySink: in memory up to
 * 16 MB, then in a temp file), so it never sees a half report.
 */
import { diag, bilingual, text, type Diagnostic } from '@kpi/core';
import { chmod, chown, lstat, open, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { FileStream } from './file-stream.js';
import { sweepOrphans } from './alive.js';
import { Spool, SpoolError } from './writers/spool.js';

export const tempPathFor = (target: string): string =>
  join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** remove temp files beside `target` left by runs that were killed (their process is gone) */
export async function sweepStaleTemps(target: string): Promise<string[]> {
  return sweepOrphans(dirname(target), new RegExp(`^\\.${escapeRe(basename(target))}\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`));
}

/** what is at `target` now: nothing, a regular file (through symlinks), a folder, or a special file */
export interface TargetInfo {
  /** the path to replace: symlinks resolved */
  path: string;
  kind: 'new' | 'file' | 'folder' | 'special';
  stats?: Stats;
}

export async function inspectTarget(target: string): Promise<TargetInfo> {
  let path = target;
  try {
    await lstat(target);
  } catch {
    return { path, kind: 'new' };
  }
  try {
    path = await realpath(target);
  } catch {
    // a dangling symlink: `cp` writes the file it points at; so do we (its directory must exist)
    return { path: target, kind: 'new' };
  }
  const st = await stat(path);
  if (st.isDirectory()) return { path, kind: 'folder', stats: st };
  if (st.isFile()) return { path, kind: 'file', stats: st };
  return { path, kind: 'special', stats: st };
}

/** give the temp file the old file's permission bits and (when allowed) its owner */
async function keepModeAndOwner(tmp: string, st: Stats | undefined): Promise<void> {
  if (!st) return;
  await chmod(tmp, st.mode & 0o7777);
  const uid = process.getuid?.();
  const gid = process.getgid?.();
  if (uid !== undefined && (st.uid !== uid || st.gid !== gid)) await chown(tmp, st.uid, st.gid).catch(() => undefined);
  // chown clears set-id bits on some systems: set them again
  if (st.mode & 0o6000) await chmod(tmp, st.mode & 0o7777).catch(() => undefined);
}

/** Replace `target` whole (see the header for symlinks, special files and modes). */
export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const info = await inspectTarget(target);
  if (info.kind === 'folder') throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  if (info.kind === 'special') {
    await writeFile(info.path, data);
    return;
  }
  await sweepStaleTemps(info.path);
  const tmp = tempPathFor(info.path);
  try {
    await writeFile(tmp, data, info.stats ? { mode: info.stats.mode & 0o777 } : {});
    await keepModeAndOwner(tmp, info.stats);
    await rename(tmp, info.path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

/** Where a report goes while it is written; `commit` makes it appear whole, `abort` leaves no trace. */
export interface ReportSink {
  readonly stream: NodeJS.WritableStream;
  ready(): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** A write stream to a temp file that becomes `target` on commit(). */
export class AtomicFile implements ReportSink {
  readonly tmp: string;
  readonly stream: FileStream;
  private done = false;
  /** `target` must be a regular file or a new one (see `openReport`); symlinks are resolved by the caller */
  constructor(
    readonly target: string,
    private readonly old?: Stats,
  ) {
    this.tmp = tempPathFor(target);
    this.stream = new FileStream(this.tmp, old ? old.mode & 0o777 : undefined);
    // a failed write is read from `stream.errored` where the run next waits (put, drained, commit): an error
    // emitted while nothing listens must not end the process with a stack trace
    this.stream.on('error', () => undefined);
  }

  async ready(): Promise<void> {
    this.stream.open();
    await sweepStaleTemps(this.target);
  }

  async commit(): Promise<void> {
    if (this.done) return;
    this.done = true;
    try {
      if (this.stream.errored) throw this.stream.errored;
      if (!this.stream.writableFinished) {
        this.stream.end();
        await once(this.stream, 'finish');
      }
      await keepModeAndOwner(this.tmp, this.old);
      await rename(this.tmp, this.target);
    } catch (e) {
      this.stream.destroy();
      await unlink(this.tmp).catch(() => undefined);
      throw e;
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
  }
}

/** what a held report keeps in memory; beyond it, the rest waits in a temp file (1M rows of JSON are 556 MB) */
export const HELD_IN_MEMORY = 16 << 20;

/**
 * A report held back until the run succeeds, then handed over whole: to stdout, or into a special file (a
 * FIFO, a device). Up to HELD_IN_MEMORY bytes it is kept in memory and needs no temp file, so a full $TMPDIR
 * cannot fail a small stdout run; a bigger report continues in a temp file (writers/spool.ts: mode 0600,
 * removed when handed over, on abort and at exit), so `kpi score … > big.json` stays as flat in memory as
 * `-o big.json` (issue 14: 1.16 GB for a million JSON rows when it was all kept in memory).
 */
export class MemorySink implements ReportSink {
  private chunks: Buffer[] = [];
  private held = 0;
  /** the temp file, once the report outgrew memory (a promise: abort() may come while it is being made) */
  private spool: Promise<Spool> | undefined;
  readonly stream: Writable;
  /** `deliver` writes the parts, in order, where the report goes */
  constructor(private readonly deliver: (parts: AsyncIterable<Buffer>) => Promise<void>) {
    this.stream = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.keep(chunk).then(() => cb(), cb);
      },
    });
    // as AtomicFile's: a failed temp file is read from `stream.errored` where the run next waits
    this.stream.on('error', () => undefined);
  }

  private async keep(chunk: Buffer): Promise<void> {
    if (!this.spool && this.held + chunk.length <= HELD_IN_MEMORY) {
      // a copy: writers fill their buffers again once called back (writers/bytes.ts)
      this.chunks.push(Buffer.from(chunk));
      this.held += chunk.length;
      return;
    }
    if (!this.spool) {
      const held = this.chunks;
      this.chunks = [];
      this.spool = Spool.create().then((spool) => {
        for (const c of held) spool.writeBytesSync(c);
        return spool;
      });
    }
    (await this.spool).writeBytesSync(chunk);
  }

  async ready(): Promise<void> {}
  async commit(): Promise<void> {
    try {
      if (this.stream.errored) throw this.stream.errored;
      if (!this.stream.writableFinished) {
        this.stream.end();
        await once(this.stream, 'finish');
      }
      if (this.spool) {
        await this.deliver((await this.spool).parts());
        return;
      }
      const data = Buffer.concat(this.chunks);
      this.chunks = [];
      await this.deliver((async function* () {
        yield data;
      })());
    } finally {
      await this.removeSpool();
    }
  }
  async abort(): Promise<void> {
    this.chunks = [];
    this.stream.destroy();
    await this.removeSpool();
  }
  private async removeSpool(): Promise<void> {
    const made = await this.spool?.catch(() => undefined);
    await made?.remove();
  }
}

/** write `data` to a stream and wait until it is flushed (stdout may be a pipe) */
export async function writeAll(stream: NodeJS.WritableStream, data: Buffer): Promise<void> {
  if (data.length === 0) return;
  await new Promise<void>((res, rej) => {
    (stream as Writable).write(data, (e) => (e ? rej(e) : res()));
  });
}

/** The sink for `-o target` (a file, a symlink to one, a special file), or for stdout when there is none. */
export async function openReport(target: string | undefined, stdout: NodeJS.WritableStream): Promise<ReportSink> {
  if (target === undefined) {
    return new MemorySink(async (parts) => {
      for await (const part of parts) await writeAll(stdout, part);
    });
  }
  const info = await inspectTarget(target);
  if (info.kind === 'folder') throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
  if (info.kind === 'special') {
    // opened once for all the parts: a FIFO's reader sees the end of the report at the close
    return new MemorySink(async (parts) => {
      const fh = await open(info.path, 'w');
      try {
        for await (const part of parts) {
          for (let at = 0; at < part.length; ) at += (await fh.write(part, at, part.length - at)).bytesWritten;
        }
      } finally {
        await fh.close();
      }
    });
  }
  return new AtomicFile(info.path, info.stats);
}

/** throw the error a stream failed with, if it did (a write error, read where the run waits next) */
export function failedWith(stream: NodeJS.WritableStream): void {
  const e = (stream as Partial<Writable>).errored;
  if (e) throw e;
}

/** wait for 'drain', or for the error that means it will never come */
async function drainOf(stream: NodeJS.WritableStream): Promise<void> {
  failedWith(stream);
  await once(stream as unknown as import('node:events').EventEmitter, 'drain');
}

/** wait until a stream can take more, if it asked to; a failed stream throws its error */
export async function drained(stream: NodeJS.WritableStream): Promise<void> {
  failedWith(stream);
  if ((stream as unknown as { writableNeedDrain?: boolean }).writableNeedDrain) await drainOf(stream);
}

/** write with backpressure */
export async function put(stream: NodeJS.WritableStream, s: string | Uint8Array): Promise<void> {
  failedWith(stream);
  if (!stream.write(s)) await drainOf(stream);
}

/** I/O error codes that mean "the output could not be written" (not a bug of kpi) */
export const WRITE_ERRORS = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EISDIR', 'EROFS', 'ENOSPC', 'EDQUOT', 'EFBIG', 'EIO', 'ENXIO', 'EMFILE', 'ENFILE', 'ETXTBSY', 'EEXIST', 'ENAMETOOLONG', 'ELOOP', 'EPIPE', 'EBADF']);

export const isWriteError = (e: unknown): boolean => typeof (e as NodeJS.ErrnoException)?.code === 'string' && WRITE_ERRORS.has((e as NodeJS.ErrnoException).code!);

/**
 * Why `target` (as the user wrote it) could not be written, as a coded diagnostic (KPI0952) in both
 * languages, with a help for what the user can do; never the temp file's name.
 */
export function writeError(shown: string, target: string, e: unknown): Diagnostic {
  const code = (e as NodeJS.ErrnoException)?.code;
  // the temp file that holds a report (a table's rows, a big report to stdout) failed: about $TMPDIR
  const temp = e instanceof SpoolError ? e.dir : undefined;
  const dir = temp ?? dirname(target);
  const reason =
    code === 'ENOENT' ? bilingual('reason.no-folder', { dir })
    : code === 'ENOTDIR' ? bilingual('reason.not-folder', { dir })
    : code === 'EACCES' || code === 'EPERM' ? bilingual('reason.permission', {})
    : code === 'EISDIR' ? bilingual('reason.is-folder', {})
    : code === 'EROFS' ? bilingual('reason.read-only', {})
    : code === 'ENOSPC' || code === 'EDQUOT' ? bilingual('reason.disk-full', {})
    : code === 'EFBIG' ? bilingual('reason.too-large', {})
    : code === 'EIO' ? bilingual('reason.io', {})
    : code === 'ENXIO' ? bilingual('reason.no-reader', {})
    : code === 'ENAMETOOLONG' ? bilingual('reason.name-too-long', {})
    : code === 'ELOOP' ? bilingual('reason.loop', {})
    // the system's message names the path it failed on, which may be our temp file: show the code only
    : code ? bilingual('reason.other', { text: code })
    : bilingual('reason.other', { text: String((e as Error)?.message ?? e) });
  const helpText =
    code === 'ENOSPC' || code === 'EDQUOT' ? text('help.write.disk-full', {})
    : code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? text('help.write.permission', {})
    : code === 'EISDIR' ? text('help.write.folder', {})
    : text('help.write.unchanged', {});
  if (temp !== undefined) return diag('KPI0952.temp', { file: shown, dir: temp, reason }, { file: shown });
  return diag('KPI0952', { file: shown, reason }, { file: shown, helpText });
}

/** the English text of writeError() (messages that are not diagnostics, e.g. the duckdb engine's) */
export function writeErrorMessage(shown: string, target: string, e: unknown): string {
  return writeError(shown, target, e).message;
}
