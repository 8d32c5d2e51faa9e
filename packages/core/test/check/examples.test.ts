import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../src/check/index.js';

const dir = join(import.meta.dirname, '../../../../examples');
const plans = readdirSync(dir).filter((f) => f.endsWith('.kpi'));

describe('the real example plans', () => {
  it.each(plans)('%s has no errors', (f) => {
    const r = analyze(f, readFileSync(join(dir, f), 'utf8'));
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });
  it('warns only about practice issues the examples really have', () => {
    const all = plans.flatMap((f) => analyze(f, readFileSync(join(dir, f), 'utf8')).diagnostics.map((d) => `${f} ${d.code} ${d.message}`));
    expect(all).toEqual(['销售部经理.kpi KPI0602 `下属行为管理` weighs 2%, under 5%', '销售部经理.kpi KPI0602 `关键人员流失率` weighs 2%, under 5%']);
  });
});
