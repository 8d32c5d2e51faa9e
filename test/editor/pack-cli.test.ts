/**
 * The installable CLI: `scripts/pack-cli.js` makes the tarball; it installs with npm alone (`npm i -g`,
 * into a throwaway prefix, offline: the tarball carries everything) into an empty folder; then `kpi check`,
 * `kpi score`, `kpi lsp` and `kpi init --cli <tarball>` run from there, and the scaffold's own CI steps
 * (read from its workflow file) pass with the kpi its package.json pins.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../cli/helpers.js';
// @ts-expect-error plain JS script
import { asciiSource, packCli } from '../../scripts/pack-cli.js';

const work = mkdtempSync(join(tmpdir(), 'kpi-pack-'));
const prefix = join(work, 'global');
const empty = join(work, 'empty');
let tgz = '';
let kpiBin = '';

/** only Node and npm on PATH: nothing from this repository */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // the CLI's code cache in this test's folder, not the user's
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', NODE_COMPILE_CACHE: join(work, 'cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
  delete e.FORCE_COLOR;
  delete e.CI;
  // drop node_modules/.bin directories the test runner put on PATH
  e.PATH = (e.PATH ?? '').split(':').filter((p) => !p.includes('node_modules')).join(':');
  return e;
}

function run(cmd: string, args: string[], cwd: string, extra: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, { cwd, env: env(extra), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, out: `${r.stdout}\n${r.stderr}` };
}

