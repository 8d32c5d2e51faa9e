import { defineConfig } from 'vitest/config';

/** `pnpm test:clickhouse`: the SQL target against a real clickhouse-server with two shards (test/clickhouse). */
export default defineConfig({
  test: {
    include: ['test/clickhouse/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
