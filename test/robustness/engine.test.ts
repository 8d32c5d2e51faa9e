/**
 * Hostile names and numbers in the engine (issue 6, part 2). packages/core/test/engine already shows that
 * IR-built plans with a few hostile indicator names score normally and that the generated code does not
 * contain them; this file goes further, from plan TEXT to every output:
 *
 * - metamorphic: a plan whose every name (plan, group, indicators, metric, the columns a metric reads,
 *   bonus, veto, grade labels) is hostile scores exactly like the same plan with plain names, on many rows —
 *   in the compiled function (compilePlan), in the emitted standalone module (emitModule, imported), in
 *   the module `kpi compile --target js` writes, and in `kpi score --format json` (CSV and JSON data);
 * - nothing runs: names that are code (`"); globalThis.__kpiPwned = 1; //`, `${…}`, backticks, `*​/`,
 *   U+2028, `</script>`) leave `globalThis.__kpiPwned` unset through parse, check, compile, score,
 *   explain, plan tests, emit, import and format;
 * - numbers: `1e309`, `NaN`, `Infinity`, `-0`, over-long decimals and huge constants in plans, and the same
 *   (plus underflow) in data, are rejected with a clear message or handled exactly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import * as core from '../../packages/core/src/index.js';
import type { CompiledPlan, RowOutcome } from '../../packages/core/src/index.js';
import { kpi } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'kpi-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

declare global {
  // eslint-disable-next-line no-var
  var __kpiPwned: unknown;
}
beforeEach(() => {
  delete globalThis.__kpiPwned;
});

const HOSTILE = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '"); globalThis.__kpiPwned = 1; //',
  "'); globalThis.__kpiPwned = 2; //",
  '${globalThis.__kpiPwned = 3}',
  '`${globalThis.__kpiPwned = 4}`',
  '*/ globalThis.__kpiPwned = 5; /*',
  '\u2028globalThis.__kpiPwned = 6',
  '</script><script>globalThis.__kpiPwned = 7</script>',
  '"); process.exit(1); //',
  '\\',
  '=HYPERLINK("http://x")',
];

/** a plan-text string literal: `"` and `\` escaped */
const q = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/** the plan, with every name taken from `n` (12 names) */
function planText(n: string[]): string {
  const [P, G, A, B, C, X, Y, D, E, F, L1, L2] = n.map(q);
  return `plan ${P} {
  group ${G} weight 60% {
    indicator ${A} weight 50% target 100% scoring linear cap 120%
    indicator ${B} weight 50% target 5% scoring reverse
  }
  indicator ${C} weight 40% target 100% scoring bands on ratio { >= 100%: 100  >= 80%: 60  else: 0 }
  metric ${C} = ${X} / ${Y}
  bonus ${D} points 2 per 1 max 4
  veto ${E} when ${F} > 0
  grades { ${L1} >= 90 coefficient 1.2  ${L2} coefficient 1 }
}
`;
}
const SAFE = ['方案', '业绩', '销售额', '流失率', '回款率', '回款', '应收', '创新', '事故', '事故数', 'S', 'B'];

function compileText(text: string): { plan: core.Plan; compiled: CompiledPlan } {
  const a = core.analyze('hostile.kpi', text);
  expect(a.diagnostics.filter((d) => d.severity === 'error'), text).toEqual([]);
  const plan = a.file.plans[0]!;
  const c = core.compilePlan(plan, { file: 'hostile.kpi' });
  expect(c.compiled, JSON.stringify(c.diagnostics)).toBeDefined();
  return { plan, compiled: c.compiled! };
}

/** a result with plan names mapped back to the plain names; message and help text (which quote names) are left out */
function normalise(o: unknown, map: Map<string, string>): unknown {
  if (typeof o === 'string') return map.get(o) ?? o;
  if (Array.isArray(o)) return o.map((x) => normalise(x, map));
  if (o && typeof o === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (k !== 'message' && k !== 'help') Object.defineProperty(out, map.get(k) ?? k, { value: normalise(v, map), enumerable: true });
    return out;
  }
  return o;
}

const value = fc.oneof(
  fc.constantFrom(0, 1, 0.8, 0.95, 1.2, 1.5, 0.05, 0.1, 2, 3, 5, NaN, -0),
  fc.integer({ min: 0, max: 2000 }).map((x) => x / 1000),
  fc.double({ min: 0, max: 10, noNaN: true }),
);

