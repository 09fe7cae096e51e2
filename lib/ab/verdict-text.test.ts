/** The A/B verdict, the holdout line and the auto-winner's reasons as keys with params: the English is the sentence the API always returned, and each resolves in Vietnamese. */
import { describe, expect, it } from 'vitest';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { english } from '@/lib/i18n/server-text';
import { autoWinnerDecision } from './auto-winner';
import { holdoutComparison } from './holdout';
import { abVerdict } from './verdict';

const arm = (id: string, sent: number, clicked: number, converted = 0) => ({ id, sent, delivered: sent, opened: clicked, clicked, converted });

describe('verdict sentence', () => {
  it.each([
    [
      'winner',
      abVerdict([arm('control', 1000, 100), arm('b', 1000, 130)]),
      'b wins on click-through: 13.0 % vs 10.0 % for control (p = 0.0355).',
      'b thắng về tỷ lệ nhấp: 13,0 % so với 10,0 % của control (p = 0,0355).',
    ],
    [
      'no winner yet',
      abVerdict([arm('a', 200, 20), arm('b', 200, 24)]),
      'No winner yet: b leads on click-through (12.0 % vs 10.0 %), p = 0.5227 ≥ 0.0500; about 3841 sent per variant needed (3641 more for a, 3641 more for b).',
      'Chưa có phương án thắng: b đang dẫn về tỷ lệ nhấp (12,0 % so với 10,0 %), p = 0,5227 ≥ 0,0500; cần khoảng 3841 lượt gửi mỗi phương án (a còn thiếu 3641, b còn thiếu 3641).',
    ],
    [
      'not enough data',
      abVerdict([arm('a', 5, 1), arm('b', 10, 6)]),
      'Not enough data for a verdict: about 30 sent per variant needed (25 more for a, 20 more for b).',
      'Chưa đủ dữ liệu để kết luận: cần khoảng 30 lượt gửi mỗi phương án (a còn thiếu 25, b còn thiếu 20).',
    ],
    [
      'not enough conversions',
      abVerdict([arm('a', 40, 0), arm('b', 40, 0)], { metric: 'converted' }),
      'Not enough data for a verdict: about 30 sent per variant needed, and more conversions to compare.',
      'Chưa đủ dữ liệu để kết luận: cần khoảng 30 lượt gửi mỗi phương án, và cần thêm lượt chuyển đổi để so sánh.',
    ],
    ['one variant', abVerdict([arm('a', 100, 5)]), 'Needs at least two variants with sends.', 'Cần ít nhất hai phương án đã được gửi.'],
  ])('%s: English for the API, Vietnamese from the same key', (_, v, en, vi) => {
    expect(v.summary).toBe(en);
    expect(english(v.summaryText)).toBe(en);
    expect(inVietnamese(v.summaryText)).toBe(vi);
  });

  it('a sample-ratio warning is part of the sentence in both languages', () => {
    const v = abVerdict([arm('a', 420, 40), arm('b', 580, 60)], { weights: { a: 50, b: 50 } });
    expect(v.summary).toMatch(/ Warning: the split \(42 \/ 58 %\) does not match the weights \(50 \/ 50 %\), p = 0\.0000: check assignment before trusting these rates\.$/);
    expect(inVietnamese(v.summaryText)).toMatch(/ Cảnh báo: tỷ lệ chia thực tế \(42 \/ 58 %\) không khớp với tỷ trọng đã đặt \(50 \/ 50 %\), p = 0,0000: .+\.$/);
  });
});

describe('holdout line', () => {
  it('measured and waiting', () => {
    const measured = holdoutComparison([arm('A', 300, 0, 30), arm('B', 300, 0, 9)], arm('holdout', 100, 0, 2), 20);
    expect(measured.summary).toBe('Against the 20 % holdout (no email, 2.0 % converted): A +8.0 pts (p = 0.0107, significant); B +1.0 pts (p = 0.5964).');
    expect(inVietnamese(measured.summaryText)).toBe('So với nhóm đối chứng 20 % (không nhận email, 2,0 % chuyển đổi): A +8,0 điểm % (p = 0,0107, có ý nghĩa thống kê); B +1,0 điểm % (p = 0,5964).');
    const waiting = holdoutComparison([arm('A', 300, 0, 30)], arm('holdout', 12, 0, 0), 5);
    expect(waiting.summary).toBe('Holdout (5 %, no email): 12 leads so far; lift is measured once the holdout and every arm have 30.');
    expect(inVietnamese(waiting.summaryText)).toBe('Nhóm đối chứng (5 %, không nhận email): đã có 12 khách hàng; mức chênh lệch được đo khi nhóm đối chứng và mọi phương án đều đạt 30.');
  });
});

describe('auto-winner reasons', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it.each([
    [
      { minPerVariant: 100, decideAfter: '2026-03-08T12:00:00.000Z' },
      abVerdict([arm('a', 40, 4), arm('b', 60, 9)]),
      'Waiting for the sample or date: 40 of 100 per variant or until 2026-03-08T12:00:00.000Z.',
      'Đang chờ đủ mẫu hoặc đến ngày: 40 trên 100 mỗi phương án hoặc đến 2026-03-08T12:00:00.000Z.',
    ],
    [
      { minPerVariant: 100, decideAfter: null },
      abVerdict([arm('a', 420, 40), arm('b', 580, 60)], { weights: { a: 50, b: 50 } }),
      'The split does not match the weights (sample-ratio mismatch): no winner is declared until that is fixed.',
      'Tỷ lệ chia không khớp với tỷ trọng (lệch tỷ lệ mẫu): chưa công bố phương án thắng cho đến khi khắc phục.',
    ],
    [
      { minPerVariant: 100, decideAfter: null },
      abVerdict([arm('control', 1000, 100), arm('b', 1000, 130)]),
      'Sample reached and the result is significant (p = 0.0355).',
      'Đã đủ mẫu và kết quả có ý nghĩa thống kê (p = 0,0355).',
    ],
    [
      { minPerVariant: null, decideAfter: '2026-02-01T00:00:00Z' },
      abVerdict([arm('a', 200, 20), arm('b', 200, 24)]),
      'Date reached but no significant winner yet (p = 0.5227): the test keeps running.',
      'Đã đến ngày nhưng chưa có phương án thắng có ý nghĩa thống kê (p = 0,5227): thử nghiệm tiếp tục chạy.',
    ],
  ])('%#: the English the runner always stored, and Vietnamese', (rule, verdict, en, vi) => {
    const d = autoWinnerDecision(rule, verdict, now);
    expect(d.reason).toBe(en);
    expect(inVietnamese(d.reasonText)).toBe(vi);
  });
});
