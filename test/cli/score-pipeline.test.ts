/**
 * The batch pipeline of `kpi score` (issue 14) gives the same bytes as the row-by-row path it replaced:
 * - a UTF-8 CSV (raw lines, plain numbers read from bytes, scoreInto, writers formatting from arrays) and
 *   a JSON twin of it (read by the JSON reader: cells bound one by one by bindRow, as every row was
 *   before) give byte-identical reports in every text format, and identical messages on bad rows;
 * - the CSV and JSON reports equal what the core gives row by row: bindTable + compiled.score, formatted
 *   with the report's public cellOf/csvText and JSON.stringify(jsonRow(…)).
 * On the example data and on generated data (fixed seed) with percents, fractions, grouping commas in
 * quotes, spaces, full-width digits, blanks, CRLF, a quoted line half-way (the library parser takes
 * over there) and more than one 256 KB chunk.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bindTable, displayWidth, percentHintsOf, visibleText, type Cell } from '../../packages/core/src/index.js';
import { loadCompiled } from '../../packages/cli/src/plan.js';
import { cellOf, columnsOf, jsonRow, shapeOf } from '../../packages/cli/src/writers/shape.js';
import { csvText, csvWriter, jsonWriter, tableWriter } from '../../packages/cli/src/writers/index.js';
import { Writable } from 'node:stream';
import { kpi, ROOT } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-pipeline-'));
afterAll(() => {
  if (!process.env.KPI_KEEP_TEST_FILES) rmSync(dir, { recursive: true, force: true });
});

/** the first six: plans the generated scoreInto scores; the next five use the SPEC §6 forms (penalty 扣分项,
 * `optional` indicators with N/A cells, per-person targets read from the data, steps), which score() and
 * scoreInto() leave to the exact evaluator row by row: the writers then format its results from the layout */
const PLANS = ['店长', '区域经理', '生产运营', '运营中心', '运营部', '销售部经理', '客服主管', '推广专员', '电商运营总监', '美工', '电子商务经理'];

/** a small CSV (quoted cells on one line) into header and rows */
const splitLine = (line: string): string[] => {
  const cells: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') cur += line[++i];
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cur);
      cur = '';
    } else cur += ch;
  }
  cells.push(cur);
  return cells;
};
const readPlainCsv = (text: string) => {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/).filter((l) => l !== '');
  return { header: splitLine(lines[0]!), rows: lines.slice(1).map(splitLine) };
};

/** the CSV text of rows: a cell with a comma or a quote is quoted */
const csvOf = (header: string[], rows: string[][], eol: string, quoteAt = -1) =>
  [header, ...rows]
    .map((r, i) => r.map((c) => (/[",]/.test(c) || i === quoteAt + 1 ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join(eol) + eol;

const jsonOf = (header: string[], rows: string[][]) => JSON.stringify(rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))));

let seed = 20261204;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T,>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** a cell as people write it, for an input of this role */
function valueFor(role: string, na = false): string {
  // a cell that says the indicator does not apply (SPEC §6), where an optional reader allows it
  if (na && rnd() < 0.15) return pick(['N/A', '不适用', 'na', '—']);
  if (role === 'rater') return pick(['1', '2', '3', '4', '5', '4.5', '3.25', ' 4', '５']);
  if (role === 'count' || role === 'bonus-input' || role === 'penalty-input' || role === 'veto-input') return pick(['0', '0', '0', '1', '2', '3', '0.0']);
  const x = 40 + rnd() * 100;
  switch (Math.floor(rnd() * 10)) {
    case 0:
      return (x / 100).toFixed(4);
    case 1:
      return `${x.toFixed(0)}%`;
    case 2:
      return ` ${x.toFixed(1)}% `;
    case 3:
      return `${x.toFixed(2).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}％`;
    case 4:
      return '100%';
    case 5:
      return `${(x * 1000).toFixed(0).replace(/\B(?=(\d{3})+$)/, ',')}`;
    case 6:
      return `${x.toFixed(3)}%`;
    default:
      return `${x.toFixed(1)}%`;
  }
}

async function planOf(name: string) {
  const path = join(ROOT, 'examples', `${name}.kpi`);
  const { plan, compiled } = await loadCompiled(path, `${name}.kpi`, undefined);
  return { path, plan, compiled };
}

/** the table writer's general path (row(): a RowResult through the core's cellOf) as text */
async function tableOf(shape: ReturnType<typeof shapeOf>, results: { id: string; result: Parameters<ReturnType<typeof tableWriter>['row']>[1]; kept: string[] }[]): Promise<string> {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      text += chunk.toString('utf8');
      cb();
    },
  });
  const plain = (x: string) => x;
  const w = tableWriter(sink, shape, { bold: plain, dim: plain });
  for (const r of results) w.row(r.id, r.result, r.kept);
  await w.end();
  return text;
}

