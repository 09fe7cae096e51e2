/** Debian's Chromium for Playwright; installed with apt when missing (never a downloaded browser build). */
import { existsSync } from 'node:fs';
import { run } from './run';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function ensureChromium(log: (l: string) => void = console.log): Promise<void> {
  if (existsSync(CHROMIUM)) return;
  log('Installing Debian chromium with apt-get …');
  await run('apt-get', ['update', '-qq']);
  await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync(CHROMIUM)) throw new Error(`chromium still missing at ${CHROMIUM}`);
}
