/** The double opt-in mail a form sends: through the same Resend client as every other send, so dev and tests see it in the mail sink. */
import { render } from '@react-email/render';
import TeamAccess, { type TeamAccessProps } from '@/emails/team-access';
import { env } from '@/lib/env';
import { getResend, type ResendClient } from '@/lib/email/resend-client';

export interface FormConfirmation {
  to: string;
  formTitle: string;
  url: string;
}

export async function sendFormConfirmation(mail: FormConfirmation, resend: ResendClient = getResend()): Promise<string> {
  const props: TeamAccessProps = {
    productName: env().PRODUCT_NAME,
    heading: 'Please confirm your email',
    paragraphs: [`You asked to hear from us through “${mail.formTitle}”.`, 'Confirm your address and we will start sending what you asked for.'],
    cta: { label: 'Confirm my email', url: mail.url },
    footerNote: 'If you did not fill in this form, ignore this email: nothing more will be sent.',
  };
  const element = TeamAccess(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const { data, error } = await resend.emails.send({
    from: env().EMAIL_FROM,
    to: mail.to,
    subject: `Confirm your email for ${mail.formTitle}`,
    html,
    text,
    tags: [{ name: 'kind', value: 'form_confirmation' }],
  });
  // The SDK reports failures as { error }, never by throwing.
  if (error || !data) throw new Error(`confirmation mail to ${mail.to} not sent: ${error?.message ?? 'empty response'}`);
  return data.id;
}
