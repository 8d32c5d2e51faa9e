import { describe, it, expect } from 'vitest';
import { SourceFile } from '../../src/source/span.js';
import type { Diagnostic } from '../../src/diagnostics/types.js';
import {
  renderTerminal,
  renderJson,
  renderGithub,
  renderSarif,
  renderJunit,
  summaryLine,
  countDiagnostics,
  displayWidth,
  renderDiagnostics,
} from '../../src/diagnostics/render/index.js';

const text = ['plan 店长 {', '  group 工作绩效 weight 100% {', '    indicator 销售额达成 weight 60% scoring linear', '  }', '}', ''].join('\n');
const src = new SourceFile('店长.kpi', text);
const sources = new Map([[src.name, src]]);
const at = (s: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
  return { start: i, end: i + s.length };
};

const weightErr: Diagnostic = {
  code: 'KPI0301',
  severity: 'error',
  file: '店长.kpi',
  span: at('工作绩效'),
  message: 'weights in `工作绩效` sum to 60%, expected 100%',
  related: [{ span: at('60%'), message: '`销售额达成` weighs 60%' }],
  help: 'add 40% to one of them',
  fix: { message: 'set `销售额达成` to 100% so `工作绩效` sums to 100%', edits: [{ span: at('60%'), text: '100%' }] },
};
const warn: Diagnostic = { code: 'KPI0603', severity: 'warning', file: '店长.kpi', span: at('销售额达成'), message: '`销售额达成` has no target' };

describe('display width', () => {
  it('counts CJK and fullwidth characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('工作绩效')).toBe(8);
    expect(displayWidth('９５％')).toBe(6);
    expect(displayWidth('e\u0301')).toBe(1);
  });
});

describe('terminal renderer', () => {
  it('prints the header, the line, a caret under the CJK name in display columns, notes, help and fix', () => {
    const out = renderTerminal([weightErr], sources);
    expect(out).toBe(
      [
        '店长.kpi:2:9 error KPI0301 weights in `工作绩效` sum to 60%, expected 100%',
        ' 2 |   group 工作绩效 weight 100% {',
        '   |         ^^^^^^^^',
        '   = note 3:28: `销售额达成` weighs 60%',
        '   = help: add 40% to one of them',
        '   = fix: set `销售额达成` to 100% so `工作绩效` sums to 100%',
        '',
      ].join('\n'),
    );
  });

  it('puts the caret under a span that follows CJK text at its display column', () => {
    const out = renderTerminal([{ ...warn, span: at('60%') }], sources).split('\n');
    const line = out[1]!.slice(out[1]!.indexOf('|') + 2);
    const caret = out[2]!.slice(out[2]!.indexOf('|') + 2);
    expect(displayWidth(line.slice(0, line.indexOf('60%')))).toBe(caret.indexOf('^'));
    expect(caret.trim()).toBe('^^^');
  });

  it('uses ANSI colour only when asked', () => {
    expect(renderTerminal([weightErr], sources)).not.toContain('\u001b[');
    expect(renderTerminal([weightErr], sources, { color: true })).toContain('\u001b[31m');
  });

  it('shows data findings with row and column instead of a frame', () => {
    const d: Diagnostic = { code: 'KPI0301', severity: 'error', file: 'data.csv', message: 'bad value', data: { row: 3, column: '销售额', value: 'abc' } };
    expect(renderTerminal([d], sources)).toBe('data.csv:3 error KPI0301 bad value\n  = at row 3, column `销售额`, value `abc`\n');
  });
});

