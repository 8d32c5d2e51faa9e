/** `kpi test` as a subprocess: pass/fail lines, expected vs actual at file:line:col, JUnit, exit codes. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { golden, kpi, ROOT } from './helpers.js';

/** JUnit times vary from run to run */
const stableTimes = (xml: string) => xml.replace(/ time="[\d.]+"/g, ' time="0"');

describe('kpi test', () => {
  it('runs every test block of the examples and ends with `N passed, 0 failed`', () => {
    const r = kpi(['test', 'examples/*.kpi'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const last = r.stdout.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^\d+ passed, 0 failed$/);
    expect(Number(last.split(' ')[0])).toBeGreaterThanOrEqual(14);
    expect(r.stdout).toMatch(/^examples\/店长\.kpi\n {2}✓ 全部达标$/m);
  });

  it('shows each failed expectation with its place, the expected and the actual value, and the row explained (golden)', () => {
    // --lang en: the explanation (│ lines) in English too; with no language known it stays Chinese (below)
    const r = kpi(['test', 'failing.kpi', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total: expected 95, got 94$/m);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:8:5 KPI0920 销售额: expected 95, got 90$/m);
    expect(r.stdout).toMatch(/^ {6}│ subtotal 94 \+ bonus 0 = total 94$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    golden('test-terminal.txt', r.stdout);
  });

  it('explains a failed test in the language `kpi explain` would use: --lang, else KPI_LANG / LC_ALL / LANG, else Chinese', () => {
    const zhLines = ['│ 销售额 90% ÷ 目标 100% = 90% → 90 分 × 60% = 54', '│ 流失率 目标 5% ÷ 5% = 100% → 100 分 × 40% = 40', '│ 合计 94 + 加分 0 = 总分 94'];
    const enLines = ['│ 销售额 90% ÷ target 100% = 90% → score 90 × 60% = 54', '│ 流失率 target 5% ÷ 5% = 100% → score 100 × 40% = 40', '│ subtotal 94 + bonus 0 = total 94'];
    const why = (r: { stdout: string }) => r.stdout.split('\n').filter((l) => l.includes('│')).map((l) => l.trim());
    expect(why(kpi(['test', 'failing.kpi', '--lang', 'zh']))).toEqual(zhLines);
    expect(why(kpi(['test', 'failing.kpi', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }))).toEqual(enLines);
    expect(why(kpi(['test', 'failing.kpi'], { env: { LANG: 'en_US.UTF-8' } }))).toEqual(enLines);
    expect(why(kpi(['test', 'failing.kpi'], { env: { KPI_LANG: 'zh' } }))).toEqual(zhLines);
    // C / unset names no language: messages English, the explanation Chinese, as `kpi explain` prints it
    const c = kpi(['test', 'failing.kpi']);
    expect(c.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total: expected 95, got 94$/m);
    expect(why(c)).toEqual(zhLines);
    expect(kpi(['explain', 'shop.kpi', '--data', 'good.csv', '--id', 'S001']).stdout).toMatch(/分 × /);
    // JUnit carries the same lines after the failure text
    expect(kpi(['test', '--format', 'junit', 'failing.kpi', '--lang', 'en']).stdout).toContain('\nsubtotal 94 + bonus 0 = total 94</failure>');
    expect(kpi(['test', '--format', 'junit', 'failing.kpi', '--lang', 'zh']).stdout).toContain('\n合计 94 + 加分 0 = 总分 94</failure>');
  });

  it('says once why a `given` row cannot be scored, and which expectations that leaves unchecked', () => {
    const r = kpi(['test', 'unscorable-test.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'unscorable-test.kpi',
        '  ✗ 少给一个',
        '      unscorable-test.kpi:5:8 the `given` row cannot be scored: KPI0901 no value in column `流失率` for `流失率`',
        '      unscorable-test.kpi:7:5 total: expected 54, not scored',
        '  ✓ 零流失',
        '',
        '1 passed, 1 failed',
        '',
      ].join('\n'),
    );
  });

  it('writes JUnit XML with one testcase per test block and the failure text (golden)', () => {
    const r = kpi(['test', '--format', 'junit', 'failing.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="kpi test" tests="4" failures="1" errors="0"/);
    expect(r.stdout.match(/<testcase /g)).toHaveLength(4);
    expect(r.stdout.match(/<failure /g)).toHaveLength(1);
    expect(r.stdout).toMatch(/<testcase classname="failing\.kpi\.小店考核" name="算错了" file="failing\.kpi" line="5" time="[\d.]+">\n\s+<failure message="KPI0920 total: expected 95, got 94" type="kpi-test">/);
    golden('test-junit.xml', stableTimes(r.stdout));
  });

  it('--format github prints the terminal lines, then one annotation per failed expectation at its line, then the summary', () => {
    const r = kpi(['test', '--format', 'github', 'failing.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\u001b\[/);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total: expected 95, got 94$/m);
    const ann = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(ann.map((l) => l.split('::').slice(0, 2).join('::'))).toEqual([
      '::error file=failing.kpi,line=7,col=5,endLine=7,endColumn=21,title=KPI0920',
      '::error file=failing.kpi,line=8,col=5,endLine=8,endColumn=19,title=KPI0920',
    ]);
    expect(ann[0]).toMatch(/::test "算错了": expected `total` = 95, got 94%0Ahelp: how the row scored:%0A销售额 90%25 ÷ target 100%25/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('3 passed, 1 failed');
    const clean = kpi(['test', '--format', 'github', 'shop.kpi']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toMatch(/::/);
  });

  it('exits 0 in JUnit mode when every test passes', () => {
    const r = kpi(['test', '--format', 'junit', 'shop.kpi']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/tests="2" failures="0"/);
  });

  it('counts a plan with errors as a failure, prints its diagnostics, and goes on with the other files', () => {
    const r = kpi(['test', 'broken.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^broken\.kpi:4:35 error KPI0402 /m);
    expect(r.stdout).toMatch(/✗ cannot run the tests: the file has 1 error\n/);
    expect(r.stdout).toMatch(/✓ 部分达标/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed, 1 file not run (errors in the plan)');
  });

  it('runs only the plan named with --plan, and a --plan that names no plan is a usage error', () => {
    const r = kpi(['test', '--plan', '小店考核', 'failing.kpi', 'two-plans.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    const none = kpi(['test', '--plan', '别的', 'failing.kpi']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('error KPI0005 no plan named `别的` in `failing.kpi`\n  = help: the plans are `小店考核`\n');
  });

  it('exits 2 for a missing file or a bad option', () => {
    const r = kpi(['test', 'nope.kpi']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('nope.kpi error KPI0001 cannot find `nope.kpi`\n  = help: check the name and the folder you run `kpi` in\n');
    expect(kpi(['test', '--format', 'tap', 'shop.kpi']).code).toBe(2);
  });
});

describe('kpi test in the language of the run (SPEC §8): its own lines come from the catalogue', () => {
  // two plan files with two errors each (weights sum to 90%, a misspelt scoring method): plural forms
  const dir = mkdtempSync(join(tmpdir(), 'kpi-test-lang-'));
  const bad = 'plan 店长 {\n  indicator 销售额 weight 60% target 100% scoring linear\n  indicator 毛利 weight 30% target 1 scoring linaer\n}\n';
  writeFileSync(join(dir, 'a.kpi'), bad);
  writeFileSync(join(dir, 'b.kpi'), bad);
  // a grade without a coefficient, and a money test (SPEC §7) that pays the wrong amount
  writeFileSync(
    join(dir, 'no-coefficient.kpi'),
    'plan 店长 {\n  indicator 销售额 weight 100% target 100% scoring linear\n  grades {\n    A >= 90\n    B\n  }\n  test "低分" {\n    given 销售额 = 50%\n    expect coefficient = 1\n  }\n}\n',
  );
  writeFileSync(
    join(dir, 'money.kpi'),
    'plan 团队 {\n  indicator 销售额 weight 100% target 100% scoring linear\n  grades {\n    A >= 90 coefficient 1.2\n    B       coefficient 1.0\n  }\n  pay 绩效工资 = 绩效基数 * coefficient\n  test "发错了" {\n    given 销售额 = 95%, 绩效基数 = 1000\n    expect 绩效工资 = 1000\n  }\n}\n',
  );
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a failed expectation and the last line, in Chinese with --lang zh', () => {
    const r = kpi(['test', 'failing.kpi', '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total：期望 95，实际为 94$/m);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:8:5 KPI0920 销售额：期望 95，实际为 90$/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 个通过，1 个失败');
    // LANG=zh_CN.UTF-8 chooses the same, --lang en English
    expect(kpi(['test', 'failing.kpi'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toBe(r.stdout);
    const en = kpi(['test', 'failing.kpi', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(en.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total: expected 95, got 94$/m);
    expect(en.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
  });

  it('a `given` row that cannot be scored, in Chinese (the row error in the catalogue\'s Chinese words)', () => {
    const r = kpi(['test', 'unscorable-test.kpi', '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        'unscorable-test.kpi',
        '  ✗ 少给一个',
        '      unscorable-test.kpi:5:8 `given` 给出的这一行无法计分：KPI0901 `流失率` 需要的 `流失率` 列没有值',
        '      unscorable-test.kpi:7:5 total：期望 54，未能计分',
        '  ✓ 零流失',
        '',
        '1 个通过，1 个失败',
        '',
      ].join('\n'),
    );
  });

  it('a file with errors: the ✗ line and the count of files not run, singular and plural, in both languages', () => {
    const zh1 = kpi(['test', 'broken.kpi', 'shop.kpi', '--lang', 'zh']);
    expect(zh1.code).toBe(1);
    expect(zh1.stdout).toMatch(/^ {2}✗ 无法运行测试：文件中有 1 个错误\n/m);
    expect(zh1.stdout.trimEnd().split('\n').at(-1)).toBe('2 个通过，0 个失败，1 个文件未运行（方案有错误）');
    const zh2 = kpi(['test', 'a.kpi', 'b.kpi', '--lang', 'zh'], { cwd: dir });
    expect(zh2.code).toBe(1);
    expect(zh2.stdout.match(/^ {2}✗ 无法运行测试：文件中有 2 个错误$/gm)).toHaveLength(2);
    expect(zh2.stdout.trimEnd().split('\n').at(-1)).toBe('0 个通过，0 个失败，2 个文件未运行（方案有错误）');
    const en2 = kpi(['test', 'a.kpi', 'b.kpi'], { cwd: dir });
    expect(en2.stdout.match(/^ {2}✗ cannot run the tests: the file has 2 errors$/gm)).toHaveLength(2);
    expect(en2.stdout.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 2 files not run (errors in the plan)');
  });

  it('JUnit: the testcase of a file with errors and its failure message, in both languages', () => {
    const en = kpi(['test', '--format', 'junit', 'broken.kpi']);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain('<testcase classname="broken.kpi." name="broken.kpi has errors" file="broken.kpi" time="0.000">');
    expect(en.stdout).toContain('<failure message="1 error: run `kpi check broken.kpi`" type="kpi-test">1 error: run `kpi check broken.kpi`</failure>');
    const zh = kpi(['test', '--format', 'junit', 'broken.kpi', '--lang', 'zh']);
    expect(zh.stdout).toContain('<testcase classname="broken.kpi." name="broken.kpi 中有错误" file="broken.kpi" time="0.000">');
    expect(zh.stdout).toContain('<failure message="1 个错误：请运行 `kpi check broken.kpi` 查看" type="kpi-test">');
    expect(kpi(['test', '--format', 'junit', 'a.kpi', '--lang', 'en'], { cwd: dir }).stdout).toContain('<failure message="2 errors: run `kpi check a.kpi`"');
    expect(kpi(['test', '--format', 'junit', 'a.kpi', '--lang', 'zh'], { cwd: dir }).stdout).toContain('<failure message="2 个错误：请运行 `kpi check a.kpi` 查看"');
    const failed = kpi(['test', '--format', 'junit', 'failing.kpi', '--lang', 'zh']);
    expect(failed.stdout).toContain('<failure message="KPI0920 total：期望 95，实际为 94" type="kpi-test">');
  });

  it('(no coefficient) where the plan gives none, in the failed expectation and its annotation', () => {
    const zh = kpi(['test', 'no-coefficient.kpi', '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(1);
    expect(zh.stdout).toMatch(/^ {6}no-coefficient\.kpi:9:5 KPI0920 coefficient：期望 1，实际为 （没有绩效系数）$/m);
    expect(kpi(['test', '--format', 'github', 'no-coefficient.kpi', '--lang', 'zh'], { cwd: dir }).stdout).toMatch(/::测试 "低分"：期望 `coefficient` = 1，实际为 （没有绩效系数）%0A帮助: /);
    const en = kpi(['test', 'no-coefficient.kpi'], { cwd: dir });
    expect(en.stdout).toMatch(/^ {6}no-coefficient\.kpi:9:5 KPI0920 coefficient: expected 1, got \(no coefficient\)$/m);
    expect(kpi(['test', '--format', 'github', 'no-coefficient.kpi'], { cwd: dir }).stdout).toMatch(/::test "低分": expected `coefficient` = 1, got \(no coefficient\)%0Ahelp: /);
  });

  it("a money test's KPI0920 (message and help) in the annotation, in both languages", () => {
    const zh = kpi(['test', '--format', 'github', 'money.kpi', '--lang', 'zh'], { cwd: dir });
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('title=KPI0920::测试 "发错了"：期望 `绩效工资` = 1000，实际为 1200%0A帮助: 薪酬随最终等级而定：请检查测试中给出的人员、他们所在的分组和强制分布\n');
    const en = kpi(['test', '--format', 'github', 'money.kpi'], { cwd: dir });
    expect(en.stdout).toContain(
      'title=KPI0920::test "发错了": expected `绩效工资` = 1000, got 1200%0Ahelp: money follows the final grade: check the people given, their groups and the distribution\n',
    );
  });
});
