import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, isUtf8 } from '../../src/data/decode.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
// `工号,销售额达成` in GBK
const GBK = Uint8Array.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xb6, 0xee, 0xb4, 0xef, 0xb3, 0xc9]);

describe('decodeText', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decodeText(utf8('工号,销售额达成'))).toEqual({ ok: true, text: '工号,销售额达成', encoding: 'utf-8' });
  });

  it('drops a UTF-8 BOM', () => {
    const r = decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('工号')]));
    expect(r).toEqual({ ok: true, text: '工号', encoding: 'utf-8' });
  });

  it('falls back to GBK when the bytes are not UTF-8', () => {
    const r = decodeText(GBK);
    expect(r.ok && r.text).toBe('工号,销售额达成');
    expect(r.ok && r.encoding).toBe('gbk');
  });

  it('uses the encoding it is given', () => {
    expect(decodeText(GBK, 'gb18030')).toMatchObject({ ok: true, text: '工号,销售额达成' });
    expect(decodeText(GBK, 'utf-8')).toMatchObject({ ok: false, reason: expect.stringMatching(/not valid utf-8/) });
    expect(decodeText(GBK, 'klingon')).toMatchObject({ ok: false, reason: expect.stringMatching(/unknown encoding/) });
  });

  it('reads UTF-16LE with a BOM', () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x65, 0x51, 0x41, 0x00]);
    expect(decodeText(bytes)).toMatchObject({ ok: true, text: '入A' });
  });
});

describe('detectEncoding on a prefix', () => {
  it('does not count a UTF-8 character cut at the end of a prefix against UTF-8', () => {
    const bytes = utf8('工号');
    expect(isUtf8(bytes.subarray(0, 4))).toBe(false);
    expect(isUtf8(bytes.subarray(0, 4), true)).toBe(true);
    expect(detectEncoding(bytes.subarray(0, 5), true).encoding).toBe('utf-8');
  });

  it('rejects overlong and surrogate encodings', () => {
    expect(isUtf8(Uint8Array.from([0xc0, 0x80]))).toBe(false);
    expect(isUtf8(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isUtf8(Uint8Array.from([0xf0, 0x9f, 0x98, 0x80]))).toBe(true);
  });
});