describe('machine formats', () => {
  it('json carries line/column ranges, related and fix edits', () => {
    const data = JSON.parse(renderJson([weightErr], sources));
    expect(data[0]).toMatchObject({ code: 'KPI0301', line: 2, column: 9, endLine: 2, endColumn: 13, help: 'add 40% to one of them' });
    expect(data[0].related[0]).toMatchObject({ line: 3, column: 28 });
    expect(data[0].fix.edits[0]).toMatchObject({ text: '100%', line: 3, column: 28 });
  });

  it('github emits workflow commands with escaped text and an inclusive end column', () => {
    const out = renderGithub([weightErr, warn], sources);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=店长.kpi,line=2,col=9,endLine=2,endColumn=12,title=KPI0301::weights in `工作绩效` sum to 60%25, expected 100%25%0Ahelp: add 40%25 to one of them');
    expect(lines[1]!.startsWith('::warning file=店长.kpi,line=3,col=15,')).toBe(true);
  });

  it('sarif 2.1.0 lists catalogue rules and results with regions, related locations and fixes', () => {
    const s = JSON.parse(renderSarif([weightErr], sources));
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0];
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toContain('KPI0301');
    const res = run.results[0];
    expect(run.tool.driver.rules[res.ruleIndex].id).toBe('KPI0301');
    expect(res.level).toBe('error');
    expect(res.locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 9, endLine: 2, endColumn: 13 });
    expect(res.relatedLocations[0].physicalLocation.region.startLine).toBe(3);
    expect(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('100%');
  });

  it('junit has one testcase per file and one failure per error; warnings do not fail', () => {
    const other = new SourceFile('ok.kpi', 'plan x {}');
    const all = new Map([...sources, [other.name, other]]);
    const xml = renderJunit([weightErr, warn], all);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('tests="2" failures="1"');
    expect(xml).toContain('<system-out>店长.kpi:3:15 warning KPI0603');
    expect(xml).toContain('name="ok.kpi" file="ok.kpi"/>');
  });

  it('renderDiagnostics dispatches by format name', () => {
    expect(renderDiagnostics('github', [warn], sources)).toMatch(/^::warning /);
  });
});

describe('summary line', () => {
  it('counts errors and warnings with plurals', () => {
    expect(summaryLine({ ...countDiagnostics([weightErr, weightErr, warn]), files: 3 })).toBe('2 errors, 1 warning in 3 files');
    expect(summaryLine({ errors: 0, warnings: 0, files: 1 })).toBe('no problems in 1 file');
    expect(summaryLine({ warnings: 2, files: 1 })).toBe('2 warnings in 1 file');
  });
});

describe('terminal edge cases', () => {
  it('expands tabs consistently in the line and under it', () => {
    const s = new SourceFile('t.kpi', 'plan a {\n\tindicator 甲 weight 5% scoring linear\n}\n');
    const start = s.text.indexOf('5%');
    const out = renderTerminal([{ code: 'KPI0602', severity: 'warning', file: 't.kpi', span: { start, end: start + 2 }, message: 'm' }], new Map([['t.kpi', s]])).split('\n');
    const line = out[1]!.slice(out[1]!.indexOf('|') + 2);
    const caret = out[2]!.slice(out[2]!.indexOf('|') + 2);
    expect(line).not.toContain('\t');
    expect(displayWidth(line.slice(0, line.indexOf('5%')))).toBe(caret.indexOf('^'));
  });
  it('marks a span running past its first line and shows one caret for an empty span at the end of the file', () => {
    const s = new SourceFile('t.kpi', 'plan a {\n  x\n}');
    const m = new Map([['t.kpi', s]]);
    const multi = renderTerminal([{ code: 'KPI0303', severity: 'error', file: 't.kpi', span: { start: 0, end: s.text.length }, message: 'm' }], m);
    expect(multi.split('\n')[2]).toBe('   | ^^^^^^^^…');
    const eof = renderTerminal([{ code: 'KPI0303', severity: 'error', file: 't.kpi', span: { start: s.text.length, end: s.text.length }, message: 'm' }], m);
    expect(eof.split('\n').slice(0, 3)).toEqual(['t.kpi:3:2 error KPI0303 m', ' 3 | }', '   |  ^']);
  });
});
