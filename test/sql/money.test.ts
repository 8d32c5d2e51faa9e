/**
 * SPEC §7 in SQL (compile/sql/money.ts, periods.ts): plans with periods, a forced distribution, commissions
 * and pays, over generated data full of ties, small groups, vetoes and shuffled periods, scored by
 * `kpi score` (JS) and by `kpi score --engine duckdb`, and by the generated PostgreSQL query on a real
 * server: the same JSON (and CSV) bytes. Forms not built are refused with KPI1101 naming them; data the
 * JS engine rejects (a missing or doubled period) fails the DuckDB run with the same code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, compilePlan, generateSql } from '../../packages/core/src/index.js';
import { kpi, ROOT } from '../cli/helpers.js';
import { pgLoad, pgRows, reportLines, sqlFor } from './engines.js';
import { cases, csvCell, example } from './money-cases.js';
import { startPostgres, type Postgres } from './postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-sql-money-'));
let pgs: Postgres;
beforeAll(async () => {
  pgs = await startPostgres();
});
afterAll(async () => {
  await pgs?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.each(cases.map((c, i) => [c.name, i] as const))('%s', (_, i) => {
  const c = cases[i]!;
  const plan = join(dir, `p${i}.kpi`);
  const data = join(dir, `p${i}.csv`);
  writeFileSync(plan, c.plan);
  writeFileSync(data, [c.header, ...c.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
  const js = kpi(['score', plan, '--data', data, '--format', 'json']);

  it('kpi score --engine duckdb: the same JSON and CSV bytes', () => {
    expect(js.code, js.stderr).toBe(0);
    const r = kpi(['score', plan, '--data', data, '--format', 'json', '--engine', 'duckdb']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(js.stdout);
    const csv = kpi(['score', plan, '--data', data, '--format', 'csv']);
    const rc = kpi(['score', plan, '--data', data, '--format', 'csv', '--engine', 'duckdb']);
    expect(rc.stdout).toBe(csv.stdout);
  });

  it('the PostgreSQL query: the same JSON rows', async () => {
    const ir = analyze(plan, c.plan).file.plans[0]!;
    const lp = compilePlan(ir).compiled!.lowered;
    await pgLoad(pgs.client, `m${i}`, c.header, c.rows);
    const q = sqlFor(lp, 'postgres', `m${i}`, '工号', c.header, 'k_ord', ir);
    const lines = js.stdout.split('\n').slice(1, -2).map((l) => l.trim().replace(/,$/, ''));
    expect(reportLines(q, lp, await pgRows(pgs.client, q.sql))).toEqual(lines);
  });
});

describe('data the JS engine rejects fails the DuckDB run with the same code', () => {
  const plan = join(ROOT, 'examples', '销售团队季度.kpi');
  const rows = readFileSync(join(ROOT, 'examples', 'data', '销售团队季度.csv'), 'utf8').trimEnd().split('\n');
  it.each([
    ['KPI1053', 'a missing period', rows.filter((_, k) => k !== 5)],
    ['KPI1052', 'a doubled period', [...rows, rows[5]!]],
    ['KPI1058', 'a blank group (the last period names it)', rows.map((l) => (l.startsWith('S001,') ? l.replace(',一部,', ',,') : l))],
  ])('%s: %s', (code, _, lines) => {
    const data = join(dir, `bad-${code}.csv`);
    writeFileSync(data, lines.join('\n') + '\n');
    const a = kpi(['score', plan, '--data', data, '--format', 'json']);
    const b = kpi(['score', plan, '--data', data, '--format', 'json', '--engine', 'duckdb']);
    expect([a.code, b.code]).toEqual([2, 2]);
    expect(a.stderr).toContain(code);
    expect(b.stderr).toContain(code);
    expect(b.stdout).toBe('');
  });
});

describe('money forms the SQL target does not build are refused with KPI1101 naming them', () => {
  it('pools on ClickHouse (KPI1101 naming `pool`; no window functions there)', () => {
    const text = `plan 奖金 {
  indicator 达成 weight 100% target 100 scoring linear cap 150%
  grades { A >= 110 coefficient 1.2  B >= 90 coefficient 1.0  C coefficient 0.8 }
  pool 部门奖金 = 奖金池 split by coefficient within 部门
}
`;
    const ir = analyze('x.kpi', text).file.plans[0]!;
    const g = generateSql(compilePlan(ir).compiled!.lowered, { dialect: 'clickhouse', plan: ir });
    expect(g.diagnostics.map((d) => [d.code, d.message])).toEqual([['KPI1101', 'plan `奖金` uses `pool` items, which the SQL target cannot express yet']]);
  });
  it('`aggregate score` (KPI1101 naming it)', () => {
    for (const mode of ['score']) {
      const text = `plan 季度 {
  period 季度
  aggregate ${mode}
  metric 完成率 = 销售额 / 销售目标
  indicator 完成率 weight 100% target 100% scoring linear
}
`;
      const ir = analyze('x.kpi', text).file.plans[0]!;
      const g = generateSql(compilePlan(ir).compiled!.lowered, { dialect: 'duckdb', plan: ir });
      expect(g.diagnostics.map((d) => d.code)).toEqual(['KPI1101']);
      expect(g.diagnostics[0]!.message).toContain(`\`aggregate ${mode}\``);
    }
  });
  it('without the plan itself, a money plan is still KPI1101 (money items)', () => {
    const ir = analyze('x.kpi', example).file.plans[0]!;
    const g = generateSql(compilePlan(ir).compiled!.lowered, { dialect: 'duckdb' });
    expect(g.diagnostics.map((d) => d.code)).toEqual(['KPI1101']);
  });
});
