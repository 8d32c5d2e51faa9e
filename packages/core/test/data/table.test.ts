import { describe, expect, it } from 'vitest';
import { bindTable, createBinder, nearest } from '../../src/data/table.js';
import { tableFromJson } from '../../src/data/json.js';
import type { InputColumn } from '../../src/model/results.js';

const input = (column: string, extra: Partial<InputColumn> = {}): InputColumn => ({
  column,
  role: 'actual',
  optional: false,
  readers: [column],
  ...extra,
});
const inputs = [input('销售额达成'), input('人员流失率'), input('创新提案', { role: 'bonus-input', optional: true })];
const header = ['工号', '姓名', '销售额达成', '人员流失率', '创新提案'];

describe('bindTable', () => {
  it('binds values aligned with the inputs, NaN for an optional blank', () => {
    const t = bindTable(header, [['S001', '张伟', '105%', '0.8%', '']], inputs, { fileName: 'd.csv' });
    expect(t.ok).toBe(true);
    expect(t.diagnostics).toEqual([]);
    expect(t.rows).toHaveLength(1);
    const r = t.rows[0]!;
    expect(r.row).toBe(2);
    expect(r.id).toBe('S001');
    expect([...r.values].slice(0, 2)).toEqual([1.05, 0.008]);
    expect(Number.isNaN(r.values[2])).toBe(true);
    expect(r.errors).toEqual([]);
  });

  it('reports a missing required column with the nearest header', () => {
    const t = bindTable(['工号', '销售额达成率', '人员流失率'], [], inputs, { fileName: 'd.csv' });
    expect(t.ok).toBe(false);
    expect(t.diagnostics).toHaveLength(1);
    expect(t.diagnostics[0]).toMatchObject({
      code: 'KPI0804',
      severity: 'error',
      file: 'd.csv',
      message: 'column `销售额达成` is missing from the data file (read by `销售额达成`)',
      data: { row: 1, column: '销售额达成' },
    });
    expect(t.diagnostics[0]!.help).toMatch(/did you mean `销售额达成率`/);
  });

  it('reports a misspelt rater column instead of dropping that rater; a blank mark in a row is allowed', async () => {
    const { parseText } = await import('../../src/parser/index.js');
    const { compilePlan } = await import('../../src/compile/index.js');
    const plan = parseText('p.kpi', 'plan 测试 {\n  indicator 执行力 weight 100% scoring rating 1..5 raters { self 10%, manager 70%, peer 20% }\n}\n').file.plans[0]!;
    const { compiled } = compilePlan(plan);
    const misspelt = bindTable(['工号', '执行力.self', '执行力.manger', '执行力.peer'], [['A1', '4', '5', '3']], compiled!.inputs);
    expect(misspelt.ok).toBe(false);
    expect(misspelt.diagnostics).toHaveLength(1);
    expect(misspelt.diagnostics[0]).toMatchObject({ code: 'KPI0804', message: 'column `执行力.manager` is missing from the data file (read by `执行力`)' });
    expect(misspelt.diagnostics[0]!.help).toMatch(/did you mean `执行力.manger`\? .*rename `执行力.manger` to `执行力.manager`/);
    // all three columns present, the peer mark blank: the row is bound and scored from self and manager
    const blank = bindTable(['工号', '执行力.self', '执行力.manager', '执行力.peer'], [['A1', '4', '5', '']], compiled!.inputs);
    expect(blank.ok).toBe(true);
    const out = compiled!.score(blank.rows[0]!.values);
    // (4 × 10% + 5 × 70%) ÷ 80% = 4.875 → 100 × 4.875 ÷ 5 = 97.5
    expect(out.ok && out.result.total).toBe(97.5);
  });

  it('rejects a negative count for a deduction or a bonus (it would add points), naming row, column and value', () => {
    const counts = [input('违纪次数', { role: 'count' }), input('创新提案', { role: 'bonus-input', optional: true })];
    const t = bindTable(['工号', '违纪次数', '创新提案'], [['A1', '-3', '1'], ['A2', '2', '-1'], ['A3', '0', '']], counts);
    expect(t.rows.map((r) => r.errors.map((e) => [e.code, e.message]))).toEqual([
      [['KPI0811', '`-3` in column `违纪次数`, row 2 is negative, but it counts events']],
      [['KPI0811', '`-1` in column `创新提案`, row 3 is negative, but it counts events']],
      [],
    ]);
  });

  it('gives no percent hint for a value pushed into the wrong column of a ragged row', () => {
    const hinted = [input('销售额达成'), input('人员流失率')];
    const opts = { percentHints: new Map([['销售额达成', { target: 1 }], ['人员流失率', { target: 0.01 }]]) };
    const t = bindTable(['工号', '销售额达成', '人员流失率'], [['A1', '1', '200', '5%']], hinted, opts);
    expect(t.diagnostics.concat(t.rows.flatMap((r) => r.errors)).map((x) => x.code)).toEqual(['KPI0810']);
  });

  it('suggests `input` with the column quoted when it is not a plain name', () => {
    const t = bindTable(['工号', '一次解决率 得分'], [], [input('一次解决率')]);
    expect(t.diagnostics[0]!.help).toBe('did you mean `一次解决率 得分`? Rename the column, or point the indicator at it with `input "一次解决率 得分"`');
  });

  it('does not require a column whose readers all have a default', () => {
    const t = bindTable(['工号', '销售额达成', '人员流失率'], [['a', '1', '1']], inputs);
    expect(t.ok).toBe(true);
    expect(Number.isNaN(t.rows[0]!.values[2])).toBe(true);
  });

  it('matches headers with stray spaces and full-width punctuation', () => {
    const t = bindTable(['工号', ' 销售额达成 ', '人员流失率', '创新提案'], [['a', '1', '1', '2']], inputs);
    expect(t.ok).toBe(true);
    const t2 = bindTable(['id', 'GMV（含税）'], [['a', '5']], [input('GMV (含税)')]);
    expect(t2.ok).toBe(true);
    expect(t2.rows[0]!.values[0]).toBe(5);
  });

  it('reports a duplicate header the plan reads', () => {
    const t = bindTable(['工号', '销售额达成', '销售额达成', '人员流失率'], [], inputs);
    expect(t.diagnostics.map((d) => d.code)).toEqual(['KPI0805']);
    expect(t.diagnostics[0]!.message).toMatch(/appears 2 times.*columns 2, 3/);
  });

  it('reports unreadable and blank values with row, column and value', () => {
    const t = bindTable(header, [['S001', '张', 'abc', '', '']], inputs, { fileName: 'd.csv' });
    const errs = t.rows[0]!.errors;
    expect(errs.map((e) => e.code)).toEqual(['KPI0811', 'KPI0812']);
    expect(errs[0]).toMatchObject({ data: { row: 2, column: '销售额达成', value: 'abc' }, file: 'd.csv' });
    expect(errs[0]!.message).toBe('cannot read `abc` in column `销售额达成`, row 2: not a number');
    expect(errs[1]!.message).toBe('column `人员流失率` is blank in row 2');
  });

  it('reports duplicate ids with the first row', () => {
    const t = bindTable(header, [['S1', '', '1', '1', ''], ['S2', '', '1', '1', ''], ['S1', '', '1', '1', '']], inputs);
    expect(t.rows[2]!.errors).toMatchObject([{ code: 'KPI0808', message: 'id `S1` in row 4 was already used in row 2' }]);
  });

  it('reports short rows and rows with extra values, but tolerates trailing blank cells', () => {
    const t = bindTable(header, [['S1', 'x', '1'], ['S2', 'x', '1', '1', '', '9'], ['S3', 'x', '1', '1', '', '', '']], inputs);
    expect(t.rows[0]!.errors.map((e) => e.code)).toContain('KPI0810');
    expect(t.rows[0]!.errors[0]!.message).toBe('row 2 has 3 cells, the header has 5');
    expect(t.rows[1]!.errors.map((e) => e.code)).toEqual(['KPI0810']);
    expect(t.rows[2]!.errors).toEqual([]);
  });

  it('skips blank rows but keeps spreadsheet row numbers', () => {
    const t = bindTable(header, [['', '', '', '', ''], ['S2', '', 'x', '1', '']], inputs);
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]!.row).toBe(3);
  });

  it('reports a header without rows and an empty header', () => {
    expect(bindTable(header, [], inputs).diagnostics.map((d) => d.code)).toEqual(['KPI0803']);
    expect(bindTable([], [], inputs).diagnostics.map((d) => d.code)).toEqual(['KPI0802']);
  });

  it('uses --id and reports an unknown id column with a suggestion', () => {
    const ok = bindTable(header, [['S1', '张伟', '1', '1']], inputs, { idColumn: '姓名' });
    expect(ok.rows[0]!.id).toBe('张伟');
    const bad = bindTable(header, [], inputs, { idColumn: '姓 名x' });
    expect(bad.diagnostics[0]).toMatchObject({ code: 'KPI0807' });
    expect(bad.diagnostics[0]!.help).toMatch(/`姓名`/);
  });

  it('warns once per column about a value that looks like a percent without `%`', () => {
    const t = bindTable(header, [['S1', '', '95', '1%'], ['S2', '', '97', '1%'], ['S3', '', '1.05', '1%']], inputs, {
      percentHints: new Map([['销售额达成', { target: 0.98 }]]),
    });
    expect(t.ok).toBe(true);
    expect(t.diagnostics).toHaveLength(1);
    expect(t.diagnostics[0]).toMatchObject({ code: 'KPI0813', severity: 'warning', data: { row: 2, column: '销售额达成', value: '95' } });
    expect(t.diagnostics[0]!.message).toBe('`95` in column `销售额达成`, row 2 (and 1 more row), reads as 9500%, but the target is 98%');
    expect(t.diagnostics[0]!.help).toMatch(/`95%`.*`0.95`/);
  });

  it('warns about data in a column without a header', () => {
    const t = bindTable(['工号', '销售额达成', '人员流失率', ''], [['a', '1', '1', 'x']], inputs);
    expect(t.diagnostics).toMatchObject([{ code: 'KPI0806', data: { row: 2 } }]);
  });

  it('takes numbers from spreadsheet cells as they are', () => {
    const t = bindTable(header, [['S1', null, 0.965, 0.0125, 3]], inputs);
    expect([...t.rows[0]!.values]).toEqual([0.965, 0.0125, 3]);
  });

  it('streams: createBinder keeps row numbers given by the reader', () => {
    const b = createBinder(header, inputs);
    expect(b.ok).toBe(true);
    expect(b.bindRow(['S9', '', '1', '1'], 10)!.row).toBe(10);
    expect(b.rowCount).toBe(1);
    expect(b.finish()).toEqual([]);
  });
});

describe('nearest', () => {
  it('suggests a close header and nothing for an unrelated one', () => {
    expect(nearest('销售额达成', ['工号', '销售额达成率', '姓名'])).toBe('销售额达成率');
    expect(nearest('会员流失率', ['工号', '姓名'])).toBeUndefined();
  });
});

describe('tableFromJson', () => {
  it('reads an array of objects, keys in first-seen order', () => {
    const t = tableFromJson('[{"id":"a","x":"95%"},{"id":"b","y":2,"x":null}]');
    expect(t).toEqual({ ok: true, header: ['id', 'x', 'y'], rows: [['a', '95%', null], ['b', null, 2]] });
  });
  it('rejects JSON that is not an array of objects', () => {
    expect(tableFromJson('{"a":1}')).toMatchObject({ ok: false, diagnostic: { code: 'KPI0817' } });
    expect(tableFromJson('[1]')).toMatchObject({ ok: false, diagnostic: { code: 'KPI0817' } });
    expect(tableFromJson('[{')).toMatchObject({ ok: false, diagnostic: { code: 'KPI0801' } });
  });
});
