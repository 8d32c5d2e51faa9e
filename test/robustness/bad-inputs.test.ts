/**
 * Every bad input of docs/bad-inputs.md, through the BUILT CLI as a subprocess (issue 6, part 3).
 *
 * Each case runs `kpi score <plan> --data <file> -o out.csv` in a directory of its own and checks:
 * the exit code, the message (with row and column where the input has them), no stack trace, nothing on
 * stdout, no `out.csv` and no temp file left behind, and every input file byte-identical afterwards
 * (SHA-256 before and after). The table in docs/bad-inputs.md has one row per case `id` below (checked).
 *
 * test/cli/score.test.ts covers the same ground for its fixtures with golden messages; the fixtures are
 * reused here (copied) so every case of the table sits in one place.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, kpi, ROOT } from '../cli/helpers.js';

const ExcelJS = createRequire(join(ROOT, 'packages/cli/package.json'))('exceljs') as typeof import('exceljs');
const root = mkdtempSync(join(tmpdir(), 'kpi-bad-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const H = ['工号', '姓名', '销售额', '流失率', '满意度', '创新'];
const csv = (...lines: string[]) => `${lines.join('\n')}\n`;
type Content = string | Uint8Array | (() => Promise<Uint8Array>);

async function xlsx(fill: (ws: import('exceljs').Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date('2025-01-01T00:00:00Z');
  wb.modified = wb.created;
  fill(wb.addWorksheet('数据'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface Case {
  /** the row id in docs/bad-inputs.md */
  id: string;
  /** files in the case's directory; `shop.kpi` is always there (test/cli/fixtures/shop.kpi) */
  files: Record<string, Content>;
  args: string[];
  code: number;
  stderr: RegExp[];
  /** a scored case: what the report must hold instead */
  report?: RegExp;
}

const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const score = (data: string, ...more: string[]) => ['score', 'shop.kpi', '--data', data, ...more];

