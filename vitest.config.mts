import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Engines in tests rank on their own thread; the serving-worker tests ask for workers themselves.
    env: { INSTINCT_SERVING_WORKERS: '0' },
    reporters: ['default'],
  },
});
