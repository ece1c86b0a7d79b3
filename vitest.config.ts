import { defineConfig } from 'vitest/config';

// The same suite runs on in-memory PGlite and, when TEST_DATABASE_URL is set, on that Postgres.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
