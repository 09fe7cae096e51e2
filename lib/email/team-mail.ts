/** Mail to teammates (sign-in links, resets, invitations, reminders) through the same Resend client as every other send. */
import { render } from '@react-email/render';
import TeamAccess, { type TeamAccessProps } from '@/emails/team-access';
import { env } from '@/lib/env';
import { getResend, type ResendClient } from '@/lib/email/resend-client';

export type TeamMail = Omit<TeamAccessProps, 'productName'> & { to: string; subject: string };

/** Not recorded in the outbox: whoever reads the outbox could otherwise use a teammate's sign-in link. */
export async function sendTeamMail(mail: TeamMail, resend: ResendClient = getResend()): Promise<string> {
  const props: TeamAccessProps = { productName: env().PRODUCT_NAME, heading: mail.heading, paragraphs: mail.paragraphs, cta: mail.cta, footerNote: mail.footerNote };
  const element = TeamAccess(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const { data, error } = await resend.emails.send({ from: env().EMAIL_FROM, to: mail.to, subject: mail.subject, html, text, tags: [{ name: 'kind', value: 'team' }] });
  // The SDK reports failures as { error }, never by throwing.
  if (error || !data) throw new Error(`team mail to ${mail.to} not sent: ${error?.message ?? 'empty response'}`);
  return data.id;
}
