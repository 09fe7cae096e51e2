/** Slack message text for hand-offs: every value a lead or a marketer typed is escaped, and no secret link is posted. */
import { stripControl } from '@/lib/text/control';

/** Slack's own escaping for mrkdwn text: without it `<!channel>` pings everyone and `<url|label>` forges a link. */
export function slackEscape(value: string): string {
  return stripControl(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/** A real member id renders as a mention; anything else is shown as plain escaped text. */
export function slackMention(owner: { slackUserId?: string | null; handle: string }): string {
  if (owner.slackUserId && /^[UW][A-Z0-9]{2,20}$/.test(owner.slackUserId)) return `<@${owner.slackUserId}>`;
  return `@${slackEscape(owner.handle)}`;
}

export interface HandoffSlackInput {
  kind: 'assigned' | 'reminder' | 'escalation';
  owner: { slackUserId?: string | null; handle: string };
  leadId: string;
  leadName: string;
  reason: string;
  slaMinutes: number;
  /** The lead page, where the owner acknowledges while signed in; the emailed token link never goes to Slack. */
  leadUrl: string;
}

export function handoffSlackText(input: HandoffSlackInput): string {
  const mention = slackMention(input.owner);
  const lead = `Lead #${slackEscape(input.leadId)} (${slackEscape(input.leadName)})`;
  const open = `<${input.leadUrl.replace(/[<>|]/g, encodeURIComponent)}|Open the lead to acknowledge>`;
  if (input.kind === 'assigned') return `${mention} ${lead} is hot, call now! ${slackEscape(input.reason)} — ${open}`;
  if (input.kind === 'reminder') return `${mention} reminder: ${lead} has waited ${input.slaMinutes} minutes — ${open}`;
  return `Escalation: ${lead} was not acknowledged by ${mention}. ${open}`;
}
