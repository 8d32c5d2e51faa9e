/**
 * Every example plan the SQL target compiles, run as ClickHouse SQL over a Distributed table of two shards
 * (a real clickhouse-server, test/sql/clickhouse.ts): the same JSON report rows as `kpi score --format json`,
 * byte for byte. The query comes from `kpi compile --target sql --dialect clickhouse` itself. That includes the
 * SPEC §7 money plan 销售团队季度: periods grouped across the shards, the forced distribution ranked by arrays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, compilePlan, generateSql } from '../../packages/core/src/index.js';
import { kpi, ROOT } from '../cli/helpers.js';
import { Duck, reportLines } from '../sql/engines.js';
import { startClickHouse, type ClickHouse } from '../sql/clickhouse.js';

const EX = join(ROOT, 'examples');
const all = readdirSync(EX).filter((f) => f.endsWith('.kpi')).map((f) => f.slice(0, -4));
const examples = all.filter((name) => kpi(['compile', join(EX, `${name}.kpi`), '--target', 'sql', '--dialect', 'clickhouse']).code === 0);

let ch: ClickHouse;
beforeAll(async () => {
  ch = await startClickHouse();
});
afterAll(async () => {
  await ch?.stop();
});

/** the JSON report's row lines ("  {…}," → "{…}") */
const lines = (json: string) => json.split('\n').slice(1, -2).map((l) => l.trim().replace(/,$/, ''));

/** the example's CSV cells as text (DuckDB's reader; the CLI reads the same cells) */
async function csvCells(data: string): Promise<{ header: string[]; rows: (string | null)[][] }> {
  const duck = await Duck.open();
  const src = `read_csv('${data.replace(/'/g, "''")}', all_varchar = true, header = true)`;
  const header = (await duck.rows(`SELECT column_name FROM (DESCRIBE SELECT * FROM ${src})`)).map((r) => String(r[0]));
  return { header, rows: (await duck.rows(`SELECT * FROM ${src}`)) as (string | null)[][] };
}

describe('examples', () => {
  it('the same examples compile for ClickHouse as for DuckDB (the refusals are the plan forms, not the dialect)', () => {
    const duck = all.filter((name) => kpi(['compile', join(EX, `${name}.kpi`), '--target', 'sql', '--dialect', 'duckdb']).code === 0);
    expect(examples).toEqual(duck);
    expect(examples.length).toBeGreaterThanOrEqual(6);
    expect(examples).toContain('销售团队季度');
  });
});

describe.each(examples)('%s', (name) => {
  const plan = join(EX, `${name}.kpi`);
  const data = join(EX, 'data', `${name}.csv`);

  it('sharded ClickHouse ≡ kpi score --format json, byte for byte', async () => {
    const js = kpi(['score', plan, '--data', data, '--format', 'json']);
    expect(js.code, js.stderr).toBe(0);
    const { header, rows } = await csvCells(data);
    const table = `t_${name}`;
    await ch.loadSharded(table, header, rows);
    const [a, b] = await ch.shardCounts(table);
    expect(a + b).toBe(rows.length);
    if (rows.length > 1) expect(a > 0 && b > 0, `${a} + ${b} rows`).toBe(true);
    // the CLI's own output, pointed at the Distributed table, in the export's order
    const c = kpi(['compile', plan, '--target', 'sql', '--dialect', 'clickhouse', '--table', `default.${table}`, '--id', header[0]!, '--order-by', 'k_ord']);
    expect(c.code, c.stderr).toBe(0);
    const ir = analyze(plan, readFileSync(plan, 'utf8')).file.plans[0]!;
    const lp = compilePlan(ir).compiled!.lowered;
    const q = generateSql(lp, { dialect: 'clickhouse', table: `default.${table}`, idColumn: header[0]!, orderBy: 'k_ord', plan: ir }).query!;
    expect(c.stdout).toBe(q.sql);
    expect(reportLines(q, lp, await ch.query(c.stdout))).toEqual(lines(js.stdout));
  });
});

describe('row order', () => {
  it('without --order-by the rows come sorted by id (a Distributed table has no order of its own)', async () => {
    const plan = join(EX, '店长.kpi');
    const lp = compilePlan(analyze(plan, readFileSync(plan, 'utf8')).file.plans[0]!).compiled!.lowered;
    const { header, rows } = await csvCells(join(EX, 'data', '店长.csv'));
    const shuffled = rows.map((r, i) => ({ r, k: (i * 7919) % rows.length })).sort((x, y) => x.k - y.k).map((x) => x.r);
    await ch.loadSharded('t_order', header, shuffled);
    const q = generateSql(lp, { dialect: 'clickhouse', table: 'default.t_order', idColumn: header[0]! }).query!;
    const ids = (await ch.query(q.sql)).map((r) => r[0]);
    expect(ids).toEqual([...ids].sort());
    expect(ids.length).toBe(rows.length);
  });
});
