#!/usr/bin/env node
// Packs the CLI as an npm tarball that installs with Node alone: `npm i -g ./kpi-cli-0.1.0.tgz`.
//
// The workspace packages (@kpi/core, @kpi/lsp, @kpi/language-service) are not published, so the CLI is
// bundled with esbuild together with its npm dependencies: the tarball has no dependencies at all
// (nothing to fetch, no registry needed at install time) and starts faster than the module graph.
// The commands are one CommonJS file, dist/kpi.cjs, which packages/cli/bin/code-cache.js runs through V8's
// code cache (Node 20 caches no ES module). The libraries only some commands need (exceljs for XLSX, the
// language server's protocol for `kpi lsp`) are bundles of their own in dist/vendor/, loaded when those run.
//
// The bin shim (packages/cli/bin/kpi.js) is copied as it is, to dist/kpi.js, beside the bundle and the cache's
// loader; version.ts's runtime read of package.json is replaced by the version itself.
//
// Usage (after `tsc -b`): node scripts/pack-cli.js [--out DIR]   → prints the tarball's path
// `pnpm pack:cli` builds first. The staged package is build/cli/, the tarball build/kpi-cli-X.Y.Z.tgz.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = join(root, 'packages/cli');
const cliPkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));

/** the libraries only some commands load, each bundled on its own into dist/vendor/: import path → [file, the package that depends on it] */
const VENDOR = {
  exceljs: ['exceljs.cjs', 'packages/cli'],
  'vscode-languageserver/node.js': ['vscode-languageserver.cjs', 'packages/lsp'],
  'vscode-languageserver-textdocument': ['vscode-languageserver-textdocument.cjs', 'packages/lsp'],
};

/**
 * The bundle with every character outside ASCII written as a `\uXXXX` escape. esbuild escapes them in strings
 * already; what it leaves (comments, a few regular expressions such as the lexer's `/[%％]/`) made the whole 1.7 MB
 * file a two-byte string to V8 (3.4 MB, decoded from UTF-8 at every run): one-byte, `kpi check` of a 3-line plan took
 * 0.94–0.96x the wall time (issue 14, `farm-bench -n 31`). An escape means the same code unit in a regular
 * expression, with or without the u flag (a surrogate pair stays a pair), and nothing in a comment. Refused: a
 * `String.raw` template with such characters (its value would change) and U+2028/U+2029, which end a line comment
 * where the escape would not (esbuild writes both escaped in strings).
 * @param {string} text
 */
