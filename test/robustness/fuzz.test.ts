/**
 * Hostile plans never crash, overflow the stack or hang (issue 6, part 1).
 *
 * - 2,000 fuzzer cases with a fixed seed (the recipe in test/fuzz/lib.js; `pnpm fuzz` runs 100,000 of them
 *   against the built core), checked against the invariant `checkCase`: analyze returns well-formed
 *   diagnostics, every error-free plan compiles, scores hostile rows, explains, runs its tests and emits a
 *   module, and the formatter returns text — never an exception.
 * - The full-size giants (20,000-deep parentheses, 200,000-character names, 10,000 indicators, 10,000 plans,
 *   100,000 NULs / lone surrogates / CRs, 5,000-long metric chains) plus BOM, NUL and CRLF variants of every
 *   example: each finishes inside a generous bound (a hang or a quadratic blow-up fails; ordinary load
 *   on a busy machine does not).
 *
 * Runs against the core *sources*, so a regression shows up without a build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as core from '../../packages/core/src/index.js';
// @ts-expect-error plain JS module shared with test/fuzz/run.js
import { GIANTS, buildText, checkCase, loadExamples, recipeArb, timedCheck } from '../fuzz/lib.js';

type Finding = { kind: string; message: string; stack?: string; ms?: number } | undefined;
type Recipe = { example: number; mutations: { kind: string; a: number; b: number; c: number }[] };
const examples = loadExamples() as { name: string; text: string }[];

/** generous: the slowest giant takes ~4 s on an idle laptop core; a hang or a quadratic path takes minutes */
const GIANT_BOUND_MS = 45_000;

describe('fuzzer: 2,000 mutated example plans (seed 20261202)', () => {
  it('every case yields diagnostics or a clean, scoreable IR, never an exception', () => {
    let cases = 0;
    const r = fc.check(
      fc.property(recipeArb, (recipe: Recipe) => {
        cases++;
        const f = checkCase(core, buildText(recipe, examples)) as Finding;
        if (f) throw new Error(`${f.kind}: ${f.message}\n${f.stack ?? ''}`);
      }),
      { seed: 20261202, numRuns: 2000 },
    );
    if (r.failed) {
      const recipe = r.counterexample?.[0] as Recipe;
      const text = buildText(recipe, examples) as string;
      expect.fail(`fuzz case failed after ${r.numRuns} runs (seed ${r.seed}, path ${r.counterexamplePath}):\n${JSON.stringify(recipe)}\ntext: ${JSON.stringify(text.slice(0, 600))}\n${String(r.errorInstance)}`);
    }
    expect(cases).toBeGreaterThanOrEqual(2000);
  });

  it('the recipe really produces hostile text (BOM, NUL, lone surrogates, CR, deep parentheses, hostile names)', () => {
    const texts = fc.sample(recipeArb, { seed: 20261202, numRuns: 2000 }).map((rc) => buildText(rc, examples) as string);
    const share = (p: (t: string) => boolean) => texts.filter(p).length / texts.length;
    expect(share((t) => t.includes('\ufeff'))).toBeGreaterThan(0.02);
    expect(share((t) => t.includes('\u0000'))).toBeGreaterThan(0.02);
    expect(share((t) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(t))).toBeGreaterThan(0.01);
    expect(share((t) => t.includes('\r'))).toBeGreaterThan(0.02);
    expect(share((t) => t.includes('((((((((((('))).toBeGreaterThan(0.01);
    expect(share((t) => t.includes('process.exit'))).toBeGreaterThan(0.005);
    // and a fair share of cases still pass the checker, so compile/score/explain/emit are exercised too
    expect(share((t) => !core.analyze('f.kpi', t).diagnostics.some((d) => d.severity === 'error'))).toBeGreaterThan(0.05);
  });
});

