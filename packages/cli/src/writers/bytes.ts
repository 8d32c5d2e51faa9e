/**
 * A report written as UTF-8 bytes straight into 64 KB buffers (issue 14): the JSON report of a million rows
 * is ~550 MB of text, mostly the same keys again and again (indicator names in Chinese). Built as JS strings
 * it was a rope of small pieces per row, flattened and then encoded from UTF-16 at every write: most of the
 * run's CPU. Here the constant pieces are encoded once (`bytesOf`) and copied, numbers are written digit by
 * digit from their integer form (decimal.ts explains why that is `${x}`), and only strings from the data
 * (ids, kept cells) are encoded per row.
 */
import { decimalText, MAX_PLACES } from './decimal.js';

const POW = [1, 10, 100, 1000, 10000, 100000, 1000000];
const LIMIT = 1e15;
const SIZE = 1 << 16;

/** a constant piece of text as UTF-8 bytes */
export const bytesOf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

/** buffers kept for reuse: enough for what a stream holds between two drains */
const SPARE = 64;

export class ByteOut {
  private buf: Buffer = Buffer.allocUnsafe(SIZE);
  private pos = 0;
  /** buffers the stream is done with, to fill again (a 550 MB JSON report is 8,500 of them: new ones each
   * time were ArrayBuffers for the GC to find, held until an old-generation collection once promoted) */
  private readonly spare: Buffer[] = [];

  /**
   * `write` takes each full buffer and calls `done` when the stream no longer needs it (a stream's write
   * callback); the buffer is then filled again. A stream that keeps chunks after calling back must copy them.
   */
  constructor(private readonly write: (b: Buffer, done: () => void) => void) {}

  /** bytes written and not yet handed over */
  get length(): number {
    return this.pos;
  }

  /** hand over what is buffered */
  take(): Buffer | undefined {
    if (this.pos === 0) return undefined;
    const b = this.buf.subarray(0, this.pos);
    this.buf = this.spare.pop() ?? Buffer.allocUnsafe(SIZE);
    this.pos = 0;
    return b;
  }

  /** room for n more bytes in the current buffer: a full buffer goes to `write` first */
  room(n: number): void {
    if (this.pos + n > this.buf.length) this.handOver(n);
  }

  /**
   * room's slow path, a method of its own: the callback below captures `whole` and `this`, and a function
   * holding a closure allocates its context on every call, even when the closure is not made. Inlined into
   * every `bytes`/`decimal` call, that was ~50 bytes each: 2.5 GB of garbage and 3,600 scavenges for a
   * 1M-row JSON report (issue 14).
   */
  private handOver(n: number): void {
    const whole = this.buf;
    const b = this.take();
    if (b) {
      this.write(b, () => {
        if (whole.length === SIZE && this.spare.length < SPARE) this.spare.push(whole);
      });
    }
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.room(n);
    const buf = this.buf;
    let p = this.pos;
    if (n > 48) buf.set(b, p);
    else for (let i = 0; i < n; i++) buf[p + i] = b[i]!;
    this.pos = p + n;
  }

  /** bytes `start` to `end` of `src` */
  copy(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(n);
    const buf = this.buf;
    const p = this.pos;
    if (n > 48) buf.set(src.subarray(start, end), p);
    else for (let i = 0; i < n; i++) buf[p + i] = src[start + i]!;
    this.pos = p + n;
  }

