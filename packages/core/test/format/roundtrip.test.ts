import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/parser/index.js';
import { printPlanFile } from '../../src/format/print.js';
import { formatText } from '../../src/format/format-text.js';
import { planFileArb, stripSpans } from '../arbitraries.js';

describe('printPlanFile round trip', () => {
  it('parse(print(ir)) equals ir modulo spans, with no diagnostics, for random valid plans', () => {
    fc.assert(
      fc.property(planFileArb, (ir) => {
        const text = printPlanFile(ir);
        const back = parseText('gen.kpi', text);
        expect(back.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
        expect(stripSpans(back.file), text).toEqual(stripSpans(ir));
      }),
      { seed: 20240601, numRuns: 400 },
    );
  });

  it('formatText of printed plans is the printed text itself (the canonical form is a fixed point)', () => {
    fc.assert(
      fc.property(planFileArb, (ir) => {
        const text = printPlanFile(ir);
        expect(formatText('gen.kpi', text).output).toBe(text);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
