/** The playground's decision-support data (baseline compare, what-if) equals what `kpi diff` / `kpi solve` print. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../src/engine.js';
import { compareWithBaseline, whatIf } from '../src/decide.js';
import { parsePasted } from '../src/tabular.js';

const FIX = join(import.meta.dirname, '..', '..', 'test', 'cli', 'fixtures');
const read = (f: string) => readFileSync(join(FIX, f), 'utf8');
const table = (csv: string) => {
  const [columns, ...rows] = parsePasted(csv.replace(/,/g, '\t'));
  return { columns: columns!, rows };
};

describe('playground decision support', () => {
  it('baseline compare: the same changes and replay as `kpi diff --data`', () => {
    const v = compareWithBaseline(analyse(read('shop.kpi')), analyse(read('revised-shop.kpi')), table(read('revised-shop.csv')), 'en');
    if ('error' in v) throw new Error(v.error);
    expect(v.diff.changes).toHaveLength(6);
    expect(v.replay!.people.map((p) => [p.id, p.old.total, p.new.total])).toEqual([
      ['S003', 104, 80],
      ['S002', 82, 87],
      ['S001', 105, 104.5],
    ]);
    // the CLI's text, save for the two file names the playground calls baseline/current
    const cli = readFileSync(join(FIX, '..', 'golden', 'diff-text.txt'), 'utf8').split('\n').slice(2).join('\n');
    expect(v.text.split('\n').slice(2).join('\n')).toBe(cli);
  });

  it('what-if: the same answers as `kpi solve`, with --set', () => {
    const v = whatIf(analyse(read('solve.kpi')), table(read('solve.csv')), 0, 'grade A', { 流失率: '5%' }, 'en');
    if ('error' in v) throw new Error(v.error);
    expect(v.report.current.total).toBe(79);
    expect(v.report.answers[0]).toMatchObject({ indicator: '销售额', answer: '1.0749', roundedUp: true });
    expect(v.lines[0]).toContain('销售额 ≥ 107.49%');
    expect(whatIf(analyse(read('solve.kpi')), table(read('solve.csv')), 0, 'grade Z', {}, 'en')).toMatchObject({ error: expect.stringContaining('not a grade') });
  });
});
