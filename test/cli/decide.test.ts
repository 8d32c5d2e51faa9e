/**
 * `kpi diff` and `kpi solve` through the built CLI, on hand-computed cases (SPEC §9).
 * Fixtures: shop.kpi → revised-shop.kpi (weights, a target, a method, a rename, a grade coefficient),
 * groups-v*.kpi (effective weights), solve.kpi (every method, floor, cap, veto).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, golden, kpi } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'kpi-decide-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Change {
  kind: string;
  subject: string;
  field?: string;
  old?: string;
  new?: string;
  oldLine?: number;
  newLine?: number;
}

describe('kpi diff: plan terms', () => {
  it('weights, a target, a method and a renamed indicator, each with the line on both sides', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { changes: Change[] };
    const strip = (c: Change) => [c.kind, c.subject, c.field ?? '', c.old ?? '', c.new ?? '', c.oldLine, c.newLine];
    expect(d.changes.map(strip)).toEqual([
      ['weight', 'indicator 销售额', 'weight', '60%', '50%', 6, 6],
      ['renamed', 'indicator 员工流失率', '', '流失率', '员工流失率', 7, 7],
      ['weight', 'indicator 满意度', 'weight', '20%', '30%', 8, 8],
      ['target', 'indicator 满意度', 'target', '(none)', '4', 8, 8],
      ['method', 'indicator 满意度', 'scoring', 'rating 1..5', 'threshold', 8, 8],
      ['grade', 'grade A', 'coefficient', '1.2', '1.3', 13, 13],
    ]);
  });

  it('a group weight moves the effective weights of the indicators under it', () => {
    const r = kpi(['diff', 'groups-v1.kpi', 'groups-v2.kpi', '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { changes: Change[] };
    expect(d.changes.map((c) => [c.subject, c.field, c.old, c.new])).toEqual([
      ['group 业绩', 'weight', '60%', '70%'],
      // 60% × 50% = 30% → 70% × 50% = 35%
      ['indicator 销售额', 'effective weight', '30%', '35%'],
      ['indicator 毛利', 'effective weight', '30%', '35%'],
      ['indicator 满意度', 'weight', '40%', '30%'],
    ]);
  });

  it('bands and curve tables, caps and floors', () => {
    const a = join(tmp, 'a.kpi');
    const b = join(tmp, 'b.kpi');
    writeFileSync(a, 'plan P {\n  indicator 回款 weight 50% scoring bands { >= 100: 100  else: 0 }\n  indicator 销售 weight 50% target 100% scoring linear cap 120%\n}\n');
    writeFileSync(b, 'plan P {\n  indicator 回款 weight 50% scoring bands { >= 100: 100  >= 80: 60  else: 0 }\n  indicator 销售 weight 50% target 100% scoring linear cap 110% floor 60%\n}\n');
    const r = kpi(['diff', a, b, '--format', 'json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { changes: Change[] };
    expect(d.changes.map((c) => [c.kind, c.field, c.old, c.new])).toEqual([
      ['table', 'scoring', 'bands { >= 100: 100  else: 0 }', 'bands { >= 100: 100  >= 80: 60  else: 0 }'],
      ['option', 'cap', '120%', '110%'],
      ['option', 'floor', '(none)', '60%'],
    ]);
  });
});

describe('kpi diff: items added and removed, bonus, veto, metric, grade bounds', () => {
  it('each with its line on the side where it exists', () => {
    const a = join(tmp, 'x1.kpi');
    const b = join(tmp, 'x2.kpi');
    writeFileSync(a, 'plan P {\n  indicator 销售 weight 60% target 100% scoring linear\n  indicator 回访 weight 40% target 100% scoring linear\n  bonus 创新 points 2 per 1 max 4\n  veto 事故 when 事故数 > 0\n  grades {\n    A >= 90 coefficient 1.2\n    B coefficient 1\n  }\n}\n');
    writeFileSync(b, 'plan P {\n  metric 毛利率 = 毛利 / 销售额\n  indicator 销售 weight 60% target 100% scoring linear\n  indicator 毛利率 weight 40% target 30% scoring linear\n  bonus 创新 points 3 per 1 max 6\n  veto 事故 when 事故数 > 1\n  grades {\n    A >= 85 coefficient 1.2\n    B coefficient 1\n  }\n}\n');
    const r = kpi(['diff', a, b, '--format', 'json']);
    expect(r.stderr).toBe('');
    const d = JSON.parse(r.stdout) as { changes: Change[] };
    expect(d.changes.map((c) => [c.kind, c.subject, c.field ?? '', c.old ?? '', c.new ?? '', c.oldLine ?? 0, c.newLine ?? 0])).toEqual([
      ['added', 'metric 毛利率', '', '', '= 毛利 / 销售额', 0, 2],
      ['removed', 'indicator 回访', '', 'weight 40% target 100% scoring linear', '', 3, 0],
      ['added', 'indicator 毛利率', '', '', 'weight 40% target 30% scoring linear', 0, 4],
      ['bonus', 'bonus 创新', 'rule', 'points 2 per 1 max 4', 'points 3 per 1 max 6', 4, 5],
      ['veto', 'veto 事故', 'condition', 'when 事故数 > 0', 'when 事故数 > 1', 5, 6],
      ['grade', 'grade A', 'bound', '90', '85', 7, 8],
    ]);
  });
});

describe('kpi diff --data: the team replayed on both versions', () => {
  it('each person old → new, sorted by impact, with the summary (hand-computed)', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--data', 'revised-shop.csv', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout) as { replay: { people: { id: string; old: { total: number; grade: string }; new: { total: number; grade: string }; delta: string }[]; summary: Record<string, unknown> } };
    // S003 new: 120% capped → 60; 2% reverse capped at 100 → 20; 满意度 3 < 4 → 0; no bonus = 80 (old 72 + 20 + 12 = 104)
    // S002 new: 90 × 50% = 45; 50 × 20% = 10; 4 ≥ 4 → 30; bonus 2 = 87 (old 82)
    // S001 new: 52.5 + 20 + 30 + 2 = 104.5 (old 63 + 20 + 20 + 2 = 105)
    expect(d.replay.people.map((p) => [p.id, p.old.total, p.old.grade, p.new.total, p.new.grade, p.delta])).toEqual([
      ['S003', 104, 'A', 80, 'B', '-24'],
      ['S002', 82, 'B', 87, 'B', '5'],
      ['S001', 105, 'A', 104.5, 'A', '-0.5'],
    ]);
    expect(d.replay.summary).toMatchObject({
      people: 3,
      up: 1,
      down: 2,
      unchanged: 0,
      totalDelta: '-19.5',
      before: { A: 2, B: 1, C: 0 },
      after: { A: 1, B: 2, C: 0 },
      transitions: { A: { A: 1, B: 1, C: 0 }, B: { A: 0, B: 1, C: 0 }, C: { A: 0, B: 0, C: 0 } },
      coefficientSum: { before: '3.4', after: '3.3' },
    });
  });

  it('markdown for a pull-request comment (golden)', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--data', 'revised-shop.csv', '--format', 'markdown', '--lang', 'en']);
    expect(r.code).toBe(0);
    golden('diff-markdown.md', r.stdout);
  });

  it('text for a terminal (golden)', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--data', 'revised-shop.csv', '--lang', 'en']);
    expect(r.code).toBe(0);
    golden('diff-text.txt', r.stdout);
  });

  it('in Chinese by default, as the pull-request comment shows it (golden)', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--data', 'revised-shop.csv', '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('| ✏️ | 指标 员工流失率 | 流失率 | 员工流失率 | L7 → L7 |');
    golden('diff-markdown-zh.md', r.stdout);
  });

  it('markdown never carries plan text as markup', () => {
    const a = join(tmp, 'm1.kpi');
    const b = join(tmp, 'm2.kpi');
    writeFileSync(a, 'plan P {\n  indicator "GMV|<b>x</b>" weight 100% target 1 scoring linear\n}\n');
    writeFileSync(b, 'plan P {\n  indicator "GMV|<b>x</b>" weight 100% target 2 scoring linear\n}\n');
    const r = kpi(['diff', a, b, '--format', 'markdown']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('GMV\\|&lt;b&gt;x&lt;/b&gt;');
    expect(r.stdout).not.toContain('<b>');
  });

  it('a column the new version needs and the data lacks is a data error (exit 2), nothing printed', () => {
    const r = kpi(['diff', 'shop.kpi', 'revised-shop.kpi', '--data', 'good.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('员工流失率');
  });
});

describe('kpi diff: git revisions', () => {
  it('reads OLD from `HEAD:plans/店长.kpi`', () => {
    const repo = join(tmp, 'repo');
    mkdirSync(join(repo, 'plans'), { recursive: true });
    copyFileSync(join(FIXTURES, 'shop.kpi'), join(repo, 'plans', '店长.kpi'));
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, stdio: 'pipe' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'v1');
    copyFileSync(join(FIXTURES, 'revised-shop.kpi'), join(repo, 'plans', '店长.kpi'));
    const r = kpi(['diff', 'HEAD:plans/店长.kpi', 'plans/店长.kpi', '--format', 'json'], { cwd: repo });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: Change[] }).changes).toHaveLength(6);
    const bad = kpi(['diff', 'HEAD:plans/none.kpi', 'plans/店长.kpi'], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read `HEAD:plans/none.kpi`');
    expect(bad.stderr).not.toContain('internal error');
  });
});

interface Answer {
  indicator: string;
  status: string;
  answer?: string;
  direction?: string;
  roundedUp?: boolean;
  step?: boolean;
  reason?: { code: string };
  at?: { total: number; grade?: string; exactTotal: string };
  short?: { total: number };
}
const solveJson = (id: string, goal: string, ...more: string[]) => {
  const r = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', id, '--goal', goal, '--format', 'json', ...more]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const j = JSON.parse(r.stdout) as { current: { total: number }; answers: Answer[] };
  return { ...j, by: Object.fromEntries(j.answers.map((a) => [a.indicator, a])) };
};

describe('kpi solve: hand-computed', () => {
  // P1: 销售额 80% → 32; 流失率 10% → 50 × 10% = 5; 回款 85 → 60 → 6; 毛利率 20% → 50 → 5; 满意度 4 → 8;
  //     投诉 2 → 80 → 8; 账目 100% → 10. Total 74 (B). Goal total 76: the exact total must reach 75.995.
  it('linear, reverse, bands, curve, rating, deduct and a threshold already at its best', () => {
    const { current, by } = solveJson('P1', 'total 76');
    expect(current.total).toBe(74);
    // 40 × r ≥ 33.995 → r ≥ 0.849875 → 84.99% (exact 75.996 rounds to 76.00; 84.98% gives 75.99)
    expect(by['销售额']).toMatchObject({ status: 'reachable', direction: 'at-least', answer: '0.8499', roundedUp: true, at: { total: 76, exactTotal: '75.996' }, short: { total: 75.99 } });
    // 0.5 / x ≥ 6.995 → x ≤ 7.1479…% → 7.14% (76.0028); 7.15% gives 75.993
    expect(by['流失率']).toMatchObject({ status: 'reachable', direction: 'at-most', answer: '0.0714', short: { total: 75.99 } });
    // bands: 60 → 100 at 回款 ≥ 100: the step jumps from 74 to 78
    expect(by['回款']).toMatchObject({ status: 'reachable', answer: '100', step: true, at: { total: 78 }, short: { total: 74 } });
    // curve: 50 × (x − 10%) ≥ 6.995 → x ≥ 23.99% exactly: 75.995 rounds half-up to 76
    expect(by['毛利率']).toMatchObject({ status: 'reachable', answer: '0.2399', roundedUp: true, at: { exactTotal: '75.995', total: 76 }, short: { total: 75.99 } });
    // rating: 2 × mark ≥ 9.995 → 5 (4.99 gives 75.98)
    expect(by['满意度']).toMatchObject({ status: 'reachable', answer: '5', short: { total: 75.98 } });
    // deduct 10 per 1: 10 − n ≥ 9.995 → n ≤ 0
    expect(by['投诉']).toMatchObject({ status: 'reachable', direction: 'at-most', answer: '0', short: { total: 75 } });
    expect(by['账目']).toMatchObject({ status: 'unreachable', reason: { code: 'max-score' } });
  });

  it('a cap and a table top make a goal unreachable, and say so', () => {
    const { by } = solveJson('P1', 'total 80');
    expect(by['销售额']).toMatchObject({ status: 'reachable', answer: '0.9499' });
    expect(by['流失率']).toMatchObject({ status: 'unreachable', reason: { code: 'cap' } });
    expect(by['回款']).toMatchObject({ status: 'unreachable', reason: { code: 'table-max' } });
    expect(by['毛利率']).toMatchObject({ status: 'unreachable', reason: { code: 'table-max' } });
  });

  it('a floor: below 60% the score is 0, so the answer is the floor and the total jumps', () => {
    // P2: 销售额 50% is under the floor (0 points): total 42. Goal 55 needs 12.995 points from 销售额,
    // i.e. r ≥ 32.49%, but below 60% nothing counts: 60% gives 24 points (total 66), 59.99% gives 0 (42)
    const { by } = solveJson('P2', '总分 55');
    expect(by['销售额']).toMatchObject({ status: 'reachable', answer: '0.6', step: true, at: { total: 66 }, short: { total: 42 } });
  });

  it('rounding at a grade boundary: grade A (≥ 90) is reached at an exact 89.996', () => {
    // with --set 流失率=5%: total 79; 40 × r ≥ 79.995 - 79 + 32 → r ≥ 1.074875 → 107.49%
    const { current, by } = solveJson('P1', 'grade A', '--set', '流失率=5%');
    expect(current.total).toBe(79);
    expect(by['销售额']).toMatchObject({ answer: '1.0749', roundedUp: true, at: { total: 90, grade: 'A', exactTotal: '89.996' }, short: { total: 89.99 } });
  });

  it('a veto holds whatever the indicators are', () => {
    const { answers } = solveJson('P3', 'grade B');
    expect(answers.every((a) => a.status === 'unreachable' && a.reason?.code === 'veto')).toBe(true);
  });

  it('text output in sentences (golden)', () => {
    const r = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', 'P1', '--goal', 'total 76', '--lang', 'en']);
    expect(r.code).toBe(0);
    golden('solve-text.txt', r.stdout);
    const zh = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', 'P1', '--goal', '总分 76']);
    expect(zh.code).toBe(0);
    golden('solve-text-zh.txt', zh.stdout);
  });

  it('usage errors: unknown grade, unknown --set column, unknown id', () => {
    const g = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', 'P1', '--goal', 'grade Z']);
    expect(g.code).toBe(2);
    expect(g.stderr).toContain('`Z` is not a grade of the plan');
    const s = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', 'P1', '--goal', 'grade A', '--set', '不存在=1']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('the plan reads no column `不存在`');
    const i = kpi(['solve', 'solve.kpi', '--data', 'solve.csv', '--id', 'P9', '--goal', 'grade A']);
    expect(i.code).toBe(2);
    expect(i.stderr).toContain('no row has id `P9`');
    for (const r of [g, s, i]) expect(r.stderr).not.toContain('internal error');
  });
});

describe('kpi init: the pull-request workflow posts the markdown diff', () => {
  it("the workflow's diff script, run in a repository with a changed plan, writes the markdown to the job summary", () => {
    const dir = join(tmp, 'init');
    mkdirSync(dir);
    expect(kpi(['init', 'repo'], { cwd: dir }).code).toBe(0);
    const repo = join(dir, 'repo');
    const wf = readFileSync(join(repo, '.github/workflows/kpi.yml'), 'utf8');
    expect(wf).toContain('pull-requests: write');
    expect(wf).toContain('gh pr comment "$PR" --body-file kpi-diff.md');
    const m = /- name: kpi diff\n[\s\S]*?run: \|\n([\s\S]*?)\n {6}- name:/.exec(wf);
    expect(m).not.toBeNull();
    const script = m![1]!.replace(/^ {10}/gm, '').replace(/npx kpi/g, `node "${BIN}"`);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'v1');
    const base = git('rev-parse', 'HEAD').trim();
    const plan = readFileSync(join(repo, '店长.kpi'), 'utf8');
    const changed = plan.replace('销售额达成 weight 60%', '销售额达成 weight 50%').replace('顾客满意度 weight 20%', '顾客满意度 weight 30%');
    expect(changed).not.toBe(plan);
    writeFileSync(join(repo, '店长.kpi'), changed);
    git('commit', '-qam', 'v2');
    const summary = join(dir, 'summary.md');
    execFileSync('bash', ['-e', '-c', script], { cwd: repo, env: { ...process.env, BASE: base, GITHUB_STEP_SUMMARY: summary, NO_COLOR: '1' }, encoding: 'utf8' });
    const md = readFileSync(summary, 'utf8');
    expect(md).toContain('### 考核方案变更');
    expect(md).toContain('| 60% | 50% |');
    expect(md).toContain('**4 人**');
  });
});

describe('README', () => {
  it('shows the markdown diff and the solve sentences exactly as the CLI prints them', () => {
    const readme = readFileSync(join(FIXTURES, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(readFileSync(join(FIXTURES, '..', 'golden', 'diff-markdown-zh.md'), 'utf8'));
    expect(readme).toContain(readFileSync(join(FIXTURES, '..', 'golden', 'solve-text.txt'), 'utf8'));
  });
});
