/**
 * grammar/diagnostics/<CODE>.md pages: every checker code has one, and each page's examples are real —
 * the ```kpi block under "## Wrong" produces the code, the one under "## Right" does not (and has no
 * errors at all). Pages of other phases' codes are validated the same way once they exist.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../packages/core/src/check/index.js';
import { CATALOGUE } from '../packages/core/src/diagnostics/catalogue.js';
import { CHECK_CODES } from '../packages/core/src/diagnostics/codes/check.js';

const dir = join(import.meta.dirname, '../grammar/diagnostics');
const pagePath = (code: string) => join(dir, `${code}.md`);

/** the first ```kpi block after a `## heading` */
export function exampleUnder(md: string, heading: string): string | undefined {
  const at = md.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (at < 0) return undefined;
  const m = /```kpi\n([\s\S]*?)```/.exec(md.slice(at));
  return m?.[1];
}

const checkCodes = CHECK_CODES.map((e) => e.code);
const otherCodes = [...CATALOGUE.keys()].filter((c) => !checkCodes.includes(c));
// data (08xx) and run (09xx) codes cannot be shown by checking a plan alone
const planCodes = otherCodes.filter((c) => /^KPI01/.test(c));

function verify(code: string) {
  const md = readFileSync(pagePath(code), 'utf8');
  expect(md.startsWith(`# ${code}`)).toBe(true);
  const wrong = exampleUnder(md, 'Wrong');
  const right = exampleUnder(md, 'Right');
  expect(wrong, 'a ```kpi block under "## Wrong"').toBeDefined();
  expect(right, 'a ```kpi block under "## Right"').toBeDefined();
  const w = analyze(`${code}-wrong.kpi`, wrong!).diagnostics;
  expect(w.map((d) => d.code), 'the wrong example produces the code').toContain(code);
  const r = analyze(`${code}-right.kpi`, right!).diagnostics;
  const bad = r.filter((d) => d.code === code || d.severity === 'error').map((d) => `${d.code} ${d.message}`);
  expect(bad, 'the right example neither produces the code nor any error').toEqual([]);
}

describe('diagnostic pages', () => {
  it.each(checkCodes)('%s has a page whose wrong example triggers it and right example does not', (code) => {
    expect(existsSync(pagePath(code)), `${pagePath(code)} exists`).toBe(true);
    verify(code);
  });
  it.each(planCodes.length ? planCodes : ['(none)'])('%s page, when written, has working examples', (code) => {
    if (code === '(none)' || !existsSync(pagePath(code))) return;
    verify(code);
  });
  it('the right examples of checker pages are clean: no diagnostics at all', () => {
    const noisy = checkCodes.flatMap((code) => {
      const right = exampleUnder(readFileSync(pagePath(code), 'utf8'), 'Right')!;
      return analyze(`${code}.kpi`, right).diagnostics.map((d) => `${code}: ${d.code} ${d.message}`);
    });
    expect(noisy).toEqual([]);
  });
});
