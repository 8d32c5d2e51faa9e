/**
 * JUnit XML for CI test reporters: one testcase per checked file, one <failure> per error in it
 * (type = code, message = the message, body = location, help and fix). Warnings and notes go to the
 * testcase's <system-out> so they are visible without failing it.
 */
import type { Diagnostic } from '../types.js';
import type { Lang } from '../lang.js';
import { localizeAll, ui } from '../diag.js';
import type { SourceFile } from '../../source/span.js';
import { locationText } from './positions.js';

export interface JunitOptions {
  /** suite name (default `kpi check`) */
  suite?: string;
  /** files checked, including those without findings (default: the keys of `sources` plus files named in diagnostics) */
  files?: string[];
  /** language of messages and helps (default English) */
  lang?: Lang;
}

const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 cannot carry
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function renderJunit(diags: readonly Diagnostic[], sources: ReadonlyMap<string, SourceFile>, opts: JunitOptions = {}): string {
  const suite = opts.suite ?? 'kpi check';
  const files = opts.files ?? [...new Set([...sources.keys(), ...diags.map((d) => d.file ?? '<input>')])];
  const byFile = new Map<string, Diagnostic[]>(files.map((f) => [f, []]));
  const lang = opts.lang ?? 'en';
  for (const d of localizeAll(diags, lang)) {
    const f = d.file ?? '<input>';
    if (!byFile.has(f)) byFile.set(f, []);
    byFile.get(f)!.push(d);
  }
  let failed = 0;
  const cases: string[] = [];
  for (const [file, ds] of byFile) {
    const errors = ds.filter((d) => d.severity === 'error');
    const others = ds.filter((d) => d.severity !== 'error');
    if (errors.length) failed++;
    const body: string[] = [];
    for (const d of errors) {
      const text = [`${locationText(d, sources)} ${d.code} ${d.message}`, d.help ? `${ui('ui.help', {}, lang)}: ${d.help}` : '', d.fix ? `${ui('ui.fix', {}, lang)}: ${d.fix.message}` : '']
        .filter(Boolean)
        .join('\n');
      body.push(`      <failure type="${esc(d.code)}" message="${esc(d.message)}">${esc(text)}</failure>`);
    }
    if (others.length) {
      const text = others.map((d) => `${locationText(d, sources)} ${d.severity} ${d.code} ${d.message}`).join('\n');
      body.push(`      <system-out>${esc(text)}</system-out>`);
    }
    const open = `    <testcase classname="${esc(suite)}" name="${esc(file)}" file="${esc(file)}"`;
    cases.push(body.length ? `${open}>\n${body.join('\n')}\n    </testcase>` : `${open}/>`);
  }
  const n = byFile.size;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(suite)}" tests="${n}" failures="${failed}" errors="0">`,
    `  <testsuite name="${esc(suite)}" tests="${n}" failures="${failed}" errors="0" skipped="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
