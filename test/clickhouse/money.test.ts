/**
 * SPEC §7 on sharded ClickHouse (the forced distribution ranked by arrays, periods grouped across two
 * shards): the generated query ≡ `kpi score --format json`, byte for byte, over the generated data of
 * test/sql/money-cases.ts (ties, groups of every size, vetoes, shuffled periods).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, compilePlan, generateSql } from '../../packages/core/src/index.js';
import { kpi } from '../cli/helpers.js';
import { reportLines } from '../sql/engines.js';
import { startClickHouse, type ClickHouse } from '../sql/clickhouse.js';
import { cases, csvCell } from '../sql/money-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-ch-money-'));
let ch: ClickHouse;
beforeAll(async () => {
  ch = await startClickHouse();
});
afterAll(async () => {
  await ch?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(cases.flatMap((c, i) => (c.pool ? [] : [[c.name, i] as const])))('%s', (_, i) => {
  it('sharded ClickHouse ≡ kpi score --format json', async () => {
    const c = cases[i]!;
    const plan = join(dir, `p${i}.kpi`);
    const data = join(dir, `p${i}.csv`);
    writeFileSync(plan, c.plan);
    writeFileSync(data, [c.header, ...c.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
    const js = kpi(['score', plan, '--data', data, '--format', 'json']);
    expect(js.code, js.stderr).toBe(0);
    await ch.loadSharded(`m${i}`, c.header, c.rows);
    const [a, b] = await ch.shardCounts(`m${i}`);
    expect(a > 0 && b > 0).toBe(true);
    const ir = analyze(plan, c.plan).file.plans[0]!;
    const lp = compilePlan(ir).compiled!.lowered;
    const q = generateSql(lp, { dialect: 'clickhouse', table: `default.m${i}`, idColumn: '工号', orderBy: 'k_ord', plan: ir }).query!;
    const lines = js.stdout.split('\n').slice(1, -2).map((l) => l.trim().replace(/,$/, ''));
    expect(reportLines(q, lp, await ch.query(q.sql))).toEqual(lines);
  });
});
