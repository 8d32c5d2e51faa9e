import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chevrotainDiagramsReader, grammarEbnf, grammarDiagramsHtml } from '../../src/parser/grammar-docs.js';

const root = new URL('../../../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const reader = chevrotainDiagramsReader(createRequire(import.meta.url).resolve('chevrotain'), (p) => readFileSync(p, 'utf8'));

describe('generated grammar documentation', () => {
  it('grammar/grammar.ebnf matches the parser (run pnpm gen:grammar)', () => {
    expect(read('grammar/grammar.ebnf'), 'grammar/grammar.ebnf is stale: run pnpm gen:grammar').toBe(grammarEbnf());
  });

  it('grammar/diagrams.html matches the parser (run pnpm gen:grammar)', () => {
    expect(read('grammar/diagrams.html') === grammarDiagramsHtml(reader), 'grammar/diagrams.html is stale: run pnpm gen:grammar').toBe(true);
  });

  it('grammar/diagrams.html works offline: no script or stylesheet from the network', () => {
    const html = read('grammar/diagrams.html');
    expect(html).not.toMatch(/<script src=|<link rel='stylesheet'|https?:\/\/unpkg/);
    expect(html).toContain('railroad');
  });

  it('prints every parser rule as an EBNF production', () => {
    const ebnf = grammarEbnf();
    for (const rule of ['plan', 'indicator', 'method', 'bands', 'curve', 'deduct', 'rating', 'group', 'metric', 'bonus', 'veto', 'grades', 'test', 'expr']) {
      expect(ebnf).toMatch(new RegExp(`^${rule} = .+ ;$`, 'm'));
    }
    expect(ebnf).toContain("addExpr = mulExpr { ( '+' | '-' ) mulExpr } ;");
  });
});
