import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// One source of truth: the browser bundle compiles the same TypeScript sources as the CLI.
export default defineConfig({
  base: './', // relative asset URLs: works from any static host or sub-path, and offline
  resolve: {
    alias: [
      { find: /^@kpi\/core$/, replacement: here('../packages/core/src/index.ts') },
      { find: /^@kpi\/language-service$/, replacement: here('../packages/language-service/src/index.ts') },
    ],
  },
  server: { fs: { allow: ['..'] } },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    reportCompressedSize: false,
  },
});
