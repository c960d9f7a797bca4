import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Temporal's native bridge and DuckDB want real processes, not worker threads.
    pool: 'forks',
    // Three files at once on two cores: several files spend much of their time waiting (a server
    // outage of 30 s, a heartbeat timeout of 15 s, a connect timeout of 10 s), and a third file
    // uses the cores meanwhile. The killed-worker test, which ran past its timeout with three files
    // at once on the full data, runs on a fifth of it.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
