#!/usr/bin/env node
// Builds the VS Code extension and packs it as a .vsix with vsce:
//   1. the TextMate grammar, generated from the lexer's token catalogue (scripts/gen-textmate.js);
//   2. dist/extension.js: src/extension.ts bundled with vscode-languageclient (esbuild; `vscode` is the host's);
//   3. dist/cli/: the whole kpi CLI bundled by scripts/pack-cli.js — the server is `kpi lsp` from it and
//      "Score this plan against a CSV" runs its `kpi score`, on VS Code's own Node;
//   4. vsce package (no dependency scan: everything is bundled).
// Usage (after `tsc -b`): node editors/vscode/scripts/package.mjs [--out DIR]   → prints the .vsix path.
// `pnpm vsix` from the repository root builds first.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { stageCli } from '../../../scripts/pack-cli.js';
import { writeTextMateGrammar } from '../../../scripts/gen-textmate.js';

const ext = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ext, 'package.json'));

export async function packageExtension(out = join(ext, '..', '..', 'build')) {
  const pkg = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));
  await writeTextMateGrammar(join(ext, 'syntaxes/kpi.tmLanguage.json'));
  rmSync(join(ext, 'dist'), { recursive: true, force: true });
  await build({
    entryPoints: [join(ext, 'src/extension.ts')],
    outfile: join(ext, 'dist/extension.js'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    external: ['vscode'],
    minify: true,
    logLevel: 'warning',
  });
  await stageCli(join(ext, 'dist/cli'));
  mkdirSync(resolve(out), { recursive: true });
  const vsix = join(resolve(out), `${pkg.name}-${pkg.version}.vsix`);
  const vsce = join(dirname(require.resolve('@vscode/vsce/package.json')), 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], {
    cwd: ext,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return vsix;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const i = process.argv.indexOf('--out');
  console.log(await packageExtension(i > 0 ? process.argv[i + 1] : undefined));
}