/**
 * The table as SPEC's report describes it, written here from the cells' texts (not by the writer): text
 * columns left-aligned, numbers right-aligned, padded to the widest cell in display width (CJK = 2), two
 * spaces between columns, no trailing whitespace.
 */
const TEXT_COLUMNS = new Set(['id', 'keep', 'grade', 'veto', 'scoreGrade', 'periods']);
function tableReference(shape: ReturnType<typeof shapeOf>, results: { id: string; result: Parameters<ReturnType<typeof tableWriter>['row']>[1]; kept: string[] }[]): string {
  const cols = columnsOf(shape);
  const cellText = (c: (typeof cols)[number], r: (typeof results)[number]): string => {
    if (c.kind === 'keep') return visibleText(r.kept[c.index!] ?? '', false);
    const v = cellOf(c, r.id, r.result, undefined, shape.lang);
    if (TEXT_COLUMNS.has(c.kind)) return visibleText(typeof v === 'string' ? v : '', false);
    if (typeof v === 'string') return v;
    if (v === undefined || Number.isNaN(v)) return '';
    return c.kind === 'total' ? v.toFixed(shape.round) : c.kind === 'money' ? v.toFixed(2) : String(v);
  };
  const rows = [cols.map((c) => visibleText(c.header, false)), ...results.map((r) => cols.map((c) => cellText(c, r)))];
  const widths = cols.map((_, i) => Math.max(...rows.map((row) => displayWidth(row[i]!))));
  const line = (row: string[]) =>
    row
      .map((t, i) => {
        const fill = ' '.repeat(Math.max(0, widths[i]! - displayWidth(t)));
        return TEXT_COLUMNS.has(cols[i]!.kind) ? t + fill : fill + t;
      })
      .join('  ')
      .trimEnd();
  return [line(rows[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n') + '\n';
}

/** what the core gives row by row, formatted with the report's public functions */
function oracle(p: Awaited<ReturnType<typeof planOf>>, header: string[], rows: string[][], keep: string[]) {
  const bound = bindTable(header, rows as Cell[][], p.compiled.inputs, { percentHints: percentHintsOf(p.plan) });
  const shape = shapeOf(p.plan, header[0]!, 'zh', keep);
  const cols = columnsOf(shape);
  const keepIdx = keep.map((k) => header.indexOf(k));
  let csv = `\ufeff${cols.map((c) => csvText(c.header)).join(',')}\r\n`;
  const json: string[] = [];
  const results: Parameters<typeof tableOf>[1] = [];
  let errors = !bound.ok;
  for (const b of bound.rows) {
    if (b.errors.length) errors = true;
    const o = p.compiled.score(b.values);
    if (!o.ok) {
      errors = true;
      continue;
    }
    const kept = keepIdx.map((i) => String(rows[b.row - 2]![i] ?? '').trim());
    csv += `${cols.map((c) => { const v = cellOf(c, b.id, o.result, kept); return v === undefined ? '' : typeof v === 'number' ? String(v) : csvText(v); }).join(',')}\r\n`;
    json.push(JSON.stringify(jsonRow(b.id, o.result, keep.length ? { headers: keep, cells: kept } : undefined)));
    results.push({ id: b.id, result: o.result, kept });
  }
  return { errors, csv, json: json.length ? `[\n  ${json.join(',\n  ')}\n]\n` : '[]\n', table: () => tableOf(shape, results), tableReference: () => tableReference(shape, results) };
}

/** score the CSV and its JSON twin in every text format: same bytes; and the oracle's for csv and json */
async function compare(name: string, tag: string, header: string[], rows: string[][], eol: string, quoteAt = -1, keep: string[] = []) {
  const p = await planOf(name);
  const csvPath = join(dir, `${tag}.csv`);
  const jsonPath = join(dir, `${tag}.json`);
  writeFileSync(csvPath, csvOf(header, rows, eol, quoteAt));
  writeFileSync(jsonPath, jsonOf(header, rows));
  const want = oracle(p, header, rows, keep);
  const keepArgs = keep.length ? ['--keep', keep.join(',')] : [];
  for (const format of ['csv', 'json', 'table']) {
    const outA = join(dir, `${tag}.from-csv.${format}`);
    const outB = join(dir, `${tag}.from-json.${format}`);
    const a = kpi(['score', p.path, '--data', csvPath, '--format', format, '-o', outA, ...keepArgs]);
    const b = kpi(['score', p.path, '--data', jsonPath, '--format', format, '-o', outB, ...keepArgs]);
    expect(a.code, `${tag} ${format}: ${a.stderr.slice(0, 500)}`).toBe(b.code);
    expect(a.stderr.replaceAll(`${tag}.csv`, 'DATA').replaceAll(outA, 'OUT')).toBe(b.stderr.replaceAll(`${tag}.json`, 'DATA').replaceAll(outB, 'OUT'));
    if (a.code === 0) {
      const got = readFileSync(outA, 'utf8');
      expect(got === readFileSync(outB, 'utf8'), `${tag} ${format}: ${outA} and ${outB} differ`).toBe(true);
      expect(want.errors).toBe(false);
      if (format === 'csv') expect(got === want.csv, `${tag}: CSV differs from the row-by-row oracle`).toBe(true);
      if (format === 'json') expect(got === want.json, `${tag}: JSON differs from the row-by-row oracle`).toBe(true);
      if (format === 'table') {
        expect(got === (await want.table()), `${tag}: the table differs from the table writer's row() path`).toBe(true);
        expect(got).toBe(want.tableReference());
      }
    }
  }
  return want.errors;
}

describe('kpi score: the batch pipeline gives the bytes of the row-by-row path', () => {
  for (const name of PLANS) {
    it(`examples/data/${name}.csv, and 2,000 generated rows of ${name}`, async () => {
      const ex = readPlainCsv(readFileSync(join(ROOT, 'examples', 'data', `${name}.csv`), 'utf8'));
      await compare(name, `${name}-example`, ex.header, ex.rows, '\n', -1, ex.header.length > 1 ? [ex.header[1]!] : []);

      const p = await planOf(name);
      const header = ['工号', '姓名', ...p.compiled.inputs.map((i) => i.column)];
      const make = (n: number) => {
        const rows: string[][] = [];
        while (rows.length < n) {
          const row = [`E${String(rows.length).padStart(6, '0')}`, pick(['张三', '李四', ' 王五', '=SUM(A1)', 'O\'Brien', '赵六\u3000', 'tab\there', '😀 emoji', 'bell\u0007', 'zero\u200bwidth', 'café', 'ＡＢ']), ...p.compiled.inputs.map((i) => valueFor(i.role, i.na === true))];
          // rows the plan cannot score (e.g. a division by zero in a metric) would stop the run: left out here
          if (!oracle(p, header, [row], []).errors) rows.push(row);
        }
        return rows;
      };
      const rows = make(2000);
      expect(await compare(name, `${name}-lf`, header, rows, '\n', -1, ['姓名'])).toBe(false);
      expect(await compare(name, `${name}-crlf-quoted`, header, rows, '\r\n', 1200)).toBe(false);
    }, 240_000);
  }

  it('more than one 256 KB chunk, and messages for bad rows (blank, unreadable, duplicate id, ragged)', async () => {
    const p = await planOf('店长');
    const header = ['工号', '姓名', ...p.compiled.inputs.map((i) => i.column)];
    const rows: string[][] = [];
    for (let i = 0; i < 9000; i++) rows.push([`E${String(i).padStart(6, '0')}`, '员工', ...p.compiled.inputs.map(() => `${(60 + rnd() * 60).toFixed(2)}%`)]);
    expect(await compare('店长', 'big', header, rows, '\n')).toBe(false);
    const bad = rows.slice(0, 3000).map((r) => [...r]);
    bad[10]![3] = '';
    bad[20]![4] = 'abc';
    bad[30]![0] = bad[29]![0]!;
    bad[40]![2] = '-5%';
    bad[2990]![5] = '95';
    expect(await compare('店长', 'bad', header, bad, '\n')).toBe(true);
  }, 240_000);

  it('money plans (SPEC §7: pay, commission, distribution, periods) take the general path, row() on the core shape', async () => {
    const p = await planOf('销售团队季度');
    // the writers refuse to format a money report from the layout: money is settled over every row first
    const money = { ...shapeOf(p.plan, '工号', 'zh'), money: { scoreGrade: true, rank: true, items: ['销售提成'], periods: true }, layout: p.compiled.layout };
    const sink = new Writable({ write: (_c, _e, cb) => cb() });
    expect(() => csvWriter(sink, money)).toThrow(/row\(\), not rowOf/);
    expect(() => jsonWriter(sink, money)).toThrow(/row\(\), not rowOf/);
    expect(() => tableWriter(sink, money, { bold: (x) => x, dim: (x) => x })).toThrow(/row\(\), not rowOf/);
    // and kpi score gives the same report from the CSV (raw reader) and its JSON twin
    const ex = readPlainCsv(readFileSync(join(ROOT, 'examples', 'data', '销售团队季度.csv'), 'utf8'));
    const csvPath = join(dir, 'money.csv');
    const jsonPath = join(dir, 'money.json');
    writeFileSync(csvPath, csvOf(ex.header, ex.rows, '\n'));
    writeFileSync(jsonPath, jsonOf(ex.header, ex.rows));
    for (const format of ['csv', 'json', 'table']) {
      const a = kpi(['score', p.path, '--data', csvPath, '--format', format]);
      const b = kpi(['score', p.path, '--data', jsonPath, '--format', format]);
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout).toContain('销售提成');
    }
  }, 120_000);

  it('bad UTF-8 with --encoding utf-8: in the first 256 KB an error of opening the file (as the streaming decoder had it), later one of the run', async () => {
    const p = await planOf('店长');
    const header = ['工号', '姓名', ...p.compiled.inputs.map((i) => i.column)];
    const rows: string[][] = [];
    for (let i = 0; i < 20000; i++) rows.push([`E${String(i).padStart(6, '0')}`, '员工', ...p.compiled.inputs.map(() => '95%')]);
    const text = Buffer.from(csvOf(header, rows, '\n'));
    for (const [tag, at, near, summary] of [['early', 200, 0, false], ['late', 600_000, 524288, true]] as const) {
      const bytes = Buffer.from(text);
      bytes[bytes.indexOf(0x0a, at) + 3] = 0xff;
      const path = join(dir, `bad-utf8-${tag}.csv`);
      writeFileSync(path, bytes);
      const r = kpi(['score', p.path, '--data', path, '--encoding', 'utf-8', '--format', 'csv', '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`is not valid UTF-8 (bad bytes near byte ${near})`);
      expect(r.stderr.includes('nothing was scored'), r.stderr).toBe(summary);
    }
  }, 60_000);
});
