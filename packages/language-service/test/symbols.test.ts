/** The name index: definitions, references, rename, document symbols and semantic tokens. */
import { describe, expect, it } from 'vitest';
import { analyze } from '@kpi/core';
import { applyEdits, documentSymbols, indexAt, prepareRename, rename, semanticTokens, SEMANTIC_TOKEN_TYPES } from '../src/index.js';

const PLAN = `plan 店长 {
  indicator 执行力 weight 30% scoring rating 1..5 raters { self 20%, manager 80% }
  indicator 人效 weight 40% target 100% scoring linear
  indicator "GMV 达成" weight 30% target 100% scoring linear input GMV
  metric 人效 = 销售额 / 人数
  bonus 创新提案 points 2 per 1 max 6
  veto 安全事故 when 安全事故 > 0
  grades {
    S >= 95 coefficient 1.5
    D       coefficient 0.5
  }
  test "t" {
    given 执行力.self = 5, 执行力.manager = 4, 销售额 = 10, 人数 = 10, GMV = 1, 创新提案 = 0, 安全事故 = 0
    expect 人效 = 100
    expect grade = S
  }
}
`;

const file = analyze('p.kpi', PLAN).file;
const idx = indexAt(file, 0)!;
const off = (needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = PLAN.indexOf(needle, i + 1);
  if (i < 0) throw new Error(needle);
  return i + 1;
};
const texts = (spans: { span: { start: number; end: number } }[]) => spans.map((o) => PLAN.slice(o.span.start, o.span.end));

describe('name index', () => {
  it('resolves a reference to the metric of that name first, and finds every use of the name', () => {
    const at = idx.at(off('人效 = 100'))!;
    expect(at.kind).toBe('metric');
    expect(PLAN.slice(idx.definitionOf(at)!.span.start, idx.definitionOf(at)!.span.end)).toBe('人效');
    expect(idx.definitionOf(at)!.span.start).toBe(PLAN.indexOf('metric 人效') + 7);
    // indicator 人效 reads metric 人效: one data name, so both definitions and the expect subject
    expect(texts(idx.referencesOf(at))).toEqual(['人效', '人效', '人效']);
  });

  it('keeps a veto label apart from the column its condition reads', () => {
    const label = idx.at(off('veto 安全事故') + 5)!;
    expect(label.kind).toBe('veto');
    expect(idx.referencesOf(label)).toHaveLength(1);
    const column = idx.at(off('when 安全事故') + 5)!;
    expect(column.kind).toBe('column');
    expect(idx.referencesOf(column).map((o) => o.span.start)).toEqual([PLAN.indexOf('when 安全事故') + 5, PLAN.indexOf('安全事故 = 0')]);
  });

  it('renames an indicator with its rater columns, quoting where the formatter would', () => {
    const r = rename(idx, off('执行力 weight'), '团队 协作');
    if ('error' in r) throw new Error(r.error);
    const out = applyEdits(PLAN, r.edits);
    expect(out).toContain('indicator "团队 协作" weight 30%');
    expect(out).toContain('given "团队 协作.self" = 5, "团队 协作.manager" = 4');
    expect(analyze('p.kpi', out).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('renames a quoted name to a bare one, a column read by `input`, and a grade with its `expect`', () => {
    const gmv = rename(idx, off('"GMV 达成"'), 'GMV达成');
    expect('edits' in gmv && applyEdits(PLAN, gmv.edits)).toContain('indicator GMV达成 weight');
    const col = rename(idx, off('input GMV') + 6, '含税GMV');
    if ('error' in col) throw new Error(col.error);
    const out = applyEdits(PLAN, col.edits);
    expect(out).toContain('input 含税GMV');
    expect(out).toContain('含税GMV = 1');
    const grade = rename(idx, off('expect grade = S') + 15, 'A');
    if ('error' in grade) throw new Error(grade.error);
    expect(applyEdits(PLAN, grade.edits)).toMatch(/ {4}A >= 95[\s\S]*expect grade = A/);
  });

  it('refuses a rename onto an existing name, an empty name, or no name', () => {
    expect(rename(idx, off('执行力 weight'), '创新提案')).toMatchObject({ error: expect.stringContaining('创新提案') });
    expect(rename(idx, off('执行力 weight'), '  ')).toHaveProperty('error');
    expect(rename(idx, off('weight 30%'), 'x')).toHaveProperty('error');
    expect(prepareRename(idx, off('weight 30%'))).toBeUndefined();
    expect(prepareRename(idx, off('执行力 weight'))).toMatchObject({ name: '执行力' });
  });

  it('lists plan → indicators, metric, bonus, veto, grades, test', () => {
    const [plan] = documentSymbols(file);
    expect(plan!.name).toBe('店长');
    expect(plan!.children.map((c) => `${c.kind} ${c.name}`)).toEqual([
      'indicator 执行力',
      'indicator 人效',
      'indicator GMV 达成',
      'metric 人效',
      'bonus 创新提案',
      'veto 安全事故',
      'grades grades',
      'test t',
    ]);
    expect(plan!.children[0]!.detail).toBe('30%');
    expect(plan!.children[6]!.children.map((c) => c.name)).toEqual(['S', 'D']);
  });

  it('nests groups in the outline and gives sorted, non-overlapping semantic tokens', () => {
    const text = 'plan p {\n  group 业绩 weight 100% {\n    indicator a weight 100% target 1 scoring linear\n  }\n}\n';
    const f = analyze('g.kpi', text).file;
    const [plan] = documentSymbols(f);
    expect(plan!.children[0]).toMatchObject({ kind: 'group', name: '业绩', detail: '100%' });
    expect(plan!.children[0]!.children.map((c) => c.name)).toEqual(['a']);
    const tokens = semanticTokens(indexAt(f, 0)!);
    expect(tokens.map((t) => `${text.slice(t.span.start, t.span.end)}:${SEMANTIC_TOKEN_TYPES[t.type]}`)).toEqual(['p:namespace', '业绩:class', 'a:property']);
    const all = semanticTokens(idx);
    for (let i = 1; i < all.length; i++) expect(all[i]!.span.start).toBeGreaterThanOrEqual(all[i - 1]!.span.end);
  });
});
