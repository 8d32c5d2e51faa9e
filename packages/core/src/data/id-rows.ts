/**
 * The ids seen so far while streaming a data file, with the row each was first seen in — the one piece
 * of state that grows with the file (duplicate ids must be found across a million rows).
 *
 * Why not a `Map<string, number>`: a million ids in a Map are a million small strings and entries on
 * the V8 heap (≈ 50 MB live), and V8 sizes its heap by the live set, so the process grows to ~300 MB of
 * RSS while streaming. Here the ids' code units live in one growing arena (a byte each when they allow)
 * and an open-addressing hash table holds indices into it, all in typed arrays outside the GC's work:
 * ≈ 36 bytes per 8-character id (36 MB for a million, ~330 MB for ten million: not flat), exact (ids are
 * compared code unit by code unit, never by hash alone). Storage grows in fixed-size chunks, so growing never
 * copies and leaves no freed copies behind.
 */
/** bytes per chunk of the arena, and entries per chunk of the entry arrays */
const CH = 1 << 16;

export class IdRows {
  /**
   * the ids' code units, in fixed-size chunks of bytes (growing never copies, so no freed copies fragment the
   * heap): one byte per code unit for an id whose units are all < 256 (Latin-1: the common `E0000123`), else
   * two, little-endian
   */
  private charChunks: Uint8Array[] = [];
  /** next free byte in the last chunk */
  private charPos = CH;
  /** per entry, in chunks: position of its first code unit (chunk × CH + offset), length, first row */
  private posChunks: Int32Array[] = [];
  private lenChunks: Int32Array[] = [];
  private rowChunks: Int32Array[] = [];
  /**
   * open addressing, a pair per slot: entry index + 1 (0 = empty) and the entry's hash, side by side so that a
   * probe compares hashes in the cache line it already read and reads an id only when they match (a million
   * ids do not fit in the cache: each other read is a miss); growing the table reads no id either.
   * Slot count a power of two, at most 70% full.
   */
  private slots = new Int32Array(2 << 10);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** the row where `id` was first seen, or undefined after recording it at `row` */
  firstRow(id: string, row: number): number | undefined {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const h = hashOf(id) | 0;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = slots[2 * i]!;
      if (s === 0) break;
      if (slots[2 * i + 1] !== h) continue;
      const e = s - 1;
      if (this.equals(e, id)) return this.rowChunks[e >>> 16]![e & (CH - 1)];
    }
    const e = this.add(id, row);
    slots[2 * i] = e + 1;
    slots[2 * i + 1] = h;
    // at most 70% full (slots.length / 2 slots): linear probing stays short and the hashes beside the
    // indices settle most probes
    if (this.count * 20 > slots.length * 7) this.rehash(slots.length * 2);
    return undefined;
  }

  /** every id recorded, with the row it was first seen in, in the order they came */
  forEach(f: (id: string, row: number) => void): void {
    for (let e = 0; e < this.count; e++) {
      const c = e >>> 16;
      const k = e & (CH - 1);
      const n = this.lenChunks[c]![k]!;
      const pos = this.posChunks[c]![k]!;
      const chunk = this.charChunks[Math.floor(pos / CH)]!;
      const at = pos % CH;
      let id = '';
      if (n >= 0) for (let j = 0; j < n; j++) id += String.fromCharCode(chunk[at + j]!);
      else for (let j = 0; j < -n; j++) id += String.fromCharCode(chunk[at + 2 * j]! | (chunk[at + 2 * j + 1]! << 8));
      f(id, this.rowChunks[c]![k]!);
    }
  }

  private equals(e: number, id: string): boolean {
    const c = e >>> 16;
    const k = e & (CH - 1);
    const n = this.lenChunks[c]![k]!;
    const pos = this.posChunks[c]![k]!;
    const chunk = this.charChunks[Math.floor(pos / CH)]!;
    const at = pos % CH;
    if (n >= 0) {
      // one byte per code unit (every unit < 256)
      if (n !== id.length) return false;
      for (let j = 0; j < n; j++) if (chunk[at + j] !== id.charCodeAt(j)) return false;
      return true;
    }
    if (-n !== id.length) return false;
    for (let j = 0; j < -n; j++) if ((chunk[at + 2 * j]! | (chunk[at + 2 * j + 1]! << 8)) !== id.charCodeAt(j)) return false;
    return true;
  }

  private add(id: string, row: number): number {
    let narrow = true;
    for (let j = 0; j < id.length; j++) {
      if (id.charCodeAt(j) > 0xff) {
        narrow = false;
        break;
      }
    }
    const bytes = narrow ? id.length : 2 * id.length;
    let pos: number;
    let chunk: Uint8Array;
    let at: number;
    if (bytes > CH) {
      // an id longer than a chunk gets a chunk of its own; the next id starts a new chunk (chunks never
      // move: entries address them by index)
      chunk = new Uint8Array(bytes);
      this.charChunks.push(chunk);
      at = 0;
      pos = (this.charChunks.length - 1) * CH;
      this.charPos = CH;
    } else {
      if (this.charPos + bytes > CH) {
        this.charChunks.push(new Uint8Array(CH));
        this.charPos = 0;
      }
      chunk = this.charChunks[this.charChunks.length - 1]!;
      at = this.charPos;
      pos = (this.charChunks.length - 1) * CH + at;
      this.charPos += bytes;
    }
    if (narrow) for (let j = 0; j < id.length; j++) chunk[at + j] = id.charCodeAt(j);
    else {
      for (let j = 0; j < id.length; j++) {
        const u = id.charCodeAt(j);
        chunk[at + 2 * j] = u & 0xff;
        chunk[at + 2 * j + 1] = u >>> 8;
      }
    }
    const e = this.count++;
    const c = e >>> 16;
    if (c === this.posChunks.length) {
      this.posChunks.push(new Int32Array(CH));
      this.lenChunks.push(new Int32Array(CH));
      this.rowChunks.push(new Int32Array(CH));
    }
    this.posChunks[c]![e & (CH - 1)] = pos;
    // the length, negative for an id stored as two bytes per code unit
    this.lenChunks[c]![e & (CH - 1)] = narrow ? id.length : -id.length;
    this.rowChunks[c]![e & (CH - 1)] = row;
    return e;
  }

  /** a table of `size` Int32 (size / 2 slots): the pairs moved over by their hashes */
  private rehash(size: number): void {
    const old = this.slots;
    const slots = new Int32Array(size);
    const mask = (size >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j] === 0) continue;
      const h = old[j + 1]!;
      let i = h & mask;
      while (slots[2 * i] !== 0) i = (i + 1) & mask;
      slots[2 * i] = old[j]!;
      slots[2 * i + 1] = h;
    }
    this.slots = slots;
  }
}

/** FNV-1a over UTF-16 code units, then a final avalanche so that ids differing in the last character spread */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return mix(h);
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}
