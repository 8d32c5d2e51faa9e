import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'playground/test/**/*.test.ts'],
    // test/clickhouse runs on its own: `pnpm test:clickhouse` (vitest.clickhouse.config.ts)
    exclude: ['**/node_modules/**', 'test/clickhouse/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
