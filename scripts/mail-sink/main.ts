/** CLI: runs the local Resend-compatible mail sink; point RESEND_BASE_URL at it. */
import { env } from '@/lib/env';
import { startMailSink } from './server';

const port = Number(process.env.MAIL_SINK_PORT ?? process.env.PORT ?? 4010);
const appUrl = env().APP_URL.replace(/\/+$/, '');

const sink = await startMailSink({
  port,
  host: process.env.MAIL_SINK_HOST ?? '127.0.0.1',
  webhookUrl: process.env.LEADFLOW_WEBHOOK_URL ?? `${appUrl}/api/webhooks/resend`,
  webhookSecret: env().RESEND_WEBHOOK_SECRET,
  autoDeliver: process.env.MAIL_SINK_AUTO_DELIVER !== 'false',
  log: (line) => console.log(line),
});
console.log(`mail-sink listening on ${sink.url} (RESEND_BASE_URL=${sink.url})`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sink.close().then(() => process.exit(0));
  });
}
