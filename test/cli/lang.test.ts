/**
 * Language selection (SPEC §8): `--lang zh|en` on every command; without it KPI_LANG, then LC_ALL, then
 * LANG (zh_* → zh). Every output format carries the message in the chosen language; errors of the
 * command line itself are coded diagnostics printed in the chosen format.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { BIN, FIXTURES, kpi, ROOT } from './helpers.js';

const ExcelJS = createRequire(join(ROOT, 'packages/cli/package.json'))('exceljs') as typeof import('exceljs');

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

  it('--lang before the command (`kpi --lang zh check …`) is the same as after it', () => {
    expect(run(['--lang', 'zh', 'check', 'bad.kpi']).stdout).toBe(run(['check', 'bad.kpi', '--lang', 'zh']).stdout);
    expect(run(['--lang=en', 'check', 'bad.kpi'], { LANG: 'zh_CN.UTF-8' }).stdout).toMatch(/2 errors in 1 file\n$/);
    // a machine format still recognised, and the command's help in that language
    const json = JSON.parse(run(['--lang', 'zh', 'check', 'bad.kpi', '--format', 'json']).stdout) as { code: string; message: string }[];
    expect(json.find((d) => d.code === 'KPI0301')?.message).toBe('`店长` 的权重合计 90%，应为 100%');
    expect(run(['--lang', 'zh', 'check', '--help']).stdout).toMatch(/^用法：kpi check \[options\] <files\.\.\.>\n/);
    // explain writes Chinese unless told: the option before the command tells it
    cpSync(join(FIXTURES, 'good.csv'), join(dir, 'good.csv'));
    cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    expect(run(['--lang', 'en', 'explain', 'shop.kpi', '--data', 'good.csv', '--id', 'S001']).stdout.split('\n')[0]).toBe('S001 (row 2) · 小店考核');
    // the program lists it, and takes it alone
    expect(run(['--help']).stdout).toContain('--lang <lang>');
    expect(run(['--lang', 'zh', '--help']).stdout).toMatch(/^用法：kpi \[options\] \[command\]\n/);
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

describe("commander's own usage errors: coded KPI0006 in Chinese, commander's line as ever in English", () => {
  // [args, commander's English line(s), the Chinese message]
  const cases: [string[], string, string][] = [
    [['check', '--bogus', 'bad.kpi'], "unknown option '--bogus'", "未知选项 '--bogus'"],
    [['check', '--formt', 'json', 'bad.kpi'], "unknown option '--formt'\n(Did you mean --format?)", "未知选项 '--formt'（是不是想写 --format？）"],
    [['test', '--lan', 'x', 'bad.kpi'], "unknown option '--lan'\n(Did you mean one of --lang, --plan?)", "未知选项 '--lan'（是不是想写 --lang 或 --plan？）"],
    [['chek', 'bad.kpi'], "unknown command 'chek'\n(Did you mean check?)", "未知命令 'chek'（是不是想写 check？）"],
    [['frobnicate'], "unknown command 'frobnicate'", "未知命令 'frobnicate'"],
    [['check'], "missing required argument 'files'", "缺少必需的参数 'files'"],
    [['explain', 'bad.kpi', '--data', 'x.csv'], "required option '--id <id>' not specified", "缺少必需的选项 '--id <id>'"],
    [['check', 'bad.kpi', '--format'], "option '-f, --format <format>' argument missing", "选项 '-f, --format <format>' 缺少值"],
    [['check', '--format', 'xml', 'bad.kpi'], "option '-f, --format <format>' argument 'xml' is invalid. Allowed choices are terminal, json, github, sarif, junit.", "选项 '-f, --format <format>' 的值 'xml' 无效，可选的值有 terminal、json、github、sarif、junit"],
    [['compile', 'a.kpi', 'b.kpi'], "too many arguments for 'compile'. Expected 1 argument but got 2.", "'compile' 的参数过多：只接受 1 个，却给了 2 个"],
  ];

  // --lang right after the command: after a trailing `--format` it would be taken for its value
  const withLang = (args: string[], lang: string) => [args[0]!, '--lang', lang, ...args.slice(1)];

  it('in the terminal: Chinese with --lang zh or LANG=zh_CN, commander\'s English otherwise, exit 2 either way', () => {
    for (const [args, en, zh] of cases) {
      const z = run(withLang(args, 'zh'));
      expect(z.code, args.join(' ')).toBe(2);
      expect(z.stderr, args.join(' ')).toBe(`错误 KPI0006 ${zh}\n`);
      expect(z.stdout).toBe('');
      expect(run(args, { LANG: 'zh_CN.UTF-8' }).stderr, args.join(' ')).toBe(`错误 KPI0006 ${zh}\n`);
      for (const e of [run(args), run(withLang(args, 'en'), { LANG: 'zh_CN.UTF-8' })]) {
        expect(e.code, args.join(' ')).toBe(2);
        expect(e.stderr, args.join(' ')).toBe(`error: ${en}\n`);
      }
    }
  });

  it('in a machine format: the same texts, the English one being commander\'s message', () => {
    for (const [args, en, zh] of cases.filter(([a]) => a[0] === 'check' && !a.includes('--format'))) {
      const json = [...args, '--format', 'json'];
      expect(JSON.parse(run(withLang(json, 'zh')).stdout), args.join(' ')).toEqual([{ file: null, code: 'KPI0006', severity: 'error', message: zh }]);
      const e = run(json);
      expect(e.code).toBe(2);
      expect(JSON.parse(e.stdout), args.join(' ')).toEqual([{ file: null, code: 'KPI0006', severity: 'error', message: en }]);
    }
    expect(run(['check', '--formt', 'x', 'bad.kpi', '--format', 'github', '--lang', 'zh']).stdout).toBe("::error title=KPI0006::未知选项 '--formt'（是不是想写 --format？）\n");
    expect(run(['check', '--formt', 'x', 'bad.kpi', '--format', 'github']).stdout).toBe("::error title=KPI0006::unknown option '--formt'%0A(Did you mean --format?)\n");
    expect(run(['test', '--lan', 'x', 'bad.kpi', '--format', 'junit', '--lang', 'zh']).stdout).toContain('message="未知选项 \'--lan\'（是不是想写 --lang 或 --plan？）"');
    expect(run(['test', '--lan', 'x', 'bad.kpi', '--format', 'junit']).stdout).toContain('message="unknown option \'--lan\'\n(Did you mean one of --lang, --plan?)"');
  });

  it('a bare `kpi` in a Chinese run prints the help and nothing else, exit 2', () => {
    const r = run([], { LANG: 'zh_CN.UTF-8' });
    expect(r.code).toBe(2);
    // the help in Chinese (help-lang.test.ts)
    expect(r.stderr).toMatch(/^用法：kpi /);
    expect(r.stderr).not.toContain('KPI0006');
  });
});

describe("the commands' own lines, in the chosen language (the catalogue's ui.* entries)", () => {
  it('kpi compile -o: ✓ wrote FILE', () => {
    expect(run(['compile', join(FIXTURES, 'shop.kpi'), '--target', 'js', '-o', 'shop.mjs', '--lang', 'zh']).stderr).toBe('✓ 已写入 shop.mjs\n');
    expect(run(['compile', join(FIXTURES, 'shop.kpi'), '--target', 'js', '-o', 'shop.mjs'], { LANG: 'zh_CN.UTF-8' }).stderr).toBe('✓ 已写入 shop.mjs\n');
    expect(run(['compile', join(FIXTURES, 'shop.kpi'), '--target', 'js', '-o', 'shop.mjs', '--lang', 'en']).stderr).toBe('✓ wrote shop.mjs\n');
  });

  it('a workbook read for its first sheet: the note naming the others', () => {
    cpSync(join(FIXTURES, 'good.xlsx'), join(dir, 'good.xlsx'));
    cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    const zh = run(['score', 'shop.kpi', '--data', 'good.xlsx', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/\n注: 读取的是工作表 `说明`；工作簿中还有 `五月`：请用 `--sheet 名称` 选择\n$/);
    expect(run(['explain', 'shop.kpi', '--data', 'good.xlsx', '--id', 'S1'], { LANG: 'zh_CN.UTF-8' }).stderr).toMatch(/\n注: 读取的是工作表 `说明`；工作簿中还有 `五月`：请用 `--sheet 名称` 选择\n$/);
    const en = run(['score', 'shop.kpi', '--data', 'good.xlsx', '--lang', 'en']);
    expect(en.stderr).toMatch(/\nnote: read sheet `说明`; the workbook also has `五月`: pick one with `--sheet NAME`\n$/);
  });

  it('an internal error (a bug on demand, preloaded): what it is and how to report it', () => {
    const bug = { NODE_OPTIONS: `--import=${pathToFileURL(join(FIXTURES, 'internal-error.mjs')).href}` };
    const args = ['compile', join(FIXTURES, 'shop.kpi'), '--target', 'json'];
    const zh = run([...args, '--lang', 'zh'], bug);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toBe('内部错误: boom (a bug on demand)\n这是 kpi 0.1.0 自身的缺陷，不是方案的问题。请连同所运行的命令一起报告（设置 KPI_DEBUG=1 可查看调用栈）。\n'.replace('0.1.0', version()));
    const en = run(args, bug);
    expect(en.code).toBe(2);
    expect(en.stderr).toBe(`internal error: boom (a bug on demand)\nThis is a bug in kpi ${version()}, not in your plan. Please report it with the command you ran (set KPI_DEBUG=1 to see the stack trace).\n`);
    // KPI_DEBUG=1: the stack instead of the hint
    expect(run([...args, '--lang', 'zh'], { ...bug, KPI_DEBUG: '1' }).stderr).toMatch(/^内部错误: boom \(a bug on demand\)\n这是 kpi \S+ 自身的缺陷，不是方案的问题。请连同所运行的命令一起报告\nError: boom/);
  });

  it('kpi explain --id: an id not found (with the near ids or the id column) and ids that differ only in width, and the head line', () => {
    cpSync(join(FIXTURES, 'good.csv'), join(dir, 'good.csv'));
    cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    const explain = (id: string, lang: string, data = 'good.csv') => run(['explain', 'shop.kpi', '--data', data, '--id', id, '--lang', lang]);
    expect(explain('s002', 'zh').stderr).toBe('good.csv 错误 KPI0816 没有编号为 `s002` 的行\n  = 帮助: 是不是想写 `S002`？\n`good.csv` 中有 1 个数据错误；没有输出计分说明\n');
    expect(explain('s002', 'en').stderr).toBe('good.csv error KPI0816 no row has id `s002`\n  = help: did you mean `S002`?\n1 data error in `good.csv`; nothing was explained\n');
    expect(explain('X9', 'zh').stderr).toMatch(/^good\.csv 错误 KPI0816 没有编号为 `X9` 的行\n {2}= 帮助: 编号读取自 `工号` 列；可用 `--id-column` 指定其他编号列\n/);
    expect(explain('X9', 'en').stderr).toMatch(/^good\.csv error KPI0816 no row has id `X9`\n {2}= help: the id is read from column `工号`; pick another id column with `--id-column`\n/);
    // two near ids: joined by the language's `or`
    writeFileSync(join(dir, 'near.csv'), '工号,姓名,销售额,流失率,满意度,创新\nab1,张伟,105%,4%,5,1\nAB1,王芳,90%,10%,4,1\n');
    expect(explain('Ab1', 'zh', 'near.csv').stderr).toContain('= 帮助: 是不是想写 `ab1` 或 `AB1`？\n');
    expect(explain('Ab1', 'en', 'near.csv').stderr).toContain('= help: did you mean `ab1` or `AB1`?\n');
    // S001 and a full-width Ｓ001: one person or two? explain refuses to choose
    writeFileSync(join(dir, 'lookalike.csv'), '工号,姓名,销售额,流失率,满意度,创新\nS001,张伟,105%,4%,5,1\nＳ001,王芳,90%,10%,4,1\n');
    const zh = explain('S001', 'zh', 'lookalike.csv');
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^lookalike\.csv:3 错误 KPI0808 编号 `S001` 出现在 2 行：第 2 行（`S001`），第 3 行（`Ｓ001`）；它们只差在不可见字符或全角字母上\n/);
    expect(zh.stderr).toContain('= 帮助: 每行都需要不同的编号：请改正编号列（重新输入这些编号），再运行 explain\n');
    const en = explain('S001', 'en', 'lookalike.csv');
    expect(en.stderr).toMatch(/^lookalike\.csv:3 error KPI0808 id `S001` is in 2 rows: row 2 \(`S001`\), row 3 \(`Ｓ001`\); they differ only by invisible characters or full-width letters\n/);
    expect(en.stderr).toContain('= help: each row needs its own id: correct the id column (retype the ids), then explain again\n');
    // the head line of an explanation
    expect(explain('S001', 'zh').stdout.split('\n')[0]).toBe('S001 (第 2 行) · 小店考核');
    expect(explain('S001', 'en').stdout.split('\n')[0]).toBe('S001 (row 2) · 小店考核');
  });

  it('an XLSX merged cell is read as `(merged with C2)` in the run\'s language: the error names it so', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('数据');
    ws.addRow(['工号', '姓名', '销售额', '流失率', '满意度', '创新']);
    ws.addRow(['S001', '张伟', 1, 0.04, 5, 1]);
    ws.addRow(['S002', '王芳', null, 0.05, 4, 0]);
    ws.mergeCells('C2:C3');
    writeFileSync(join(dir, 'merged.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    const zh = run(['score', 'shop.kpi', '--data', 'merged.xlsx', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stderr).toMatch(/^merged\.xlsx:3 错误 KPI0811 无法读取第 3 行 `销售额` 列的 `（与 C2 合并）`：/m);
    expect(run(['explain', 'shop.kpi', '--data', 'merged.xlsx', '--id', 'S002'], { LANG: 'zh_CN.UTF-8' }).stderr).toContain('`销售额` 列的 `（与 C2 合并）`');
    for (const en of [run(['score', 'shop.kpi', '--data', 'merged.xlsx']), run(['explain', 'shop.kpi', '--data', 'merged.xlsx', '--id', 'S002', '--lang', 'en'])]) {
      expect(en.code).toBe(2);
      expect(en.stderr).toMatch(/^merged\.xlsx:3 error KPI0811 cannot read `\(merged with C2\)` in column `销售额`, row 3: /m);
    }
  });

  it('a plan file that is not UTF-8: what it is instead, in the run\'s language', () => {
    const plan = 'plan 店长 {\n  indicator 销售额 weight 100% target 100% scoring linear\n}\n';
    writeFileSync(join(dir, 'u16.kpi'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan, 'utf16le')]));
    // valid UTF-8 for the first 64 KiB the detector reads, a bad byte after them
    writeFileSync(join(dir, 'late.kpi'), Buffer.concat([Buffer.from(`#${'a'.repeat(70_000)}\n${plan}# `), Buffer.from([0xff, 0x0a])]));
    const zh = run(['check', 'u16.kpi', 'late.kpi', '--lang', 'zh']);
    expect(zh.code).toBe(2);
    expect(zh.stdout).toContain('u16.kpi 错误 KPI0953 `u16.kpi` 的编码是 UTF-16LE，不是 UTF-8\n');
    expect(zh.stdout).toContain('late.kpi 错误 KPI0953 `late.kpi` 不是有效的 UTF-8\n');
    expect(run(['compile', 'late.kpi'], { LANG: 'zh_CN.UTF-8' }).stderr).toMatch(/^late\.kpi 错误 KPI0953 `late\.kpi` 不是有效的 UTF-8\n/);
    const en = run(['check', 'u16.kpi', 'late.kpi']);
    expect(en.stdout).toContain('u16.kpi error KPI0953 `u16.kpi` is UTF-16LE, not UTF-8\n');
    expect(en.stdout).toContain('late.kpi error KPI0953 `late.kpi` is not valid UTF-8\n');
    expect(run(['compile', 'u16.kpi', '--lang', 'en']).stderr).toMatch(/^u16\.kpi error KPI0953 `u16\.kpi` is UTF-16LE, not UTF-8\n/);
  });

  // `kpi lsp` typed at a terminal says what it is; `script` gives it one (util-linux)
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('kpi lsp at a terminal: what it is and how to quit', () => {
    const at = (lang: string) => {
      const env = { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', KPI_LANG: '' };
      const r = spawnSync('script', ['-qec', `'${process.execPath}' '${BIN}' lsp --lang ${lang}`, '/dev/null'], { input: '', env, encoding: 'utf8', timeout: 30_000 });
      return r.stdout.replace(/\r\n/g, '\n');
    };
    expect(at('zh')).toContain('kpi lsp：供编辑器使用的语言服务器，通过 stdin/stdout 以 LSP 协议通信；按 Ctrl-C 退出\n');
    expect(at('en')).toContain('kpi lsp: a language server for editors, speaking LSP on stdin/stdout; press Ctrl-C to quit\n');
  });
});

/** the CLI's version, as `kpi --version` prints it */
function version(): string {
  return kpi(['--version']).stdout.trim();
}
