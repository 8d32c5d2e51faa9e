/**
 * The VS Code extension as it ships: `editors/vscode/scripts/package.mjs` builds the .vsix with vsce,
 * and this reads the archive back — every file package.json points at is inside, the grammar is the one
 * generated from the lexer, the snippets parse, the extension's entry loads, and the kpi CLI inside it
 * serves LSP and scores a CSV into the results table the "Score this plan against a CSV" command shows.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze, SYNTAX_CODES } from '../../packages/core/src/index.js';
import { resultsHtml } from '../../editors/vscode/src/results.js';
import { scorePlan } from '../../editors/vscode/src/score.js';
import { ensureBuilt, ROOT } from '../cli/helpers.js';
// @ts-expect-error plain JS script
import { packageExtension } from '../../editors/vscode/scripts/package.mjs';
// @ts-expect-error plain JS script
import { textMateGrammarText } from '../../scripts/gen-textmate.js';

const work = mkdtempSync(join(tmpdir(), 'kpi-vsix-'));
/** the bundled CLI's code cache in this test's folder, not the user's */
const cliEnv = { ...process.env, NODE_COMPILE_CACHE: join(work, 'cache') };
let files = new Map<string, Buffer>();
let vsixPath = '';

/** the entries of a zip archive (stored or deflated), read from its central directory */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 0 ? Buffer.from(raw) : inflateRawSync(raw));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

beforeAll(async () => {
  ensureBuilt();
  vsixPath = (await packageExtension(join(work, 'out'))) as string;
  files = unzip(readFileSync(vsixPath));
  // the extension as VS Code unpacks it
  for (const [name, data] of files) {
    const path = join(work, 'unpacked', name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const ext = (p: string) => `extension/${p.replace(/^\.\//, '')}`;

describe('the .vsix', () => {
  it('holds every file its manifest points at', () => {
    expect(vsixPath).toMatch(/kpi-vscode-\d+\.\d+\.\d+\.vsix$/);
    const pkg = JSON.parse(files.get('extension/package.json')!.toString());
    const wanted = [
      pkg.main.endsWith('.js') ? pkg.main : `${pkg.main}.js`,
      ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
      ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
      ...pkg.contributes.snippets.map((s: { path: string }) => s.path),
      './dist/cli/dist/kpi.js',
    ];
    for (const w of wanted) expect([...files.keys()], w).toContain(ext(w));
    expect(pkg.contributes.grammars[0]).toMatchObject({ language: 'kpi', scopeName: 'source.kpi' });
    expect(pkg.activationEvents).toContain('onLanguage:kpi');
    // nothing from the development tree rides along
    expect([...files.keys()].filter((f) => f.includes('node_modules') || f.includes('/src/'))).toEqual([]);
  });

  it('carries the TextMate grammar generated from the lexer', async () => {
    expect(files.get('extension/syntaxes/kpi.tmLanguage.json')!.toString()).toBe(await textMateGrammarText());
  });

  it('has snippets that parse: the plan snippet is a clean plan, the others fit inside one', () => {
    const snippets = JSON.parse(files.get('extension/snippets/kpi.json')!.toString()) as Record<string, { prefix: string[]; body: string[] }>;
    // a snippet as inserted when every placeholder keeps its default (choices: the first)
    const expand = (body: string[]) =>
      body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
    const syntax = new Set(SYNTAX_CODES.map((c) => c.code));
    const plan = expand(snippets['plan']!.body);
    expect(analyze('p.kpi', plan).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    const host = 'plan 方案 {\n  indicator 指标 weight 100% target 100% scoring linear\n  #\n}\n';
    for (const [name, s] of Object.entries(snippets)) {
      if (name === 'plan') continue;
      const text = host.replace('  #\n', `  ${expand(s.body).replace(/\n/g, '\n  ')}\n`);
      const bad = analyze('p.kpi', text).diagnostics.filter((d) => syntax.has(d.code));
      expect(bad.map((d) => `${d.code} ${d.message}`), name).toEqual([]);
    }
  });

  it('has an extension entry that loads and registers the commands it contributes', () => {
    const src = files.get('extension/dist/extension.js')!.toString();
    const pkg = JSON.parse(files.get('extension/package.json')!.toString());
    for (const c of pkg.contributes.commands) expect(src, c.command).toContain(`"${c.command}"`);
    // load it with a stand-in for the `vscode` module the host provides
    const entry = join(work, 'unpacked/extension/dist/extension.js');
    const req = createRequire(entry);
    const Module = req('node:module') as { _load: (req: string, ...rest: unknown[]) => unknown };
    const load = Module._load;
    // any member is a class (extension code extends the host's classes at load) whose members are the same
    const stub = (): object => new Proxy(class {}, { get: (t, p) => (p in t ? (t as unknown as Record<PropertyKey, unknown>)[p] : stub()) });
    Module._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? stub() : load(request, ...rest));
    try {
      const mod = req(entry) as { activate?: unknown; deactivate?: unknown };
      expect(typeof mod.activate).toBe('function');
      expect(typeof mod.deactivate).toBe('function');
    } finally {
      Module._load = load;
    }
  });

  it('runs its language server (the kpi CLI inside it, `kpi lsp`)', async () => {
    const child = spawn(process.execPath, [join(work, 'unpacked/extension/dist/cli/dist/kpi.js'), 'lsp', '--stdio'], { env: cliEnv });
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
    expect(reply).toMatch(/"renameProvider"/);
  });

  it('scores a plan against a CSV into the results table (the command, with the kpi inside the .vsix)', async () => {
    const kpi = { file: process.execPath, prefix: [join(work, 'unpacked/extension/dist/cli/dist/kpi.js')], env: cliEnv };
    const ok = await scorePlan(kpi, join(ROOT, 'examples/店长.kpi'), join(ROOT, 'examples/data/店长.csv'), 'zh');
    if (!ok.ok) throw new Error(ok.details);
    expect(ok.title).toBe('店长.kpi · 店长.csv');
    expect(ok.html).toContain('<th>工号</th><th>总分</th><th>等级</th><th>绩效系数</th><th>销售额达成 得分</th>');
    expect(ok.html).toContain('<tr><td>S001</td><td class="n">103.5</td><td>S</td><td class="n">1.5</td><td class="n">105</td>');
    // every text from the plan or the data is escaped; the page runs no script
    const rows = ok.rows.map((r, i) => (i === 1 ? { ...r, id: '<img src=x onerror=alert(1)>' } : r));
    const html = resultsHtml({ plan: '店长.kpi', data: '店长.csv', rows, lang: 'en' });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<th>id</th><th>total</th>');
    // a plan with errors: the CLI's first line, coded, and its whole report for the output channel
    const broken = await scorePlan(kpi, join(ROOT, 'examples/broken/店长-权重.kpi'), join(ROOT, 'examples/data/店长.csv'), 'en');
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.message).toMatch(/^Scoring failed: .*KPI\d{4}/);
      expect(broken.details).toMatch(/help:/);
    }
    // a data file that is not there: a clear message, no stack trace
    const missing = await scorePlan(kpi, join(ROOT, 'examples/店长.kpi'), join(work, 'nope.csv'), 'zh');
    expect(missing).toMatchObject({ ok: false, message: expect.stringMatching(/^评分失败: .*KPI0801 无法读取数据文件/) });
  });
});
