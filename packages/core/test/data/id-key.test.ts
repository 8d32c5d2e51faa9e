import { describe, expect, it } from 'vitest';
import { idKey } from '../../src/data/id-key.js';

const slow = (id: string) => id.normalize('NFKC').replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim();

describe('idKey', () => {
  it('gives for printable ASCII (its fast path) what NFKC + removing invisible characters gives', () => {
    for (let c = 0x20; c <= 0x7e; c++) {
      const ch = String.fromCharCode(c);
      for (const id of [ch, `S0${ch}1`, ` ${ch} `, `${ch}${ch}`]) expect(idKey(id)).toBe(slow(id));
    }
  });
  it('still folds full-width and removes zero-width characters', () => {
    expect(idKey('Ｓ００１')).toBe('S001');
    expect(idKey('S001\u200b')).toBe('S001');
    expect(idKey(' S001\u00ad ')).toBe('S001');
  });
});
