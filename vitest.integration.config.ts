import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Integration tests talk to the stack scripts/test.ts started; they run one file at a time to keep the 2-core box calm.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
