import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { parseText } from '../../src/parser/index.js';
import { PlanFileSchema } from '../../src/ir/schema.js';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';

const dir = new URL('../../../../examples/', import.meta.url);
const examples = readdirSync(dir)
  .filter((f) => f.endsWith('.kpi'))
  .map((f) => readFileSync(new URL(f, dir), 'utf8'));

const pieces = [
  'plan', 'P', 'indicator', 'group', 'weight', 'target', 'scoring', 'linear', 'bands', 'curve', 'rating', 'deduct', 'per', 'max',
  'metric', 'veto', 'when', 'grades', 'test', 'given', 'expect', 'coefficient', 'else', 'on', 'ratio', '销售额', '"名 称"', '"open',
  '{', '}', '(', ')', '=', '>=', '<', ':', ',', ';', '..', '.', '-', '+', '*', '/', '95%', '1_200', '0.5', '#c\n', '\n', ' ', '@', '“x”',
];

function assertWellFormed(text: string): void {
  const r = parseText('f.kpi', text);
  PlanFileSchema.parse(r.file);
  for (const d of r.diagnostics) {
    expect(CATALOGUE.has(d.code), d.code).toBe(true);
    expect(d.span!.start).toBeGreaterThanOrEqual(0);
    expect(d.span!.end).toBeLessThanOrEqual(text.length);
    expect(d.span!.start).toBeLessThanOrEqual(d.span!.end);
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.help, `${d.code} ${d.message} has a help line`).toBeTruthy();
  }
  const spans: { start: number; end: number }[] = [];
  for (const p of r.file.plans) {
    spans.push(p.span);
    for (const i of p.items) spans.push(i.span, i.name.span);
  }
  for (const s of spans) expect(s.start <= s.end && s.end <= text.length, JSON.stringify(s)).toBe(true);
}

describe('parser robustness (property)', () => {
  it('never throws and returns schema-valid IR and well-formed diagnostics for token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => assertWellFormed(parts.join(' '))),
      { numRuns: 400 },
    );
  });

  it('never throws on example plans with a slice cut out or a token duplicated', () => {
    fc.assert(
      fc.property(fc.constantFrom(...examples), fc.nat(), fc.nat(200), fc.boolean(), (text, at, len, dup) => {
        const a = at % (text.length + 1);
        const cut = dup ? text.slice(0, a) + text.slice(a, a + len) + text.slice(a) : text.slice(0, a) + text.slice(a + len);
        assertWellFormed(cut);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps every later indicator when one line of an example is broken', () => {
    for (const text of examples) {
      const lines = text.split('\n');
      const first = lines.findIndex((l) => /^\s*indicator /.test(l));
      const broken = [...lines];
      broken[first] = broken[first]!.replace(/scoring \w+/, 'scoring ???');
      const before = parseText('a.kpi', text).file.plans.flatMap((p) => p.items.map((i) => i.name.text));
      const r = parseText('b.kpi', broken.join('\n'));
      const after = r.file.plans.flatMap((p) => p.items.map((i) => i.name.text));
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(after).toEqual(before);
    }
  });
});