describe('giant inputs finish with diagnostics (or a clean IR) inside the bound', () => {
  it.each((GIANTS as { name: string; make: () => string }[]).map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const text = g.make();
    const f = timedCheck(core, text, GIANT_BOUND_MS) as Finding;
    expect(f, f && `${f.kind}: ${f.message}\n${f.stack ?? ''}`).toBeUndefined();
    // and the outcome is meaningful: either diagnostics, or a plan that was accepted
    const a = core.analyze('giant.kpi', text);
    expect(a.diagnostics.length > 0 || a.file.plans.length > 0).toBe(true);
  }, 180_000);

  it('20,000-deep parentheses: one KPI0108-style nesting error, no stack overflow', () => {
    const text = GIANTS.find((g: { name: string }) => g.name.startsWith('20,000-deep parentheses')).make();
    const a = core.analyze('deep.kpi', text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((d) => d.message).join('\n')).toMatch(/nested too deeply/);
  });

  it('a 200,000-character name is kept whole and scores', () => {
    const long = '销'.repeat(200_000);
    const a = core.analyze('long.kpi', `plan P {\n  indicator ${long} weight 100% target 1 scoring linear\n}\n`);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const c = core.compilePlan(a.file.plans[0]!).compiled!;
    expect(c.inputs[0]!.column).toBe(long);
    const o = c.score([1]);
    expect(o.ok && o.result.total).toBe(100);
  });

  // regression: the checker's metric-cycle search and the lowering recursed once per metric (stack overflow at
  // a few thousand chained metrics), and the exact evaluator recursed once per metric when scoring
  it('a 5,000-long chain of metrics checks, compiles and scores exactly (m0 = x + 5000)', () => {
    const text = GIANTS.find((g: { name: string }) => g.name === 'metric chain 5,000 long').make();
    const a = core.analyze('chain.kpi', text);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const c = core.compilePlan(a.file.plans[0]!).compiled!;
    expect(c.inputs.map((i) => i.column)).toEqual(['x']);
    const fast = c.score([2]);
    expect(fast.ok && fast.result.indicators[0]!.actual).toBe(5002);
    const ex = c.explain([2]);
    expect(ex.outcome).toStrictEqual(fast);
    expect(core.referenceScore(a.file.plans[0]!, [2])).toStrictEqual(fast);
  });

  it('a 5,000-long metric cycle is one KPI0210 error, not a stack overflow', () => {
    const text = GIANTS.find((g: { name: string }) => g.name === 'metric cycle 5,000 long').make();
    const a = core.analyze('cycle.kpi', text);
    const cyc = a.diagnostics.filter((d) => d.code === 'KPI0210');
    expect(cyc).toHaveLength(1);
    expect(cyc[0]!.message).toMatch(/^metrics depend on each other in a cycle: `m0` → `m1` → .* → `m4999` → `m0`$/);
  });

  // regression: the exact evaluator summed 10,000 weighted scores with unrelated denominators (targets 1..10,000)
  // one by one — quadratic big-number work, 86 s for one explanation; now summed pairwise
  it('10,000 indicators with targets 1..10,000: explain and the exact path finish and agree with the fast path', () => {
    const text = GIANTS.find((g: { name: string }) => g.name.startsWith('10,000 indicators (')).make();
    const a = core.analyze('many.kpi', text);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const plan = a.file.plans[0]!;
    const { compiled } = core.compilePlan(plan);
    const { compiled: exactOnly } = core.compilePlan(plan, { fast: false });
    const row = new Float64Array(10_000).fill(1);
    const t0 = performance.now();
    const ex = compiled!.explain(row);
    const exact = exactOnly!.score(row);
    expect(performance.now() - t0).toBeLessThan(GIANT_BOUND_MS);
    const fast = compiled!.score(row);
    expect(ex.outcome).toStrictEqual(fast);
    expect(exact).toStrictEqual(fast);
    // Σ 100/(i+1) × 0.01% = H(10000)/100 = 0.0978760…
    expect(fast.ok && fast.result.total).toBe(0.1);
    expect(ex.explanation!.subtotal).toBe(0.0979);
  }, 180_000);
});

describe('regressions found by `pnpm fuzz` (100,000 cases, seed 20261202)', () => {
  // case 25,470: the formatter printed a 30-digit `round` as `round 1.2345678901234568e+29`, a syntax error
  it('a `round` too large to hold exactly is a KPI0109 syntax error, and the formatter leaves the file alone', () => {
    const text = 'plan P {\n  round 123456789012345678901234567890\n  indicator a weight 100% target 1 scoring linear\n}\n';
    const a = core.analyze('r.kpi', text);
    expect(a.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['KPI0109 `round` needs a whole number of decimals (0 to 6), found `123456789012345678901234567890`']);
    expect(core.formatText('r.kpi', text).output).toBeUndefined();
    expect(core.formatText('r.kpi', text.replace(/round \d+/, 'round 9')).output).toMatch(/^ {2}round 9$/m);
    const recipe = { example: 1486179789, mutations: [{ kind: 'number', a: 1165536285, b: 1949916712, c: 0 }] };
    expect(checkCase(core, buildText(recipe, examples))).toBeUndefined();
  });
});

describe('every example with a BOM, NULs, CRLF or lone CRs, and lone surrogates', () => {
  const variants: [string, (t: string) => string][] = [
    ['BOM', (t) => `\ufeff${t}`],
    ['double BOM', (t) => `\ufeff\ufeff${t}`],
    ['CRLF', (t) => t.replace(/\n/g, '\r\n')],
    ['lone CR', (t) => t.replace(/\n/g, '\r')],
    ['NUL after every line', (t) => t.replace(/\n/g, '\u0000\n')],
    ['lone surrogates in names', (t) => t.replace(/indicator (\S+)/g, 'indicator $1\ud800')],
    ['text cut in the middle of a surrogate pair', (t) => `${t.slice(0, t.length >> 1)}😀`.slice(0, -1)],
  ];
  for (const ex of examples) {
    it.each(variants)(`${ex.name}: %s`, (_v, f) => {
      const finding = checkCase(core, f(ex.text), ex.name) as Finding;
      expect(finding, finding && `${finding.kind}: ${finding.message}`).toBeUndefined();
    });
  }

  it('a BOM and CRLF line ends change nothing: same plans, same scores, spans still inside the text', () => {
    for (const ex of examples.filter((e) => !e.name.includes('-'))) {
      const plain = core.analyze(ex.name, ex.text);
      const crlf = core.analyze(ex.name, `\ufeff${ex.text.replace(/\n/g, '\r\n')}`);
      expect(crlf.diagnostics.map((d) => d.code)).toEqual(plain.diagnostics.map((d) => d.code));
      expect(crlf.file.plans.map((p) => p.items.map((i) => i.name.text))).toEqual(plain.file.plans.map((p) => p.items.map((i) => i.name.text)));
    }
  });

  it('NUL bytes and lone surrogates in a plan are reported as errors with a position, not dropped silently', () => {
    for (const bad of ['\u0000', '\ud800']) {
      const text = `plan P {\n  indicator a weight 100% target 1 scoring linear ${bad}\n}\n`;
      const a = core.analyze('bad.kpi', text);
      const errs = a.diagnostics.filter((d) => d.severity === 'error');
      expect(errs.length, JSON.stringify(bad)).toBeGreaterThan(0);
      expect(errs[0]!.span!.start).toBe(text.indexOf(bad));
    }
  });
});
