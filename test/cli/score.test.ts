import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { golden, kpi, ROOT } from './helpers.js';

const require = createRequire(join(ROOT, 'packages/cli/package.json'));
const ExcelJS = require('exceljs') as typeof import('exceljs');

const tmp = mkdtempSync(join(tmpdir(), 'kpi-score-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kpi score: outputs', () => {
  it('prints a table with CJK-aligned columns (golden)', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv']);
    expect(r.code).toBe(0);
    // good.csv writes 销售额 both as `105%` and as full-width `０.８５` on purpose: read alike, and worth a look (KPI0819)
    expect(r.stderr).toMatch(/^good\.csv:5 warning KPI0819 column `销售额` writes percents in 2 ways/);
    expect(r.stderr.match(/warning|error/g)).toHaveLength(1);
    golden('score-table.txt', r.stdout);
  });

  it('writes CSV with a UTF-8 BOM (golden)', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('\ufeff工号,总分,等级,绩效系数')).toBe(true);
    golden('score-csv.csv', r.stdout);
  });

  it('writes JSON with id, total, grade, coefficient and indicators keyed by name (golden)', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; total: number; grade: string; coefficient: number; indicators: Record<string, { actual: number; score: number; weighted: number }> }[];
    expect(rows.map((x) => [x.id, x.total, x.grade, x.coefficient])).toEqual([
      ['S001', 105, 'A', 1.2],
      ['S002', 82, 'B', 1],
      ['S003', 104, 'A', 1.2],
      ['S004', 93, 'A', 1.2],
    ]);
    expect(rows[1]!.indicators['流失率']).toMatchObject({ actual: 0.1, score: 50, weighted: 10 });
    golden('score-json.json', r.stdout);
  });

  it('reads currency amounts with grouping commas', () => {
    const r = kpi(['score', 'money.kpi', '--data', 'money.csv', '--format', 'json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; total: number }[];
    expect(rows.map((x) => [x.id, x.total])).toEqual([
      ['M1', 120],
      ['M2', 90],
      ['M3', 100],
      ['M4', 50],
    ]);
  });

  it('scores the GBK, UTF-8-with-BOM, JSON and XLSX twins of a file identically', () => {
    const base = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--format', 'csv']).stdout;
    expect(kpi(['score', 'shop.kpi', '--data', 'good-gbk.csv', '--format', 'csv']).stdout).toBe(base);
    expect(kpi(['score', 'shop.kpi', '--data', 'good-gbk.csv', '--encoding', 'gbk', '--format', 'csv']).stdout).toBe(base);
    expect(kpi(['score', 'shop.kpi', '--data', 'good-bom.csv', '--format', 'csv']).stdout).toBe(base);
    expect(kpi(['score', 'shop.kpi', '--data', 'good.json', '--format', 'csv']).stdout).toBe(base);
    expect(kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '五月', '--format', 'csv']).stdout).toBe(base);
  });

  it('reads an XLSX and writes an XLSX report with Chinese headers, grades, number formats and a frozen header', async () => {
    const out = join(tmp, '结果.xlsx');
    const r = kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '五月', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/scored 4 rows/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('考核结果');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['工号', '总分', '等级', '绩效系数', '加分', '销售额 得分', '流失率 得分', '满意度 得分']);
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['S002', 82, 'B', 1, 2, 90, 50, 80]);
    expect(ws.rowCount).toBe(5);
    expect(ws.getRow(2).getCell(2).numFmt).toBe('0.00');
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(6).width).toBeGreaterThanOrEqual(10);
  });

  it('picks the plan with --plan and the id column with --id', () => {
    const r = kpi(['score', 'two-plans.kpi', '--plan', '甲', '--data', 'good.csv', '--id', '姓名', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n').slice(0, 2)).toEqual(['\ufeff姓名,总分,销售额 得分', '张伟,100,100']);
    const several = kpi(['score', 'two-plans.kpi', '--data', 'good.csv']);
    expect(several.code).toBe(2);
    expect(several.stderr).toMatch(/holds 2 plans; pick one with `--plan NAME`/);
  });

  it('neutralises formula injection in CSV text cells', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'injection.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    const ids = r.stdout.split('\r\n').slice(1, 5).map((l) => l.split(',')[0]);
    expect(ids).toEqual([`"'=HYPERLINK(""http://x"")"`, "'+SUM(A1)", "'-1+1", "'@cmd"]);
  });

  it('warns about a value that looks like a percent written without `%`, and still scores', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'percent-mistake.csv', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning KPI0813 `95` in column `销售额`, row 2 \(and 1 more row\), reads as 9500%/);
  });

  it('exits 1 and prints the plan errors for a broken plan', () => {
    const r = kpi(['score', 'broken.kpi', '--data', 'good.csv']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken.kpi:4:35 error KPI0402/);
    expect(r.stdout).toBe('');
  });
});

