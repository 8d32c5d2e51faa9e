/**
 * The ids seen so far while streaming a data file, with the row each was first seen in — the one piece
 * of state that grows with the file (duplicate ids must be found across a million rows).
 *
 * Why not a `Map<string, number>`: a million ids in a Map are a million small strings and entries on
 * the V8 heap (≈ 50 MB live), and V8 sizes its heap by the live set, so the process grows to ~300 MB of
 * RSS while streaming. Here the ids' UTF-16 code units live in one growing arena and an open-addressing
 * hash table holds indices into it, all in typed arrays outside the GC's work: ≈ 40 MB for a million
 * 8-character ids, exact (ids are compared code unit by code unit, never by hash alone). Storage grows in
fixed-size chunks, so growing never copies and leaves no freed copies behind.
 */
/** code units per chunk of the arena, and entries per chunk of the entry arrays */
const CH = 1 << 16;

export class IdRows {
  /** the ids' code units, in fixed-size chunks: growing never copies, so no freed copies fragment the heap */
  private charChunks: Uint16Array[] = [];
  /** next free code unit in the last chunk */
  private charPos = CH;
  /** per entry, in chunks: position of its first code unit (chunk × CH + offset), length, first row */
  private posChunks: Int32Array[] = [];
  private lenChunks: Int32Array[] = [];
  private rowChunks: Int32Array[] = [];
  /** per entry, its hash: growing the table places entries without reading their ids again */
  private hashChunks: Int32Array[] = [];
  /** open addressing: entry index + 1, 0 = empty; size a power of two, at most half full */
  private slots = new Int32Array(1 << 10);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** the row where `id` was first seen, or undefined after recording it at `row` */
  firstRow(id: string, row: number): number | undefined {
    const mask = this.slots.length - 1;
    const h = hashOf(id);
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const s = this.slots[i]!;
      if (s === 0) break;
      const e = s - 1;
      if (this.equals(e, id)) return this.rowChunks[e >>> 16]![e & (CH - 1)];
    }
    const e = this.add(id, row, h);
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.slots[i] = e + 1;
    return undefined;
  }

  private equals(e: number, id: string): boolean {
    const c = e >>> 16;
    const k = e & (CH - 1);
    const n = this.lenChunks[c]![k]!;
    if (n !== id.length) return false;
    const pos = this.posChunks[c]![k]!;
    const chunk = this.charChunks[Math.floor(pos / CH)]!;
    const at = pos % CH;
    for (let j = 0; j < n; j++) if (chunk[at + j] !== id.charCodeAt(j)) return false;
    return true;
  }

  private add(id: string, row: number, hash: number): number {
    let pos: number;
    if (id.length > CH) {
      // an id longer than a chunk gets a chunk of its own; the next id starts a new chunk (chunks never
      // move: entries address them by index)
      const own = new Uint16Array(id.length);
      for (let j = 0; j < id.length; j++) own[j] = id.charCodeAt(j);
      this.charChunks.push(own);
      pos = (this.charChunks.length - 1) * CH;
      this.charPos = CH;
    } else {
      if (this.charPos + id.length > CH) {
        this.charChunks.push(new Uint16Array(CH));
        this.charPos = 0;
      }
      const chunk = this.charChunks[this.charChunks.length - 1]!;
      for (let j = 0; j < id.length; j++) chunk[this.charPos + j] = id.charCodeAt(j);
      pos = (this.charChunks.length - 1) * CH + this.charPos;
      this.charPos += id.length;
    }
    const e = this.count++;
    const c = e >>> 16;
    if (c === this.posChunks.length) {
      this.posChunks.push(new Int32Array(CH));
      this.lenChunks.push(new Int32Array(CH));
      this.rowChunks.push(new Int32Array(CH));
      this.hashChunks.push(new Int32Array(CH));
    }
    this.posChunks[c]![e & (CH - 1)] = pos;
    this.lenChunks[c]![e & (CH - 1)] = id.length;
    this.rowChunks[c]![e & (CH - 1)] = row;
    this.hashChunks[c]![e & (CH - 1)] = hash;
    return e;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let e = 0; e < this.count; e++) {
      let i = this.hashChunks[e >>> 16]![e & (CH - 1)]! & mask;
      while (this.slots[i] !== 0) i = (i + 1) & mask;
      this.slots[i] = e + 1;
    }
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
