#!/usr/bin/env node
// Writes grammar/grammar.ebnf and grammar/diagrams.html from the Chevrotain parser.
// Run after the build: `pnpm gen:grammar` (= tsc -b && node scripts/gen-grammar.js).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { grammarEbnf, grammarDiagramsHtml } = await import('../packages/core/dist/parser/grammar-docs.js');
writeFileSync(join(root, 'grammar', 'grammar.ebnf'), grammarEbnf());
writeFileSync(join(root, 'grammar', 'diagrams.html'), grammarDiagramsHtml());
console.log('wrote grammar/grammar.ebnf and grammar/diagrams.html');