/** rotations of the hostile list over the 12 name slots, so every name lands in every kind of slot */
const rotations = HOSTILE.map((_, k) => SAFE.map((_s, i) => HOSTILE[(i + k) % HOSTILE.length]!));

let nmod = 0;
function importCode(code: string) {
  const f = join(dir, `m${nmod++}.mjs`);
  writeFileSync(f, code);
  return import(pathToFileURL(f).href) as Promise<Record<string, (...a: unknown[]) => unknown> & { inputs: { column: string }[] }>;
}

describe('hostile names in plans: same behaviour as plain names, nothing executed', () => {
  const safe = compileText(planText(SAFE));

  it.each(rotations.map((names, k) => [k, names] as const))('rotation %i: compiled function, explain, emitted module', async (_k, names) => {
    const text = planText(names);
    const { plan, compiled } = compileText(text);
    const map = new Map(names.map((h, i) => [h, SAFE[i]!]));
    expect(compiled.inputs.map((i) => map.get(i.column) ?? i.column)).toEqual(safe.compiled.inputs.map((i) => i.column));
    // the generated fast path holds no name (names reach it through a side table)
    for (const h of names) if (h.length > 2 && h !== 'constructor' && h !== 'prototype' && h !== 'toString') expect(compiled.source ?? '').not.toContain(h);

    const code = core.emitModule(plan, { file: 'hostile.kpi' });
    const codeOnly = code.replace(/JSON\.parse\("(?:[^"\\]|\\.)*"\)/g, 'DATA');
    for (const h of names) if (h.includes('__kpiPwned')) expect(codeOnly).not.toContain('__kpiPwned');
    const mod = await importCode(code);
    expect(mod.inputs.map((i) => i.column)).toEqual(compiled.inputs.map((i) => i.column));

    const n = compiled.inputs.length;
    fc.assert(
      fc.property(fc.array(value, { minLength: n, maxLength: n }), (vals) => {
        const v = Float64Array.from(vals);
        const got = compiled.score(v);
        expect(normalise(got, map)).toStrictEqual(normalise(safe.compiled.score(v), new Map()));
        expect(compiled.explain(v).outcome).toStrictEqual(got);
        // the module, fed a row object as JSON.parse makes it (so `__proto__` is an own key)
        // a row object with every column as an own key (Object.fromEntries defines `__proto__` as data, as JSON.parse does)
        const row = Object.fromEntries(compiled.inputs.map((c, i) => [c.column, Number.isNaN(vals[i]!) ? null : vals[i]]));
        expect(Object.keys(row)).toEqual(compiled.inputs.map((c) => c.column));
        expect(mod.score(row)).toStrictEqual(got);
        expect(mod.scoreValues(v)).toStrictEqual(got);
      }),
      { seed: 6, numRuns: 150 },
    );
    expect(globalThis.__kpiPwned).toBeUndefined();
  });

  it('a row missing a column named like an Object.prototype member reads it as missing, not as the inherited member', async () => {
    const names = rotations[13]!; // `__proto__` and `constructor` are indicator names (and columns) here
    const { plan, compiled } = compileText(planText(names));
    const mod = await importCode(core.emitModule(plan));
    const blank = compiled.score(new Float64Array(compiled.inputs.length).fill(NaN));
    expect(blank.ok).toBe(false);
    expect(mod.score({})).toStrictEqual(blank);
    expect(mod.score(Object.create(null))).toStrictEqual(blank);
    expect(compiled.scoreRecord({})).toStrictEqual(blank);
    const errs = (blank as Extract<RowOutcome, { ok: false }>).errors;
    expect(errs.map((e) => e.code)).toContain('KPI0901');
    expect(errs.map((e) => e.column)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });

  it('formatting, plan tests and explanations of a hostile plan run nothing, and formatting keeps every name', () => {
    for (const names of rotations) {
      const text = planText(names).replace(/\n}\n$/, `\n  test "t" { given ${q(names[2]!)} = 100%, ${q(names[3]!)} = 5%, ${q(names[5]!)} = 1, ${q(names[6]!)} = 1, ${q(names[7]!)} = 0, ${q(names[9]!)} = 0 expect total = 100 }\n}\n`);
      const a = core.analyze('t.kpi', text);
      expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const reports = core.runPlanTests(a.file.plans[0]!, { file: 't.kpi' });
      expect(reports.map((r) => [r.name, r.passed, r.failures, r.errors])).toEqual([['t', true, [], []]]);
      const f = core.formatText('t.kpi', text).output!;
      expect(f).toBeDefined();
      const again = core.analyze('t.kpi', f);
      expect(again.file.plans[0]!.items.map((i) => i.name.text)).toEqual(a.file.plans[0]!.items.map((i) => i.name.text));
      const { compiled } = compileText(f);
      const ex = compiled.explain(new Float64Array(compiled.inputs.length).fill(1));
      for (const lang of ['zh', 'en'] as const) if (ex.explanation) core.renderExplanation(ex.explanation, lang);
    }
    expect(globalThis.__kpiPwned).toBeUndefined();
  });
});

