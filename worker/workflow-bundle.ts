/** The workflow bundle is built once (`npm run build:workflows`, run by the start, test and cluster commands) and loaded by every worker. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundlePathWithSourceMap } from '@temporalio/worker';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WORKFLOWS_PATH = path.join(ROOT, 'workflows', 'index.ts');
export const DEFAULT_BUNDLE_DIR = path.join(ROOT, '.build', 'workflows');
/** Everything the bundle can reach lives under these folders; a change in any of them makes the bundle stale. */
const SOURCE_DIRS = ['workflows', 'lib'];

async function sourceFiles(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map(async (e) => {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(root, rel);
      return /\.(ts|tsx|js|json)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
    }),
  );
  return nested.flat();
}

/** A hash of every source file the bundle may include, plus the SDK version that compiled it. */
export async function workflowSourceHash(root = ROOT): Promise<string> {
  const hash = createHash('sha256');
  const files = (await Promise.all(SOURCE_DIRS.map((d) => sourceFiles(root, d)))).flat().sort();
  for (const file of files) hash.update(file).update('\0').update(await readFile(path.join(root, file))).update('\0');
  const sdk = await readFile(path.join(ROOT, 'node_modules/@temporalio/worker/package.json'), 'utf8').catch(() => '');
  hash.update((JSON.parse(sdk || '{}') as { version?: string }).version ?? '');
  return hash.digest('hex');
}

interface Manifest {
  sourceHash: string;
  builtAt: string;
}

const quiet = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Bundles the workflows into `dir` (code, source map, manifest with the source hash). */
export async function buildWorkflowBundle(dir = DEFAULT_BUNDLE_DIR, root = ROOT): Promise<{ codePath: string; sourceHash: string }> {
  const sourceHash = await workflowSourceHash(root);
  const { code, sourceMap } = await bundleWorkflowCode({ workflowsPath: path.join(root, 'workflows', 'index.ts'), logger: quiet });
  await mkdir(dir, { recursive: true });
  const codePath = path.join(dir, 'bundle.js');
  await writeFile(codePath, code);
  await writeFile(path.join(dir, 'bundle.js.map'), sourceMap);
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ sourceHash, builtAt: new Date().toISOString() } satisfies Manifest, null, 2));
  return { codePath, sourceHash };
}

/** A production worker found no bundle, or one older than the sources: says which command builds it. */
export class WorkflowBundleError extends Error {
  constructor(state: 'missing' | 'stale', dir: string) {
    super(`The workflow bundle in ${dir} is ${state}. Build it once for every worker: npm run build:workflows (npm run build and npm run start:prod do it).`);
    this.name = 'WorkflowBundleError';
  }
}

export type BundleState = { state: 'fresh'; bundle: WorkflowBundlePathWithSourceMap } | { state: 'missing' | 'stale'; dir: string };

/** The prebuilt bundle if it matches the sources; otherwise why not. */
export async function prebuiltWorkflowBundle(dir = DEFAULT_BUNDLE_DIR, root = ROOT): Promise<BundleState> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath) || !existsSync(path.join(dir, 'bundle.js'))) return { state: 'missing', dir };
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as Manifest;
  if (manifest.sourceHash !== (await workflowSourceHash(root))) return { state: 'stale', dir };
  return { state: 'fresh', bundle: { codePath: path.join(dir, 'bundle.js'), sourceMapPath: path.join(dir, 'bundle.js.map') } };
}
