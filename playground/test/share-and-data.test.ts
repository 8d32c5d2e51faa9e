/** Share links and table loading, in Node (the same modules the browser bundle uses). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { decodeShare, encodeShare, type SharedState } from '../src/share.js';
import { loadFile, parseCsvBytes, parsePasted, splitDelimited } from '../src/tabular.js';

describe('share links', () => {
  const state: SharedState = {
    plan: 'plan 店长月度考核 {\n  indicator 销售额达成 weight 100% target 100% scoring linear\n}\n# 😀 "quotes" \\ back\\slash\n',
    data: { columns: ['工号', '销售额达成'], rows: [['S001', '96.5%'], ['S002', '¥1,200']] },
    example: '店长',
    lang: 'en',
  };

  it('are versioned `#v1=` and URL-safe', () => {
    const h = encodeShare(state);
    expect(h.startsWith('#v1=')).toBe(true);
    expect(h.slice(4)).toMatch(/^[A-Za-z0-9+\-$]*$/);
  });

  it('restore plan and data exactly', () => {
    expect(decodeShare(encodeShare(state))).toEqual({ ok: true, state });
  });

  it('round-trip any plan text and table', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.array(fc.array(fc.string(), { maxLength: 4 }), { maxLength: 5 }), (plan, rows) => {
        const s: SharedState = { plan, data: { columns: ['id', 'a', 'b', 'c'], rows } };
        expect(decodeShare(encodeShare(s))).toEqual({ ok: true, state: s });
      }),
      { numRuns: 200 },
    );
  });

  it('report damaged, foreign and future links instead of throwing', () => {
    expect(decodeShare('')).toEqual({ ok: 'empty' });
    expect(decodeShare('#')).toEqual({ ok: 'empty' });
    expect(decodeShare('#v1=%%%not-a-plan')).toMatchObject({ ok: false });
    expect(decodeShare('#v1=' + encodeShare(state).slice(4, 20))).toMatchObject({ ok: false });
    expect(decodeShare('#section-2')).toEqual({ ok: false, reason: 'not a share link' });
    expect(decodeShare('#v9=abc')).toEqual({ ok: false, reason: 'unsupported share-link version v9' });
    // valid compression of something that is not a plan
    const lz = encodeShare({ plan: 'x' }).slice(4);
    expect(decodeShare(`#v1=${lz}`)).toMatchObject({ ok: true });
    fc.assert(
      fc.property(fc.string(), (junk) => {
        const r = decodeShare(`#v1=${junk}`);
        expect(r.ok === true || r.ok === false).toBe(true);
      }),
    );
  });
});

describe('loading tables', () => {
  it('reads CSV with a BOM, quoted cells and CRLF', () => {
    const text = '\ufeff工号,姓名,销售额达成\r\nS001,"张, 伟",105%\r\nS002,王芳,"1,200"\r\n';
    const r = parseCsvBytes(new TextEncoder().encode(text));
    expect(r).toEqual({
      ok: true,
      encoding: 'utf-8',
      table: { columns: ['工号', '姓名', '销售额达成'], rows: [['S001', '张, 伟', '105%'], ['S002', '王芳', '1,200']] },
    });
  });

  it('reads CSV saved by Excel in GBK', () => {
    // 工号,销售额 / S1,95% in GBK
    const gbk = new Uint8Array([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xcf, 0xfa, 0xca, 0xdb, 0xb6, 0xee, 0x0a, 0x53, 0x31, 0x2c, 0x39, 0x35, 0x25, 0x0a]);
    const r = parseCsvBytes(gbk);
    expect(r).toMatchObject({ ok: true, table: { columns: ['工号', '销售额'], rows: [['S1', '95%']] } });
  });

  it('reads the first sheet of an XLSX file as the cells show', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['工号', '销售额达成', '人数'],
      ['S001', 0.965, 12],
    ]);
    ws['B2'].z = '0.0%';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '数据');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const r = await loadFile('actuals.xlsx', bytes);
    expect(r).toEqual({ ok: true, table: { columns: ['工号', '销售额达成', '人数'], rows: [['S001', '96.5%', '12']] } });
  });

  it('reports a broken workbook instead of throwing', async () => {
    const r = await loadFile('broken.xlsx', new Uint8Array([80, 75, 3, 4, 0, 0, 1, 2, 3]));
    expect(r.ok).toBe(false);
  });

  it('splits text pasted from Excel on tabs and lines', () => {
    expect(parsePasted('S001\t105%\t0.8%\r\nS002\t96.5%\t1.25%\r\n')).toEqual([
      ['S001', '105%', '0.8%'],
      ['S002', '96.5%', '1.25%'],
    ]);
    expect(parsePasted('105%\n96%\n')).toEqual([['105%'], ['96%']]);
    expect(splitDelimited('a;b\n1;2\n', ';')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
