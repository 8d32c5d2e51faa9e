#!/usr/bin/env node
// Writes grammar/grammar.ebnf and grammar/diagrams.html from the Chevrotain parser.
// Run after the build: `pnpm gen:grammar` (= tsc -b && node scripts/gen-grammar.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { grammarEbnf, grammarDiagramsHtml, chevrotainDiagramsReader } = await import('../packages/core/dist/parser/grammar-docs.js');
// chevrotain's diagram scripts are inlined so the page works offline
const entry = createRequire(join(root, 'packages/core/package.json')).resolve('chevrotain');
const reader = chevrotainDiagramsReader(entry, (p) => readFileSync(p, 'utf8'));
writeFileSync(join(root, 'grammar', 'grammar.ebnf'), grammarEbnf());
writeFileSync(join(root, 'grammar', 'diagrams.html'), grammarDiagramsHtml(reader));
console.log('wrote grammar/grammar.ebnf and grammar/diagrams.html');
