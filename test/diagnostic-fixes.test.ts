/**
 * Every checker fix does what it says: applying its edits to the plan removes that finding (the same
 * code no longer appears at that place) and introduces no new syntax error. Run over the broken
 * examples and the "wrong" examples of the diagnostic pages.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../packages/core/src/check/index.js';
import { CHECK_CODES } from '../packages/core/src/diagnostics/codes/check.js';
import type { Diagnostic } from '../packages/core/src/diagnostics/types.js';

const root = join(import.meta.dirname, '..');
const cases: [string, string][] = [];
for (const f of readdirSync(join(root, 'examples/broken')).filter((x) => x.endsWith('.kpi'))) {
  cases.push([`examples/broken/${f}`, readFileSync(join(root, 'examples/broken', f), 'utf8')]);
}
for (const { code } of CHECK_CODES) {
  const md = readFileSync(join(root, 'grammar/diagnostics', `${code}.md`), 'utf8');
  const m = /## Wrong\s*\n```kpi\n([\s\S]*?)```/.exec(md);
  if (m) cases.push([`${code}.md wrong`, m[1]!]);
}

const apply = (text: string, d: Diagnostic) =>
  [...d.fix!.edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.text + t.slice(e.span.end), text);

const checkFixes = cases.flatMap(([name, text]) =>
  analyze(name, text)
    .diagnostics.filter((d) => d.fix && CHECK_CODES.some((c) => c.code === d.code))
    .map((d) => [`${name} ${d.code} ${d.fix!.message}`, text, d] as const),
);

describe('checker fixes', () => {
  it('there are fixes to test', () => {
    expect(checkFixes.length).toBeGreaterThanOrEqual(8);
  });
  it.each(checkFixes.map(([label, text, d]) => [label, text, d] as [string, string, Diagnostic]))('%s', (_label, text, d) => {
    const before = analyze('x.kpi', text).diagnostics;
    const fixed = apply(text, d);
    const after = analyze('x.kpi', fixed).diagnostics;
    const line = (t: string, off: number) => t.slice(0, off).split('\n').length;
    const at = line(text, d.span!.start);
    expect(after.filter((x) => x.code === d.code && line(fixed, x.span!.start) === at)).toEqual([]);
    expect(after.filter((x) => x.code.startsWith('KPI01')).length).toBeLessThanOrEqual(before.filter((x) => x.code.startsWith('KPI01')).length);
  });
});
