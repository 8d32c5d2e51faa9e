/**
 * A temporary file the table writer spills its unpadded rows to, so that a report of a million rows is
 * padded (which needs every row's widths first) without holding them in memory. Removed when the table
 * is written, when the run gives up, and at exit.
 */
import { createReadStream, unlinkSync } from 'node:fs';
import { open, unlink, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sweepOrphans } from '../alive.js';
import { writeAllSync } from '../file-stream.js';

const live = new Set<string>();
let hooked = false;
let swept = false;


/**
 * A temp file that could not be made or written: the user's fix is $TMPDIR, not the report's folder, so the
 * message names the temp folder (atomic.ts, writeError). Carries the system's code (ENOSPC, EACCES, …).
 */
export class SpoolError extends Error {
  readonly code: string | undefined;
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`temporary file in ${dir}: ${(cause as Error)?.message ?? String(cause)}`);
    this.code = (cause as NodeJS.ErrnoException)?.code;
  }
}

/** run `f`; what it throws becomes a SpoolError for the temp folder */
function inTemp<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new SpoolError(tmpdir(), e);
  }
}
async function inTempAsync<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw new SpoolError(tmpdir(), e);
  }
}

export class Spool {
  private constructor(
    private readonly path: string,
    private fh: FileHandle | undefined,
  ) {}

  static async create(): Promise<Spool> {
    if (!swept) {
      // the spools of killed runs: a report held for stdout can be gigabytes, and $TMPDIR may be memory (tmpfs)
      swept = true;
      await sweepOrphans(tmpdir(), /^kpi-table-(\d+)-[0-9a-f]{8}\.spool$/);
    }
    const path = join(tmpdir(), `kpi-table-${process.pid}-${randomBytes(4).toString('hex')}.spool`);
    const fh = await inTempAsync(() => open(path, 'wx', 0o600));
    live.add(path);
    if (!hooked) {
      hooked = true;
      process.on('exit', () => {
        for (const p of live) {
          try {
            unlinkSync(p);
          } catch {
            // already gone
          }
        }
      });
    }
    return new Spool(path, fh);
  }

  async write(text: string): Promise<void> {
    await inTempAsync(() => this.fh!.write(text));
  }

  async writeBytes(b: Uint8Array): Promise<void> {
    await inTempAsync(async () => {
      let done = 0;
      while (done < b.length) done += (await this.fh!.write(b, done, b.length - done)).bytesWritten;
    });
  }

  /**
   * Write at once, on this thread (see file-stream.ts: the kernel copies the bytes while they are still in
   * cache). Not to be mixed with a `write` still under way.
   */
  writeBytesSync(b: Uint8Array): void {
    inTemp(() => writeAllSync(this.fh!.fd, b));
  }

  /** the bytes written, in pieces of up to 1 MB */
  async *parts(): AsyncGenerator<Buffer> {
    if (this.fh) {
      await this.fh.close();
      this.fh = undefined;
    }
    for await (const chunk of createReadStream(this.path, { highWaterMark: 1 << 20 })) yield chunk as Buffer;
  }

  /** the bytes written, in pieces that end at a line end (LF) */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.fh) {
      await this.fh.close();
      this.fh = undefined;
    }
    let rest: Buffer | undefined;
    for await (const chunk of createReadStream(this.path, { highWaterMark: 64 * 1024 })) {
      const b = rest ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      const cut = b.lastIndexOf(0x0a) + 1;
      rest = cut < b.length ? Buffer.from(b.subarray(cut)) : undefined;
      if (cut) yield b.subarray(0, cut);
    }
    if (rest) yield rest;
  }

  async remove(): Promise<void> {
    if (this.fh) {
      await this.fh.close().catch(() => undefined);
      this.fh = undefined;
    }
    if (live.delete(this.path)) await unlink(this.path).catch(() => undefined);
  }
}
