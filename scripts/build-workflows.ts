/** `npm run build:workflows`: bundles the workflow code once (into WORKFLOW_BUNDLE_DIR, default .build/workflows) for every worker to load. */
import path from 'node:path';
import { buildWorkflowBundle, DEFAULT_BUNDLE_DIR } from '@/worker/workflow-bundle';

const dir = process.env.WORKFLOW_BUNDLE_DIR ? path.resolve(process.env.WORKFLOW_BUNDLE_DIR) : DEFAULT_BUNDLE_DIR;
const started = Date.now();
buildWorkflowBundle(dir)
  .then(({ codePath, sourceHash }) => console.log(`workflow bundle: ${codePath} (sources ${sourceHash.slice(0, 12)}, ${((Date.now() - started) / 1000).toFixed(1)} s)`))
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
