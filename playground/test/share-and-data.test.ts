/** Share links and table loading, in Node (the same modules the browser bundle uses). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { render, type MessageRef } from '@kpi/core/diag';
import { decodeShare, encodeShare, type SharedState } from '../src/store/share.js';
import { parse as parseSync } from 'csv-parse/browser/esm/sync';
import { CSV_PARSE_OPTIONS, csvLines, reportCsv, sniffDelimiter, worksheetRows, type ReportShape, type RowResult } from '@kpi/core';

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
    expect(decodeShare('#section-2')).toEqual({ ok: false, reason: { id: 'ui.pg.link-not-share', args: {} } });
    const future = decodeShare('#v9=abc');
    expect(future).toEqual({ ok: false, reason: { id: 'ui.pg.link-version', args: { version: 'v9' } } });
    // the reason is said in the page's language when shown
    const reason = (future as { reason: MessageRef }).reason;
    expect([render(reason, 'en'), render(reason, 'zh')]).toEqual(['unsupported share-link version v9', '不支持的分享链接版本 v9']);
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


describe('one report writer and one set of data-reading rules (core), as the playground uses them', () => {
  const result = (total: number, grade: string): RowResult => ({
    total,
    grade,
    coefficient: 1.2,
    bonus: 0,
    vetoes: [],
    indicators: [{ name: '销售额达成', path: [], actual: 1.05, ratio: 1.05, score: 105, weight: 0.7, weighted: 73.5 }],
  }) as unknown as RowResult;
  const shape: ReportShape = { idHeader: '工号', keep: [], indicators: ['销售额达成'], hasGrades: true, hasBonus: false, hasPenalty: false, hasVeto: false, round: 2, lang: 'zh' };

  it('writes the CLI\'s CSV: BOM, report-shape headers, CRLF, and formula-like ids guarded', () => {
    const csv = reportCsv(shape, [
      { id: 'S001', result: result(90.05, 'A') },
      { id: '=HYPERLINK("x")', result: result(70, 'B') },
    ]);
    expect(csv).toBe('\ufeff工号,总分,等级,绩效系数,销售额达成 得分\r\nS001,90.05,A,1.2,105\r\n"\'=HYPERLINK(""x"")",70,B,1.2,105\r\n');
    // the same lines the CLI streams
    const lines = csvLines(shape);
    expect(lines.header + lines.row('S001', result(90.05, 'A'))).toBe(csv.split('\r\n').slice(0, 2).join('\r\n') + '\r\n');
  });

  it('splits CSV text with the CLI\'s options and sniffed delimiter (csv-parse, browser build)', () => {
    const text = '\ufeff工号;姓名;销售额达成\r\nS001;"张; 伟";105%\nS002;王芳;"1,200"\r';
    const rows = parseSync(text, { ...CSV_PARSE_OPTIONS, record_delimiter: [...CSV_PARSE_OPTIONS.record_delimiter], delimiter: sniffDelimiter('工号;姓名;销售额达成') }) as string[][];
    expect(rows).toEqual([
      ['工号', '姓名', '销售额达成'],
      ['S001', '张; 伟', '105%'],
      ['S002', '王芳', '1,200'],
    ]);
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('a,b', '.tsv')).toBe('\t');
  });

  it('reads a workbook with exceljs into cells as `kpi score` does (numbers, formulas, merged cells)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['工号', '姓名', '销售额达成']);
    ws.addRow(['S001', { richText: [{ text: '张' }, { text: '伟' }] }, 0.965]);
    ws.addRow(['S002', '王芳', { formula: 'C2+0.1', result: 1.065 }]);
    ws.addRow(['S003', '李娜']);
    ws.mergeCells('B3:B4');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const read = worksheetRows(back.worksheets[0]!)!;
    expect(read.header).toEqual(['工号', '姓名', '销售额达成']);
    expect(read.rows.map((r) => [r.row, r.cells])).toEqual([
      [2, ['S001', '张伟', 0.965]],
      [3, ['S002', '王芳', 1.065]],
      [4, ['S003', '(merged with B3)', null]],
    ]);
  });
});
