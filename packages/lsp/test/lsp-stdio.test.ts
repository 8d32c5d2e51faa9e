/**
 * `kpi lsp` as an editor sees it: the built CLI as a subprocess, driven over stdio by the protocol
 * library VS Code's own client is built on (vscode-languageserver-protocol / vscode-jsonrpc).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type CompletionItem,
  type Hover,
  type TextEdit,
  type WorkspaceEdit,
  type DocumentSymbol,
  type Location,
  type CodeAction,
  type InitializeResult,
  type SemanticTokens,
} from 'vscode-languageserver-protocol/node.js';

const ROOT = join(fileURLToPath(import.meta.url), '../../../..');
const BIN = join(ROOT, 'packages/cli/bin/kpi.js');
const URI = 'file:///tmp/%E5%BA%97%E9%95%BF.kpi'; // 店长.kpi

// a misspelt method (KPI0101, with a fix), weights that sum to 90% (KPI0301), names to hover, complete and rename
const BROKEN = `plan 店长月度考核 {
  indicator 销售额达成 weight 60% target 100% scoring linaer cap 120%
  indicator 人员流失率 weight 30% target 2% scoring reverse
  metric 人效 = 销售额 / 人数
  veto 安全 when 人效 < 0
  test "t" {
    given 销售额达成 = 100%, 人员流失率 = 2%
    expect 销售额达成 = 100
  }
}
`;

let child: ChildProcess;
let conn: ProtocolConnection;
let stderr = '';
const diagnostics: PublishDiagnosticsParams[] = [];
let waiters: (() => void)[] = [];

function nextDiagnostics(version: number): Promise<PublishDiagnosticsParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version}; stderr: ${stderr}`)), 20_000);
    const check = () => {
      const d = diagnostics.find((x) => x.version === version);
      if (d) {
        clearTimeout(timer);
        resolve(d);
        return true;
      }
      return false;
    };
    if (!check()) waiters.push(() => void check());
  });
}

/** the text at an LSP range of a text */
function at(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (r.start.line === r.end.line) return lines[r.start.line]!.slice(r.start.character, r.end.character);
  return [lines[r.start.line]!.slice(r.start.character), ...lines.slice(r.start.line + 1, r.end.line), lines[r.end.line]!.slice(0, r.end.character)].join('\n');
}
const pos = (text: string, needle: string, delta = 1) => {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`no ${needle}`);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
};
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const off = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => off(b.range.start) - off(a.range.start))
    .reduce((t, e) => t.slice(0, off(e.range.start)) + e.newText + t.slice(off(e.range.end)), text);
}

beforeAll(async () => {
  child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    diagnostics.push(p);
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  });
  conn.listen();
});

afterAll(() => {
  conn?.dispose();
  if (child && child.exitCode === null) child.kill();
});

