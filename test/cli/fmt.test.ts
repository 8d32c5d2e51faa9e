/** `kpi fmt` as a subprocess: canonical layout, comments kept, idempotent, --check, in-place atomic writes. */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, golden, kpi, ROOT } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'kpi-fmt-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** every `# …` and `// …` comment of a plan, in order */
const commentsOf = (text: string) => [...text.matchAll(/(?:#|\/\/)[^\n"]*$/gm)].map((m) => m[0].trim());
/** diagnostics as `CODE message` (positions move when the layout changes) */
const findings = (stdout: string) => [...stdout.matchAll(/^\S+:\d+:\d+ (\w+ KPI\d{4} .*)$/gm)].map((m) => m[1]).sort();

describe('kpi fmt', () => {
  it('prints the canonical layout: aligned indicator columns, one grade per line, comments kept (golden)', () => {
    const r = kpi(['fmt', '--stdout', 'messy.kpi']);
    expect(r.code).toBe(0);
    golden('fmt-messy.kpi', r.stdout);
    expect(r.stdout).toMatch(/^ {2}indicator 销售额 {7}weight 60% target 100% scoring linear cap 120% # 主指标$/m);
    expect(r.stdout).toMatch(/^ {2}indicator 客单价增长率 weight 25% target 10% {2}scoring linear$/m);
    expect(commentsOf(r.stdout)).toEqual(commentsOf(readFileSync(join(FIXTURES, 'messy.kpi'), 'utf8')));
  });

  it('--check lists the unformatted files on stdout and exits 1, changing nothing', () => {
    const before = readFileSync(join(FIXTURES, 'messy.kpi'), 'utf8');
    const r = kpi(['fmt', '--check', 'messy.kpi', 'unformatted.kpi', 'shop.kpi']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('messy.kpi\nunformatted.kpi\n');
    expect(r.stderr).toBe('2 files are not formatted; run `kpi fmt <files>`\n');
    expect(readFileSync(join(FIXTURES, 'messy.kpi'), 'utf8')).toBe(before);
    const clean = kpi(['fmt', '--check', 'shop.kpi']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('');
  });

  it('writes in place, keeps the file mode, leaves no temp file, and a second run changes nothing (idempotent)', () => {
    const dir = join(tmp, 'inplace');
    mkdirSync(dir);
    cpSync(join(FIXTURES, 'messy.kpi'), join(dir, 'messy.kpi'));
    cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
    chmodSync(join(dir, 'messy.kpi'), 0o640);
    const r = kpi(['fmt', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('formatted messy.kpi\n1 file formatted, 1 already formatted\n');
    const once = readFileSync(join(dir, 'messy.kpi'), 'utf8');
    expect(once).toBe(readFileSync(join(ROOT, 'test/cli/golden/fmt-messy.kpi'), 'utf8'));
    expect(statSync(join(dir, 'messy.kpi')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['messy.kpi', 'shop.kpi']);
    const again = kpi(['fmt', '.'], { cwd: dir });
    expect(again.stderr).toBe('0 files formatted, 2 already formatted\n');
    expect(readFileSync(join(dir, 'messy.kpi'), 'utf8')).toBe(once);
    expect(kpi(['fmt', '--check', '.'], { cwd: dir }).code).toBe(0);
  });

  it('keeps CRLF line ends of a file written on Windows', () => {
    const dir = join(tmp, 'crlf');
    const crlf = readFileSync(join(FIXTURES, 'messy.kpi'), 'utf8').replace(/\n/g, '\r\n');
    mkdirSync(dir);
    writeFileSync(join(dir, 'x.kpi'), crlf);
    expect(kpi(['fmt', 'x.kpi'], { cwd: dir }).code).toBe(0);
    const out = readFileSync(join(dir, 'x.kpi'), 'utf8');
    expect(out).toBe(readFileSync(join(ROOT, 'test/cli/golden/fmt-messy.kpi'), 'utf8').replace(/\n/g, '\r\n'));
    expect(kpi(['fmt', '--check', 'x.kpi'], { cwd: dir }).code).toBe(0);
  });

  it('leaves a file with syntax errors unchanged, prints its errors and exits 1', () => {
    const dir = join(tmp, 'broken');
    cpSync(join(ROOT, 'examples/broken'), dir, { recursive: true });
    const before = readFileSync(join(dir, '店长-权重.kpi'), 'utf8');
    const r = kpi(['fmt', '店长-权重.kpi'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^店长-权重\.kpi:9:41 error KPI0101 expected a scoring method after `scoring`, found `liner`$/m);
    expect(r.stderr).toMatch(/0 files formatted, 0 already formatted, 1 with errors\n$/);
    expect(readFileSync(join(dir, '店长-权重.kpi'), 'utf8')).toBe(before);
  });

  it('--check counts a file with syntax errors as a failure and says so', () => {
    const r = kpi(['fmt', '--check', 'examples/broken/店长-权重.kpi', 'examples/店长.kpi'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/error KPI0101 [^\n]*\n[\s\S]*\n1 file has syntax errors and cannot be formatted\n$/);
  });

  it('the examples are already formatted', () => {
    const r = kpi(['fmt', '--check', 'examples/*.kpi'], { cwd: ROOT });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(0);
  });

  it('formatting every example and broken example keeps its meaning: same findings, same test results, and a second pass changes nothing', () => {
    const dir = join(tmp, 'examples');
    cpSync(join(ROOT, 'examples'), dir, { recursive: true });
    const checkBefore = kpi(['check', '.'], { cwd: dir });
    const testBefore = kpi(['test', '.'], { cwd: dir });
    const first = kpi(['fmt', '.'], { cwd: dir });
    // only the file with a syntax error is left alone
    expect(first.stderr).toMatch(/\d+ files? formatted, \d+ already formatted, 1 with errors\n$/);
    const formatted = readdirSync(join(dir, 'broken')).map((f) => readFileSync(join(dir, 'broken', f), 'utf8'));
    const second = kpi(['fmt', '.'], { cwd: dir });
    expect(second.stderr).toMatch(/^0 files formatted, \d+ already formatted, 1 with errors\n$/m);
    expect(readdirSync(join(dir, 'broken')).map((f) => readFileSync(join(dir, 'broken', f), 'utf8'))).toEqual(formatted);
    const checkAfter = kpi(['check', '.'], { cwd: dir });
    expect(checkAfter.code).toBe(checkBefore.code);
    expect(findings(checkAfter.stdout)).toEqual(findings(checkBefore.stdout));
    expect(checkAfter.stdout.trimEnd().split('\n').at(-1)).toBe(checkBefore.stdout.trimEnd().split('\n').at(-1));
    const testAfter = kpi(['test', '.'], { cwd: dir });
    expect(testAfter.stdout.trimEnd().split('\n').at(-1)).toBe(testBefore.stdout.trimEnd().split('\n').at(-1));
  });

  it('exits 2 for --stdout with several files and for a plan file that is not UTF-8', () => {
    expect(kpi(['fmt', '--stdout', 'shop.kpi', 'messy.kpi']).stderr).toBe('error KPI0006 `--stdout` formats exactly one file\n');
    const dir = join(tmp, 'gbk');
    mkdirSync(dir);
    // 小店 in GBK
    writeFileSync(join(dir, 'gbk.kpi'), Buffer.concat([Buffer.from('plan '), Buffer.from([0xd0, 0xa1, 0xb5, 0xea]), Buffer.from(' {\n}\n')]));
    const r = kpi(['fmt', 'gbk.kpi'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gbk.kpi error KPI0953 `gbk.kpi` is GBK \(or another legacy Chinese encoding\), not UTF-8\n {2}= help: plan files are UTF-8/);
  });
});

describe('kpi fmt in the language of the run (SPEC §8): its own lines come from the catalogue', () => {
  const broken = join(ROOT, 'examples/broken/店长-权重.kpi');
  /** the last line of stderr (the diagnostics of a broken file come before it) */
  const last = (s: string) => s.trimEnd().split('\n').at(-1);

  it('--check: not formatted, syntax errors, and what to run, singular and plural, in Chinese and unchanged in English', () => {
    const zh = kpi(['fmt', '--check', 'messy.kpi', 'unformatted.kpi', '--lang', 'zh']);
    expect(zh.code).toBe(1);
    expect(zh.stdout).toBe('messy.kpi\nunformatted.kpi\n');
    expect(zh.stderr).toBe('2 个文件未格式化；请运行 `kpi fmt <文件>`\n');
    expect(kpi(['fmt', '--check', 'messy.kpi'], { env: { LANG: 'zh_CN.UTF-8' } }).stderr).toBe('1 个文件未格式化；请运行 `kpi fmt messy.kpi`\n');
    expect(kpi(['fmt', '--check', 'messy.kpi', '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stderr).toBe('1 file is not formatted; run `kpi fmt messy.kpi`\n');
    // both at once: the parts joined by the language's list separator, then what to run
    const dir = join(tmp, 'check-lang');
    mkdirSync(dir);
    cpSync(join(FIXTURES, 'messy.kpi'), join(dir, 'messy.kpi'));
    cpSync(broken, join(dir, 'a.kpi'));
    cpSync(broken, join(dir, 'b.kpi'));
    const both = ['fmt', '--check', 'messy.kpi', 'a.kpi', 'b.kpi'];
    expect(last(kpi(both, { cwd: dir }).stderr)).toBe('1 file is not formatted, 2 files have syntax errors and cannot be formatted; run `kpi fmt messy.kpi`');
    expect(last(kpi([...both, '--lang', 'zh'], { cwd: dir }).stderr)).toBe('1 个文件未格式化，2 个文件有语法错误，无法格式化；请运行 `kpi fmt messy.kpi`');
    expect(last(kpi(['fmt', '--check', broken, '--lang', 'zh']).stderr)).toBe('1 个文件有语法错误，无法格式化');
  });

  it('writing in place: each file formatted and the summary, in Chinese and unchanged in English', () => {
    const dir = join(tmp, 'lang');
    for (const lang of ['zh', 'en']) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      cpSync(join(FIXTURES, 'messy.kpi'), join(dir, 'messy.kpi'));
      cpSync(join(FIXTURES, 'unformatted.kpi'), join(dir, 'unformatted.kpi'));
      cpSync(join(FIXTURES, 'shop.kpi'), join(dir, 'shop.kpi'));
      cpSync(broken, join(dir, '店长-权重.kpi'));
      const r = kpi(['fmt', '.', '--lang', lang], { cwd: dir });
      expect(r.code).toBe(1);
      const lines = r.stderr.split('\n').filter((l) => !/^(店长-权重\.kpi:| |$)/.test(l));
      expect(lines).toEqual(
        lang === 'zh'
          ? ['已格式化 messy.kpi', '已格式化 unformatted.kpi', '已格式化 2 个文件，1 个已是规范格式，1 个有错误']
          : ['formatted messy.kpi', 'formatted unformatted.kpi', '2 files formatted, 1 already formatted, 1 with errors'],
      );
      const again = kpi(['fmt', 'messy.kpi', '--lang', lang], { cwd: dir });
      expect(again.stderr).toBe(lang === 'zh' ? '已格式化 0 个文件，1 个已是规范格式\n' : '0 files formatted, 1 already formatted\n');
    }
  });
});
