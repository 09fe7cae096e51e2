/** F1: the worker is killed (SIGKILL) while the first sends are in flight, then started again; every lead is mailed exactly once. */
import { sleep, type ChaosContext } from './context';
import type { Row } from './table';

const LEADS = Number(process.env.CHAOS_F1_LEADS ?? 200);

export async function f1KillWorker(ctx: ChaosContext): Promise<Row> {
  const started = Date.now();
  const leads = await ctx.captureMany(LEADS, 'f1');
  await sleep(1_500);
  await ctx.worker.kill('SIGKILL');
  await sleep(2_000);
  ctx.worker.start();
  const emails = await ctx.measureEmails(leads, started);
  return { scenario: `F1 kill -9 worker mid-send (${LEADS} leads)`, emails, seconds: Math.round((Date.now() - started) / 1000) };
}
