/** The words every email carries that are not marketer copy (footer, lead card, fallback buttons), per language. */
import type { EmailLocale } from '@/lib/email/locales';

export interface Chrome {
  htmlLang: string;
  /** Footer line before the unsubscribe link. */
  whyYouGetThis: (productName: string) => string;
  unsubscribe: string;
  notForYou: string;
  stopTheseEmails: string;
  buttonNotWorking: string;
  acknowledge: string;
  acknowledgeLink: string;
  openTheLead: string;
  openTimeline: string;
  card: { lead: string; email: string; company: string; jobTitle: string; phone: string; score: string; lastAction: string };
  results: { label: string; before: string; after: string }[];
}

export const CHROME: Record<EmailLocale, Chrome> = {
  en: {
    htmlLang: 'en',
    whyYouGetThis: (p) => `You receive this because you asked ${p} for information.`,
    unsubscribe: 'Unsubscribe',
    notForYou: 'Not for you any more?',
    stopTheseEmails: 'Stop these emails',
    buttonNotWorking: 'The button not working? Book here:',
    acknowledge: 'Acknowledge',
    acknowledgeLink: 'Acknowledge link:',
    openTheLead: 'Open the lead',
    openTimeline: 'Open the lead timeline',
    card: { lead: 'Lead', email: 'Email', company: 'Company', jobTitle: 'Job title', phone: 'Phone', score: 'Score', lastAction: 'Last action' },
    results: [
      { label: 'Hand-off time', before: '95 min', after: '12 min' },
      { label: 'Email open rate', before: '12%', after: '28%' },
      { label: 'Click-through rate', before: '1.8%', after: '4.5%' },
    ],
  },
  vi: {
    htmlLang: 'vi',
    whyYouGetThis: (p) => `Anh/chị nhận được email này vì đã quan tâm và để lại thông tin với ${p}.`,
    unsubscribe: 'Hủy đăng ký',
    notForYou: 'Không còn phù hợp với anh/chị?',
    stopTheseEmails: 'Ngừng nhận các email này',
    buttonNotWorking: 'Nút không hoạt động? Đặt lịch tại đây:',
    acknowledge: 'Xác nhận',
    acknowledgeLink: 'Liên kết xác nhận:',
    openTheLead: 'Mở hồ sơ khách hàng',
    openTimeline: 'Mở dòng thời gian của khách hàng',
    card: { lead: 'Khách hàng', email: 'Email', company: 'Công ty', jobTitle: 'Chức danh', phone: 'Điện thoại', score: 'Điểm', lastAction: 'Hành động gần nhất' },
    results: [
      { label: 'Thời gian chuyển giao', before: '95 phút', after: '12 phút' },
      { label: 'Tỷ lệ mở email', before: '12%', after: '28%' },
      { label: 'Tỷ lệ nhấp', before: '1,8%', after: '4,5%' },
    ],
  },
};

export const chromeFor = (locale: EmailLocale | undefined): Chrome => CHROME[locale ?? 'en'];
