/** The Next.js app for scenarios that need real HTTP (webhooks, ingestion): started once, on the stack's APP_URL port, on first use. */
import { ensureNextBuild } from '../bench/build';
import { waitForPort } from '../lib/ports';
import type { Stack } from '../lib/stack';
import type { Child } from '../lib/supervisor';
import { appServerArgs, ROOT } from '../lib/tools';

export interface ChaosApp {
  /** Base URL on 127.0.0.1 (fetch may try ::1 first for localhost, where Next does not listen). */
  url: string;
  child: Child;
}

const started = new WeakMap<Stack, Promise<ChaosApp>>();

/** The stack runs without Next (the other scenarios do not need it); its supervisor stops this one with the rest. */
export function chaosApp(stack: Stack): Promise<ChaosApp> {
  let app = started.get(stack);
  if (!app) {
    app = start(stack);
    started.set(stack, app);
  }
  return app;
}

async function start(stack: Stack): Promise<ChaosApp> {
  await ensureNextBuild();
  const port = Number(new URL(stack.urls.app).port);
  const child = stack.supervisor.spawn('next', process.execPath, appServerArgs('start', port, '127.0.0.1'), {
    env: { ...stack.env, LEADFLOW_PROCESS: 'next', NODE_ENV: 'production' },
    cwd: ROOT,
    quiet: true,
  });
  await Promise.race([waitForPort(port, 120_000), child.exited.then((code) => Promise.reject(new Error(`next start exited with ${code}`)))]);
  const url = `http://127.0.0.1:${port}`;
  // The first request opens the database pool and the Temporal client: pay that here, not in a scenario's figures.
  for (let i = 0; i < 60; i++) {
    const res = await fetch(`${url}/api/health`).catch(() => null);
    if (res) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, child };
}
