#!/usr/bin/env node
// Writes editors/vscode/syntaxes/kpi.tmLanguage.json, generated from the lexer's TOKEN_CATALOG.
// The file is not checked in: the .vsix build and the tests regenerate it, so a keyword added to the
// lexer is highlighted without a manual step. Run after the build: `pnpm gen:textmate`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GRAMMAR_PATH = join(root, 'editors/vscode/syntaxes/kpi.tmLanguage.json');

/** the grammar as JSON text */
export async function textMateGrammarText() {
  const { TOKEN_CATALOG } = await import(pathToFileURL(join(root, 'packages/core/dist/index.js')).href);
  const { generateTextMate } = await import(pathToFileURL(join(root, 'packages/language-service/dist/index.js')).href);
  return `${JSON.stringify(generateTextMate(TOKEN_CATALOG), null, 2)}\n`;
}

export async function writeTextMateGrammar(path = GRAMMAR_PATH) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await textMateGrammarText());
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = await writeTextMateGrammar();
  console.log(`wrote ${path.slice(root.length + 1)}`);
}
