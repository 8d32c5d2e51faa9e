/**
 * The raw CSV reader of the batch pipeline (issue 14): a UTF-8 CSV file is read in chunks and split into
 * lines on its bytes; unquoted lines are handed over as byte ranges, so that `kpi score` reads plain
 * numbers straight from the bytes and decodes only the cells it prints. At the first line with a quote or
 * a lone CR (a line end only csv-parse understands) the rest of the file goes to the library parser with
 * the same options as before (read.ts libraryRecords), so every CSV rule of today still holds.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import type { Cell } from '@kpi/core';
import { cutShort, firstNonUtf8, undecodable, type TableSource } from './read.js';

/** a batch of rows: lines as byte ranges of `bytes` (no line end), or cells from the library parser */
export type RawBatch =
  | {
      kind: 'lines';
      /** valid until the next batch is asked for (the reader reuses its buffer and arrays) */
      bytes: Buffer;
      /** the first `count` entries */
      starts: Int32Array;
      ends: Int32Array;
      count: number;
      /** spreadsheet row of the first line */
      row: number;
    }
  | { kind: 'cells'; rows: { cells: Cell[]; row: number }[] };

type Library = (start: number, row: number) => {
  batches: AsyncGenerator<string[][]>;
  input: { destroy(): void };
  toDataError(e: unknown): never;
  progress(): number;
};

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const CHUNK = 256 * 1024;

/** the continuation bytes a UTF-8 lead byte needs (-1: not a lead byte) */
const utf8Need = (b: number): number => (b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1);

