/**
 * Language selection (SPEC §8): `--lang zh|en` on every command; without it KPI_LANG, then LC_ALL, then
 * LANG (zh_* → zh). Every output format carries the message in the chosen language; errors of the
 * command line itself are coded diagnostics printed in the chosen format.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kpi } from './helpers.js';

const BAD = 'plan 店长 {\n  indicator 销售额 weight 60% target 100% scoring linear\n  indicator 毛利 weight 30% target 1 scoring linaer\n}\n';
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kpi-lang-'));
  writeFileSync(join(dir, 'bad.kpi'), BAD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const run = (args: string[], env: Record<string, string> = {}) => kpi(args, { cwd: dir, env });

describe('--lang and the locale', () => {
  it('LANG=zh_CN.UTF-8 prints Chinese messages and help; --lang en English', () => {
    const zh = run(['check', 'bad.kpi'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(1);
    expect(zh.stdout).toContain('bad.kpi:1:6 错误 KPI0301 `店长` 的权重合计 90%，应为 100%');
    expect(zh.stdout).toContain('= 帮助: 给其中一项加上 10%');
    expect(zh.stdout).toContain('`scoring` 之后应为计分方法，却是 `linaer`');
    expect(zh.stdout).toMatch(/1 个文件中：2 个错误\n$/);
    const en = run(['check', 'bad.kpi', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' });
    expect(en.stdout).toContain('error KPI0301 weights in `店长` sum to 90%, expected 100%');
    expect(en.stdout).toMatch(/2 errors in 1 file\n$/);
  });

  it('KPI_LANG comes first, then LC_ALL, then LANG; C or unset means English', () => {
    expect(run(['check', 'bad.kpi'], { LANG: 'zh_CN.UTF-8', KPI_LANG: 'en' }).stdout).toContain('expected 100%');
    expect(run(['check', 'bad.kpi'], { LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }).stdout).toContain('应为 100%');
    expect(run(['check', 'bad.kpi'], { LANG: 'C.UTF-8', KPI_LANG: 'zh' }).stdout).toContain('应为 100%');
    expect(run(['check', 'bad.kpi'], { LANG: 'C' }).stdout).toContain('expected 100%');
  });

  it('json, sarif, github and junit carry the message in the chosen language', () => {
    const json = JSON.parse(run(['check', 'bad.kpi', '--format', 'json', '--lang', 'zh']).stdout) as { code: string; message: string; help?: string }[];
    expect(json.find((d) => d.code === 'KPI0301')).toMatchObject({ message: '`店长` 的权重合计 90%，应为 100%', help: '给其中一项加上 10%' });
    const sarif = JSON.parse(run(['check', 'bad.kpi', '--format', 'sarif', '--lang', 'zh']).stdout);
    expect(sarif.runs[0].results[0].message.text).toContain('的权重合计 90%');
    expect(sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'KPI0301').shortDescription.text).toBe('方案或分组中的权重合计不正好是 100%。');
    expect(run(['check', 'bad.kpi', '--format', 'github', '--lang', 'zh']).stdout).toContain('title=KPI0301::`店长` 的权重合计 90%25，应为 100%25%0A帮助: ');
    expect(run(['check', 'bad.kpi', '--format', 'junit', '--lang', 'zh']).stdout).toContain('message="`店长` 的权重合计 90%，应为 100%"');
  });

  it('every command takes --lang', () => {
    for (const cmd of ['check', 'test', 'score', 'explain', 'fmt', 'compile', 'init']) {
      expect(run([cmd, '--help']).stdout, cmd).toContain('--lang <lang>');
    }
  });
});

describe('errors of the command line', () => {
  it('kpi check missing.kpi --format json prints a JSON document with a coded error', () => {
    const r = run(['check', 'missing.kpi', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual([
      { file: 'missing.kpi', code: 'KPI0001', severity: 'error', message: 'cannot find `missing.kpi`', help: 'check the name and the folder you run `kpi` in' },
    ]);
    expect(r.stderr).toBe('');
  });

  it('a usage error is coded in every machine format, in the chosen language', () => {
    const r = run(['check', 'bad.kpi', '--format', 'json', '--bogus', '--lang', 'zh']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ code: 'KPI0006', message: "未知选项 '--bogus'" });
    const sarif = JSON.parse(run(['check', 'missing.kpi', '--format', 'sarif']).stdout);
    expect(sarif.runs[0].results[0].ruleId).toBe('KPI0001');
    expect(run(['check', 'missing.kpi', '--format', 'junit']).stdout).toContain('<failure type="KPI0001"');
    expect(run(['check', 'missing.kpi', '--format', 'github']).stdout).toBe('::error file=missing.kpi,title=KPI0001::cannot find `missing.kpi`%0Ahelp: check the name and the folder you run `kpi` in\n');
    expect(run(['check', 'missing.kpi'], { LANG: 'zh_CN.UTF-8' }).stderr).toBe('missing.kpi 错误 KPI0001 找不到 `missing.kpi`\n  = 帮助: 检查文件名，以及运行 `kpi` 的目录\n');
  });
});
