/** `next start` needs a production build: make one when .next/BUILD_ID is missing (or BENCH_BUILD=1 asks for a fresh one). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { run } from '../lib/run';
import { ROOT } from '../lib/tools';

export async function ensureNextBuild(): Promise<void> {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  const forced = process.env.BENCH_BUILD === '1';
  if (existsSync(buildId) && !forced) {
    process.stdout.write(`Using the existing Next.js build (.next/BUILD_ID present; BENCH_BUILD=1 rebuilds)\n`);
    return;
  }
  process.stdout.write(forced ? 'BENCH_BUILD=1: running `next build` …\n' : 'No .next/BUILD_ID: running `next build` first …\n');
  const started = Date.now();
  await run(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], { cwd: ROOT });
  process.stdout.write(`Built with \`next build\` in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}
