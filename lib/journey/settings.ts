/** The org's journey settings (the sending limit), read by the worker's activities and by the app alike. */
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { settings } from '@/db/schema';
import { env } from '@/lib/env';
import type { JourneySettings } from '@/lib/journey/contract';

export async function loadJourneySettings(db: Db): Promise<JourneySettings> {
  const [row] = await db.select().from(settings).where(eq(settings.key, 'max_emails_per_24h'));
  return { maxEmailsPer24h: typeof row?.value === 'number' ? row.value : env().MAX_EMAILS_PER_24H };
}
