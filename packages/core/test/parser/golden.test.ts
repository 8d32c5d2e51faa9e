import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { parseText } from '../../src/parser/index.js';
import { PlanFileSchema } from '../../src/ir/schema.js';

const dir = new URL('./fixtures/', import.meta.url);
const update = process.env['UPDATE_GOLDEN'] === '1';

/** one line per diagnostic: `line:col CODE message`, then help and fix indented */
function render(name: string, text: string): string {
  const r = parseText(name, text);
  PlanFileSchema.parse(r.file);
  const lines: string[] = [];
  for (const d of r.diagnostics) {
    const { line, col } = r.source.lineCol(d.span!.start);
    lines.push(`${line}:${col} ${d.code} ${d.message}`);
    if (d.help) lines.push(`  help: ${d.help}`);
    if (d.fix) lines.push(`  fix: ${d.fix.message}`);
  }
  const items = r.file.plans.flatMap((p) => [`plan ${p.name.text}`, ...p.items.map((i) => `  ${i.name.text}${i.recovered ? ' (recovered)' : ''}`)]);
  lines.push('--- IR', ...items);
  return lines.join('\n') + '\n';
}

describe('syntax diagnostics (golden)', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.kpi'));
  for (const f of files) {
    it(`reports ${f} as in ${f.replace(/\.kpi$/, '.diagnostics.txt')}`, () => {
      const text = readFileSync(new URL(f, dir), 'utf8');
      const got = render(f, text);
      const goldenUrl = new URL(f.replace(/\.kpi$/, '.diagnostics.txt'), dir);
      if (update || !existsSync(goldenUrl)) writeFileSync(goldenUrl, got);
      expect(got).toBe(readFileSync(goldenUrl, 'utf8'));
    });
  }

  it('reports every broken line of a file at its own line and keeps the valid indicators after them', () => {
    const text = readFileSync(new URL('broken-lines.kpi', dir), 'utf8');
    const r = parseText('broken-lines.kpi', text);
    const lines = r.diagnostics.map((d) => r.source.lineCol(d.span!.start).line);
    expect(new Set(lines)).toEqual(new Set([4, 5, 6]));
    const names = r.file.plans[0]!.items.map((i) => i.name.text);
    expect(names).toContain('货品知识');
    expect(names).toContain('会员流失率');
    const fixed = r.diagnostics.flatMap((d) => d.fix?.edits.map((e) => e.text) ?? []);
    expect(fixed).toEqual(expect.arrayContaining(['linear', 'target', 'indicator']));
  });
});
