/** Builds every activity from its dependencies, so tests can swap what is outside this machine. */
import type { Db } from '@/db/client';
import type { ProviderRateLimiter } from '@/lib/email/rate-limit';
import type { ResendClient } from '@/lib/email/resend-client';
import { createAbAutoWinnerActivities } from './ab-auto-winner-activities';
import { createSendEmailActivity, sendSalesNotification } from './send-email';
import { createBlastActivities } from './blast-activities';
import { createFollowUpActivities } from './follow-up-activities';
import { createHandoffActivities } from './handoff-activities';
import { createImportActivities } from './import-activities';
import { createJourneyActivities } from './journey-activities';
import type { Activities, BlastActivities, CsvImportActivities } from '../../lib/journey/contract';
import type { SafeFetch } from '@/lib/net/safe-fetch';

export interface ActivityDeps {
  db: Db;
  resend: ResendClient;
  /** One provider budget for every send of this worker process (lib/email/rate-limit.ts). */
  limiter?: ProviderRateLimiter;
  fetch: SafeFetch;
  appUrl: string;
  signingSecret: string;
  managerEmail: string;
  slackWebhookUrl?: string;
  crmWebhookUrl?: string;
  /** The clock stamped on sent mail; workflow tests pass the workflow's clock so the 24 h sending limit sees skipped time. */
  now?: () => Date;
}

export type WorkerActivities = Activities & CsvImportActivities & BlastActivities & { notifyHandoff(input: { handoffId: string }): Promise<void> };

export function createActivities(deps: ActivityDeps): WorkerActivities {
  const webhook = { fetch: deps.fetch, signingSecret: deps.signingSecret };
  const mail = { db: deps.db, resend: deps.resend, limiter: deps.limiter, now: deps.now };
  const sendSalesEmail = async (email: Parameters<typeof sendSalesNotification>[1]) => {
    await sendSalesNotification(mail, email);
  };
  return {
    ...createJourneyActivities({ db: deps.db, ...webhook }),
    ...createImportActivities({ db: deps.db }),
    sendEmail: createSendEmailActivity(mail),
    ...createBlastActivities(mail),
    ...createHandoffActivities({
      db: deps.db,
      ...webhook,
      sendSalesEmail,
      appUrl: deps.appUrl,
      managerEmail: deps.managerEmail,
      slackWebhookUrl: deps.slackWebhookUrl,
      crmWebhookUrl: deps.crmWebhookUrl,
    }),
    ...createFollowUpActivities({ db: deps.db, appUrl: deps.appUrl, sendSalesEmail }),
    ...createAbAutoWinnerActivities({ db: deps.db }),
  };
}