describe('kpi lsp over stdio', () => {
  let init: InitializeResult;
  let text = BROKEN;

  it('initializes and announces its features', async () => {
    init = await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, locale: 'en' });
    await conn.sendNotification('initialized', {});
    const c = init.capabilities;
    expect(init.serverInfo?.name).toBe('kpi');
    expect(c.textDocumentSync).toMatchObject({ change: 2 /* incremental */ });
    for (const k of ['hoverProvider', 'completionProvider', 'documentFormattingProvider', 'codeActionProvider', 'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider', 'semanticTokensProvider'] as const) {
      expect(c[k], k).toBeTruthy();
    }
  });

  it('publishes the diagnostics of a broken plan with the same codes as `kpi check`', async () => {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'kpi', version: 1, text } });
    const d = await nextDiagnostics(1);
    const codes = d.diagnostics.map((x) => x.code);
    expect(codes).toContain('KPI0101'); // `linaer`
    expect(codes).toContain('KPI0301'); // weights 90%
    expect(at(text, d.diagnostics.find((x) => x.code === 'KPI0101')!.range)).toBe('linaer');
    const w = d.diagnostics.find((x) => x.code === 'KPI0301')!;
    expect(w.severity).toBe(1);
    expect(w.source).toBe('kpi');
    expect(w.message).toMatch(/90%/);
    // the same codes the CLI reports for the file
    const { analyze } = await import('@kpi/core');
    expect(codes).toEqual(analyze('店长.kpi', text).diagnostics.filter((x) => x.span).map((x) => x.code));
  });

  it('offers the quick fix a diagnostic carries, and applying it clears the diagnostic', async () => {
    const d = diagnostics.find((x) => x.version === 1)!;
    const misspelt = d.diagnostics.find((x) => x.code === 'KPI0101')!;
    const actions: CodeAction[] = await conn.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: misspelt.range,
      context: { diagnostics: [misspelt] },
    });
    const fix = actions.find((a) => a.title.includes('linear'))!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    const edits = fix.edit!.changes![URI]!;
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    text = apply(text, edits);
    expect(text).toContain('scoring linear cap 120%');
    const after = await nextDiagnostics(2);
    expect(after.diagnostics.map((x) => x.code)).not.toContain('KPI0101');
    expect(after.diagnostics.map((x) => x.code)).toContain('KPI0301');
  });

  it('hovers an indicator with its effective weight and rule', async () => {
    const h: Hover = await conn.sendRequest('textDocument/hover', { textDocument: { uri: URI }, position: pos(text, '销售额达成 weight') });
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('销售额达成');
    expect(value).toContain('60%');
    expect(value).toMatch(/linear/);
    expect(at(text, h.range!)).toBe('销售额达成');
  });

  it('completes scoring methods after `scoring` and names in an expression', async () => {
    const withGap = text.replace('scoring reverse', 'scoring ');
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 3 },
      contentChanges: [{ range: { start: pos(text, 'scoring reverse', 8), end: pos(text, 'scoring reverse', 15) }, text: '' }],
    });
    text = withGap;
    const items: CompletionItem[] = await conn.sendRequest('textDocument/completion', { textDocument: { uri: URI }, position: pos(text, 'scoring \n', 8) });
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['linear', 'reverse', 'threshold', 'bands']));
    // put `reverse` back through the completion's own edit (incremental sync again)
    const rev = items.find((i) => i.label === 'reverse')!;
    const edit = rev.textEdit as TextEdit;
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 4 }, contentChanges: [{ range: edit.range, text: edit.newText }] });
    text = apply(text, [edit]);
    expect(text).toBe(BROKEN.replace('linaer', 'linear'));
    const d = await nextDiagnostics(4);
    expect(d.diagnostics.map((x) => x.code)).toContain('KPI0301');
  });

  it('goes to the definition of a metric and finds the references of an indicator', async () => {
    const def: Location = await conn.sendRequest('textDocument/definition', { textDocument: { uri: URI }, position: pos(text, '人效 < 0') });
    expect(def.range.start.line).toBe(3);
    expect(at(text, def.range)).toBe('人效');
    const refs: Location[] = await conn.sendRequest('textDocument/references', {
      textDocument: { uri: URI },
      position: pos(text, '销售额达成 weight'),
      context: { includeDeclaration: true },
    });
    expect(refs.map((r) => r.range.start.line)).toEqual([1, 6, 7]);
  });

  it('lists document symbols plan → indicators, metric, veto, test', async () => {
    const syms: DocumentSymbol[] = await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(syms.map((s) => s.name)).toEqual(['店长月度考核']);
    expect(syms[0]!.children!.map((s) => s.name)).toEqual(['销售额达成', '人员流失率', '人效', '安全', 't']);
  });

  it('returns semantic tokens for names', async () => {
    const t: SemanticTokens = await conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    expect(t.data.length % 5).toBe(0);
    expect(t.data.length / 5).toBeGreaterThanOrEqual(10);
  });

  it('renames an indicator everywhere it is used, and refuses a clash', async () => {
    const edit: WorkspaceEdit = await conn.sendRequest('textDocument/rename', { textDocument: { uri: URI }, position: pos(text, '销售额达成 weight'), newName: 'GMV 达成' });
    const edits = edit.changes![URI]!;
    expect(edits).toHaveLength(3);
    const renamed = apply(text, edits);
    expect(renamed).toContain('indicator "GMV 达成" weight 60%');
    expect(renamed).toContain('given "GMV 达成" = 100%');
    await expect(conn.sendRequest('textDocument/rename', { textDocument: { uri: URI }, position: pos(text, '销售额达成 weight'), newName: '人员流失率' })).rejects.toThrow(/already names/);
  });

  it('formats the document in the canonical layout, as `kpi fmt` does', async () => {
    // (a plan with syntax errors is left alone; this one has only a weight error)
    const edits: TextEdit[] = await conn.sendRequest('textDocument/formatting', { textDocument: { uri: URI }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits.length).toBe(1);
    const { formatText } = await import('@kpi/core');
    expect(apply(text, edits)).toBe(formatText('店长.kpi', text).output);
  });

  it('shuts down and exits with code 0', async () => {
    await conn.sendRequest('shutdown');
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await conn.sendNotification('exit');
    expect(await exited).toBe(0);
  });
});
