/**
 * Property: on random plans (every scoring method, caps, floors, defaults, metrics, groups, bonus, veto,
 * grades; penalty items, negative totals, optional indicators with N/A cells, per-person targets, target
 * ranges, steps) and random rows of text cells written as people write them, the JS engine, the DuckDB query and
 * the PostgreSQL query (a real server) agree on every row: the same JSON report row byte for byte, or all
 * three refuse the row. Fixed seed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilePlan, generateSql } from '../../packages/core/src/index.js';
import { planArb, rowsArb } from './arbitraries.js';
import { Duck, errorsAsOne, jsLines, pgLoad, pgRows, reportLines } from './engines.js';
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
    /** what the rows exercised: the SPEC §6 forms, and the row errors the SQL gives for them */
    const refused = { duckdb: 0, postgres: 0 };
    const seen = { na: 0, reweighted: 0, penalty: 0, negative: 0, floored: 0, steps: 0, perPerson: 0, range: 0, codes: new Map<string, number>() };
    await fc.assert(
      fc.asyncProperty(planArb, rowsArb(6), async (p, cells) => {
        const { compiled } = compilePlan(p);
        const lp = compiled!.lowered;
        const header = ['工号', ...lp.inputs.map((i) => i.column)];
        const rows = cells.map((r, i) => [`E${i + 1}`, ...r.slice(0, lp.inputs.length)]);
        // JS: the binder (reading cells) and the compiled plan, as `kpi score` does
        const js = jsLines(compiled!, header, rows);
        const err = errorsAsOne;
        // a plan whose exact arithmetic does not fit the dialect's integers gets no SQL (KPI1102), never a wrong one
        const gen = (dialect: 'duckdb' | 'postgres') => {
          const g = generateSql(lp, { dialect, table: 'prop', idColumn: '工号' });
          if (!g.query) {
            expect(g.diagnostics.map((d) => d.code)).toEqual(['KPI1102']);
            refused[dialect]++;
          }
          return g.query;
        };
        const tq = gen('duckdb');
        const pq = gen('postgres');
        let dl: string[] = [];
        if (tq) {
          await duck.load('prop', header, rows);
          dl = reportLines(tq, lp, await duck.rows(tq.sql));
          expect(err(dl)).toEqual(js);
        }
        if (pq) {
          await pgLoad(pgs.client, 'prop', header, rows);
          const pl = reportLines(pq, lp, await pgRows(pgs.client, pq.sql));
          expect(err(pl)).toEqual(js);
          dl = pl;
        }
        for (const l of dl) {
          if (l.startsWith('error: ')) {
            const code = l.slice(7, 14);
            seen.codes.set(code, (seen.codes.get(code) ?? 0) + 1);
            continue;
          }
          const r = JSON.parse(l) as { total: number; penalty?: number; indicators: Record<string, { na?: boolean; weight: number }> };
          const inds = Object.values(r.indicators);
          if (inds.some((i) => i.na)) seen.na++;
          if (inds.some((i) => i.na) && lp.inds.some((i, x) => !i.optional && inds[x]!.weight !== Number(i.weight))) seen.reweighted++;
          if ((r.penalty ?? 0) > 0) seen.penalty++;
          if (r.total < 0) seen.negative++;
          if (r.total === 0 && (r.penalty ?? 0) > 0 && !lp.negativeTotal) seen.floored++;
          if (lp.inds.some((i) => i.method === 'steps')) seen.steps++;
          if (lp.inds.some((i) => i.targetSrc)) seen.perPerson++;
          if (lp.inds.some((i) => i.targetHigh !== undefined)) seen.range++;
        }
        compared += rows.length;
        scored += js.filter((x) => x !== 'error').length;
      }),
      { seed: Number(process.env.KPI_PROP_SEED ?? 20261204), numRuns: Number(process.env.KPI_PROP_RUNS ?? 120) },
    );
    // both outcomes are exercised: rows scored and rows refused
    expect(scored).toBeGreaterThan(50);
    expect(compared - scored).toBeGreaterThan(50);
    console.log(JSON.stringify({ compared, scored, refused, ...seen, codes: Object.fromEntries(seen.codes) }));
    // KPI1102 is the exception: a few plans square data-dependent denominators past DuckDB's HUGEINT, none past PostgreSQL's bound
    expect(refused.duckdb).toBeLessThan(12);
    expect(refused.postgres).toBe(0);
    // the SPEC §6 forms are exercised on rows that score, and their row errors on rows that do not
    for (const k of ['na', 'reweighted', 'penalty', 'negative', 'floored', 'steps', 'perPerson', 'range'] as const) expect(seen[k], k).toBeGreaterThan(3);
    for (const code of ['KPI0905', 'KPI0906', 'KPI0907', 'KPI0818']) expect(seen.codes.get(code) ?? 0, code).toBeGreaterThan(0);
  }, 600_000);
});
