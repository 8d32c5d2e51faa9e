/**
 * Golden diagnostics for examples/broken/*.kpi: the terminal rendering (no colour) plus the summary line
 * must equal <name>.expected.txt. Regenerate with `UPDATE_GOLDEN=1 npx vitest run test/golden-diagnostics.test.ts`
 * and review the diff. Each broken plan must fail `kpi check` (errors → exit 1) with errors at the lines
 * listed below.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, hasErrors } from '../packages/core/src/check/index.js';
import { renderTerminal, summaryLine, countDiagnostics } from '../packages/core/src/diagnostics/render/index.js';

const dir = join(import.meta.dirname, '../examples/broken');
const files = readdirSync(dir).filter((f) => f.endsWith('.kpi')).sort();
const update = process.env.UPDATE_GOLDEN === '1';

/** line → code of every error each broken plan must report (warnings are in the golden files) */
const EXPECTED_ERRORS: Record<string, [number, string][]> = {
  '区域经理-分档.kpi': [[9, 'KPI0502'], [10, 'KPI0502'], [16, 'KPI0405']],
  '客服中心-零投诉.kpi': [[5, 'KPI0402'], [9, 'KPI0501'], [12, 'KPI0409'], [13, 'KPI0409'], [17, 'KPI0406'], [18, 'KPI0406']],
  '店长-权重.kpi': [[2, 'KPI0301'], [9, 'KPI0101']],
  '生产运营-指标.kpi': [[5, 'KPI0210'], [10, 'KPI0504'], [11, 'KPI0402'], [13, 'KPI0411'], [14, 'KPI0409']],
  '运营中心-评分.kpi': [[2, 'KPI0301'], [7, 'KPI0302'], [8, 'KPI0407'], [8, 'KPI0206']],
  '运营部-综合.kpi': [[5, 'KPI0401'], [6, 'KPI0403'], [7, 'KPI0404'], [8, 'KPI0504'], [9, 'KPI0201']],
  '销售部经理-测试.kpi': [[17, 'KPI0701'], [18, 'KPI0702'], [19, 'KPI0703'], [23, 'KPI0706'], [24, 'KPI0704'], [25, 'KPI0702']],
};

function golden(file: string): { text: string; result: ReturnType<typeof analyze> } {
  const result = analyze(file, readFileSync(join(dir, file), 'utf8'));
  const sources = new Map([[file, result.source]]);
  const text = `${renderTerminal(result.diagnostics, sources, { color: false })}\n${summaryLine({ ...countDiagnostics(result.diagnostics), files: 1 })}\n`;
  return { text, result };
}

describe('broken example plans', () => {
  it('has 6 to 8 of them, each listed here', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
    expect(files.length).toBeLessThanOrEqual(8);
    expect(files).toEqual(Object.keys(EXPECTED_ERRORS).sort());
  });

  it.each(files)('%s fails the check with errors at the expected lines', (file) => {
    const { result } = golden(file);
    expect(hasErrors(result.diagnostics)).toBe(true);
    const errors = result.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => [result.source.lineCol(d.span!.start).line, d.code] as [number, string]);
    expect(errors).toEqual(EXPECTED_ERRORS[file]);
  });

  it.each(files)('%s renders as its golden file', (file) => {
    const { text } = golden(file);
    const path = join(dir, file.replace(/\.kpi$/, '.expected.txt'));
    if (update || !existsSync(path)) writeFileSync(path, text);
    expect(text).toBe(readFileSync(path, 'utf8'));
  });
});
