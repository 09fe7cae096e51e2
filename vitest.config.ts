import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'e2e/**', 'tests/integration/**', '.next/**', '.data/**', '.tools/**'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