export const CASES: Case[] = [
  // ---- the file as a whole ----
  { id: 'missing-file', files: {}, args: score('nope.csv'), code: 2, stderr: [/KPI0801 cannot read data file `nope.csv`/] },
  { id: 'empty-file', files: { 'empty.csv': fixture('empty.csv') }, args: score('empty.csv'), code: 2, stderr: [/empty.csv:1 error KPI0802 `empty.csv` is empty/] },
  { id: 'header-only', files: { 'header-only.csv': fixture('header-only.csv') }, args: score('header-only.csv'), code: 2, stderr: [/header-only.csv:2 error KPI0803 the data file has a header but no data rows/] },
  { id: 'unclosed-quote', files: { 'q.csv': csv(H.join(','), 'S001,"张伟,100%,4%,5,1') }, args: score('q.csv'), code: 2, stderr: [/q.csv:2 error KPI0801 `q.csv` is not valid CSV: Quote Not Closed/] },
  // ---- encodings ----
  {
    id: 'utf16-no-bom',
    files: { 'u16.csv': new Uint8Array(Buffer.from(csv(H.join(','), 'S001,张伟,100%,4%,5,1'), 'utf16le')) },
    args: score('u16.csv'),
    code: 2,
    stderr: [/u16.csv:1 error KPI0801 `u16.csv` is not a CSV text file: it holds NUL bytes/, /--encoding utf-16le/],
  },
  {
    id: 'bad-utf8-bytes',
    files: { 'bad.csv': new Uint8Array([...Buffer.from(csv(H.join(','), 'S001,张伟,100%,4%,5,1')), ...Buffer.from('S002,'), 0xff, 0xfe, ...Buffer.from(',90%,5%,4,0\n')]) },
    args: score('bad.csv'),
    code: 2,
    stderr: [/bad.csv:3 error KPI0801 `bad.csv` is UTF-8 except for row 3: byte 80 \(0xff\) is not UTF-8/],
  },
  {
    // found by test/robustness/data-fuzz.test.ts: the reader crashed (TypeError) on a UTF-8 file cut inside a character
    id: 'cut-inside-a-character',
    files: { 'cut.csv': new Uint8Array(Buffer.from(csv(H.join(','), 'S001,张伟,100%,4%,5,1', 'S002,王')).subarray(0, -2)) },
    args: score('cut.csv'),
    code: 2,
    stderr: [/cut.csv:3 error KPI0801 `cut.csv` ends in the middle of a character \(row 3\): the file was cut short/],
  },
  {
    id: 'latin1',
    files: { 'l1.csv': new Uint8Array(Buffer.from('Nr,Name,Umsatz\nS001,Jürgen,100%\n', 'latin1')) },
    args: score('l1.csv'),
    code: 2,
    stderr: [/l1.csv:1 error KPI0804 column `销售额` is missing from the data file/],
  },
  { id: 'unknown-encoding', files: { 'good.csv': fixture('good.csv') }, args: score('good.csv', '--encoding', 'klingon'), code: 2, stderr: [/KPI0801 unknown encoding `klingon`/] },
  { id: 'xlsx-named-csv', files: { 'book.csv': fixture('good.xlsx') }, args: score('book.csv'), code: 2, stderr: [/book.csv:1 error KPI0801 `book.csv` is not a CSV text file: it holds NUL bytes/, /an .xlsx renamed to .csv/] },
  { id: 'csv-named-xlsx', files: { 'data.xlsx': fixture('good.csv') }, args: score('data.xlsx'), code: 2, stderr: [/data.xlsx error KPI0801 `data.xlsx` is not an Excel workbook/] },
  { id: 'old-xls', files: { 'old.xls': fixture('good.csv') }, args: score('old.xls'), code: 2, stderr: [/KPI0801 `old.xls` is an old Excel .xls file/] },
  // ---- line ends ----
  {
    id: 'mixed-line-ends',
    files: { 'eol.csv': `${H.join(',')}\r\nS001,张伟,100%,4%,5,1\nS002,王芳,90%,5%,4,0\rS003,李娜,80%,5%,4,1\r\n` },
    args: score('eol.csv'),
    code: 0,
    stderr: [/scored 3 rows/],
    report: /^\ufeff工号,总分.*\r\nS001,102,.*\r\nS002,90,.*\r\nS003,86,/s,
  },
  // ---- header ----
  { id: 'missing-column', files: { 'mc.csv': fixture('missing-column.csv') }, args: score('mc.csv'), code: 2, stderr: [/mc.csv:1 error KPI0804 column `销售额` is missing/, /did you mean `销售额达成`\?/] },
  { id: 'missing-id-column', files: { 'good.csv': fixture('good.csv') }, args: score('good.csv', '--id', '编号'), code: 2, stderr: [/good.csv:1 error KPI0807 id column `编号` is not in the data file/, /did you mean `工号`\?/] },
  {
    id: 'duplicate-header',
    files: { 'dh.csv': csv('工号,姓名,销售额,销售额,满意度,创新', 'S001,张伟,100%,4%,5,1') },
    args: score('dh.csv'),
    code: 2,
    stderr: [/dh.csv:1 error KPI0805 column `销售额` appears 2 times in the header \(columns 3, 4\)/],
  },
  {
    id: 'blank-header',
    files: { 'bh.csv': csv('工号,姓名,销售额,流失率,满意度,,创新', 'S001,张伟,100%,4%,5,,1', 'S002,王芳,100%,4%,5,x,1') },
    args: score('bh.csv'),
    code: 0,
    stderr: [/bh.csv:3 warning KPI0806 column 6 has data but no header; it is ignored/],
    report: /S002,102/,
  },
  // ---- rows ----
  { id: 'ragged-rows', files: { 'rg.csv': fixture('ragged.csv') }, args: score('rg.csv'), code: 2, stderr: [/rg.csv:3 error KPI0810 row 3 has 4 cells, the header has 6/, /rg.csv:4 error KPI0810 row 4 has 7 cells/] },
  { id: 'duplicate-id', files: { 'di.csv': fixture('duplicate-id.csv') }, args: score('di.csv'), code: 2, stderr: [/di.csv:4 error KPI0808 id `S001` in row 4 was already used in row 2/] },
  { id: 'blank-id', files: { 'bi.csv': csv(H.join(','), 'S001,张伟,100%,4%,5,1', ',王芳,90%,5%,4,0') }, args: score('bi.csv'), code: 2, stderr: [/bi.csv:3 error KPI0809 row 3 has no id in column `工号`/] },
  {
    id: 'empty-rows-csv',
    files: { 'er.csv': csv(H.join(','), 'S001,张伟,100%,4%,5,1', '', ',,,,,', 'S002,王芳,90%,5%,4,0') },
    args: score('er.csv'),
    code: 0,
    stderr: [/scored 2 rows/],
    report: /S001,102.*\r\nS002,90/s,
  },
  // ---- values ----
  {
    id: 'unreadable-values',
    files: { 'bv.csv': fixture('bad-value.csv') },
    args: score('bv.csv'),
    code: 2,
    stderr: [/bv.csv:2 error KPI0811 cannot read `abc` in column `销售额`, row 2: not a number/, /bv.csv:4 error KPI0811 cannot read `1e309`/, /3 data errors in `bv.csv`; nothing was scored/],
  },
  { id: 'blank-value', files: { 'bl.csv': csv(H.join(','), 'S001,张伟,100%,,5,1') }, args: score('bl.csv'), code: 2, stderr: [/bl.csv:2 error KPI0812 column `流失率` is blank in row 2/] },
  {
    id: 'formula-in-csv',
    files: { 'fx.csv': csv(H.join(','), 'S001,张伟,=1+2,4%,5,1', 'S002,王芳,"=SUM(A1:A3)",5%,@x,0') },
    args: score('fx.csv'),
    code: 2,
    stderr: [/fx.csv:2 error KPI0811 cannot read `=1\+2` in column `销售额`, row 2: not a number/, /fx.csv:3 error KPI0811 cannot read `@x` in column `满意度`, row 3/],
  },
  {
    id: 'non-finite-and-tiny',
    files: { 'nf.csv': csv(H.join(','), 'S001,张伟,NaN,4%,5,1', 'S002,王芳,Infinity,4%,5,1', 'S003,李娜,1e-400,4%,5,1', 'S004,刘洋,0.1234567890123456789,4%,5,1') },
    args: score('nf.csv'),
    code: 2,
    stderr: [/row 2: `NaN` is not a finite number/, /row 3: `Infinity` is not a finite number/, /row 4: too small to be read exactly/, /row 5: more than 15 significant digits cannot be read exactly/],
  },
  {
    id: 'out-of-range',
    files: { 'or.csv': csv(H.join(','), 'S001,张伟,100%,4%,9,1', 'S002,王芳,100%,4%,0,1') },
    args: score('or.csv'),
    code: 2,
    stderr: [/or.csv:2 error KPI0903 row 2 \(`S001`\): mark 9 in column `满意度` is outside the rating scale 1..5/, /or.csv:3 error KPI0903 row 3 \(`S002`\): mark 0/],
  },
  {
    id: 'negative-values',
    files: { 'ng.csv': csv(H.join(','), 'S001,张伟,-50%,150%,1,0') },
    args: score('ng.csv'),
    code: 0,
    stderr: [/scored 1 row/],
    // linear never below 0; churn 150% against 5% → 3.33; rating 1 → 20
    report: /S001,4\.67,C,0\.8,0,0,3\.3333,20/,
  },
  {
    id: 'negative-count',
    files: { 'nc.csv': csv(H.join(','), 'S001,张伟,100%,4%,5,-3') },
    args: score('nc.csv'),
    code: 2,
    stderr: [/nc.csv:2 error KPI0811 `-3` in column `创新`, row 2 is negative, but it counts events/],
  },
  // ---- XLSX ----
  {
    id: 'xlsx-formula-no-value',
    files: {
      'fx.xlsx': () =>
        xlsx((ws) => {
          ws.addRow(H);
          ws.addRow(['S001', '张伟', { formula: 'A1*2' } as unknown as number, 0.04, 5, 1]);
        }),
    },
    args: score('fx.xlsx'),
    code: 2,
    stderr: [/fx.xlsx:2 error KPI0811 cannot read `=A1\*2` in column `销售额`, row 2: not a number/],
  },
  {
    id: 'xlsx-formula-with-value',
    files: {
      'fv.xlsx': () =>
        xlsx((ws) => {
          ws.addRow(H);
          ws.addRow(['S001', '张伟', { formula: 'B9/B10', result: 0.9 } as unknown as number, 0.05, 4, 0]);
        }),
    },
    args: score('fv.xlsx'),
    code: 0,
    stderr: [/scored 1 row/],
    report: /S001,90,/,
  },
  {
    id: 'xlsx-merged-cells',
    files: {
      'mg.xlsx': () =>
        xlsx((ws) => {
          ws.addRow(H);
          ws.addRow(['S001', '张伟', 1, 0.04, 5, 1]);
          ws.addRow(['S002', '王芳', null, 0.05, 4, 0]);
          ws.mergeCells('C2:C3');
        }),
    },
    args: score('mg.xlsx'),
    code: 2,
    stderr: [/mg.xlsx:3 error KPI0811 cannot read `\(merged with C2\)` in column `销售额`, row 3: not a number/],
  },
  {
    id: 'xlsx-empty-rows',
    files: {
      'er.xlsx': () =>
        xlsx((ws) => {
          ws.addRow([]);
          ws.addRow(H);
          ws.addRow(['S001', '张伟', 1, 0.04, 5, 1]);
          ws.addRow([]);
          ws.addRow(['S002', '王芳', 0.9, 0.05, 4, 0]);
        }),
    },
    args: score('er.xlsx'),
    code: 0,
    stderr: [/scored 2 rows/],
    report: /S001,102.*\r\nS002,90/s,
  },
  {
    id: 'xlsx-error-date-bool-cells',
    files: {
      'ec.xlsx': () =>
        xlsx((ws) => {
          ws.addRow(H);
          ws.addRow(['S001', '张伟', { error: '#DIV/0!' } as unknown as number, 0.04, 5, 1]);
          ws.addRow(['S002', '王芳', new Date('2025-01-01T00:00:00Z'), 0.05, true, 0]);
        }),
    },
    args: score('ec.xlsx'),
    code: 2,
    stderr: [/ec.xlsx:2 error KPI0811 cannot read `#DIV\/0!` in column `销售额`, row 2/, /ec.xlsx:3 error KPI0811 cannot read `2025-01-01` in column `销售额`, row 3/, /ec.xlsx:3 error KPI0811 cannot read `true` in column `满意度`, row 3/],
  },
  { id: 'xlsx-empty-sheet', files: { 'es.xlsx': () => xlsx(() => undefined) }, args: score('es.xlsx'), code: 2, stderr: [/es.xlsx:1 error KPI0802 sheet `数据` of `es.xlsx` is empty/] },
  { id: 'xlsx-header-only', files: { 'ho.xlsx': () => xlsx((ws) => void ws.addRow(H)) }, args: score('ho.xlsx'), code: 2, stderr: [/ho.xlsx:2 error KPI0803 the data file has a header but no data rows/] },
  { id: 'xlsx-unknown-sheet', files: { 'good.xlsx': fixture('good.xlsx') }, args: score('good.xlsx', '--sheet', '六月'), code: 2, stderr: [/KPI0815 `good.xlsx` has no sheet `六月`/, /its sheets are `说明`, `五月`/] },
  { id: 'xlsx-wrong-sheet', files: { 'good.xlsx': fixture('good.xlsx') }, args: score('good.xlsx'), code: 2, stderr: [/KPI0804 column `销售额` is missing/, /note: read sheet `说明`; the workbook also has `五月`/] },
  // ---- JSON ----
  { id: 'json-invalid', files: { 'b.json': '[{"工号":"S1",' }, args: score('b.json'), code: 2, stderr: [/b.json error KPI0801 the data file is not valid JSON at line 1, column 13: /] },
  { id: 'json-not-array', files: { 'o.json': '{"工号":"S1"}' }, args: score('o.json'), code: 2, stderr: [/o.json error KPI0817 the JSON data file is not an array/] },
  { id: 'json-not-objects', files: { 'n.json': '[1,2]' }, args: score('n.json'), code: 2, stderr: [/n.json error KPI0817 item 1 of the JSON data file \(row 2\) is not an object: `1`/] },
  { id: 'json-empty-array', files: { 'e.json': '[]' }, args: score('e.json'), code: 2, stderr: [/e.json error KPI0802 `e.json` has no rows or no keys/] },
  // ---- the output ----
  {
    id: 'output-is-the-data',
    files: { 'good.csv': fixture('good.csv') },
    args: ['score', 'shop.kpi', '--data', 'good.csv', '-o', 'good.csv'],
    code: 2,
    stderr: [/error KPI0006 `-o good.csv` is the data file `good.csv`: writing there would replace it/],
  },
  {
    id: 'output-is-the-plan',
    files: { 'good.csv': fixture('good.csv') },
    args: ['score', 'shop.kpi', '--data', 'good.csv', '-o', 'shop.kpi'],
    code: 2,
    stderr: [/error KPI0006 `-o shop.kpi` is the plan file `shop.kpi`/],
  },
  // ---- bad plans ----
  { id: 'plan-errors', files: { 'good.csv': fixture('good.csv'), 'broken.kpi': fixture('broken.kpi') }, args: ['score', 'broken.kpi', '--data', 'good.csv'], code: 1, stderr: [/broken.kpi:4:35 error KPI0402 target of `新客数` is 0, but `linear` divides by it/, / 4 \| {3}indicator 新客数/] },
  {
    id: 'plan-cannot-score',
    files: { 'good.csv': fixture('good.csv'), 'nt.kpi': 'plan P {\n  indicator 销售额 weight 100% scoring linear\n}\n' },
    args: ['score', 'nt.kpi', '--data', 'good.csv'],
    code: 1,
    stderr: [/nt.kpi:2:13 error KPI0911 indicator `销售额` needs a target: `linear` divides by it/],
  },
  { id: 'plan-missing', files: { 'good.csv': fixture('good.csv') }, args: ['score', 'nope.kpi', '--data', 'good.csv'], code: 2, stderr: [/error KPI0001 cannot find `nope.kpi`/] },
  { id: 'plan-empty', files: { 'good.csv': fixture('good.csv'), 'e.kpi': '' }, args: ['score', 'e.kpi', '--data', 'good.csv'], code: 2, stderr: [/error KPI0005 `e.kpi` has no plan/] },
  {
    id: 'plan-gbk',
    files: { 'good.csv': fixture('good.csv'), 'g.kpi': new Uint8Array([...Buffer.from('plan '), 0xbf, 0xbc, 0xba, 0xcb, ...Buffer.from(' {\n  indicator a weight 100% target 1 scoring linear\n}\n')]) },
    args: ['score', 'g.kpi', '--data', 'good.csv'],
    code: 2,
    stderr: [/error KPI0953 `g.kpi` is GBK \(or another legacy Chinese encoding\), not UTF-8/],
  },
  { id: 'plan-several', files: { 'good.csv': fixture('good.csv'), 'two.kpi': fixture('two-plans.kpi') }, args: ['score', 'two.kpi', '--data', 'good.csv'], code: 2, stderr: [/holds 2 plans; pick one with `--plan NAME`/] },
  {
    id: 'plan-deep-parentheses',
    files: { 'good.csv': fixture('good.csv'), 'deep.kpi': `plan P {\n  metric m = ${'('.repeat(20000)}1${')'.repeat(20000)}\n  indicator m weight 100% target 1 scoring linear\n}\n` },
    args: ['score', 'deep.kpi', '--data', 'good.csv'],
    code: 1,
    stderr: [/deep.kpi:2:78 error KPI0108 expression nested too deeply \(more than 64 parentheses\)/],
  },
  {
    id: 'plan-too-many-decimals',
    files: { 'good.csv': fixture('good.csv'), 'dec.kpi': `plan P {\n  indicator 销售额 weight 100% target 0.${'0'.repeat(40)}1 scoring linear\n}\n` },
    args: ['score', 'dec.kpi', '--data', 'good.csv'],
    code: 1,
    stderr: [/dec.kpi:2:36 error KPI0105 number `0\.0000000000…00000001` has more than 40 decimal places; it cannot be kept exactly/],
  },
];

