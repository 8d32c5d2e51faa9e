/**
 * Property: on random plans (every scoring method, caps, floors, defaults, metrics, groups, bonus, veto,
 * grades) and random rows of text cells written as people write them, the JS engine, the DuckDB query and
 * the PostgreSQL query (a real server) agree on every row: the same JSON report row byte for byte, or all
 * three refuse the row. Fixed seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePlan } from '../../packages/core/src/index.js';
import { cellArb, planArb } from './arbitraries.js';
import { Duck, errorsAsOne, jsLines, pgLoad, pgRows, reportLines, sqlFor } from './engines.js';
import { startPostgres, type Postgres } from './postgres.js';

let pgs: Postgres;
let duck: Duck;
beforeAll(async () => {
  pgs = await startPostgres();
  duck = await Duck.open();
});
afterAll(async () => {
  await pgs?.stop();
});

describe('JS ≡ DuckDB ≡ PostgreSQL (property)', () => {
  it('agrees on every row of random plans (seed fixed)', async () => {
    let compared = 0;
    let scored = 0;
    await fc.assert(
      fc.asyncProperty(planArb, fc.array(fc.array(cellArb, { minLength: 30, maxLength: 30 }), { minLength: 1, maxLength: 6 }), async (p, cells) => {
        const { compiled } = compilePlan(p);
        const lp = compiled!.lowered;
        const header = ['工号', ...lp.inputs.map((i) => i.column)];
        const rows = cells.map((r, i) => [`E${i + 1}`, ...r.slice(0, lp.inputs.length)]);
        // JS: the binder (reading cells) and the compiled plan, as `kpi score` does
        const js = jsLines(compiled!, header, rows);
        const err = errorsAsOne;
        const tq = sqlFor(lp, 'duckdb', 'prop', '工号');
        await duck.load('prop', header, rows);
        expect(err(reportLines(tq, lp, await duck.rows(tq.sql)))).toEqual(js);
        const pq = sqlFor(lp, 'postgres', 'prop', '工号');
        await pgLoad(pgs.client, 'prop', header, rows);
        expect(err(reportLines(pq, lp, await pgRows(pgs.client, pq.sql)))).toEqual(js);
        compared += rows.length;
        scored += js.filter((x) => x !== 'error').length;
      }),
      { seed: 20261204, numRuns: 120 },
    );
    // both outcomes are exercised: rows scored and rows refused
    expect(scored).toBeGreaterThan(50);
    expect(compared - scored).toBeGreaterThan(50);
  }, 600_000);
});
