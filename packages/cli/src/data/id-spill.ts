/**
 * The duplicate-id check of `kpi score` in bounded memory (issue 14: peak memory flat from 1M to 10M rows).
 *
 * The binder asks, row by row, whether an id (as `idKey` makes it) was seen before (KPI0808 names both rows).
 * Keeping every id exact in memory (IdRows, ~36 bytes an id) grew the process by ~330 MB at 10M rows. Here:
 * - the first `inMemory` distinct ids are kept exact in an IdRows and answered at once, as before (a file of
 *   up to that many ids never touches the disk);
 * - past that, the ids kept so far and every later id go to a temp file as a 64-bit hash and a row (12 bytes),
 *   into 64 partitions by the hash's top bits, written in 24 KB blocks; such a row is not answered while
 *   streaming;
 * - at the end (`check`) each partition is read back and its hashes compared; a partition too large for
 *   the budget is split again on the next bits of the hash. Different hashes are different ids, so no two
 *   equal hashes means no duplicate, exactly;
 * - when two rows share a hash (a duplicate, or in about one run in 10^5 at 10M rows a collision of two
 *   different ids), `check` returns those rows, and `kpi score` reads the file a second time with a store made
 *   by `replay`: the same first rows are answered from IdRows, and a row that shares a hash is compared with
 *   the ids of its group seen earlier in this second pass, exactly. So every KPI0808 (which rows, in which order,
 *   among which other errors, counted against `--max-errors`) is what the all-in-memory check gives; the second
 *   pass writes nothing, and the report is written only when the run succeeds (atomic.ts), so a duplicate
 *   found at the end leaves no output.
 *
 * Memory: IdRows of `inMemory` ids (~4.7 MB at the default), 64 block buffers (1.5 MB), and at the end one
 * partition at a time (≤ 6 MB). A run that fails on duplicates found at the end keeps, for its second pass,
 * the rows sharing a hash (8 bytes each) and one id per group: memory then grows with the duplicates, not the
 * file. The temp file is unlinked as soon as it is open (where the system allows), so a killed run leaves
 * nothing; if it cannot be made or written (no $TMPDIR, disk full), the blocks stay in memory: exact, not flat.
 */
import { IdRows, type IdStore } from '@kpi/core';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** distinct ids kept exact in memory before the rest go to the temp file */
export const IDS_IN_MEMORY = 131_072;
/** partitions per level: 6 bits of the hash */
const PARTS = 64;
/** records per block (3 Int32 each: the hash's two halves, the row) */
const BLOCK = 2048;
/** a partition with more records is split on the next 6 bits of the hash (6 MB of records) */
const MAX_RECORDS = 1 << 19;

/** the 64-bit hash of an id as two 32-bit halves, written into `out` */
export type IdHash = (key: string, out: Int32Array) => void;

/** two 32-bit lanes over the UTF-16 code units (FNV-1a and a multiply-rotate), each with a final avalanche */
export const hash64: IdHash = (s, out) => {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ s.length;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  out[0] = fmix(a);
  out[1] = fmix(b ^ 0x2545f491);
};

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** rows whose ids share a 64-bit hash with another row's, ascending, and the group (the hash) of each */
export interface SharedHashes {
  rows: Int32Array;
  groups: Int32Array;
}

export interface SpillOptions {
  /** distinct ids kept exact in memory before spilling (default IDS_IN_MEMORY) */
  inMemory?: number;
  /** folder of the temp file (default: the system's) */
  dir?: string;
  /** for tests: a weaker hash, to make collisions */
  hash?: IdHash;
}

/** a partition's records: blocks in the file (their offsets) or, when the file could not take them, in memory */
type Block = number | Int32Array;

/** appends records to 64 partitions (by 6 bits of the hash from `shift`), in blocks, to one file */
class Partitions {
  readonly blocks: Block[][] = Array.from({ length: PARTS }, () => []);
  readonly counts = new Float64Array(PARTS);
  private readonly bufs: Int32Array[] = Array.from({ length: PARTS }, () => new Int32Array(3 * BLOCK));
  private readonly fill = new Int32Array(PARTS);
  constructor(
    private readonly file: SpillFile,
    private readonly shift: number,
  ) {}

  add(h0: number, h1: number, row: number): void {
    const p = (h1 >>> this.shift) & (PARTS - 1);
    const buf = this.bufs[p]!;
    let n = this.fill[p]!;
    buf[n++] = h0;
    buf[n++] = h1;
    buf[n++] = row;
    if (n === buf.length) {
      this.blocks[p]!.push(this.file.write(buf, n));
      n = 0;
    }
    this.fill[p] = n;
    this.counts[p]!++;
  }

  /** the last, partly filled blocks, kept in memory (they are read back at once) */
  close(): void {
    for (let p = 0; p < PARTS; p++) {
      const n = this.fill[p]!;
      if (n) this.blocks[p]!.push(this.bufs[p]!.subarray(0, n));
    }
  }
}

