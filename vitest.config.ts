import { defineConfig } from 'vitest/config';

const reportFile = process.env.PROMPTOPS_TEST_REPORT;

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // CI writes a JSON report too, so .ci/check-postgres-ran.ts can prove the Postgres suites ran.
    reporters: reportFile ? ['default', ['json', { outputFile: reportFile }]] : ['default'],
  },
});
