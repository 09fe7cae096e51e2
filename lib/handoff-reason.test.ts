import { describe, expect, it } from 'vitest';
import { handoffReasonText } from './handoff-reason';
import { english } from './i18n/server-text';
import { inVietnamese } from './i18n/server-text.test-support';

describe('handoffReasonText', () => {
  const journey = "Lead score 80 (hot), last_action = 'schedule_demo'";
  const hotLane = "Lead score 65, last_action = 'visit_pricing'";

  it('words the reasons Leadflow writes for an English reader, the action by its title instead of its API id', () => {
    expect(english(handoffReasonText(journey)!)).toBe('Lead score 80 (hot), last action: Booked a demo');
    expect(english(handoffReasonText(hotLane)!)).toBe('Lead score 65, last action: Visited the pricing page');
    expect(english(handoffReasonText("Lead score 0 (cold), last_action = 'none'")!)).toBe('Lead score 0 (cold), last action: none');
  });

  it('words the reasons Leadflow writes in Vietnamese, the action by its title', () => {
    expect(inVietnamese(handoffReasonText(journey)!)).toBe('Điểm 80 (nóng), hành động gần nhất: Đã đặt lịch demo');
    expect(inVietnamese(handoffReasonText(hotLane)!)).toBe('Điểm 65, hành động gần nhất: Đã xem trang bảng giá');
    expect(inVietnamese(handoffReasonText("Lead score 0 (cold), last_action = 'none'")!)).toBe('Điểm 0 (lạnh), hành động gần nhất: chưa có');
  });

  it('leaves a reason a person typed as written', () => {
    expect(handoffReasonText("Lead score >= 60, last_action = 'schedule_demo'")).toBeUndefined();
    expect(handoffReasonText('Gọi lại trước 5 giờ chiều')).toBeUndefined();
  });
});
