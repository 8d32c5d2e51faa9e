/** `kpi test` as a subprocess: pass/fail lines, expected vs actual at file:line:col, JUnit, exit codes. */
import { describe, expect, it } from 'vitest';
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
    const r = kpi(['test', 'failing.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:7:5 KPI0920 total: expected 95, got 94$/m);
    expect(r.stdout).toMatch(/^ {6}failing\.kpi:8:5 KPI0920 销售额: expected 95, got 90$/m);
    expect(r.stdout).toMatch(/│ 合计 94 \+ 加分 0 = 总分 94/);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed');
    golden('test-terminal.txt', r.stdout);
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
