import { describe, expect, it } from 'vitest';
import { NameNode, NumLitNode } from '../../src/ir/leaves.js';
import { parseText } from '../../src/parser/index.js';

describe('the IR leaves the parsers make as classes (ir/leaves.ts)', () => {
  it('read and assign `span` as the plain nodes of schema.ts do', () => {
    const lit = new NumLitNode('0.1', true, 4, 7);
    expect(lit.span).toEqual({ start: 4, end: 7 });
    lit.span = { start: 3, end: 7 };
    expect([lit.start, lit.end]).toEqual([3, 7]);
    const name = new NameNode('销售额', 10, 13);
    expect(name.span).toEqual({ start: 10, end: 13 });
    name.span = { start: 9, end: 14 };
    expect(name.span).toEqual({ start: 9, end: 14 });
  });

  it('are written as JSON key for key as the plain nodes', () => {
    expect(JSON.stringify(new NumLitNode('-5', false, 1, 3))).toBe(JSON.stringify({ value: '-5', percent: false, span: { start: 1, end: 3 } }));
    expect(JSON.stringify(new NameNode('a.b', 0, 3))).toBe(JSON.stringify({ text: 'a.b', span: { start: 0, end: 3 } }));
  });

  it('leave the JSON of a parsed indicator as the IR file format has it (`kpi compile --target json`), offsets included', () => {
    // a name, a percent, a quoted number, a qualified name, the `%` unit and a negative number
    const plan = 'plan P {\n  indicator 销售额 weight 100% target "¥1,200" input a.b unit % floor -5 scoring linear\n}\n';
    const r = parseText('t.kpi', plan);
    expect(r.diagnostics).toEqual([]);
    const ind = r.file.plans[0]!.items[0]!;
    const at = (start: number, end: number) => ({ start, end });
    expect(JSON.stringify(ind)).toBe(
      JSON.stringify({
        kind: 'indicator',
        name: { text: '销售额', span: at(21, 24) },
        lower: false,
        span: at(11, 93),
        weight: { value: '1', percent: true, span: at(32, 36) },
        target: { value: '1200', percent: false, span: at(44, 52) },
        input: { text: 'a.b', span: at(59, 62) },
        unit: { text: '%', span: at(68, 69) },
        floor: { value: '-5', percent: false, span: at(76, 78) },
        method: { kind: 'linear', span: at(87, 93) },
      }),
    );
  });
});
