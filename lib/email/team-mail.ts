/** Mail to teammates (sign-in links, resets, invitations) through the same Resend client as every other send. */
import { render } from '@react-email/render';
import TeamAccess, { type TeamAccessProps } from '@/emails/team-access';
import { env } from '@/lib/env';
import { getResend, type ResendClient } from '@/lib/email/resend-client';

/** What the mail is for; the Outbox lists it under this name. */
export type TeamMailPurpose = 'sign-in-link' | 'password-reset' | 'invitation';

export type TeamMail = Omit<TeamAccessProps, 'productName'> & { to: string; subject: string; purpose: TeamMailPurpose };

/** Stands in for the link in the copy the Outbox keeps: whoever reads the Outbox must not be able to use a teammate's link. */
export const REMOVED_LINK = '[link removed: only the recipient’s copy has it]';

export async function renderTeamMail(mail: TeamMail): Promise<{ html: string; text: string }> {
  const element = TeamAccess({ productName: env().PRODUCT_NAME, heading: mail.heading, paragraphs: mail.paragraphs, cta: mail.cta, footerNote: mail.footerNote });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export const teamMailTags = (mail: TeamMail) => [
  { name: 'kind', value: 'account' },
  { name: 'purpose', value: mail.purpose },
];

/** Sends the real mail (link included); returns the provider's id. */
export async function sendTeamMail(mail: TeamMail, resend: ResendClient = getResend()): Promise<string> {
  const { html, text } = await renderTeamMail(mail);
  const { data, error } = await resend.emails.send({ from: env().EMAIL_FROM, to: mail.to, subject: mail.subject, html, text, tags: teamMailTags(mail) });
  // The SDK reports failures as { error }, never by throwing.
  if (error || !data) throw new Error(`team mail to ${mail.to} not sent: ${error?.message ?? 'empty response'}`);
  return data.id;
}
