import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI and the real-thread runner are tested as built JavaScript: build once before the suites.
    globalSetup: ['test/helpers/buildOnce.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
