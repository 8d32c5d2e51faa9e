// parse() takes the fast path first; a bug there (an exception other than giving up) must not reach the user:
// the reference path still parses the plan, with its messages.
import { describe, expect, it, vi } from 'vitest';

vi.mock('../../src/parser/fast.js', () => ({
  fastParse: () => {
    throw new TypeError('a planted bug in the fast path');
  },
}));

const { parse, parseByGrammar } = await import('../../src/parser/index.js');
const { SourceFile } = await import('../../src/source/span.js');

describe('parse() when the fast path throws', () => {
  it('returns what the reference path returns, for a clean plan and for one with a syntax error', () => {
    for (const text of ['plan 店长 {\n  indicator 销售额 weight 100% target 100 scoring linear\n}\n', 'plan P {\n  indicator a weight 100% scoring\n}\n']) {
      const source = new SourceFile('p.kpi', text);
      const got = parse(source);
      const want = parseByGrammar(source);
      expect(JSON.stringify(got.file)).toBe(JSON.stringify(want.file));
      expect(got.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(want.diagnostics.map((d) => `${d.code} ${d.message}`));
    }
  });
});
