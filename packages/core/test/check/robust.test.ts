import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/check/index.js';
import { CATALOGUE } from '../../src/diagnostics/catalogue.js';

const dir = join(import.meta.dirname, '../../../../examples');
const texts = [
  ...readdirSync(dir).filter((f) => f.endsWith('.kpi')).map((f) => readFileSync(join(dir, f), 'utf8')),
  ...readdirSync(join(dir, 'broken')).filter((f) => f.endsWith('.kpi')).map((f) => readFileSync(join(dir, 'broken', f), 'utf8')),
];

function wellFormed(text: string) {
  const r = analyze('f.kpi', text);
  for (const d of r.diagnostics) {
    expect(CATALOGUE.has(d.code), d.code).toBe(true);
    if (d.span) {
      expect(d.span.start).toBeGreaterThanOrEqual(0);
      expect(d.span.end).toBeGreaterThanOrEqual(d.span.start);
      expect(d.span.end).toBeLessThanOrEqual(text.length);
    }
    expect(d.message.length).toBeGreaterThan(0);
  }
}

describe('the checker never throws', () => {
  it('on example plans with a slice cut out (what half-typed plans look like)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.nat(), fc.nat({ max: 40 }), (i, a, len) => {
        const t = texts[i]!;
        const start = a % (t.length + 1);
        wellFormed(t.slice(0, start) + t.slice(start + len));
      }),
      { numRuns: 120 },
    );
  });
  it('on example plans with numbers replaced by edge values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: texts.length - 1 }), fc.constantFrom('0', '0%', '-5', '100000', '1e3', '0.0001%', '00'), fc.nat(), (i, v, k) => {
        let n = 0;
        const t = texts[i]!.replace(/\d+(\.\d+)?%?/g, (m) => (n++ % 7 === k % 7 ? v : m));
        wellFormed(t);
      }),
      { numRuns: 80 },
    );
  });
});