export function asciiSource(text) {
  if (/[\u2028\u2029]/.test(text)) throw new Error('kpi.cjs has a raw U+2028/U+2029: escaping it could change the code');
  // a String.raw template keeps what is written: an escape there would change its value
  for (const m of text.matchAll(/String\.raw`((?:[^`\\]|\\.)*)`/gs)) {
    if (/[^\x00-\x7f]/.test(m[1])) throw new Error(`kpi.cjs: a String.raw template with characters outside ASCII (write them in a plain string): ${m[0].slice(0, 80)}`);
  }
  return text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Bundle the CLI into `stage` (bin/kpi.js + dist/kpi.js, kpi.cjs, code-cache.js, vendor/ + package.json + README.md). */
export async function stageCli(stage = join(root, 'build/cli')) {
  if (!existsSync(join(cliDir, 'dist/main.js'))) throw new Error('packages/cli is not built: run `npx tsc -b` first');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'bin'), { recursive: true });

  const version = cliPkg.version;
  const dist = join(stage, 'dist');
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: false,
    legalComments: 'linked',
    logLevel: 'warning',
    // `import()` becomes require(): a dynamic import from code that vm.Script compiled would need Node's
    // still-experimental USE_MAIN_CONTEXT_DEFAULT_LOADER, which prints a warning at every run
    supported: { 'dynamic-import': false },
    write: false,
  };
  // The commands: one CommonJS file, so that bin/code-cache.js can run it through V8's code cache (Node 20 has
  // none for ES modules). What only some commands need stays out of it, loaded when they run: the spreadsheet
  // library (exceljs, 2.2 MB) and the language server's protocol library, each a bundle of its own in vendor/,
  // and the embedded DuckDB, a native binary installed beside the CLI (`npm i -g @duckdb/node-api`).
  const built = await build({
    ...common,
    entryPoints: [join(cliDir, 'dist/main.js')],
    outfile: join(dist, 'kpi.cjs'),
    external: ['@duckdb/node-api'],
    // ES modules that find their own file (fdir: `createRequire(import.meta.url)`) get the bundle's
    define: { 'import.meta.url': '__kpiBundleUrl' },
    // ("use strict" first: a directive after a statement is none, and the modules were written strict)
    banner: { js: '"use strict";\nvar __kpiBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [
      {
        name: 'kpi-version',
        setup(b) {
          // version.ts reads ../package.json at run time, relative to where it is: inline the number instead
          b.onLoad({ filter: /[\\/]packages[\\/]cli[\\/]dist[\\/]version\.js$/ }, () => ({
            contents: `export const VERSION = ${JSON.stringify(version)};`,
            loader: 'js',
          }));
        },
      },
      {
        name: 'kpi-vendor',
        setup(b) {
          for (const [pkg, [file]] of Object.entries(VENDOR)) {
            b.onResolve({ filter: new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`) }, () => ({ path: `./vendor/${file}`, external: true }));
          }
        },
      },
    ],
  });
  // esbuild's warnings here are mistakes in the bundle (an `import.meta` it leaves empty): not to be shipped
  if (built.warnings.length > 0) throw new Error(`kpi.cjs: ${built.warnings.map((w) => w.text).join('; ')}`);
  const main = built.outputFiles.find((f) => f.path.endsWith('.cjs'));
  if (/\bimport\(/.test(main.text)) throw new Error('kpi.cjs still has an import(): code-cache.js runs it without a module loader');
  const mainText = asciiSource(main.text);
  // the build's id on the first line: V8 checks a code cache against the source's length only (code-cache.js)
  const id = createHash('sha256').update(mainText).digest('hex').slice(0, 16);
  mkdirSync(dist, { recursive: true });
  for (const f of built.outputFiles) writeFileSync(f.path, f === main ? `// kpi-build ${id}\n${mainText}` : f.contents);
  for (const [pkg, [file, from]] of Object.entries(VENDOR)) {
    const vendor = await build({ ...common, write: true, stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: join(root, from) }, outfile: join(dist, 'vendor', file) });
    if (vendor.warnings.length > 0) throw new Error(`vendor/${file}: ${vendor.warnings.map((w) => w.text).join('; ')}`);
  }
  // the entry: the bin shim as it is in the repository (the version alone without loading anything; heap flags
  // for `kpi score`), beside the bundle it loads and the loader of the code cache
  cpSync(join(cliDir, 'bin/kpi.js'), join(dist, 'kpi.js'));
  cpSync(join(cliDir, 'bin/code-cache.js'), join(dist, 'code-cache.js'));
  writeFileSync(join(stage, 'bin/kpi.js'), "#!/usr/bin/env node\nimport '../dist/kpi.js';\n");
  chmodSync(join(stage, 'bin/kpi.js'), 0o755);
  cpSync(join(cliDir, 'README.md'), join(stage, 'README.md'));
  const pkg = {
    name: cliPkg.name,
    version,
    description: 'kpi — KPI appraisal plans (绩效考核方案) as code: check, test, score, explain, format; and `kpi lsp` for editors',
    type: 'module',
    bin: { kpi: 'bin/kpi.js' },
    engines: { node: '>=20.19' },
    files: ['bin', 'dist', 'README.md'],
    keywords: ['kpi', 'performance', 'appraisal', '绩效', 'dsl', 'language-server'],
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return stage;
}

/** Stage (in `stage`) and `npm pack` into `out`; returns the tarball's absolute path. */
export async function packCli(out = join(root, 'build'), stage = join(root, 'build/cli')) {
  await stageCli(stage);
  mkdirSync(out, { recursive: true });
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', resolve(out)], { cwd: stage, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json);
  return join(resolve(out), info.filename);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const i = process.argv.indexOf('--out');
  const tgz = await packCli(i > 0 ? process.argv[i + 1] : undefined);
  console.log(tgz);
}
