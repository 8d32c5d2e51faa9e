import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '@kpi/core';
import { capRepeated, KEEP, MORE_THAN } from '../../packages/cli/src/repeated-findings.js';

const finding = (code: string, severity: Diagnostic['severity'], start: number, extra: Partial<Diagnostic> = {}): Diagnostic =>
  ({ file: 'a.kpi', code, severity, message: `${code} at ${start}`, span: { start, end: start + 1 }, ...extra }) as Diagnostic;

describe('capRepeated (the terminal view of kpi check)', () => {
  it('keeps every error, even of a code that is also reported many times as a warning', () => {
    const diags = [
      ...Array.from({ length: MORE_THAN + 5 }, (_, i) => finding('KPI0602', 'warning', i)),
      finding('KPI0602', 'error', 100),
    ];
    const { shown, omitted } = capRepeated(diags);
    expect(shown.filter((d) => d.severity === 'error')).toHaveLength(1);
    expect(shown.filter((d) => d.severity === 'warning')).toHaveLength(KEEP);
    expect(omitted).toEqual([{ file: 'a.kpi', code: 'KPI0602', severity: 'warning', n: MORE_THAN + 5 - KEEP }]);
  });

  it('counts per file and code, and notes as notes', () => {
    const diags = [
      ...Array.from({ length: MORE_THAN + 1 }, (_, i) => finding('KPI0605', 'info', i)),
      ...Array.from({ length: MORE_THAN + 1 }, (_, i) => finding('KPI0605', 'info', i, { file: 'b.kpi' })),
      ...Array.from({ length: MORE_THAN }, (_, i) => finding('KPI0601', 'warning', i)),
    ];
    const { shown, omitted } = capRepeated(diags);
    expect(shown).toHaveLength(KEEP * 2 + MORE_THAN);
    expect(omitted).toEqual([
      { file: 'a.kpi', code: 'KPI0605', severity: 'info', n: MORE_THAN + 1 - KEEP },
      { file: 'b.kpi', code: 'KPI0605', severity: 'info', n: MORE_THAN + 1 - KEEP },
    ]);
  });
});
