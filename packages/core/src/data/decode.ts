/**
 * Decoding the bytes of a text data file: UTF-8 with or without BOM, UTF-16 with BOM, or GBK/GB18030
 * (what Excel in China saves as "CSV"). Detection: a BOM decides; else bytes that are valid UTF-8 are
 * UTF-8; else GBK. Uses only TextDecoder (shared with the playground; browsers and Node both have `gbk`).
 */
import { bilingual } from '../diagnostics/diag.js';
import type { Text } from '../diagnostics/lang.js';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk' | (string & {});

export interface Detected {
  encoding: TextEncodingName;
  /** bytes of BOM to skip */
  bomLength: number;
}

/**
 * Guess the encoding from the first bytes of a file (the whole file or a prefix of it).
 * When `prefix` may be cut in the middle of a character, pass `truncated: true` so an incomplete
 * UTF-8 sequence at the very end does not count against UTF-8.
 */
export function detectEncoding(prefix: Uint8Array, truncated = false): Detected {
  if (prefix.length >= 3 && prefix[0] === 0xef && prefix[1] === 0xbb && prefix[2] === 0xbf) {
    return { encoding: 'utf-8', bomLength: 3 };
  }
  if (prefix.length >= 2 && prefix[0] === 0xff && prefix[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (prefix.length >= 2 && prefix[0] === 0xfe && prefix[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: isUtf8(prefix, truncated) ? 'utf-8' : 'gbk', bomLength: 0 };
}

/** true when the bytes are well-formed UTF-8 (an incomplete last sequence is allowed when `truncated`) */
export function isUtf8(bytes: Uint8Array, truncated = false): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return false;
    if (i + need >= n) return truncated && allContinuation(bytes, i + 1, n); // sequence cut at the end
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

function allContinuation(bytes: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if ((bytes[i]! & 0xc0) !== 0x80) return false;
  return true;
}

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  /** reason: in English (older callers); why: in both languages, for a catalogue message */
  | { ok: false; reason: string; why: Text };

/**
 * Decode a whole text file. With `encoding` given (`utf-8`, `gbk`, `gb18030`, `utf-16le`, ...) that
 * encoding is used; otherwise it is detected. A BOM is always dropped.
 */
export function decodeText(bytes: Uint8Array, encoding?: string): DecodeResult {
  let enc: string;
  let skip = 0;
  const det = detectEncoding(bytes);
  if (encoding) {
    enc = encoding.toLowerCase();
    if ((enc === 'utf-8' || enc === 'utf8') && det.encoding === 'utf-8') skip = det.bomLength;
    if (enc.startsWith('utf-16') && det.encoding.startsWith('utf-16')) skip = det.bomLength;
  } else {
    enc = det.encoding;
    skip = det.bomLength;
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(enc, { fatal: true, ignoreBOM: true });
  } catch {
    const why = bilingual('what.unknown-encoding', { encoding: encoding ?? '' });
    return { ok: false, reason: why.en, why };
  }
  try {
    const text = decoder.decode(skip ? bytes.subarray(skip) : bytes);
    return { ok: true, text, encoding: decoder.encoding };
  } catch {
    const why = encoding ? bilingual('what.not-valid-encoding', { encoding }) : bilingual('what.not-utf8-gbk', {});
    return { ok: false, reason: why.en, why };
  }
}
