/** `kpi score --engine duckdb` on bad data: exit 2, every error named by row id, no output file. */
import { afterAll, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi, ROOT } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-sql-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plan = join(ROOT, 'examples', '店长.kpi');

it.each(['out.csv', 'out.parquet'])('a data error fails the run, names the row, writes no %s', (name) => {
  const data = join(dir, 'bad.csv');
  writeFileSync(data, '工号,销售额达成,人员流失率,账目准确率,货品专业知识达标,会员流失率\nS1,abc,1%,100%,100%,5%\nS2,96%,1%,100%,,5%\nS2,96%,1%,100%,100%,5%\n');
  const out = join(dir, name);
  const r = kpi(['score', plan, '--data', data, '--engine', 'duckdb', '-o', out]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('KPI0811 row with id `S1`: cannot read `abc` in column `销售额达成`');
  expect(r.stderr).toContain('KPI0812 row with id `S2`: column `货品专业知识达标` is blank');
  expect(r.stderr).toContain('KPI0808 id `S2` is used by 2 rows');
  expect(existsSync(out)).toBe(false);
});

it('options the DuckDB engine does not honour are refused, not ignored', () => {
  const r = kpi(['score', plan, '--data', join(ROOT, 'examples', 'data', '店长.csv'), '--engine', 'duckdb', '--strict']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('`--strict` is not available with the DuckDB engine');
});

it('speaks Chinese with --lang zh: the row errors, their help, the summary (texts from the catalogue)', () => {
  const data = join(dir, 'bad-zh.csv');
  writeFileSync(data, '工号,销售额达成,人员流失率,账目准确率,货品专业知识达标,会员流失率\nS1,abc,1%,100%,100%,5%\nS2,96%,1%,100%,,5%\nS2,96%,1%,100%,100%,5%\n');
  const r = kpi(['score', plan, '--data', data, '--engine', 'duckdb', '--lang', 'zh', '-f', 'json']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('KPI0811 编号为 `S1` 的行：无法读取 `销售额达成` 列的 `abc`：不是数字');
  expect(r.stderr).toContain('数字可以写成 `95%`');
  expect(r.stderr).toContain('KPI0812 编号为 `S2` 的行：`货品专业知识达标` 列为空');
  expect(r.stderr).toContain('KPI0808 编号 `S2` 被 2 行使用');
  expect(r.stderr).toContain('3 个数据错误');
  expect(r.stderr).toContain('没有计算任何一行');
  expect(r.stderr).not.toMatch(/cannot read|is blank|nothing was scored/);
});

it('refusals of the DuckDB engine are coded diagnostics in the chosen language', () => {
  const xlsx = kpi(['score', plan, '--data', join(ROOT, 'examples', 'data', '店长.csv'), '--engine', 'duckdb', '--keep', '姓名', '--lang', 'zh']);
  expect(xlsx.code).toBe(2);
  expect(xlsx.stderr).toContain('KPI0006');
  expect(xlsx.stderr).toContain('DuckDB 引擎暂不支持 `--keep`');
  const missing = kpi(['score', plan, '--data', join(dir, 'no-such.csv'), '--engine', 'duckdb']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('KPI0001');
  expect(missing.stderr).toContain('cannot find `');
});

const SPEC6 = ['客服主管', '推广专员', '美工', '电商运营总监', '电子商务经理'];
it.each(SPEC6)('%s (SPEC §6 forms): --engine duckdb writes the same CSV and JSON bytes as the JS engine', (name) => {
  const plan6 = join(ROOT, 'examples', `${name}.kpi`);
  const data = join(ROOT, 'examples', 'data', `${name}.csv`);
  for (const f of ['csv', 'json']) {
    const js = kpi(['score', plan6, '--data', data, '-f', f]);
    const duck = kpi(['score', plan6, '--data', data, '-f', f, '--engine', 'duckdb']);
    expect(js.code, js.stderr).toBe(0);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
  }
});

it('N/A where the indicator is not optional, a blank or non-positive per-person target, fail the run naming the row', () => {
  const data = join(dir, 'meigong.csv');
  writeFileSync(
    data,
    '工号,姓名,设计完成率,页面点击率提升,详情页转化率,转化目标,返工次数,拍摄及时率,上线差错\n' +
      'M01,郭婷,不适用,12%,3%,2.5%,1,96%,0\n' +
      'M02,罗斌,90%,不适用,2%,,3,不适用,1\n' +
      'M03,梁爽,95%,5%,2.5%,0,0,92.5%,0\n' +
      'M04,林峰,95%,N/A,2.5%,2.5%,0,—,0\n',
  );
  const js = kpi(['score', join(ROOT, 'examples', '美工.kpi'), '--data', data, '-f', 'json']);
  const r = kpi(['score', join(ROOT, 'examples', '美工.kpi'), '--data', data, '-f', 'json', '--engine', 'duckdb']);
  expect(js.code).toBe(2);
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toContain("KPI0818 row with id `M01`: column `设计完成率` says `不适用` (not applicable), but `设计完成率` is not `optional`");
  // a target column is required like any other: blank is KPI0812 (KPI0905 is a target that cannot be computed)
  expect(r.stderr).toContain('KPI0812 row with id `M02`: column `转化目标` is blank');
  expect(r.stderr).toContain('KPI0905 row with id `M03`: the target in `转化目标` must be above 0 for `详情页转化率`');
  expect(r.stderr).toContain('3 data errors');
  // the JS engine refuses the same rows for the same reasons
  for (const code of ['KPI0818', 'KPI0812', 'KPI0905']) expect(js.stderr).toContain(code);
  expect(js.stderr).not.toContain('M04');
});

it('every indicator N/A is KPI0907; penalties stop at 0 unless the plan allows a negative total', () => {
  const plan6 = join(dir, '新人.kpi');
  const body = (neg: boolean) =>
    `plan 新人考核 {\n${neg ? '  allow negative total\n' : ''}  indicator 带教 weight 50% target 100% scoring linear optional\n  indicator 培训 weight 50% target 100% scoring linear optional\n  penalty 迟到 points 30 per 1\n}\n`;
  const data = join(dir, 'xinren.csv');
  writeFileSync(data, '工号,带教,培训,迟到\nX1,不适用,N/A,0\nX2,50%,不适用,3\n');
  writeFileSync(plan6, body(false));
  const r = kpi(['score', plan6, '--data', data, '-f', 'json', '--engine', 'duckdb']);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('KPI0907 row with id `X1`: every indicator is N/A for this row, so nothing can be scored');
  writeFileSync(data, '工号,带教,培训,迟到\nX2,50%,不适用,3\nX3,100%,100%,1\nX4,—,75%,0\n');
  for (const neg of [false, true]) {
    writeFileSync(plan6, body(neg));
    const js = kpi(['score', plan6, '--data', data, '-f', 'json']);
    const duck = kpi(['score', plan6, '--data', data, '-f', 'json', '--engine', 'duckdb']);
    expect(duck.code, duck.stderr).toBe(0);
    expect(duck.stdout).toBe(js.stdout);
    const x2 = JSON.parse(duck.stdout)[0];
    // 带教 alone carries the weight: 50 × 100% = 50, less 3 × 30 = 90 → 0, or −40
    expect([x2.total, x2.penalty, x2.indicators.带教.weight, x2.indicators.培训.na]).toEqual([neg ? -40 : 0, 90, 1, true]);
  }
});

it('a negative total rounds half away from zero also when the exact sum needs long division (per-person target and reverse: two data denominators)', () => {
  const plan6 = join(dir, '平局.kpi');
  writeFileSync(plan6, 'plan 平局 {\n  round 0\n  allow negative total\n  indicator 甲 weight 50% target 甲目标 scoring linear\n  indicator 乙 weight 50% target 1 scoring reverse\n  penalty 扣 points 1 per 1\n}\n');
  const sql = kpi(['compile', plan6, '--target', 'sql', '--dialect', 'duckdb']);
  // the sum's denominators (甲目标 × 乙) do not fit one HUGEINT division: the long-division path, with its tie test
  expect(sql.stdout).toContain('k_tie');
  const data = join(dir, 'pingju.csv');
  // 12.5 + 25 = 37.5: less 38 → −0.5 → −1; less 37 → 0.5 → 1
  writeFileSync(data, '工号,甲,甲目标,乙,扣\nT1,1,4,2,38\nT2,1,4,2,37\nT3,1,4,2,0\nT4,1,8,4,100\n');
  const js = kpi(['score', plan6, '--data', data, '-f', 'csv']);
  const duck = kpi(['score', plan6, '--data', data, '-f', 'csv', '--engine', 'duckdb']);
  expect(duck.code, duck.stderr).toBe(0);
  expect(duck.stdout).toBe(js.stdout);
  expect(duck.stdout.split('\n').slice(1, 5).map((l) => l.split(',')[1])).toEqual(['-1', '1', '38', '-81']);
});
