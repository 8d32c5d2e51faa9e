#!/usr/bin/env node
// `kpi lsp` on a 10,000-indicator plan, driven over stdio like an editor (vscode-languageserver-protocol):
// open → first diagnostics, then one-character edits → diagnostics (incremental sync, no debounce), and
// each request an editor sends while typing. The baseline in the same run is the core's `analyze` of the
// same text in this process: "edit → diagnostics" / analyze is what the server adds on top of the checker.
// Run after `pnpm -s build`:  node bench/lsp.bench.js
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');
const { analyze } = await import(join(here, '../packages/core/dist/index.js'));

// 100 groups × 100 indicators, 200 metrics in a chain, 20 tests
const lines = ['plan 大型方案 {', '  cycle monthly'];
for (let g = 0; g < 100; g++) {
  lines.push(`  group 组${g} weight 1% {`);
  for (let i = 0; i < 100; i++) {
    lines.push(i % 3 === 0
      ? `    indicator 指标${g}_${i} weight 1% target 100% scoring bands on ratio { >= 100%: 100, >= 90%: 85, else: 0 }`
      : `    indicator 指标${g}_${i} weight 1% target 100% scoring linear cap 120%`);
  }
  lines.push('  }');
}
for (let m = 0; m < 200; m++) lines.push(`  metric 派生${m} = ${m === 0 ? '原始' : `派生${m - 1}`} * 1.01`);
for (let t = 0; t < 20; t++) lines.push(`  test "用例${t}" {\n    given 指标0_0 = 100%, 指标1_1 = 95%\n    expect 指标0_0 = 100\n  }`);
lines.push('}', '');
let text = lines.join('\n');
console.log(`plan: 10,000 indicators, ${text.length.toLocaleString('en')} chars, ${text.split('\n').length.toLocaleString('en')} lines`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const row = (label, ms) => console.log(`${label.padEnd(46)} ${ms.toFixed(1).padStart(8)} ms`);

// baseline: parse + check in-process
const base = [];
for (let i = 0; i < 7; i++) {
  const t0 = now();
  analyze('大型方案.kpi', text);
  base.push(now() - t0);
}
row('baseline: analyze (parse + check), in-process', median(base));

const child = spawn(process.execPath, [join(here, '../packages/cli/bin/kpi.js'), 'lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
let waiting;
conn.onNotification('textDocument/publishDiagnostics', (p) => waiting?.(p));
conn.listen();
const diagnosticsFor = (version) => new Promise((resolve) => { waiting = (p) => p.version === version && resolve(p); });

const uri = 'file:///bench/%E5%A4%A7%E5%9E%8B%E6%96%B9%E6%A1%88.kpi';
await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await conn.sendNotification('initialized', {});
let t0 = now();
let got = diagnosticsFor(1);
await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kpi', version: 1, text } });
const first = await got;
row(`open → first diagnostics (${first.diagnostics.length} findings)`, now() - t0);

// type in the middle of the file: change `weight 1%` of one indicator to `weight 2%` and back
const line = 5002; // an indicator in group 49
const col = lines[line].indexOf('weight 1%') + 'weight '.length;
const edits = [];
let version = 1;
for (let i = 0; i < 9; i++) {
  version++;
  const ch = i % 2 === 0 ? '2' : '1';
  got = diagnosticsFor(version);
  t0 = now();
  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: ch }],
  });
  await got;
  edits.push(now() - t0);
}
const editMs = median(edits);
row('edit → diagnostics (incremental, median of 9)', editMs);
console.log(`  ratio edit→diagnostics / analyze baseline: ${(editMs / median(base)).toFixed(2)}`);

async function time(label, method, params, n = 7) {
  const xs = [];
  let r;
  for (let i = 0; i < n; i++) {
    const t = now();
    r = await conn.sendRequest(method, params);
    xs.push(now() - t);
  }
  const size = Array.isArray(r) ? ` (${r.length} items)` : r?.data ? ` (${r.data.length / 5} tokens)` : '';
  row(`${label}${size}`, median(xs));
}
const at = (l, needle) => ({ line: l, character: lines[l].indexOf(needle) + 1 });
const doc = { uri };
await time('hover on an indicator', 'textDocument/hover', { textDocument: doc, position: at(line, '指标') });
await time('completion after `scoring `', 'textDocument/completion', { textDocument: doc, position: { line, character: lines[line].indexOf('scoring') + 8 } });
await time('completion of names (all 10,000)', 'textDocument/completion', { textDocument: doc, position: { line: 10102, character: lines[10102].indexOf('=') + 2 } });
await time('definition of a metric reference', 'textDocument/definition', { textDocument: doc, position: { line: 10102, character: lines[10102].indexOf('派生', 6) + 1 } });
await time('references of an indicator', 'textDocument/references', { textDocument: doc, position: at(3, '指标'), context: { includeDeclaration: true } });
await time('rename an indicator', 'textDocument/rename', { textDocument: doc, position: at(3, '指标'), newName: '新指标' });
await time('document symbols', 'textDocument/documentSymbol', { textDocument: doc });
await time('semantic tokens (full)', 'textDocument/semanticTokens/full', { textDocument: doc });
await time('formatting (whole document)', 'textDocument/formatting', { textDocument: doc, options: { tabSize: 2, insertSpaces: true } }, 3);

await conn.sendRequest('shutdown');
await conn.sendNotification('exit');
conn.dispose();
