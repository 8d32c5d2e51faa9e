/**
 * Property: on random plans and rows of text cells written as people write them (test/sql/arbitraries.ts,
 * the generators of the DuckDB/PostgreSQL property test), the ClickHouse query over a Distributed table of
 * two shards agrees with the JS engine on every row: the same JSON report row byte for byte, or both refuse
 * the row. Fixed seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePlan, generateSql } from '../../packages/core/src/index.js';
import { planArb, rowsArb } from '../sql/arbitraries.js';
import { errorsAsOne, jsLines, reportLines } from '../sql/engines.js';
import { startClickHouse, type ClickHouse } from '../sql/clickhouse.js';

let ch: ClickHouse;
beforeAll(async () => {
  ch = await startClickHouse();
});
afterAll(async () => {
  await ch?.stop();
});

describe('JS ≡ sharded ClickHouse (property)', () => {
  it('agrees on every row of random plans (seed fixed)', async () => {
    let compared = 0;
    let scored = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(planArb, rowsArb(8), async (p, cells) => {
        const { compiled } = compilePlan(p);
        const lp = compiled!.lowered;
        const header = ['工号', ...lp.inputs.map((i) => i.column)];
        const rows = cells.map((r, i) => [`E${i + 1}`, ...r.slice(0, lp.inputs.length)]);
        const js = jsLines(compiled!, header, rows);
        // a plan whose exact arithmetic does not fit Decimal128 gets no SQL (KPI1102), never a wrong one
        const g = generateSql(lp, { dialect: 'clickhouse', table: 'default.prop', idColumn: '工号', orderBy: 'k_ord' });
        if (!g.query) {
          expect(g.diagnostics.map((d) => d.code)).toEqual(['KPI1102']);
          refused++;
          return;
        }
        const ordered = g.query;
        await ch.loadSharded('prop', header, rows);
        expect(errorsAsOne(reportLines(ordered, lp, await ch.query(ordered.sql)))).toEqual(js);
        compared += rows.length;
        scored += js.filter((x) => x !== 'error').length;
      }),
      { seed: 20261204, numRuns: 120 },
    );
    // both outcomes are exercised: rows scored and rows refused
    expect(scored).toBeGreaterThan(50);
    expect(compared - scored).toBeGreaterThan(50);
    expect(refused).toBeLessThan(12);
  }, 900_000);
});
