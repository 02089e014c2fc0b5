import { defineConfig } from 'vitest/config';

// One runner, four projects: node unit tests for electron/ and shared/, jsdom for components,
// integration tests over real HTTP and SQLite, and end-to-end tests in Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.ts'], exclude: ['test/unit/renderer/**'] },
      },
      {
        extends: true,
        test: { name: 'components', environment: 'jsdom', include: ['test/unit/renderer/**/*.test.{ts,tsx}'] },
      },
      {
        extends: true,
        test: { name: 'integration', environment: 'node', include: ['test/integration/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
