import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IdRows } from '../../src/data/id-rows.js';

describe('IdRows (the ids seen while streaming)', () => {
  it('answers like a Map<string, first row> for any sequence of ids (property, fixed seed)', () => {
    // few distinct short ids so that duplicates are common; CJK, astral and empty-ish ids included
    const id = fc.oneof(fc.constantFrom('S001', 's001', 'S0001', '张伟', '😀', 'a'), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 400 }), (ids) => {
        const set = new IdRows();
        const map = new Map<string, number>();
        ids.forEach((s, i) => {
          const row = i + 2;
          expect(set.firstRow(s, row)).toBe(map.get(s));
          if (!map.has(s)) map.set(s, row);
        });
        expect(set.size).toBe(map.size);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('keeps a million ids exact across chunk boundaries and rehashes, and finds a late duplicate', () => {
    const set = new IdRows();
    let repeats = 0;
    for (let i = 0; i < 1_000_000; i++) if (set.firstRow(`E${String(i).padStart(7, '0')}`, i + 2) !== undefined) repeats++;
    expect(repeats).toBe(0);
    expect(set.size).toBe(1_000_000);
    expect(set.firstRow('E0000000', 1_000_002)).toBe(2);
    expect(set.firstRow('E0999999', 1_000_003)).toBe(1_000_001);
    expect(set.firstRow('E1000000', 1_000_004)).toBeUndefined();
  });

  it('stores ids longer than a chunk (64K code units) without disturbing the others', () => {
    const set = new IdRows();
    const long = 'x'.repeat(200_000);
    expect(set.firstRow('a', 2)).toBeUndefined();
    expect(set.firstRow(long, 3)).toBeUndefined();
    expect(set.firstRow('b', 4)).toBeUndefined();
    expect(set.firstRow(`${long.slice(1)}y`, 5)).toBeUndefined();
    expect(set.firstRow(long, 6)).toBe(3);
    expect(set.firstRow('a', 7)).toBe(2);
    expect(set.firstRow('b', 8)).toBe(4);
  });

  it('stores Latin-1 ids a byte per code unit and others two, and tells them apart', () => {
    const set = new IdRows();
    const ids = ['é001', 'e001', '张伟', '\u00ff', '\u0100', 'ſ', '伟'.repeat(40_000), '伟'.repeat(39_999) + '张', `${'x'.repeat(70_000)}é`];
    ids.forEach((id, i) => expect(set.firstRow(id, i + 2), id.slice(0, 10)).toBeUndefined());
    ids.forEach((id, i) => expect(set.firstRow(id, 100 + i), id.slice(0, 10)).toBe(i + 2));
    expect(set.firstRow('\u0101', 200)).toBeUndefined();
  });
});
