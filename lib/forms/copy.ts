/**
 * The words a hosted or embedded form shows around the marketer's own labels (errors, progress, confirmation), per
 * language. Plain data, not next-intl: the embed script runs on other sites, outside the app.
 */
import type { EmailLocale } from '@/lib/email/locales';

export interface PublicFormCopy {
  required: string;
  consent: string;
  email: string;
  phone: string;
  tooLong: string;
  number: string;
  invalid: string;
  rateLimited: string;
  failed: string;
  unreachable: string;
  checkInbox: string;
}

export const PUBLIC_FORM_COPY: Record<EmailLocale, PublicFormCopy> = {
  en: {
    required: 'is required',
    consent: 'must be ticked to continue',
    email: 'must be a valid email address',
    phone: 'may contain only digits, spaces and + ( ) . / -',
    tooLong: 'is too long',
    number: 'must be a whole number',
    invalid: 'is not valid',
    rateLimited: 'Too many submissions from this address: please try again in a minute.',
    failed: 'Something went wrong; please try again.',
    unreachable: 'Could not reach the server; please try again.',
    checkInbox: 'Check your inbox: we sent you a link to confirm your email.',
  },
  vi: {
    required: 'Vui lòng điền thông tin này',
    consent: 'Vui lòng đánh dấu vào ô này để tiếp tục',
    email: 'Địa chỉ email không hợp lệ',
    phone: 'Số điện thoại chỉ gồm chữ số, khoảng trắng và các ký tự + ( ) . / -',
    tooLong: 'Nội dung quá dài',
    number: 'Vui lòng nhập một số nguyên',
    invalid: 'Giá trị không hợp lệ',
    rateLimited: 'Địa chỉ này đã gửi quá nhiều lần: vui lòng thử lại sau một phút.',
    failed: 'Đã có lỗi xảy ra, vui lòng thử lại.',
    unreachable: 'Không kết nối được tới máy chủ, vui lòng thử lại.',
    checkInbox: 'Vui lòng kiểm tra hộp thư: chúng tôi đã gửi đường liên kết để anh/chị xác nhận email.',
  },
};

/** The copy for a form's language; English for anything else. */
export const publicFormCopy = (locale: string | undefined): PublicFormCopy => PUBLIC_FORM_COPY[locale === 'vi' ? 'vi' : 'en'];

/**
 * A field problem (from the shared schema in the browser, or from the server's 400) in the form's language. The schema's
 * messages are English; English keeps them word for word, other languages get the matching sentence.
 */
export function fieldProblem(message: string, copy: PublicFormCopy): string {
  const en = PUBLIC_FORM_COPY.en;
  if (copy === en) return message;
  if (message === en.required) return copy.required;
  if (message === en.consent) return copy.consent;
  if (message === en.email) return copy.email;
  if (message === en.phone) return copy.phone;
  if (/^too big/i.test(message)) return copy.tooLong;
  if (/expected (number|int)|nan|too small|whole/i.test(message)) return copy.number;
  return copy.invalid;
}
