import { defineConfig, type Plugin } from 'vite';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { TOKEN_CATALOG } from '../packages/core/src/lexer/tokens.js';
import { generateMonarch } from '../packages/language-service/src/monarch.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const require = createRequire(import.meta.url);

/**
 * The built page must also run when opened straight from disk (file://), where module scripts, module
 * workers and cross-origin fonts are blocked: one classic (IIFE) script with `defer`, workers inlined as
 * classic blob workers, the icon font inlined into the CSS, and no `crossorigin` attributes.
 */
function classicScripts(): Plugin {
  return {
    name: 'kpi-classic-scripts',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html) {
      return html
        .replace(/<script type="module" crossorigin src=/g, '<script defer src=')
        .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
        .replace(/ crossorigin(?=[ >])/g, '');
    },
  };
}

/**
 * The tokenizer's rules as plain data for the page's first paint: index.html highlights the plan with the
 * same rules (generated from the lexer's catalogue, as the editor's Monarch tokenizer is) before Monaco and
 * the engine have loaded.
 */
function earlySyntax(): string {
  const m = generateMonarch(TOKEN_CATALOG);
  const rules = m.tokenizer.root!.map(([re, action]) => [re.source, typeof action === 'string' ? action : '@cases']);
  return JSON.stringify({ rules, keywords: m.keywords, methods: m.methods, settings: m.settings }).replace(/</g, '\\u003c');
}

/** the default example's text in the page itself (index.html shows it before the script has run), and the highlighter's rules */
function defaultPlanInPage(): Plugin {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    name: 'kpi-default-plan',
    transformIndexHtml(html) {
      return html.replace('%KPI_DEFAULT_PLAN%', esc(readFileSync(here('../examples/店长.kpi'), 'utf8'))).replace('%KPI_EARLY_SYNTAX%', () => earlySyntax());
    },
  };
}

/** exceljs' browser build as a plain file, loaded by a <script> tag only when an XLSX file is chosen (works from file://) */
function exceljsAsset(): Plugin {
  return {
    name: 'kpi-exceljs-asset',
    apply: 'build',
    generateBundle() {
      const dir = here('.');
      const file = require.resolve('exceljs/dist/exceljs.min.js', { paths: [dir] });
      this.emitFile({ type: 'asset', fileName: 'assets/exceljs.min.js', source: readFileSync(file) });
    },
  };
}

// One source of truth: the browser bundle compiles the same TypeScript sources as the CLI.
export default defineConfig({
  base: './', // relative asset URLs: works from any static host or sub-path, and from disk
  resolve: {
    alias: [
      { find: /^@kpi\/core$/, replacement: here('../packages/core/src/index.ts') },
      { find: /^@kpi\/core\/diag$/, replacement: here('../packages/core/src/diagnostics/diag.ts') },
      { find: /^@kpi\/language-service$/, replacement: here('../packages/language-service/src/index.ts') },
    ],
  },
  server: { fs: { allow: ['..'] } },
  plugins: [defaultPlanInPage(), classicScripts(), exceljsAsset()],
  worker: { format: 'iife' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    reportCompressedSize: false,
    // one stylesheet linked from the page (painted with the layout, before the script runs), not injected by the script
    cssCodeSplit: false,
    // the codicon font inline in the CSS: a font file next to the page is blocked on file://
    assetsInlineLimit: (file) => (file.endsWith('.ttf') ? true : undefined),
    rollupOptions: { output: { format: 'iife' } },
  },
});