const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

describe('bad inputs: message, exit code, no output, inputs unchanged', () => {
  const dirs = new Map<string, string>();
  beforeAll(async () => {
    for (const c of CASES) {
      const dir = join(root, c.id);
      mkdirSync(dir);
      copyFileSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
      for (const [name, content] of Object.entries(c.files)) writeFileSync(join(dir, name), typeof content === 'function' ? await content() : content);
      dirs.set(c.id, dir);
    }
  });

  it.each(CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const dir = dirs.get(c.id)!;
    const inputs = readdirSync(dir);
    const before = new Map(inputs.map((f) => [f, sha(join(dir, f))]));
    const writesOut = !c.args.includes('-o');
    const r = kpi(writesOut ? [...c.args, '-o', 'out.csv'] : c.args, { cwd: dir });
    expect(r.code, r.stderr).toBe(c.code);
    for (const p of c.stderr) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at .*\.js:\d+/);
    expect(r.stdout).toBe('');
    if (c.code === 0) {
      expect(existsSync(join(dir, 'out.csv'))).toBe(true);
      expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(c.report!);
    } else {
      expect(existsSync(join(dir, 'out.csv'))).toBe(false);
    }
    // no temp file left, nothing else created, every input byte-identical
    expect(readdirSync(dir).filter((f) => f !== 'out.csv').sort()).toEqual([...inputs].sort());
    for (const [f, h] of before) expect(sha(join(dir, f)), f).toBe(h);
  });

  it('-o through a symlink to the data file is refused too', () => {
    const dir = join(root, 'symlink');
    mkdirSync(dir);
    copyFileSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    copyFileSync(join(FIXTURES, 'good.csv'), join(dir, 'good.csv'));
    symlinkSync('good.csv', join(dir, 'link.csv'));
    const h = sha(join(dir, 'good.csv'));
    const r = kpi(['score', 'shop.kpi', '--data', 'good.csv', '-o', 'link.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/`-o link.csv` is the data file `good.csv`/);
    expect(sha(join(dir, 'good.csv'))).toBe(h);
    const c = kpi(['compile', 'shop.kpi', '-o', 'shop.kpi'], { cwd: dir });
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/`-o shop.kpi` is the plan file `shop.kpi`/);
  });

  it('docs/bad-inputs.md has a row for every case, and every row is a case', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'bad-inputs.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(rows.sort()).toEqual(CASES.map((c) => c.id).sort());
  });
});
