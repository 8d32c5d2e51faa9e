/**
 * A ClickHouse query longer than the server parses by default (max_query_size, max_ast_elements) says so in
 * its first line, in the language of the run; a query within the defaults does not. (test/clickhouse/
 * errors.test.ts runs such a query on a real server with the settings the line names.)
 */
import { describe, expect, it } from 'vitest';
import { analyze, compilePlan, generateSql } from '../../packages/core/src/index.js';

const planOf = (n: number) => {
  const src = `plan 大方案 {\n${Array.from({ length: n }, (_, i) => `  indicator 指标${i} weight ${100 / n}% target 100% scoring ${i % 2 ? 'linear cap 120%' : 'reverse'}\n`).join('')}}\n`;
  return compilePlan(analyze('大方案.kpi', src).file.plans[0]!).compiled!.lowered;
};

describe('ClickHouse query size', () => {
  const big = planOf(40);
  it.each([
    ['en', /^-- this query is \d+ bytes of about \d+ syntax elements, more than ClickHouse's defaults \(max_query_size 262144, max_ast_elements 50000\): run it with clickhouse-client --max_query_size=\d+ --max_ast_elements=\d+ /],
    ['zh', /^-- 这条查询有 \d+ 字节、约 \d+ 个语法单元，超过了 ClickHouse 的默认上限（max_query_size 262144、max_ast_elements 50000）：请用 clickhouse-client --max_query_size=\d+ --max_ast_elements=\d+ 运行/],
  ] as const)('a query past the defaults names the settings to run it with (%s)', (lang, line) => {
    const sql = generateSql(big, { dialect: 'clickhouse', lang }).query!.sql;
    expect(sql.split('\n')[0]).toMatch(line);
    expect(sql.split('\n')[1]).toMatch(/^-- kpi: plan "大方案"/);
  });
  it('a query within the defaults, or for another dialect, starts with its kpi header', () => {
    expect(generateSql(planOf(4), { dialect: 'clickhouse' }).query!.sql).toMatch(/^-- kpi: /);
    expect(generateSql(big, { dialect: 'duckdb' }).query!.sql).toMatch(/^-- kpi: /);
  });
});