/** the temp file: appended to in blocks, read back by offset; in memory when it cannot be made or written */
class SpillFile {
  private fd = -1;
  private path: string | undefined;
  private end = 0;
  constructor(dir: string) {
    const path = join(dir, `.kpi-ids.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      this.fd = openSync(path, 'wx+', 0o600);
    } catch {
      return; // no temp folder: blocks stay in memory
    }
    try {
      // gone from the folder at once: a killed run leaves nothing behind (POSIX; Windows keeps it until close)
      unlinkSync(path);
    } catch {
      this.path = path;
    }
  }

  /** the block's offset in the file, or a copy of it when the file cannot take it */
  write(buf: Int32Array, n: number): Block {
    if (this.fd >= 0) {
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, 4 * n);
      try {
        let done = 0;
        while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.end + done);
        const at = this.end;
        this.end += bytes.length;
        return at;
      } catch {
        // disk full: this and later blocks stay in memory (exact; no longer flat)
        this.close();
      }
    }
    return buf.slice(0, n);
  }

  /** the block of `n` Int32 at `at` into `into` from `to` */
  read(at: number, into: Int32Array, to: number, n: number): void {
    const bytes = new Uint8Array(into.buffer, into.byteOffset + 4 * to, 4 * n);
    let done = 0;
    while (done < bytes.length) {
      const r = readSync(this.fd, bytes, done, bytes.length - done, at + done);
      if (r === 0) throw new Error('the temp file of ids ended early');
      done += r;
    }
  }

  close(): void {
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch {
        /* closed */
      }
      this.fd = -1;
    }
    if (this.path) {
      try {
        unlinkSync(this.path);
      } catch {
        /* gone */
      }
      this.path = undefined;
    }
  }
}

/** the ids seen while streaming, a bounded number of them in memory (see the header) */
export class SpillingIds implements IdStore {
  private mem: IdRows | undefined = new IdRows();
  private readonly inMemory: number;
  private readonly hash: IdHash;
  private readonly h = new Int32Array(2);
  private parts: Partitions | undefined;
  private file: SpillFile | undefined;
  private readonly dir: string;
  /** the arrays of `check`, reused from partition to partition */
  private scratch!: Scratch;

  /** replay: rows sharing a hash (from `check`), the next one to meet, and per group the distinct ids seen with their first rows */
  private shared: SharedHashes | undefined;
  private next = 0;
  private groups: Map<number, { key: string; row: number }[]> | undefined;

  constructor(opts: SpillOptions = {}) {
    this.inMemory = opts.inMemory ?? IDS_IN_MEMORY;
    this.hash = opts.hash ?? hash64;
    this.dir = opts.dir ?? tmpdir();
  }

  /** a store for the second pass over the same rows: answers exactly for the rows `check` returned */
  replay(shared: SharedHashes): SpillingIds {
    const r = new SpillingIds({ inMemory: this.inMemory, hash: this.hash, dir: this.dir });
    r.shared = shared;
    r.groups = new Map();
    return r;
  }

  /** have ids gone to the temp file (are some rows answered only at the end)? */
  get spilled(): boolean {
    return this.mem === undefined;
  }

  firstRow(key: string, row: number): number | undefined {
    const group = this.shared ? this.groupOf(row) : -1;
    const mem = this.mem;
    if (mem) {
      const first = mem.firstRow(key, row);
      if (group >= 0 && first === undefined) this.groups!.get(group)!.push({ key, row });
      if (first === undefined && mem.size > this.inMemory) this.spill();
      return first;
    }
    if (this.shared) {
      // second pass: only rows sharing a hash can be duplicates; compare their ids exactly
      if (group < 0) return undefined;
      const seen = this.groups!.get(group)!;
      for (const s of seen) if (s.key === key) return s.row;
      seen.push({ key, row });
      return undefined;
    }
    this.hash(key, this.h);
    this.parts!.add(this.h[0]!, this.h[1]!, row);
    return undefined;
  }

  /** the group of `row` when it shares a hash (rows are asked in increasing order), else −1 */
  private groupOf(row: number): number {
    const s = this.shared!;
    while (this.next < s.rows.length && s.rows[this.next]! < row) this.next++;
    if (this.next < s.rows.length && s.rows[this.next] === row) {
      const g = s.groups[this.next]!;
      if (!this.groups!.has(g)) this.groups!.set(g, []);
      return g;
    }
    return -1;
  }

  /** the ids kept so far go to the partitions with their first rows; from now on every id does */
  private spill(): void {
    const mem = this.mem!;
    this.mem = undefined;
    if (this.shared) return; // the second pass only needs the groups
    this.file = new SpillFile(this.dir);
    const parts = (this.parts = new Partitions(this.file, 26));
    const h = this.h;
    mem.forEach((key, row) => {
      this.hash(key, h);
      parts.add(h[0]!, h[1]!, row);
    });
  }

  /**
   * After the last row: null when no two ids recorded share a hash (no duplicate beyond those already
   * answered), else the rows that do, for a second pass with `replay`. Closes the temp file.
   */
  check(): SharedHashes | null {
    const parts = this.parts;
    if (!parts) return null;
    this.parts = undefined;
    this.scratch = new Scratch();
    const rows: number[] = [];
    const groups: number[] = [];
    try {
      parts.close();
      this.checkParts(parts, 26, rows, groups);
    } finally {
      this.file!.close();
    }
    if (rows.length === 0) return null;
    const order = Int32Array.from(rows.keys()).sort((a, b) => rows[a]! - rows[b]!);
    return { rows: Int32Array.from(order, (i) => rows[i]!), groups: Int32Array.from(order, (i) => groups[i]!) };
  }

  private checkParts(parts: Partitions, shift: number, rows: number[], groups: number[]): void {
    for (let p = 0; p < PARTS; p++) {
      const n = parts.counts[p]!;
      if (n < 2) continue;
      if (n > MAX_RECORDS && shift >= 6) {
        // too many for the budget: split on the next 6 bits (each level into new blocks of the same file)
        const sub = new Partitions(this.file!, shift - 6);
        this.eachBlock(parts.blocks[p]!, (buf, len) => {
          for (let i = 0; i < len; i += 3) sub.add(buf[i]!, buf[i + 1]!, buf[i + 2]!);
        });
        parts.blocks[p] = [];
        sub.close();
        this.checkParts(sub, shift - 6, rows, groups);
        continue;
      }
      const scratch = this.scratch.fit(n);
      let at = 0;
      this.eachBlock(parts.blocks[p]!, (buf, len) => {
        scratch.recs.set(buf.subarray(0, len), at);
        at += len;
      });
      parts.blocks[p] = [];
      sharedIn(scratch, n, rows, groups);
    }
  }

  /** each block of a partition, read into one reused buffer when it is in the file */
  private eachBlock(blocks: Block[], f: (buf: Int32Array, len: number) => void): void {
    const buf = this.scratch.block;
    for (const b of blocks) {
      if (typeof b === 'number') {
        this.file!.read(b, buf, 0, 3 * BLOCK);
        f(buf, 3 * BLOCK);
      } else f(b, b.length);
    }
  }
}

/** the arrays of one partition's check, grown when a partition needs more (one allocation, not one per partition) */
class Scratch {
  /** a block read from the file */
  readonly block = new Int32Array(3 * BLOCK);
  /** the partition's records */
  recs = new Int32Array(0);
  /** open addressing: record index + 1 of the first record with each hash */
  slots = new Int32Array(0);
  /** per record: the index + 1 of the first record with its hash, when that is another */
  firstOf = new Int32Array(0);
  /** per first record: does another share it */
  shared = new Uint8Array(0);

  /** room for n records, the lookup arrays cleared */
  fit(n: number): this {
    let size = 2;
    while (size < 2 * n) size *= 2;
    if (this.recs.length < 3 * n) {
      const m = Math.max(n, Math.ceil(this.recs.length / 3) * 2);
      this.recs = new Int32Array(3 * m);
      this.firstOf = new Int32Array(m);
      this.shared = new Uint8Array(m);
    } else {
      this.firstOf.fill(0, 0, n);
      this.shared.fill(0, 0, n);
    }
    if (this.slots.length < size) this.slots = new Int32Array(size);
    else this.slots.fill(0, 0, size);
    return this;
  }
}

/** the records of `recs` whose hash another record shares: their rows, and their group (the first such record's row) */
function sharedIn(scratch: Scratch, n: number, rows: number[], groups: number[]): void {
  const { recs, firstOf, shared } = scratch;
  let size = 2;
  while (size < 2 * n) size *= 2;
  const mask = size - 1;
  const slots = scratch.slots;
  let any = false;
  for (let r = 0; r < n; r++) {
    const h0 = recs[3 * r]!;
    const h1 = recs[3 * r + 1]!;
    let i = (h0 ^ Math.imul(h1, 0x9e3779b1)) & mask;
    for (; ; i = (i + 1) & mask) {
      const s = slots[i]!;
      if (s === 0) {
        slots[i] = r + 1;
        break;
      }
      if (recs[3 * (s - 1)] === h0 && recs[3 * (s - 1) + 1] === h1) {
        firstOf[r] = s;
        shared[s - 1] = 1;
        any = true;
        break;
      }
    }
  }
  if (!any) return;
  for (let r = 0; r < n; r++) {
    const f = firstOf[r]! ? firstOf[r]! - 1 : shared[r] ? r : -1;
    if (f < 0) continue;
    rows.push(recs[3 * r + 2]!);
    groups.push(recs[3 * f + 2]!);
  }
}
