/**
 * Row errors on sharded ClickHouse: the `error` column names the code and the cell in the language given
 * to the generator (the catalogue's texts, spliced with ClickHouse's string quoting), and the README's way
 * to run a compiled query — `clickhouse-client --multiquery < 店长.ch.sql` — gives the same rows as the tests'
 * HTTP client. A query longer than ClickHouse's default max_query_size says so in its first line, and runs
 * with the setting it names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, compilePlan, generateSql } from '../../packages/core/src/index.js';
import { kpi, ROOT } from '../cli/helpers.js';
import { errorsAsOne, jsLines, reportLines } from '../sql/engines.js';
import { startClickHouse, type ClickHouse } from '../sql/clickhouse.js';

let ch: ClickHouse;
beforeAll(async () => {
  ch = await startClickHouse();
});
afterAll(async () => {
  await ch?.stop();
});

const planPath = join(ROOT, 'examples', '店长.kpi');
const lp = compilePlan(analyze(planPath, readFileSync(planPath, 'utf8')).file.plans[0]!).compiled!.lowered;
const header = ['工号', ...lp.inputs.map((i) => i.column)];
const rows = [
  ['S1', '96.12345%', '1%', '100%', '100%', '5%'],
  ['S2', "ab'c", '1%', '100%', '100%', '5%'],
  ['S3', '96%', '', '100%', '100%', '5%'],
  ['S4', '96%', '1%', '100%', '100%', '5%'],
];

describe('the error column on sharded ClickHouse', () => {
  it.each([
    ['en', ['KPI1103 `96.12345%` in column `销售额达成` has more than 6 decimals', "KPI0811 cannot read `ab'c` in column `销售额达成`: not a number", 'KPI0812 column `人员流失率` is blank']],
    ['zh', ['KPI1103 `销售额达成` 列的 `96.12345%` 超过 6 位小数', "KPI0811 无法读取 `销售额达成` 列的 `ab'c`：不是数字", 'KPI0812 `人员流失率` 列为空']],
  ] as const)('speaks %s, with the cell the engine read', async (lang, want) => {
    await ch.loadSharded('errs', header, rows);
    const q = generateSql(lp, { dialect: 'clickhouse', table: 'default.errs', idColumn: '工号', orderBy: 'k_ord', lang }).query!;
    const got = (await ch.query(q.sql)).map((r) => [r[0], r[1]]);
    expect(got.map((r) => r[0])).toEqual(['S1', 'S2', 'S3', 'S4']);
    got.slice(0, 3).forEach((r, i) => expect(r[1]!.startsWith(want[i]!), `${r[1]} starts with ${want[i]}`).toBe(true));
    expect(got[3]![1]).toBeNull();
  });

  it('clickhouse-client --multiquery runs the file kpi compile writes (the README), with the same rows', async () => {
    await ch.loadSharded('readme', header, rows.slice(3));
    const file = join(ch.dir, '店长.ch.sql');
    const c = kpi(['compile', planPath, '--target', 'sql', '--dialect', 'clickhouse', '--table', 'default.readme', '--id', '工号', '-o', file]);
    expect(c.code, c.stderr).toBe(0);
    const port = /<tcp_port>(\d+)<\/tcp_port>/.exec(readFileSync(join(ch.dir, 'config.xml'), 'utf8'))![1]!;
    const r = spawnSync('clickhouse-client', ['--host', '127.0.0.1', '--port', port, '--multiquery'], { input: readFileSync(file), encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const viaHttp = (await ch.query(readFileSync(file, 'utf8'))).map((row) => row.map((v) => (v === null ? '\\N' : v)).join('\t'));
    expect(r.stdout.trimEnd().split('\n')).toEqual(viaHttp);
    expect(viaHttp[0]!.startsWith('S4\t\\N\t')).toBe(true);
  });

  it('a query past max_query_size or max_ast_elements names the settings it needs, and runs with it (the same rows as kpi score)', async () => {
    // 40 indicators of 2.5%, half of them reverse (each its own data-dependent denominator): past 256 KiB of SQL
    const n = 40;
    const src = `plan 大方案 {\n${Array.from({ length: n }, (_, i) => `  indicator 指标${i} weight 2.5% target 100% scoring ${i % 2 ? 'linear cap 120%' : 'reverse'}\n`).join('')}}\n`;
    const big = compilePlan(analyze('大方案.kpi', src).file.plans[0]!).compiled!;
    const bigHeader = ['工号', ...big.lowered.inputs.map((x) => x.column)];
    const bigRows = ['E1', 'E2', 'E3'].map((id, r) => [id, ...big.lowered.inputs.map((_, i) => `${90 + ((i * 7 + r * 3) % 30)}%`)]);
    await ch.loadSharded('big', bigHeader, bigRows);
    const q = generateSql(big.lowered, { dialect: 'clickhouse', table: 'default.big', idColumn: '工号', orderBy: 'k_ord' }).query!;
    const note = /^-- this query is (\d+) bytes of about \d+ syntax elements, more than ClickHouse's defaults .*: run it with clickhouse-client --max_query_size=(\d+) --max_ast_elements=(\d+) /.exec(q.sql);
    expect(note, q.sql.slice(0, 300)).not.toBeNull();
    expect(Number(note![1])).toBe(Buffer.byteLength(q.sql) - Buffer.byteLength(q.sql.split('\n')[0]!) - 1);
    await expect(ch.query(q.sql)).rejects.toThrow(/Max query size exceeded|AST is too big|Syntax error/);
    const rows = await ch.query(q.sql, undefined, { max_query_size: note![2]!, max_ast_elements: note![3]! });
    expect(errorsAsOne(reportLines(q, big.lowered, rows))).toEqual(jsLines(big, bigHeader, bigRows));
  });
});
