import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/vscode/**', 'node_modules/**'],
    // Process-level tests spawn the CLI and the server; two cores run two files at a time.
    pool: 'forks',
    testTimeout: 30_000,
  },
});
