/** What the SQL target refuses, with a code, instead of producing SQL that could be wrong. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyze, compilePlan, generateSql, localize, type DialectName, type LPlan } from '../../packages/core/src/index.js';
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

  it('names the plan forms as the plan writes them (money items), in both languages', () => {
    const a = analyze('销售团队季度.kpi', readFileSync('examples/销售团队季度.kpi', 'utf8'));
    const d = generateSql(compilePlan(a.file.plans[0]!).compiled!.lowered, { dialect: 'duckdb' }).diagnostics[0]!;
    expect([d.code, d.message, localize(d, 'zh').message]).toEqual([
      'KPI1101',
      'plan `销售团队季度考核` uses money items (`pay`, `commission`, `pool`, `distribution`, periods), which the SQL target cannot express yet',
      '方案 `销售团队季度考核` 用到了 薪酬类项目（`pay`、`commission`、`pool`、`distribution`、考核期），SQL 目标暂不能表达',
    ]);
  });

  it('an indicator field it does not know (a newer indicator form) is KPI1101 naming the indicator and the field', () => {
    const lp = lowered();
    lp.inds[0] = { ...lp.inds[0]!, ranking: { by: '部门' } } as unknown as LPlan['inds'][number];
    const d = generateSql(lp, { dialect: 'duckdb' }).diagnostics[0]!;
    expect(d.message).toBe('indicator `销售额达成` uses `ranking`, which the SQL target cannot express yet');
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

  it('every refusal comes from the catalogue, in English and Chinese (KPI1101 variants, KPI1102 per dialect)', () => {
    const overflow = analyze('产量.kpi', 'plan 产量考核 {\n  metric 产值 = 班组人数 * 人均工时 * 工时产量 * 单价\n  indicator 产值 weight 100% target 1000000 scoring linear\n}\n');
    const big = compilePlan(overflow.file.plans[0]!).compiled!.lowered;
    const method = lowered();
    method.inds[1] = { ...method.inds[1]!, method: 'ranking' as never };
    const cases = [
      generateSql({ ...lowered(), payouts: [{ name: '绩效工资' }] } as unknown as LPlan, { dialect: 'duckdb' }),
      generateSql(method, { dialect: 'clickhouse' }),
      generateSql(lowered(), { dialect: 'spark' as DialectName }),
      generateSql(big, { dialect: 'duckdb' }),
      generateSql(big, { dialect: 'clickhouse' }),
    ];
    const zh = cases.map((g) => {
      expect(g.query).toBeUndefined();
      const d = g.diagnostics[0]!;
      expect(d.t?.id, d.message).toMatch(/^KPI110[12]/);
      const l = localize(d, 'zh');
      for (const s of [l.message, l.help ?? '']) expect(s).not.toMatch(/\{\{|undefined/);
      expect(l.message).toMatch(/\p{Script=Han}/u);
      return `${l.code} ${l.message} | ${l.help}`;
    });
    expect(zh).toEqual([
      'KPI1101 方案 `店长月度考核` 用到了 `payouts`，SQL 目标暂不能表达 | 请用 `kpi score`（JS 引擎）计算这个方案',
      'KPI1101 指标 `人员流失率` 的计分方式 `ranking`，SQL 目标暂不能表达 | 请用 `kpi score`（JS 引擎）计算这个方案',
      'KPI1101 SQL 方言 `spark` 暂不可用 | 请用 `--dialect duckdb`、`--dialect postgres` 或 `--dialect clickhouse`',
      'KPI1102 即使数值都小于 10^7，`产值` 要保持精确也需要超出 duckdb 的 HUGEINT 的整数 | 请用 `--dialect postgres`（精确的 NUMERIC），或用 `kpi score`（JS 引擎）计算',
      'KPI1102 即使数值都小于 10^7，`产值` 要保持精确也需要超出 clickhouse 的 Decimal128 的整数 | 请用 `--dialect postgres`（精确的 NUMERIC），或用 `kpi score`（JS 引擎）计算',
    ]);
    expect(cases[3]!.diagnostics[0]!.message).toBe("`产值` needs integers beyond duckdb's HUGEINT to stay exact, even with values below 10^7");
  });

  it("the `error` column speaks the language given to generateSql, with the engine's cell in it", async () => {
    const lp = lowered();
    const duck = await Duck.open();
    const header = ['工号', ...lp.inputs.map((i) => i.column)];
    await duck.load('t', header, [['S1', '96.12345%', '1%', '100%', '100%', '5%'], ['S2', 'abc', '1%', '100%', '100%', '5%'], ['S3', '96%', '', '100%', '100%', '5%']]);
    const g = generateSql(lp, { dialect: 'duckdb', table: 't', idColumn: '工号', lang: 'zh' });
    const errors = (await duck.rows(g.query!.sql)).map((r) => r[1]);
    expect(errors).toEqual([
      'KPI1103 `销售额达成` 列的 `96.12345%` 超过 6 位小数或不小于 10^12，超出了这个方案的 SQL 能精确读取的范围',
      'KPI0811 无法读取 `销售额达成` 列的 `abc`：不是数字',
      'KPI0812 `人员流失率` 列为空',
    ]);
  });
});