  /** `n` times the byte `b` (padding) */
  fill(b: number, n: number): void {
    if (n <= 0) return;
    this.room(n);
    // a loop: Buffer#fill validates its arguments in JS, 0.35 s per million table rows
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < n; i++) buf[p + i] = b;
    this.pos = p + n;
  }

  /**
   * Drop the ASCII whitespace ending what was written since `from` (in the current buffer, see `room`), as
   * String.prototype.trimEnd would; false when the text then ends in a non-ASCII whitespace character
   * (U+3000, U+00A0, …), which the caller trims with the string.
   */
  trimEnd(from: number): boolean {
    let p = this.pos;
    const buf = this.buf;
    while (p > from && (buf[p - 1] === 0x20 || (buf[p - 1]! >= 0x09 && buf[p - 1]! <= 0x0d))) p--;
    this.pos = p;
    if (p === from || buf[p - 1]! < 0x80) return true;
    let q = p - 1;
    while (q > from && (buf[q]! & 0xc0) === 0x80) q--;
    return !/\s/.test(buf.toString('utf8', q, p));
  }

  /** drop what was written after `length` (in the current buffer, see `room`) */
  truncate(length: number): void {
    if (length < this.pos) this.pos = length;
  }

  /** any string, as UTF-8 */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, "utf8");
  }

  /**
   * `s` as it is (`quoted`: between `"`) when every character is printable ASCII other than a space, `"`, `,`
   * and `\\` and the first is not one of `=+-@`: the text a CSV cell (csvText) and a JSON string (quoted)
   * write unchanged.
   * False, with nothing written, for any other text (the caller takes the general way). Ids like `E00012`
   * are written without the escaping regexes and the UTF-16 → UTF-8 encoding (issue 14).
   */
  plain(s: string, quoted = false): boolean {
    const n = s.length;
    if (n === 0) return false;
    const c0 = s.charCodeAt(0);
    if (c0 === 0x3d || c0 === 0x2b || c0 === 0x2d || c0 === 0x40) return false;
    const q = quoted ? 1 : 0;
    this.room(n + 2 * q);
    const buf = this.buf;
    // written past `pos` first: a character that is not plain leaves nothing written
    const p = this.pos + q;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x2c || c === 0x5c) return false;
      buf[p + i] = c;
    }
    if (quoted) {
      buf[p - 1] = 0x22;
      buf[p + n] = 0x22;
    }
    this.pos = p + n + q;
    return true;
  }

  /** a string of ASCII characters (a number's text); its length */
  ascii(s: string): number {
    this.room(s.length);
    const buf = this.buf;
    const p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p + i] = s.charCodeAt(i);
    this.pos = p + s.length;
    return s.length;
  }

  /**
   * `${x}` for x = `from[i]` with at most `d` decimals (decimalText's text), or with `fixed` x.toFixed(d) (q's
   * digits padded to d places, decimal.ts), without making the string; the number of bytes (= characters)
   * written. The number comes as an array and an index, not as a double: a call that is not inlined (this method
   * is too large to be) takes a double as a heap-allocated number, and a JSON report of 1M rows made ~330 MB of
   * them, more garbage than all the rest of the run (issue 14).
   */
  decimalAt(from: Float64Array, i: number, d: number, fixed = false): number {
    const x = from[i]!;
    if (d > MAX_PLACES) return this.ascii(fixed ? x.toFixed(d) : `${x}`);
    const sc = POW[d]!;
    const q = Math.round(x * sc);
    if (q / sc !== x || !(q < LIMIT && q > -LIMIT)) return this.ascii(fixed ? x.toFixed(d) : decimalText(x, d));
    this.room(24);
    const buf = this.buf;
    const start = this.pos;
    let p = start;
    if (q === 0 && !fixed) {
      buf[p] = 0x30;
      this.pos = p + 1;
      return 1;
    }
    let a = q;
    if (q < 0) {
      buf[p++] = 0x2d;
      a = -q;
    }
    let ip = Math.floor(a / sc);
    let f = a - ip * sc;
    if (f < 0) {
      ip--;
      f += sc;
    } else if (f >= sc) {
      ip++;
      f -= sc;
    }
    // the integer part, in int32 arithmetic where it fits: the same digits, and in a loop of 7M numbers
    // (a JSON report of 1M rows writes 28M) ~2x faster than Math.floor on doubles (issue 14)
    let digits = 1;
    if (ip < 2147483648) {
      let t = ip | 0;
      for (let u = t; u >= 10; u = (u / 10) | 0) digits++;
      for (let k = digits - 1; k >= 0; k--) {
        const next = (t / 10) | 0;
        buf[p + k] = 0x30 + (t - next * 10);
        t = next;
      }
    } else {
      for (let t = ip; t >= 10; t = Math.floor(t / 10)) digits++;
      for (let k = digits - 1, t = ip; k >= 0; k--) {
        const next = Math.floor(t / 10);
        buf[p + k] = 0x30 + (t - next * 10);
        t = next;
      }
    }
    p += digits;
    if (f !== 0 || (fixed && d > 0)) {
      // the fraction is below 10^MAX_PLACES: int32
      let g = f | 0;
      let places = d;
      if (!fixed) {
        for (let t = (g / 10) | 0; g === t * 10; t = (g / 10) | 0) {
          g = t;
          places--;
        }
      }
      buf[p++] = 0x2e;
      for (let k = places - 1; k >= 0; k--) {
        const next = (g / 10) | 0;
        buf[p + k] = 0x30 + (g - next * 10);
        g = next;
      }
      p += places;
    }
    this.pos = p;
    return p - start;
  }
}