beforeAll(async () => {
  ensureBuilt();
  tgz = (await packCli(join(work, 'out'), join(work, 'stage'))) as string;
  mkdirSync(empty);
  const r = run('npm', ['install', '--global', '--prefix', prefix, tgz], empty);
  expect(r.code, r.out).toBe(0);
  kpiBin = join(prefix, 'bin', 'kpi');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed CLI', () => {
  it('is one self-contained package: no dependencies, named kpi-cli-<version>.tgz', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')).version;
    expect(basename(tgz)).toBe(`kpi-cli-${version}.tgz`);
    const pkg = JSON.parse(readFileSync(join(prefix, 'lib/node_modules/@kpi/cli/package.json'), 'utf8'));
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.bin).toEqual({ kpi: 'bin/kpi.js' });
    expect(existsSync(kpiBin)).toBe(true);
    expect(run(kpiBin, ['--version'], empty).stdout.trim()).toBe(version);
  });

  it('runs kpi check and kpi score in an empty folder', () => {
    cpSync(join(ROOT, 'examples/店长.kpi'), join(empty, '店长.kpi'));
    cpSync(join(ROOT, 'examples/data/店长.csv'), join(empty, '店长.csv'));
    const c = run(kpiBin, ['check', '店长.kpi'], empty);
    expect(c.code, c.out).toBe(0);
    expect(c.stdout).toBe('no problems in 1 file\n');
    const s = run(kpiBin, ['score', '店长.kpi', '--data', '店长.csv', '--format', 'json'], empty);
    expect(s.code, s.out).toBe(0);
    const rows = JSON.parse(s.stdout) as { id: string; total: number }[];
    expect(rows[0]).toMatchObject({ id: 'S001', total: 103.5 });
    // the lazily loaded XLSX writer is in the package too
    const x = run(kpiBin, ['score', '店长.kpi', '--data', '店长.csv', '-o', '结果.xlsx'], empty);
    expect(x.code, x.out).toBe(0);
    expect(readFileSync(join(empty, '结果.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // the embedded DuckDB is not in the package: a coded usage error that says how to install it
    const d = run(kpiBin, ['score', '店长.kpi', '--data', '店长.csv', '--engine', 'duckdb'], empty);
    expect(d.code, d.out).toBe(2);
    expect(d.stderr).toMatch(/KPI0006.*@duckdb\/node-api[\s\S]*npm i -g @duckdb\/node-api/);
    expect(d.out).not.toMatch(/internal error|Require stack/);
    // installed without its native binding: the same exit, with what failed
    const api = join(prefix, 'lib/node_modules/@duckdb/node-api');
    mkdirSync(api, { recursive: true });
    writeFileSync(join(api, 'package.json'), JSON.stringify({ name: '@duckdb/node-api', version: '0.0.0', main: 'index.js' }));
    writeFileSync(join(api, 'index.js'), "module.exports = require('./duckdb-linux-x64.node');\n");
    const broken = run(kpiBin, ['score', '店长.kpi', '--data', '店长.csv', '--engine', 'duckdb'], empty);
    rmSync(join(prefix, 'lib/node_modules/@duckdb'), { recursive: true });
    expect(broken.code, broken.out).toBe(2);
    expect(broken.stderr).toMatch(/KPI0006 `--engine duckdb` cannot load `@duckdb\/node-api`: Cannot find module '\.\/duckdb-linux-x64\.node'/);
    expect(broken.out).not.toMatch(/internal error|Require stack/);
    // a broken plan: coded diagnostics and exit 1, no stack trace
    const b = run(kpiBin, ['check', join(ROOT, 'examples/broken/店长-权重.kpi')], empty);
    expect(b.code).toBe(1);
    expect(b.stdout).toMatch(/KPI\d{4}/);
    expect(b.out).not.toMatch(/at .*\.js:\d+/);
  });

  it('runs its commands from one bundle through a code cache: written by the first run, taken by the next', () => {
    const dist = join(prefix, 'lib/node_modules/@kpi/cli/dist');
    const bundle = readFileSync(join(dist, 'kpi.cjs'), 'utf8');
    // the build's id, which names the cache: V8 checks a cache against the source's length only
    expect(bundle).toMatch(/^\/\/ kpi-build [0-9a-f]{16}\n/);
    // strict, as the ES modules it is made of (a directive counts only before any statement)
    expect(bundle.split('\n')[1]).toBe('"use strict";');
    // ASCII only, so V8 holds it as a one-byte string (asciiSource): the lexer's `／[%％]／` written with an escape
    expect(bundle).not.toMatch(/[^\x00-\x7f]/);
    expect(bundle).toContain('PercentSign = punct("PercentSign", /[%\\uff05]/');
    // what only some commands need is not in it: each library is a bundle of its own, loaded when they run
    const modules = [...bundle.matchAll(/^\/\/ (\S+\.[cm]?js)$/gm)].map((m) => m[1]!);
    expect(modules).toContain('packages/core/dist/parser/fast.js');
    expect(modules.filter((m) => /exceljs|vscode-languageserver/.test(m))).toEqual([]);
    expect(readdirSync(join(dist, 'vendor')).filter((f) => f.endsWith('.cjs')).sort()).toEqual(['exceljs.cjs', 'vscode-languageserver-textdocument.cjs', 'vscode-languageserver.cjs']);

    const cache = join(work, 'first-run-cache');
    cpSync(join(ROOT, 'examples/店长.kpi'), join(empty, 'cached.kpi'));
    const first = run(kpiBin, ['check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache });
    expect(first.code, first.out).toBe(0);
    const files = readdirSync(join(cache, 'kpi'));
    expect(files).toEqual([expect.stringMatching(new RegExp(`^kpi-[0-9a-f]{16}-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}-[0-9a-f]{8}-check\\.bin$`))]);
    const written = statSync(join(cache, 'kpi', files[0]!)).ino;
    const second = run(kpiBin, ['check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache });
    expect(second).toEqual(first);
    // taken as it was, not written again (a rename would make a new inode)
    expect(statSync(join(cache, 'kpi', files[0]!)).ino).toBe(written);
    // `--lang` before the command is the same command: its cache, not a cache of its own
    const before = run(kpiBin, ['--lang', 'en', 'check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache });
    expect(before).toEqual(first);
    expect(readdirSync(join(cache, 'kpi'))).toEqual(files);
    // `kpi fmt` runs with V8 flags of its own too (bin/kpi.js), put back before its cache is written: taken the second time
    const fmt1 = run(kpiBin, ['fmt', '--check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache });
    const fmtCache = readdirSync(join(cache, 'kpi')).filter((f) => f.endsWith('-fmt.bin'));
    expect(fmtCache).toHaveLength(1);
    const fmtWritten = statSync(join(cache, 'kpi', fmtCache[0]!)).ino;
    expect(run(kpiBin, ['fmt', '--check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache })).toEqual(fmt1);
    expect(statSync(join(cache, 'kpi', fmtCache[0]!)).ino).toBe(fmtWritten);
    // the cache is checked without node:crypto (its 16 modules were 2-3% of a small check): a CRC-32
    const spy = join(work, 'builtins-spy.cjs');
    writeFileSync(spy, "process.on('exit', () => require('fs').writeSync(2, '\\nbuiltins: ' + process.moduleLoadList.join(' ') + '\\n'));\n");
    // (twice: NODE_OPTIONS names a cache of its own, which the first run writes and the second takes)
    run(kpiBin, ['check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache, NODE_OPTIONS: `--require=${spy}` });
    const spied = run(kpiBin, ['check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: cache, NODE_OPTIONS: `--require=${spy}` });
    expect(spied.code, spied.out).toBe(0);
    expect(spied.stderr).toMatch(/builtins: .*NativeModule vm/);
    expect(spied.stderr).not.toMatch(/NativeModule crypto\b/);
    // off, as Node's own: nothing written, the same answer
    const off = join(work, 'no-cache');
    const none = run(kpiBin, ['check', 'cached.kpi'], empty, { NODE_COMPILE_CACHE: off, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(none).toEqual(first);
    expect(existsSync(off)).toBe(false);
  });

  it('its bundle written in ASCII means the same code: escapes in regexes and comments, String.raw refused', () => {
    const src = 'const r = /^[%％]“[^”]*”😀$/u; // 百分号\nmodule.exports = [r.test("％“甲”😀"), r.test("%“”😀"), r.test("x")];\n';
    const ascii = asciiSource(src);
    expect(ascii).not.toMatch(/[^\x00-\x7f]/);
    const value = (code: string) => {
      const m = { exports: undefined as unknown };
      new Function('module', code)(m);
      return m.exports;
    };
    expect(value(ascii)).toEqual([true, true, false]);
    expect(value(ascii)).toEqual(value(src));
    expect(() => asciiSource('const CELL = String.raw`(¥|\\$)?`;')).toThrow(/String\.raw template/);
    expect(() => asciiSource('// a\u2028b')).toThrow(/U\+2028/);
  });

  it('runs the language server (kpi lsp answers initialize)', async () => {
    const child = spawn(kpiBin, ['lsp', '--stdio'], { cwd: empty, env: env() });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    const reply = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`no reply: ${out}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('"capabilities"')) {
          clearTimeout(timer);
          resolve(out);
        }
      });
    });
    child.kill();
    expect(reply).toMatch(/"hoverProvider":true/);
  });

  it('kpi init --cli <tarball> makes a repository whose CI steps pass with the pinned kpi', () => {
    const init = run(kpiBin, ['init', 'plans', '--cli', tgz], empty);
    expect(init.code, init.out).toBe(0);
    const repo = join(empty, 'plans');
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(pkg.devDependencies['@kpi/cli']).toBe(`file:vendor/${basename(tgz)}`);
    expect(existsSync(join(repo, 'vendor', basename(tgz)))).toBe(true);
    // the workflow's own steps, in order (the checkout and setup-node actions aside)
    const workflow = readFileSync(join(repo, '.github/workflows/kpi.yml'), 'utf8');
    // the `check` job's steps (the `diff` job runs on pull requests, against a base revision: test/cli/decide.test.ts)
    const checkJob = workflow.slice(workflow.indexOf('\n  check:'), workflow.indexOf('\n  diff:') > 0 ? workflow.indexOf('\n  diff:') : undefined);
    const steps = [...checkJob.matchAll(/^\s*- run: (.+)$/gm)].map((m) => m[1]!);
    expect(steps).toEqual(['npm install --no-audit --no-fund', 'npx kpi check --format github .', 'npx kpi test --format github .']);
    for (const step of steps) {
      const r = run('sh', ['-c', step], repo);
      expect(r.code, `${step}\n${r.out}`).toBe(0);
    }
    // npx found the repository's own kpi, not a global one
    expect(existsSync(join(repo, 'node_modules/.bin/kpi'))).toBe(true);
    // and the package.json script a teammate runs
    const t = run('npm', ['test', '-s'], repo);
    expect(t.code, t.out).toBe(0);
    expect(t.stdout).toMatch(/3 passed, 0 failed/);
  });
});
