/**
 * The money diagnostics (SPEC §7, KPI10xx) in both languages: the plan checks of the KPI100x pages' wrong
 * examples, the findings of bad data sets in the core (every one carries its catalogue reference, so
 * nothing stays English), and `kpi score` with a Chinese locale printing them in Chinese.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readdirSync, readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../packages/core/src/check/index.js';
import { compilePlan } from '../../packages/core/src/compile/index.js';
import { localize } from '../../packages/core/src/diagnostics/diag.js';
import type { Diagnostic } from '../../packages/core/src/diagnostics/types.js';
import { moneyInputs, scoreDataset, type DatasetRow } from '../../packages/core/src/money/dataset.js';
import type { MoneyIssue } from '../../packages/core/src/money/evaluate.js';
import { ensureBuilt, kpi, ROOT } from '../cli/helpers.js';

const HAN = /\p{Script=Han}/u;
const UNFILLED = /\{\{\w+\}\}|undefined|\[object Object\]/;

function bothLanguages(d: Diagnostic): void {
  expect(d.t, `${d.code} comes from the catalogue`).toBeDefined();
  for (const lang of ['en', 'zh'] as const) {
    const l = localize(d, lang);
    for (const s of [l.message, l.help ?? '', ...(l.related ?? []).map((r) => r.message)]) expect(s, `${d.code} ${lang}`).not.toMatch(UNFILLED);
    expect(l.message.length).toBeGreaterThan(0);
  }
  expect(localize(d, 'en').message, 'the English text is what the diagnostic carries').toBe(d.message);
  expect(localize(d, 'zh').message, `${d.code} in Chinese`).toMatch(HAN);
  if (d.help) expect(localize(d, 'zh').help, `${d.code} help in Chinese`).toMatch(HAN);
}

describe('money plan checks (KPI1001–KPI1010) in both languages', () => {
  it("renders every wrong example's findings in English and Chinese", () => {
    const dir = join(ROOT, 'grammar/diagnostics');
    const seen = new Set<string>();
    for (const f of readdirSync(dir).filter((n) => /^KPI10[0-4]\d\.md$/.test(n))) {
      for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/```kpi\n([\s\S]*?)```/g)) {
        for (const d of analyze('x.kpi', m[1]!).diagnostics.filter((x) => x.code.startsWith('KPI10'))) {
          bothLanguages(d);
          seen.add(d.code);
        }
      }
    }
    expect([...seen].sort()).toEqual(['KPI1001', 'KPI1002', 'KPI1003', 'KPI1004', 'KPI1005', 'KPI1006', 'KPI1007', 'KPI1008', 'KPI1009', 'KPI1010']);
  });

  it('keeps the English texts the checker printed before the catalogue', () => {
    const d = analyze('x.kpi', `plan 提成 {
  indicator 销售额 weight 100% target 600000 scoring linear
  commission 全额 on 销售额 whole { <= 500000: 5%  else: 7% }
}`).diagnostics.find((x) => x.code === 'KPI1003')!;
    expect(d.message).toBe('`whole` pays 25,000 on 500,000 but 35,000 on 500,000.01: the commission jumps by 10,000 at this bound');
    expect(localize(d, 'zh').message).toBe('`whole`（全额累进）在 500,000 时提成 25,000，在 500,000.01 时却是 35,000：提成在这个档位上限处跳增 10,000');
  });
});

/** score a data set in the core: rows as records of column → cell text */
function issuesOf(planText: string, rows: Record<string, string>[], period?: string): MoneyIssue[] {
  const a = analyze('t.kpi', planText);
  expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const plan = a.file.plans[0]!;
  const compiled = compilePlan(plan).compiled!;
  const { extra } = moneyInputs(plan, compiled);
  const columns = [...compiled.inputs.map((i) => i.column), ...extra];
  const data: DatasetRow[] = rows.map((r, i) => ({
    id: r.id!,
    row: i + 2,
    values: Float64Array.from(columns.map((c) => (r[c] === undefined || r[c] === '' ? NaN : Number(r[c])))),
    text: (c) => (r[c] === undefined || r[c] === '' ? undefined : r[c]),
  }));
  return scoreDataset(plan, compiled, data, { extra, ...(period ? { period } : {}) }).issues;
}

const asDiagnostic = (i: MoneyIssue): Diagnostic => ({ code: i.code, severity: i.severity, message: i.message, ...(i.help ? { help: i.help } : {}), ...(i.t ? { t: i.t } : {}) });