describe('kpi score: data errors exit 2 with row, column and value, and leave no output file', () => {
  const cases: [string, RegExp[]][] = [
    ['missing-column.csv', [/missing-column.csv:1 error KPI0804 column `销售额` is missing/, /did you mean `销售额达成`\?/]],
    ['bad-value.csv', [/bad-value.csv:2 error KPI0811 cannot read `abc` in column `销售额`, row 2: not a number/, /bad-value.csv:3 error KPI0812 column `流失率` is blank in row 3/, /bad-value.csv:4 error KPI0811 cannot read `1e309`/, /3 data errors in `bad-value.csv`/]],
    ['rating-out-of-range.csv', [/rating-out-of-range.csv:2 error KPI09\d\d row 2 \(`S001`\): .*7.*满意度/]],
    ['duplicate-id.csv', [/duplicate-id.csv:4 error KPI0808 id `S001` in row 4 was already used in row 2/]],
    ['ragged.csv', [/ragged.csv:3 error KPI0810 row 3 has 4 cells, the header has 6/, /ragged.csv:4 error KPI0810 row 4 has 7 cells/]],
    ['empty.csv', [/empty.csv:1 error KPI0802 `empty.csv` is empty/]],
    ['header-only.csv', [/header-only.csv:2 error KPI0803 the data file has a header but no data rows/]],
  ];
  it.each(cases)('%s', (file, patterns) => {
    const out = join(tmp, `${file}.out.csv`);
    const r = kpi(['score', 'shop.kpi', '--data', file, '--format', 'csv', '-o', out]);
    expect(r.code).toBe(2);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.includes(file))).toEqual([]);
  });

  it('keeps an existing output file untouched when the new run fails', () => {
    const out = join(tmp, 'keep.csv');
    writeFileSync(out, 'old report\n');
    const r = kpi(['score', 'shop.kpi', '--data', 'bad-value.csv', '-o', out]);
    expect(r.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe('old report\n');
    expect(readdirSync(tmp).filter((f) => f.startsWith('.keep.csv'))).toEqual([]);
  });

  it('lists data errors up to --max-errors and counts the rest', () => {
    const lines = ['工号,姓名,销售额,流失率,满意度,创新'];
    for (let i = 0; i < 80; i++) lines.push(`E${i},x,bad,5%,4,0`);
    const big = join(tmp, 'many-errors.csv');
    writeFileSync(big, `${lines.join('\n')}\n`);
    const r = kpi(['score', 'shop.kpi', '--data', big]);
    expect(r.code).toBe(2);
    expect(r.stderr.match(/error KPI0811/g)).toHaveLength(50);
    expect(r.stderr).toMatch(/KPI0814 30 more data errors not shown \(80 in all\)/);
    const r5 = kpi(['score', 'shop.kpi', '--data', big, '--max-errors', '5']);
    expect(r5.stderr.match(/error KPI0811/g)).toHaveLength(5);
  });

  it('--max-errors takes a whole number of 1 or more, written in digits (the rule of --max-warnings)', () => {
    for (const bad of ['0', '1e3', '0x10', '2.5']) {
      const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--max-errors', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr).toContain(`error KPI0006 \`--max-errors\` must be a positive whole number, not \`${bad}\``);
    }
  });

  it('exits 2 for a missing data file, an unknown sheet and an unknown encoding', () => {
    expect(kpi(['score', 'shop.kpi', '--data', 'nope.csv']).stderr).toMatch(/KPI0801 cannot read data file `nope.csv`/);
    const sheet = kpi(['score', 'shop.kpi', '--data', 'good.xlsx', '--sheet', '六月']);
    expect(sheet.code).toBe(2);
    expect(sheet.stderr).toMatch(/KPI0815 `good.xlsx` has no sheet `六月`/);
    const enc = kpi(['score', 'shop.kpi', '--data', 'good.csv', '--encoding', 'klingon']);
    expect(enc.code).toBe(2);
    expect(enc.stderr).toMatch(/unknown encoding `klingon`/);
  });

  it('points at --sheet when the first sheet of a workbook lacks the columns', () => {
    const r = kpi(['score', 'shop.kpi', '--data', 'good.xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/note: read sheet `说明`; the workbook also has `五月`/);
  });
});

describe('kpi explain', () => {
  it('explains one row in Chinese and English (golden)', () => {
    const zh = kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id', 'S002']);
    expect(zh.code).toBe(0);
    golden('explain-zh.txt', zh.stdout);
    const en = kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id', 'S002', '--lang', 'en']);
    expect(en.code).toBe(0);
    golden('explain-en.txt', en.stdout);
  });

  it('gives the explanation tree as JSON', () => {
    const r = kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id-column', '姓名', '--id', '王芳', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { id: string; row: number; result: { total: number }; explanation: { indicators: unknown[] } };
    expect(j.id).toBe('王芳');
    expect(j.row).toBe(3);
    expect(j.result.total).toBe(82);
    expect(j.explanation.indicators).toHaveLength(3);
  });

  it('exits 2 for an unknown id', () => {
    const r = kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id', 'S999']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/KPI0816 no row has id `S999`/);
  });
});
