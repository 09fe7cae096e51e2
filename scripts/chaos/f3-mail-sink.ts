/** F3: 30 % of sends meet a 429 (retry-after 1 s), a 500, or a 10 s stall; every lead is still mailed exactly once. */
import type { ChaosContext } from './context';
import type { Row } from './table';

const LEADS = Number(process.env.CHAOS_F3_LEADS ?? 100);

export async function f3MailSink(ctx: ChaosContext): Promise<Row> {
  await fetch(`${ctx.sink}/_sink/chaos`, { method: 'POST', body: JSON.stringify({ rate: 0.3, kinds: [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 500, stallMs: 10_000, afterAccept: false }] }) });
  try {
    const started = Date.now();
    const leads = await ctx.captureMany(LEADS, 'f3');
    const emails = await ctx.measureEmails(leads, started);
    return { scenario: `F3 mail sink 30 % 429/500/10 s stall (${LEADS} leads)`, emails, seconds: Math.round((Date.now() - started) / 1000) };
  } finally {
    await fetch(`${ctx.sink}/_sink/faults`, { method: 'DELETE' });
  }
}
