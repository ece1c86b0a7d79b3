import { defineConfig } from 'vitest/config';

// The same suite runs on in-memory PGlite and, when TEST_DATABASE_URL is set, on that Postgres.
// Benchmarks live in test/bench and run only through `npm run bench`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/bench/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
