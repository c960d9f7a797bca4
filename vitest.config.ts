import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    // Temporal's native bridge and DuckDB want real processes, not worker threads.
    pool: 'forks',
    // Three on two cores: several suites spend much of their time waiting (a server outage, a killed
    // worker's heartbeat timeout, a restart), and a third file runs meanwhile.
    maxWorkers: 3,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
