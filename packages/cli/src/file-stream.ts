/**
 * A write stream to a file whose writes are made at once, on the main thread (fs.writeSync), instead of on
 * libuv's thread pool as fs.WriteStream does (issue 14).
 *
 * Why: a report is written in 64 KB buffers that were filled a moment before (writers/bytes.ts). Written at
 * once, the kernel copies each one while it is still in the CPU's cache; queued for the thread pool, ~3 MB of
 * them were gathered into each writev and copied cold, by another thread: for the 556 MB JSON report of a
 * million rows that copy took ~1.1 s of system time (perf: copy_folio_from_iter_atomic), written at once
 * ~0.6 s, and the run's wall time fell as well. A local file write does not block for long; the run has no
 * other work for the event loop to do meanwhile (the input is read ahead by its own stream).
 *
 * The file is opened by `open()` (AtomicFile.ready), whose error is thrown to the caller: nothing is emitted
 * that nobody listens to yet. A write before it opens the file first.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';

/** all of `b` into the file `fd` (writeSync may write less than asked) */
export function writeAllSync(fd: number, b: Uint8Array): void {
  for (let at = 0; at < b.length; ) at += writeSync(fd, b, at, b.length - at);
}

export class FileStream extends Writable {
  private fd = -1;

  constructor(
    readonly path: string,
    private readonly mode = 0o666,
  ) {
    super({ decodeStrings: true });
  }

  /** create or truncate the file; throws the system's error (ENOENT, EACCES, …) */
  open(): void {
    if (this.fd < 0) this.fd = openSync(this.path, 'w', this.mode);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    try {
      this.open();
      writeAllSync(this.fd, chunk);
    } catch (e) {
      cb(e as Error);
      return;
    }
    cb();
  }

  override _final(cb: (e?: Error | null) => void): void {
    try {
      this.open(); // an empty report is still a file
      closeSync(this.fd);
      this.fd = -1;
    } catch (e) {
      cb(e as Error);
      return;
    }
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        // closing after a failed write: the error that matters is `err`
      }
      this.fd = -1;
    }
    cb(err);
  }
}
