import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { grammarEbnf, grammarDiagramsHtml } from '../../src/parser/grammar-docs.js';

const root = new URL('../../../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('generated grammar documentation', () => {
  it('grammar/grammar.ebnf matches the parser (run pnpm gen:grammar)', () => {
    expect(read('grammar/grammar.ebnf'), 'grammar/grammar.ebnf is stale: run pnpm gen:grammar').toBe(grammarEbnf());
  });

  it('grammar/diagrams.html matches the parser (run pnpm gen:grammar)', () => {
    expect(read('grammar/diagrams.html') === grammarDiagramsHtml(), 'grammar/diagrams.html is stale: run pnpm gen:grammar').toBe(true);
  });

  it('prints every parser rule as an EBNF production', () => {
    const ebnf = grammarEbnf();
    for (const rule of ['plan', 'indicator', 'method', 'bands', 'curve', 'deduct', 'rating', 'group', 'metric', 'bonus', 'veto', 'grades', 'test', 'expr']) {
      expect(ebnf).toMatch(new RegExp(`^${rule} = .+ ;$`, 'm'));
    }
    expect(ebnf).toContain("addExpr = mulExpr { ( '+' | '-' ) mulExpr } ;");
  });
});
