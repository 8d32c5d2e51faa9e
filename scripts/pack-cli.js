#!/usr/bin/env node
// Packs the CLI as an npm tarball that installs with Node alone: `npm i -g ./kpi-cli-0.1.0.tgz`.
//
// The workspace packages (@kpi/core, @kpi/lsp, @kpi/language-service) are not published, so the CLI is
// bundled with esbuild together with its npm dependencies: the tarball has no dependencies at all
// (nothing to fetch, no registry needed at install time) and starts faster than the module graph.
// Commands load their heavy parts lazily (exceljs for XLSX, the language server for `kpi lsp`): those
// stay lazy as separate chunks (esbuild code splitting), so `kpi check` does not parse them.
//
// The CLI source is bundled as it is: its bin shim (packages/cli/bin/kpi.js) is the entry point, and
// version.ts's runtime read of package.json is replaced by the version itself.
//
// Usage (after `tsc -b`): node scripts/pack-cli.js [--out DIR]   → prints the tarball's path
// `pnpm pack:cli` builds first. The staged package is build/cli/, the tarball build/kpi-cli-X.Y.Z.tgz.
import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cliDir = join(root, 'packages/cli');
const cliPkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));

/** Bundle the CLI into `stage` (bin/kpi.js + dist/*.js + package.json + README.md). */
export async function stageCli(stage = join(root, 'build/cli')) {
  if (!existsSync(join(cliDir, 'dist/main.js'))) throw new Error('packages/cli is not built: run `npx tsc -b` first');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'bin'), { recursive: true });

  const version = cliPkg.version;
  await build({
    entryPoints: { kpi: join(cliDir, 'bin/kpi.js') },
    outdir: join(stage, 'dist'),
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: false,
    legalComments: 'linked',
    logLevel: 'warning',
    // the embedded DuckDB (`kpi score --engine duckdb`) ships a native binary per platform: it is loaded lazily and
    // stays a separate install (`npm i -g @duckdb/node-api` beside the tarball); everything else is bundled
    external: ['@duckdb/node-api'],
    // CommonJS dependencies bundled into ESM still call require() for Node's own modules
    banner: { js: "import { createRequire as __kpiCreateRequire } from 'node:module';\nconst require = __kpiCreateRequire(import.meta.url);" },
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
    ],
  });
  // the entry keeps the shim's behaviour (re-running itself with a smaller young generation for big data)
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