describe('money findings of a data set (KPI1051–KPI1060) in both languages', () => {
  const POOL = `plan 奖金 {
  indicator 得分 weight 100% target 100 scoring linear
  grades { S >= 95 coefficient 1.5  A >= 85 coefficient 1.2  B >= 70 coefficient 1.0  C >= 60 coefficient 0.8  D coefficient 0.5 }
  distribution within 部门 { S 10%  A 20%  B 50%  C 15%  D 5% }
  pool 部门奖金 = 奖金池 split by coefficient within 部门
  pay 绩效工资 = 基数 / 人数 * coefficient
}`;
  const person = (id: string, 得分: string, more: Record<string, string> = {}) => ({ id, 得分, 部门: '一部', 奖金池: '1000', 基数: '1000', 人数: '1', ...more });
  const PERIODS = `plan 季度 {
  aggregate sum
  indicator 销售额 weight 100% target 100 scoring linear
}`;
  const NO_AGGREGATE = `plan 季度 {
  indicator 销售额 weight 100% target 100 scoring linear
}`;
  const cases: [string, MoneyIssue[]][] = [
    ['KPI1051', issuesOf(POOL, [person('1', '100'), person('2', '90', { 奖金池: '900' })])],
    ['KPI1052', issuesOf(PERIODS, [{ id: 'A', 季度: 'Q1', 销售额: '1' }, { id: 'A', 季度: 'Q1', 销售额: '2' }], '季度')],
    ['KPI1053', issuesOf(PERIODS, [{ id: 'A', 季度: 'Q1', 销售额: '1' }, { id: 'A', 季度: 'Q2', 销售额: '1' }, { id: 'B', 季度: 'Q1', 销售额: '1' }], '季度')],
    ['KPI1054', issuesOf(POOL, [...'12345678'].map((id) => person(id, '100')))],
    ['KPI1055', issuesOf(POOL, [person('1', '100'), person('2', '100')])],
    ['KPI1056', issuesOf(POOL, [person('1', '100', { 人数: '0' })])],
    ['KPI1057', issuesOf(POOL, [person('1', '100', { 基数: '' })])],
    ['KPI1058', issuesOf(POOL, [person('1', '100', { 部门: '' })])],
    ['KPI1059', issuesOf(PERIODS, [{ id: 'A', 季度: '', 销售额: '1' }], '季度')],
    ['KPI1060', issuesOf(NO_AGGREGATE, [{ id: 'A', 季度: 'Q1', 销售额: '1' }], '季度')],
  ];
  for (const [code, issues] of cases) {
    it(`${code} carries its catalogue reference and reads in Chinese`, () => {
      const mine = issues.filter((i) => i.code === code);
      expect(mine.length, `${code} among ${issues.map((i) => i.code).join(', ')}`).toBeGreaterThan(0);
      for (const i of issues) bothLanguages(asDiagnostic(i));
    });
  }

  it('keeps the English texts', () => {
    const of = (code: string) => cases.find(([c]) => c === code)![1].find((i) => i.code === code)!;
    expect(of('KPI1051').message).toBe('pool `部门奖金` differs within 部门 `一部`: 1000 for `1` but 900 for `2`');
    expect(localize(asDiagnostic(of('KPI1051')), 'zh').message).toBe('奖金池 `部门奖金` 在部门 `一部`内不一致：`1` 是 1000，`2` 却是 900');
    expect(of('KPI1053').message).toBe('`B` has no row for period `Q2` (the file has `Q1`, `Q2`)');
    expect(localize(asDiagnostic(of('KPI1053')), 'zh').message).toBe('`B` 缺少考核期 `Q2` 的数据行（文件中的考核期：`Q1`、`Q2`）');
    expect(of('KPI1055').message).toBe('in 部门 `一部` (2 people), the score-based grades differ from the distribution: S 2 (quota 0), A 0 (quota 2)');
    expect(localize(asDiagnostic(of('KPI1055')), 'zh').message).toBe('在部门 `一部`（2 人）中，按分评出的等级与强制分布不同：S 2 人（名额 0），A 0 人（名额 2）');
  });
});

describe('kpi score: money errors in the language of the locale', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kpi-money-zh-'));
  const csv = join(dir, '销售团队季度.csv');
  beforeAll(() => {
    ensureBuilt();
    // S003's 绩效基数 of 1月 left blank: 绩效工资 cannot be computed (KPI1057); S001 twice in 1月 (KPI1052)
    const lines = readFileSync(join(ROOT, 'examples/data/销售团队季度.csv'), 'utf8').trim().split('\n');
    const header = lines[0]!.split(',');
    const base = header.indexOf('绩效基数');
    const rows = lines.slice(1).map((l) => l.split(','));
    const s003 = rows.find((r) => r[0] === 'S003')!;
    s003[base] = '';
    writeFileSync(csv, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  });

  it('LANG=zh_CN.UTF-8 prints KPI1057 in Chinese; --lang en in English', () => {
    const zh = kpi(['score', 'examples/销售团队季度.kpi', '--data', csv], { cwd: ROOT, env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.code).toBe(2);
    expect(zh.stderr).toContain('错误 KPI1057 `S003` 的 `绩效基数` 列为空或缺失，而金额项要读取它');
    expect(zh.stderr).toContain('帮助: 填上 `绩效基数`（金额不会悄悄按 0 计算）');
    const en = kpi(['score', 'examples/销售团队季度.kpi', '--data', csv, '--lang', 'en'], { cwd: ROOT, env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('error KPI1057 column `绩效基数` is blank or missing for `S003`, but a money item reads it');
  });

  it('a missing group column (KPI1058) and period errors (KPI1052) in Chinese', () => {
    const noDept = join(dir, 'no-dept.csv');
    writeFileSync(noDept, readFileSync(join(ROOT, 'examples/data/销售团队季度.csv'), 'utf8').replace(',部门,', ',组,'));
    const r = kpi(['score', 'examples/销售团队季度.kpi', '--data', noDept], { cwd: ROOT, env: { LANG: 'zh_CN.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('KPI1058 数据文件中没有 `部门` 列（`within` 的分组列）');
    const dup = join(dir, 'dup.csv');
    const text = readFileSync(join(ROOT, 'examples/data/销售团队季度.csv'), 'utf8');
    writeFileSync(dup, text + text.split('\n')[1] + '\n');
    const d = kpi(['score', 'examples/销售团队季度.kpi', '--data', dup], { cwd: ROOT, env: { KPI_LANG: 'zh' } });
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/KPI1052 `S001` 在考核期 `1月` 有两行：第 2 行和第 \d+ 行/);
  });
});
