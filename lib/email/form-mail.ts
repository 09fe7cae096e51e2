/** The double opt-in mail a form sends, in the lead's language: through the same Resend client as every other send, so dev and tests see it in the mail sink. */
import { render } from '@react-email/render';
import TeamAccess, { type TeamAccessProps } from '@/emails/team-access';
import { env } from '@/lib/env';
import type { EmailLocale } from '@/lib/email/locales';
import { getResend, type ResendClient } from '@/lib/email/resend-client';

export interface FormConfirmation {
  to: string;
  formTitle: string;
  url: string;
  /** The lead's language, else the org's default email language (the caller picks it with chooseLocale). */
  locale: EmailLocale;
}

interface ConfirmationCopy {
  subject: (form: string) => string;
  heading: string;
  paragraphs: (form: string) => string[];
  cta: string;
  footerNote: string;
}

export const CONFIRMATION_COPY: Record<EmailLocale, ConfirmationCopy> = {
  en: {
    subject: (form) => `Confirm your email for ${form}`,
    heading: 'Please confirm your email',
    paragraphs: (form) => [`You asked to hear from us through “${form}”.`, 'Confirm your address and we will start sending what you asked for.'],
    cta: 'Confirm my email',
    footerNote: 'If you did not fill in this form, ignore this email: nothing more will be sent.',
  },
  vi: {
    subject: (form) => `Xác nhận email của anh/chị cho “${form}”`,
    heading: 'Vui lòng xác nhận email của anh/chị',
    paragraphs: (form) => [`Anh/chị vừa đăng ký nhận thông tin từ chúng tôi qua biểu mẫu “${form}”.`, 'Hãy xác nhận địa chỉ email để chúng tôi bắt đầu gửi những nội dung anh/chị đã yêu cầu.'],
    cta: 'Xác nhận email của tôi',
    footerNote: 'Nếu anh/chị không điền biểu mẫu này, vui lòng bỏ qua email: chúng tôi sẽ không gửi thêm gì nữa.',
  },
};

export async function sendFormConfirmation(mail: FormConfirmation, resend: ResendClient = getResend()): Promise<string> {
  const copy = CONFIRMATION_COPY[mail.locale];
  const props: TeamAccessProps = {
    productName: env().PRODUCT_NAME,
    heading: copy.heading,
    paragraphs: copy.paragraphs(mail.formTitle),
    cta: { label: copy.cta, url: mail.url },
    footerNote: copy.footerNote,
    locale: mail.locale,
  };
  const element = TeamAccess(props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const { data, error } = await resend.emails.send({
    from: env().EMAIL_FROM,
    to: mail.to,
    subject: copy.subject(mail.formTitle),
    html,
    text,
    tags: [
      { name: 'kind', value: 'form_confirmation' },
      { name: 'locale', value: mail.locale },
    ],
  });
  // The SDK reports failures as { error }, never by throwing.
  if (error || !data) throw new Error(`confirmation mail to ${mail.to} not sent: ${error?.message ?? 'empty response'}`);
  return data.id;
}