describe('quoted names keep every character', () => {
  // regression: a string ending in an escaped backslash (`"a\\"`) was taken for an unterminated one and read as `a\"`
  it.each([['\\'], ['a\\'], ['\\\\'], ['a\\"b'], ['"'], ['a"'], ['\\n']])('%s', (nm) => {
    const a = core.analyze('q.kpi', `plan P {\n  indicator ${q(nm)} weight 100% target 1 scoring linear\n}\n`);
    expect(a.diagnostics).toEqual([]);
    expect(a.file.plans[0]!.items[0]!.name.text).toBe(nm);
  });
});

describe('hostile names through the CLI: kpi compile --target js, kpi score (CSV and JSON data)', () => {
  const names = rotations[13]!; // indicators `__proto__` and `constructor`
  const text = planText(names);
  const planFile = join(dir, 'hostile.kpi');
  writeFileSync(planFile, text);
  const { compiled } = compileText(text);
  const cols = compiled.inputs.map((c) => c.column);
  const rows = [
    [1.05, 0.04, 0.9, 1, 1, 0],
    [0.5, 0.1, 1, 1.25, 3, 0],
    [1.3, 0.05, 0.7, 1, 0, 1],
  ];

  it('the module written by `kpi compile --target js` scores like the engine', async () => {
    const out = join(dir, 'hostile-cli.mjs');
    const r = kpi(['compile', planFile, '--target', 'js', '-o', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const mod = await import(pathToFileURL(out).href);
    expect(mod.inputs.map((i: { column: string }) => i.column)).toEqual(cols);
    fc.assert(
      fc.property(fc.array(value, { minLength: cols.length, maxLength: cols.length }), (vals) => {
        const v = Float64Array.from(vals);
        expect(mod.scoreValues(v)).toStrictEqual(compiled.score(v));
      }),
      { seed: 7, numRuns: 300 },
    );
    expect(globalThis.__kpiPwned).toBeUndefined();
  });

  it('`kpi score --format json` keys indicators by every name, `__proto__` included, from CSV and from JSON data', () => {
    expect(cols.length).toBe(rows[0]!.length);
    const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    const csv = join(dir, 'hostile.csv');
    writeFileSync(csv, `${['工号', ...cols].map(csvCell).join(',')}\n${rows.map((r, i) => [`E${i}`, ...r].join(',')).join('\n')}\n`);
    const json = join(dir, 'hostile.json');
    // JSON.parse-style objects: `__proto__` as an own key
    writeFileSync(json, `[${rows.map((r, i) => `{${[`"工号":"E${i}"`, ...cols.map((c, k) => `${JSON.stringify(c)}:${r[k]}`)].join(',')}}`).join(',')}]`);
    const expected = rows.map((r) => compiled.score(Float64Array.from(r)));
    for (const data of [csv, json]) {
      const res = kpi(['score', planFile, '--data', data, '--format', 'json'], { cwd: dir });
      expect(res.code, res.stderr).toBe(0);
      const parsed = JSON.parse(res.stdout) as { id: string; total: number; indicators: Record<string, { score: number }> }[];
      parsed.forEach((row, i) => {
        const o = expected[i]!;
        if (!o.ok) throw new Error('expected a scored row');
        expect(row.total).toBe(o.result.total);
        expect(Object.keys(row.indicators)).toEqual(o.result.indicators.map((x) => x.name));
        expect(Object.getPrototypeOf(row.indicators)).toBe(Object.prototype);
        for (const ind of o.result.indicators) expect(Object.getOwnPropertyDescriptor(row.indicators, ind.name)?.value.score).toBe(ind.score);
      });
    }
  });

  // regression: a JSON data row without a `__proto__` key read Object.prototype (`{}`) as its value
  it('a JSON data row that lacks a `__proto__` or `constructor` key has a blank cell there', () => {
    const p = join(dir, 'proto.kpi');
    writeFileSync(p, 'plan P {\n  indicator "__proto__" weight 50% target 1 scoring linear default 0\n  indicator constructor weight 50% target 1 scoring linear default 0\n}\n');
    const d = join(dir, 'proto.json');
    writeFileSync(d, '[{"id":"a","__proto__":1,"constructor":1},{"id":"b"}]');
    const r = kpi(['score', p, '--data', d, '--format', 'json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; total: number; indicators: Record<string, { actual: number }> }[];
    expect(rows.map((x) => [x.id, x.total])).toEqual([
      ['a', 100],
      ['b', 0],
    ]);
    expect(Object.getOwnPropertyDescriptor(rows[1]!.indicators, '__proto__')?.value.actual).toBe(0);
    expect(core.tableFromJson('[{"a":1},{"b":2}]')).toMatchObject({ ok: true, rows: [[1, null], [null, 2]] });
    expect(core.tableFromJson('[{"__proto__":1},{"b":2}]')).toMatchObject({ ok: true, header: ['__proto__', 'b'], rows: [[1, null], [null, 2]] });
  });
});

describe('numbers in plans: rejected with a clear message, or kept exactly', () => {
  const errorsOf = (text: string) =>
    core
      .analyze('n.kpi', text)
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.message}`);
  const withTarget = (t: string) => `plan P {\n  indicator a weight 100% target ${t} scoring linear\n}\n`;

  it.each([
    ['1e309', /KPI0101 unexpected `e309`/],
    ['NaN', /KPI0101 expected a number after `target`, found `NaN`/],
    ['Infinity', /KPI0101 expected a number after `target`, found `Infinity`/],
    ['-0', /KPI0402 target of `a` is 0, but `linear` divides by it/],
    ['-5', /KPI0402 target of `a` is -5/],
    // regression: more than 40 decimals were rounded away silently (this one was "target of `a` is 0")
    [`0.${'0'.repeat(40)}1`, /^KPI0105 number `0\.0000000000…00000001` has more than 40 decimal places; it cannot be kept exactly$/],
    [`0.${'0'.repeat(38)}1%`, /^KPI0105 number .* has more than 40 decimal places \(as a fraction\)/],
  ])('target %s', (t, re) => {
    const errs = errorsOf(withTarget(t));
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]).toMatch(re);
  });

  it('40 decimals are kept, exactly', () => {
    const t = `0.${'0'.repeat(39)}1`;
    const a = core.analyze('n.kpi', withTarget(t));
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.file.plans[0]!.items[0]).toMatchObject({ target: { value: t } });
  });

  it('weights of -0% and 1e309% are errors', () => {
    expect(errorsOf('plan P {\n  indicator a weight -0% target 1 scoring linear\n}\n').join('\n')).toMatch(/KPI0401 weight of `a` is 0%/);
    expect(errorsOf('plan P {\n  indicator a weight 1e309% target 1 scoring linear\n}\n').join('\n')).toMatch(/KPI010\d/);
  });

  it('constants beyond float range (10^400) are scored exactly on the exact path', () => {
    const big = `1${'0'.repeat(400)}`;
    const text = `plan P {\n  metric m = x * ${big} / ${big}\n  indicator m weight 100% target 100% scoring linear cap 150%\n  grades { A >= 95 coefficient 1.2  B coefficient 1 }\n}\n`;
    const { compiled } = compileText(text);
    for (const [x, total, grade] of [
      [0.95, 95, 'A'],
      [0.9499, 94.99, 'B'],
      [1.2345, 123.45, 'A'],
      [7, 150, 'A'],
    ] as const) {
      const o = compiled.score([x]);
      expect(o).toMatchObject({ ok: true, result: { total, grade } });
      expect(compiled.explain([x]).outcome).toStrictEqual(o);
    }
  });
});

describe('numbers in data: rejected with a clear message, or handled exactly', () => {
  it.each([
    ['NaN', /`NaN` is not a finite number/],
    ['Infinity', /`Infinity` is not a finite number/],
    ['-Infinity', /not a finite number/],
    ['1e309', /too large to be a number/],
    ['-1e309', /too large to be a number/],
    // regression: underflow to 0 was read silently as 0
    ['1e-400', /too small to be read exactly/],
    [`0.${'0'.repeat(400)}1`, /too small to be read exactly/],
    ['1e-301', /too small to be read exactly/],
    ['0.1234567890123456789', /more than 15 significant digits/],
    ['12345678901234567890', /more than 15 significant digits/],
  ])('%s', (cell, re) => {
    const p = core.parseValue(cell);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toMatch(re);
  });

  it.each([
    ['-0', 0],
    ['0e-400', 0],
    [`0.${'0'.repeat(400)}`, 0],
    ['1e308', 1e308],
    ['1e-300', 1e-300],
    ['-0%', 0],
    ['123456789012345', 123456789012345],
  ])('%s reads as %s', (cell, v) => {
    const p = core.parseValue(cell);
    expect(p).toMatchObject({ ok: true, value: v });
    if (p.ok) expect(Object.is(p.value, -0)).toBe(false);
  });

  it('NaN is missing, ±Infinity an error, -0 is 0, and no -0 ever reaches a result', () => {
    const { compiled } = compileText('plan P {\n  indicator a weight 50% target 1 scoring linear\n  indicator b weight 50% target 1 scoring reverse\n  metric b = 0 - y\n}\n');
    expect(compiled.score([NaN, 1])).toMatchObject({ ok: false, errors: [{ code: 'KPI0901', column: 'a' }] });
    expect(compiled.score([Infinity, 1])).toMatchObject({ ok: false, errors: [{ code: 'KPI0904', column: 'a', value: 'Infinity' }] });
    expect(compiled.score([1, -Infinity])).toMatchObject({ ok: false, errors: [{ code: 'KPI0904', column: 'y' }] });
    const walk = (o: unknown): void => {
      if (typeof o === 'number') expect(Object.is(o, -0)).toBe(false);
      else if (o && typeof o === 'object') for (const v of Object.values(o)) walk(v);
    };
    for (const row of [[-0, -0], [-0, 0], [-1e-300, 1e-300], [0, -0.0000001]]) {
      const o = compiled.score(row);
      walk(o);
      walk(compiled.explain(row));
      expect(compiled.explain(row).outcome).toStrictEqual(o);
    }
  });

  it('huge and tiny finite values score exactly (fast path equals the exact evaluator)', () => {
    const { plan, compiled } = compileText('plan P {\n  indicator a weight 50% target 100% scoring linear cap 120%\n  indicator b weight 50% target 5% scoring reverse\n}\n');
    const ref = core.makeReference(plan)!;
    for (const a of [1e308, -1e308, 5e-324, 1e-300, 0.1 + 0.2, 123456789.123456789, Number.MAX_SAFE_INTEGER]) {
      for (const b of [1e308, 5e-324, 0, -0, 0.05]) {
        const o = compiled.score([a, b]);
        expect(o).toStrictEqual(ref([a, b]));
        if (o.ok) expect(Number.isFinite(o.result.total)).toBe(true);
      }
    }
  });

  it('the CLI reports such cells with row, column and value, and exits 2', () => {
    writeFileSync(join(dir, 'num.kpi'), 'plan P {\n  indicator a weight 100% target 1 scoring linear\n}\n');
    writeFileSync(join(dir, 'num.csv'), 'id,a\nr1,NaN\nr2,Infinity\nr3,1e309\nr4,1e-400\nr5,0.1234567890123456789\nr6,-0\n');
    const r = kpi(['score', 'num.kpi', '--data', 'num.csv'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/num.csv:2 error KPI0811 cannot read `NaN` in column `a`, row 2: `NaN` is not a finite number/);
    expect(r.stderr).toMatch(/num.csv:3 error KPI0811 cannot read `Infinity` in column `a`, row 3/);
    expect(r.stderr).toMatch(/num.csv:4 error KPI0811 cannot read `1e309` in column `a`, row 4: too large to be a number/);
    expect(r.stderr).toMatch(/num.csv:5 error KPI0811 cannot read `1e-400` in column `a`, row 5: too small to be read exactly/);
    expect(r.stderr).toMatch(/num.csv:6 error KPI0811 cannot read `0.1234567890123456789` in column `a`, row 6: more than 15 significant digits/);
    expect(r.stderr).not.toMatch(/row 7/);
    expect(r.stderr).toMatch(/5 data errors in `num.csv`; nothing was scored/);
  });
});
