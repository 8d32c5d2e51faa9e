import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emitModule } from '../../src/compile/emit-module.js';
import { STD_GRADES, compileOk, e, group, ind, m, plan } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-emit-'));
let n = 0;
async function load(code: string) {
  const f = join(dir, `m${n++}.mjs`);
  writeFileSync(f, code);
  return import(pathToFileURL(f).href);
}

const hostile = ['__proto__', 'constructor', '"); process.exit(1); //', '${}', '*/ throw 1 /*', '\u2028x'];

describe('emitModule', () => {
  const p = plan(
    [
      group('业绩', '60%', [
        ind('销售额达成', '70%', m.linear(), { target: '100%', cap: '120%', floor: '60%' }),
        ind('回款', '30%', m.bands([['>=', '100%', 100], ['>=', '90%', 80]], 0, 'ratio'), { target: '100%' }),
      ]),
      ind('流失率', '10%', m.reverse(), { target: '5%' }),
      ind('违规', '10%', m.deduct(5, 1, 20)),
      ind('执行力', '10%', m.rating(1, 5, [['self', '10%'], ['manager', '70%'], ['peer', '20%']])),
      ind('增长', '10%', m.curve([['0%', 0], ['10%', 100], ['20%', 120]]), { default: 0 }),
      ...hostile.map((h) => ind(h, '0%', m.linear(), { target: 1, default: 1 })),
    ],
    {
      metrics: [['增长', e.bin('/', e.bin('-', e.ref('本期'), e.ref('上期')), e.ref('上期'))]],
      bonuses: [{ name: '创新', points: 2, per: 1, max: 5, default: 0 }],
      vetoes: [['事故', e.bin('>', e.ref('事故数'), e.num(0))]],
      grades: STD_GRADES,
    },
  );

  it('writes a standalone module equal to the engine on many rows, with hostile names as plain data', async () => {
    const code = emitModule(p);
    expect(code).not.toMatch(/\bimport\b/);
    // names appear only inside JSON string literals (data); the code around them never contains them
    const codeOnly = code.replace(/JSON\.parse\("(?:[^"\\]|\\.)*"\)/g, 'DATA');
    expect(codeOnly).not.toContain('销售额达成');
    for (const h of hostile.filter((x) => x !== 'constructor')) expect(codeOnly.includes(h)).toBe(false);
    const mod = await load(code);
    const c = compileOk(p);
    expect(mod.inputs.map((i: { column: string }) => i.column)).toEqual(c.inputs.map((i) => i.column));
    expect(mod.plan.name).toBe('测试方案');
    const cols = c.inputs.map((i) => i.column);
    const val = fc.oneof(
      fc.constantFrom(0, 1, 0.6, 0.9, 1.2, 0.05, 2.675, 84.995, 3, 4, 5, NaN),
      fc.integer({ min: 0, max: 2000 }).map((x) => x / 1000),
      fc.double({ min: 0, max: 2, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(val, { minLength: cols.length, maxLength: cols.length }), (vals) => {
        const row: Record<string, number> = Object.create(null);
        cols.forEach((col, i) => {
          if (!Number.isNaN(vals[i]!)) row[col] = vals[i]!;
        });
        const v = Float64Array.from(vals);
        const engine = c.score(v);
        expect(mod.score(row)).toStrictEqual(engine);
        expect(mod.scoreValues(v)).toStrictEqual(engine);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it('hostile names score normally in the emitted module', async () => {
    const q = plan(hostile.map((h) => ind(h, '10%', m.linear(), { target: 1 })));
    const mod = await load(emitModule(q));
    const row = Object.fromEntries(hostile.map((h) => [h, 1]));
    Object.defineProperty(row, '__proto__', { value: 1, enumerable: true });
    const r = mod.score(row);
    expect(r.ok).toBe(true);
    expect(r.result.indicators.map((i: { name: string }) => i.name)).toEqual(hostile);
    expect(r.result.total).toBe(60);
  });

  it('a plan that cannot be scored still loads and returns the errors', async () => {
    const bad = plan([ind('a', '100%', m.linear())]);
    const mod = await load(emitModule(bad));
    expect(mod.score({ a: 1 })).toMatchObject({ ok: false, errors: [{ code: 'KPI0911' }] });
  });
});
