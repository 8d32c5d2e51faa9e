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
