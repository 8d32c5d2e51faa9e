/**
 * The generated query's layers carry only the columns read above them (compile/sql/layers.ts), reading
 * liveness from the SQL text: names that look like the generator's own columns (`k_total`, `k_v0`, …) in
 * the plan and in the data's cells must not be taken for them, and the cells' text must stop where the
 * errors are decided.
 */
import { describe, expect, it } from 'vitest';
import { analyze, compilePlan } from '../../packages/core/src/index.js';
import { Duck, errorsAsOne, jsLines, reportLines, sqlFor } from './engines.js';

const src = `plan 名字像内部列 {
  indicator k_total weight 50% target 100% scoring linear cap 120%
  indicator k_v0 weight 30% target k_x0_r0 scoring linear
  optional indicator k_err0 weight 20% target 5% scoring reverse
}
`;
const compiled = compilePlan(analyze('names.kpi', src).file.plans[0]!).compiled!;
const lp = compiled.lowered;

describe('SQL layers', () => {
  it('a plan whose names look like the generator columns scores as kpi score does, its error texts too (DuckDB)', async () => {
    const header = ['工号', ...lp.inputs.map((i) => i.column)];
    expect(header).toEqual(['工号', 'k_total', 'k_x0_r0', 'k_v0', 'k_err0']);
    const rows = [
      ['E1', '95%', '1000', '980', '4%'],
      ['E2', '120%', '1000', '1200', '不适用'],
      ['E3', "k_v0'", '1000', '980', '4%'],
      ['E4', '95%', '', '980', '4%'],
      ['E5', '95%', '0', '980', 'k_err0'],
      ['k_total', '101%', '2000', '1500', '5%'],
    ];
    const duck = await Duck.open();
    await duck.load('t', header, rows);
    const q = sqlFor(lp, 'duckdb', 't', '工号');
    const got = reportLines(q, lp, await duck.rows(q.sql));
    expect(errorsAsOne(got)).toEqual(jsLines(compiled, header, rows));
    // the cells' own text is in the messages, in the language's quoting
    expect(got[2]).toContain("`k_v0'`");
    expect(got[4]).toContain('`k_err0`');
  });

  it('no layer passes every column on, and the cells’ text stops at the layer that decides the errors', () => {
    const q = sqlFor(lp, 'duckdb', 't', '工号');
    expect(q.sql).not.toMatch(/SELECT \*/);
    const selects = q.sql.split('\nFROM (').map((part) => part.slice(part.lastIndexOf('SELECT ')));
    // outermost first: the layers above the one naming k_err0 never read a cell's text (k_t…) again
    const errLayer = selects.findIndex((s) => /\bAS k_err0\b/.test(s));
    expect(errLayer).toBeGreaterThan(0);
    for (const s of selects.slice(0, errLayer)) expect(s).not.toMatch(/\bk_t\d+\b/);
  });
});
