/**
 * Every plan in examples/ is a test: it checks clean (warnings allowed), its `test` blocks pass,
 * and its sample data scores without a data error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../packages/core/src/index.js';

const dir = join(import.meta.dirname, '..', 'examples');
const plans = readdirSync(dir).filter((f) => f.endsWith('.kpi'));

describe('examples from the field', () => {
  it('has the six plans of the first release the five seed tables of SPEC §6 and the money example of SPEC §7', () => {
    expect(plans.sort()).toEqual(
      [
        ...['区域经理.kpi', '店长.kpi', '生产运营.kpi', '运营中心.kpi', '运营部.kpi', '销售部经理.kpi'],
        ...['客服主管.kpi', '电子商务经理.kpi', '推广专员.kpi', '美工.kpi', '电商运营总监.kpi'],
        '销售团队季度.kpi',
      ].sort(),
    );
  });

  for (const name of plans) {
    describe(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const analysed = core.analyze(name, text);

      it('checks without errors', () => {
        const errors = analysed.diagnostics.filter((d) => d.severity === 'error');
        expect(errors).toEqual([]);
      });

      it('passes every in-plan test block', () => {
        for (const plan of analysed.file.plans) {
          expect(plan.tests.length).toBeGreaterThan(0);
          const reports = core.runPlanTests(plan);
          const failures = reports.filter((r) => !r.passed);
          expect(failures).toEqual([]);
          expect(reports.length).toBe(plan.tests.length);
        }
      });
    });
  }
});