/** the TableSource of a UTF-8 CSV file read raw, or undefined when its header is not a plain line (read.ts then reads it as before) */
export async function openRawCsv(path: string, size: number, name: string, delimiter: string, explicitEncoding: boolean, library: Library): Promise<TableSource | undefined> {
  // one buffer, reused: the bytes not yet cut into lines at its start, then the next chunk read after them
  // (a batch's bytes are read by the consumer before it asks for the next batch). Before, each 256 KB chunk
  // was a new buffer and joined to the rest of the last one by another: ~100 MB of ArrayBuffers per million
  // rows for the GC, held until an old-generation collection once a small young generation promoted them.
  const fh = await open(path, 'r');
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    void fh.close().catch(() => undefined);
  };
  let work = Buffer.allocUnsafe(2 * CHUNK);
  /** bytes at the start of `work` not yet cut into lines */
  let pendLen = 0;
  let done = 0;
  let eof = false;
  /** the next chunk, read into `work` after the pending bytes: its length (0 at the end) */
  const next = async (): Promise<number> => {
    if (eof) return 0;
    if (pendLen + CHUNK > work.length) {
      // a line longer than the buffer: a bigger one
      const bigger = Buffer.allocUnsafe(2 * (pendLen + CHUNK));
      work.copy(bigger, 0, 0, pendLen);
      work = bigger;
    }
    let n = 0;
    while (n < CHUNK) {
      const r = await fh.read(work, pendLen + n, CHUNK - n, done + n);
      if (r.bytesRead === 0) break;
      n += r.bytesRead;
    }
    if (n === 0) {
      eof = true;
      return 0;
    }
    done += n;
    return n;
  };
  // the header line
  let lf = -1;
  for (;;) {
    lf = work.subarray(0, pendLen).indexOf(LF);
    if (lf >= 0) break;
    const n = await next();
    if (!n) break;
    pendLen += n;
  }
  const pending = work.subarray(0, pendLen);
  const bom = pending[0] === 0xef && pending[1] === 0xbb && pending[2] === 0xbf ? 3 : 0;
  const end = lf < 0 ? pending.length : lf;
  const headEnd = end > bom && pending[end - 1] === CR ? end - 1 : end;
  const head = pending.subarray(bom, headEnd);
  const plain = head.indexOf(QUOTE) < 0 && head.indexOf(CR) < 0 && isUtf8(head);
  const header = plain ? head.toString('utf8').split(delimiter) : [];
  if (!plain || (header.length === 1 && header[0]!.trim() === '')) {
    close();
    return undefined;
  }
  // the streaming decoder read the file's first 256 KB when the file was opened: bad bytes there (not a
  // character cut by the chunk's end) were an error of opening it, reported before any row
  const firstChunk = pending.subarray(0, Math.min(pending.length, CHUNK));
  if (!isUtf8(firstChunk)) {
    const bad = firstNonUtf8(firstChunk);
    const need = utf8Need(firstChunk[bad]!);
    if (!(need > 0 && bad + need >= firstChunk.length)) {
      close();
      throw undecodable(name, 'utf-8', explicitEncoding, 0);
    }
  }
  let offset = lf < 0 ? pending.length : lf + 1; // file offset of pending[0] after the header
  if (lf < 0) pendLen = 0;
  else {
    work.copyWithin(0, lf + 1, pendLen);
    pendLen -= lf + 1;
  }
  let libraryProgress: (() => number) | undefined;

  const badUtf8 = (bytes: Buffer, at: number, last: boolean): never => {
    const bad = firstNonUtf8(bytes);
    const need = utf8Need(bytes[bad]!);
    if (last && need > 0 && bad + need >= bytes.length) throw cutShort(name);
    // as the streaming decoder says it: from the start of the 256 KB piece of the file holding the bad bytes
    throw undecodable(name, 'utf-8', explicitEncoding, Math.floor((at + bad) / CHUNK) * CHUNK);
  };

  async function* raw(): AsyncGenerator<RawBatch> {
    let row = 1;
    let starts = new Int32Array(8192);
    let ends = new Int32Array(8192);
    try {
      for (;;) {
        const n = pendLen === 0 || work.subarray(0, pendLen).lastIndexOf(LF) < 0 ? await next() : 0;
        pendLen += n;
        const buf = work.subarray(0, pendLen);
        const last = n === 0 && eof;
        let cut = last ? buf.length : buf.lastIndexOf(LF) + 1;
        if (!last && cut === 0) continue;
        if (cut === 0) return;
        const region = buf.subarray(0, cut);
        if (!isUtf8(region)) badUtf8(region, offset, last);
        // where the library parser must take over: the start of the first line with a quote or a lone CR
        let stop = cut;
        const q = region.indexOf(QUOTE);
        if (q >= 0) stop = region.lastIndexOf(LF, q) + 1;
        for (let r = region.indexOf(CR); r >= 0 && r < stop; r = region.indexOf(CR, r + 1)) {
          if (r + 1 < cut ? region[r + 1] !== LF : !last) {
            stop = region.lastIndexOf(LF, r) + 1;
            break;
          }
        }
        // the lines before `stop`
        let count = 0;
        for (let at = region.indexOf(LF); at >= 0 && at < stop; at = region.indexOf(LF, at + 1)) count++;
        const tail = stop === cut && last && (cut === 0 || region[cut - 1] !== LF) ? 1 : 0;
        // line bounds in arrays reused from batch to batch (a batch holds `count`, the arrays may be longer)
        if (starts.length < count + tail) {
          starts = new Int32Array(2 * (count + tail));
          ends = new Int32Array(2 * (count + tail));
        }
        let s = 0;
        for (let i = 0; i < count + tail; i++) {
          let e = i < count ? region.indexOf(LF, s) : stop;
          const nextS = e + 1;
          if (e > s && region[e - 1] === CR) e--;
          starts[i] = s;
          ends[i] = e;
          s = nextS;
        }
        if (count + tail) {
          yield { kind: 'lines', bytes: region, starts, ends, count: count + tail, row: row + 1 };
          row += count + tail;
        }
        if (stop < cut) {
          // the rest of the file, from that line on, to csv-parse
          close();
          const lib = library(offset + stop, row + 1);
          libraryProgress = lib.progress;
          try {
            for (;;) {
              const r = await lib.batches.next();
              if (r.done) return;
              yield { kind: 'cells', rows: r.value.map((cells) => ({ cells: cells as Cell[], row: ++row })) };
            }
          } catch (e) {
            lib.toDataError(e);
          } finally {
            lib.input.destroy();
          }
          return;
        }
        if (last) return;
        // the consumer is done with this batch's bytes: the rest of the last line moves to the front
        work.copyWithin(0, cut, pendLen);
        pendLen -= cut;
        offset += cut;
      }
    } finally {
      close();
    }
  }

  const batches = raw();
  /** the same rows as cells, for readers of `rows` */
  async function* rows(): AsyncGenerator<{ cells: Cell[]; row: number }[]> {
    for await (const b of batches) {
      if (b.kind === 'cells') yield b.rows;
      else {
        const out: { cells: Cell[]; row: number }[] = [];
        for (let i = 0; i < b.count; i++) out.push({ cells: b.bytes.toString('utf8', b.starts[i], b.ends[i]).split(delimiter), row: b.row + i });
        yield out;
      }
    }
  }
  return {
    format: 'csv',
    header,
    raw: batches,
    rows: rows(),
    encoding: 'utf-8',
    delimiter,
    progress: () => ({ done: libraryProgress ? libraryProgress() : done, total: size }),
  };
}
