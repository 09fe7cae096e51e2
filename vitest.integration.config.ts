import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { fileURLToPath } from 'node:url';

/** The OpenAPI coverage check reads what every other file requested, so it runs last. */
class CoverageLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => f.moduleId.endsWith('openapi-coverage.test.ts');
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

// Integration tests talk to the stack scripts/test.ts started; they run one file at a time to keep the 2-core box calm.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    // The mTLS checks need the cluster run's TLS frontend; the dev-server run leaves the file out rather than reporting skips.
    exclude: process.env.TEMPORAL_TLS_CA_PATH ? [] : ['tests/integration/temporal-tls.test.ts'],
    setupFiles: ['tests/integration/record-api-calls.ts'],
    sequence: { sequencer: CoverageLast },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
