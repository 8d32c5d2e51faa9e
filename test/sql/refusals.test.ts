/** What the SQL target refuses, with a code, instead of producing SQL that could be wrong. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, compilePlan, generateSql, type DialectName, type LPlan } from '../../packages/core/src/index.js';
import { Duck, reportLines, sqlFor } from './engines.js';

const lowered = (): LPlan => {
  const a = analyze('店长.kpi', readFileSync('examples/店长.kpi', 'utf8'));
  return compilePlan(a.file.plans[0]!).compiled!.lowered;
};

describe('SQL target refusals', () => {
  it('an item kind it does not know (a new plan form) is KPI1101 naming it, not SQL', () => {
    const lp = { ...lowered(), payouts: [{ name: '绩效工资' }] } as unknown as LPlan;
    const g = generateSql(lp, { dialect: 'duckdb' });
    expect(g.query).toBeUndefined();
    expect(g.diagnostics[0]!.code).toBe('KPI1101');
    expect(g.diagnostics[0]!.message).toContain('`payouts`');
  });

  it('a scoring method it does not know is KPI1101 naming the indicator and the method', () => {
    const lp = lowered();
    lp.inds[1] = { ...lp.inds[1]!, method: 'ranking' as never };
    const g = generateSql(lp, { dialect: 'postgres' });
    expect(g.diagnostics.map((d) => d.code)).toEqual(['KPI1101']);
    expect(g.diagnostics[0]!.message).toContain('`人员流失率`');
    expect(g.diagnostics[0]!.message).toContain('`ranking`');
  });

  it('a dialect not built yet (Spark SQL) is KPI1101, not untested SQL', () => {
    const g = generateSql(lowered(), { dialect: 'spark' as DialectName });
    expect(g.query).toBeUndefined();
    expect(g.diagnostics[0]!.code).toBe('KPI1101');
    expect(g.diagnostics[0]!.message).toContain('`spark`');
  });

  it('a cell with more than 6 decimals is a KPI1103 row error in SQL, never a silent NULL or a rounded score', async () => {
    const lp = lowered();
    const duck = await Duck.open();
    const header = ['工号', ...lp.inputs.map((i) => i.column)];
    await duck.load('t', header, [['S1', '96.12345%', '1%', '100%', '100%', '5%'], ['S2', '96.1234%', '1%', '100%', '100%', '5%']]);
    const q = sqlFor(lp, 'duckdb', 't', '工号');
    const got = reportLines(q, lp, await duck.rows(q.sql));
    expect(got[0]).toMatch(/^error: KPI1103 `96.12345%` in column `销售额达成`/);
    expect(got[1]).toContain('"total":97.29');
  });
});
