import { describe, expect, it } from 'vitest';
import { defaultJourneyGraph } from './default-journey';
import { journeyNodeSchema } from './definition';
import { stepSentence, stepText, type SentenceOptions, type StepRecord } from './step-sentence';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { momentText, virtualMoment } from '@/lib/text/moment';

const NOW = new Date('2026-11-28T20:00:00Z');
const when = (iso: string) => momentText(iso, NOW, 'Asia/Ho_Chi_Minh');
const nodes = new Map(
  defaultJourneyGraph().nodes.map((n) => [n.id, journeyNodeSchema.parse({ id: n.id, kind: n.type, label: n.data.label, config: n.data.config })] as const),
);
const say = (kind: string, nodeId: string, detail: Record<string, unknown>, opts: Partial<SentenceOptions> = {}) =>
  stepSentence({ kind, nodeId, detail } satisfies StepRecord, { node: nodes.get(nodeId) ?? null, when, ...opts });

describe('momentText', () => {
  it('says today, tomorrow, yesterday, a weekday or a date in the reader’s time zone', () => {
    // 20:00 UTC is 03:00 on the 29th in Hanoi, so "today" there is the 29th.
    expect(momentText('2026-11-29T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('today 09:15');
    expect(momentText('2026-11-30T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('tomorrow 09:15');
    expect(momentText('2026-11-28T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('yesterday 09:15');
    expect(momentText('2026-12-02T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('Wed 09:15');
    expect(momentText('2026-12-20T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('20 Dec 09:15');
    expect(momentText('2025-12-20T02:15:00Z', NOW, 'Asia/Ho_Chi_Minh')).toBe('20 Dec 2025 09:15');
    // The same instant in UTC is still the 28th.
    expect(momentText('2026-11-28T23:15:00Z', NOW, 'UTC')).toBe('today 23:15');
    expect(momentText('not a date', NOW, 'UTC')).toBe('an unknown time');
  });

  it('reads a simulator offset as a day and a clock time', () => {
    expect(virtualMoment(0)).toBe('day 0, 00:00');
    expect(virtualMoment(2 * 86_400_000 + 9 * 3_600_000 + 15 * 60_000)).toBe('day 2, 09:15');
  });
});

describe('stepSentence', () => {
  it('says a deferred email with its local time and the sending limit', () => {
    expect(say('send_email', 'email-c', { phase: 'deferred', template: 'email-c-case-study', deferredUntil: '2026-11-30T02:15:00Z' }, { sendingLimit: 3 })).toBe(
      'Email C: Case study deferred until tomorrow 09:15 — sending limit 3 per 24 h',
    );
    expect(say('send_email', 'email-c', { phase: 'deferred', deferredUntil: '2026-11-30T02:15:00Z', acrossJourneys: true }, { sendingLimit: 3 })).toBe(
      'Email C: Case study deferred until tomorrow 09:15 — sending limit 3 per 24 h across all journeys',
    );
  });

  it('says every outcome of an email step', () => {
    expect(say('send_email', 'email-a', { phase: 'done', template: 'email-a-nurture', variant: null, subject: null, status: 'sent', messageId: 'm1' })).toBe('Sent Email A: Nurture');
    expect(say('send_email', 'email-a', { phase: 'done', status: 'sent', variant: 'A2', subject: 'Your plan' })).toBe('Sent Email A: Nurture, variant A2 (“Your plan”)');
    expect(say('send_email', 'email-a', { phase: 'done', skipped: 'once_per_lead' })).toBe('Email A: Nurture not sent — it goes once per lead and this lead already had it');
    expect(say('send_email', 'email-a', { phase: 'done', status: 'skipped', reason: 'unsubscribed' })).toBe('Email A: Nurture not sent — the lead unsubscribed');
    expect(say('send_email', 'email-a', { phase: 'done', status: 'skipped', reason: 'suppressed' })).toMatch(/not sent — the address is on the suppression list/);
    expect(say('send_email', 'email-a', { phase: 'done', status: 'skipped', reason: 'archived' })).toBe('Email A: Nurture not sent — the lead is archived');
    expect(say('send_email', 'email-a', { phase: 'done', status: 'skipped', reason: 'already_sent' })).toMatch(/already sent it$/);
    expect(say('send_email', 'email-a', { phase: 'done', holdout: true, variant: 'holdout' })).toBe("Email A: Nurture held back — the lead is in this step's holdout group, so it gets no email here");
    expect(say('send_email', 'email-a', { phase: 'failed', error: 'Resend 500' })).toBe('Email A: Nurture could not be sent: Resend 500');
  });

  it('says where a branch sent the lead, by the range’s label', () => {
    expect(say('score_branch', 'score', { phase: 'done', score: 50, stage: 'engaged', output: 'engaged', matched: true })).toBe('Route by score: went to “45–59” (score 50, engaged)');
    expect(say('score_branch', 'score', { phase: 'done', score: 500, stage: 'hot', output: 'hot', matched: false })).toBe(
      'Route by score: went to “60 and above” (score 500, hot; no range matched, so the last one)',
    );
    expect(say('condition', 'is-director', { phase: 'done', output: 'true' })).toBe('Condition (is-director): yes');
    expect(say('condition', 'is-director', { phase: 'done', output: 'false' })).toBe('Condition (is-director): no');
    const split = journeyNodeSchema.parse({ id: 'split', kind: 'ab_split', label: 'Subject test', config: { variants: [{ id: 'a', label: 'Short', weight: 50 }, { id: 'b', label: '', weight: 50 }] } });
    expect(stepSentence({ kind: 'ab_split', nodeId: 'split', detail: { phase: 'done', variant: 'a', output: 'a' } }, { node: split, when })).toBe('Subject test: assigned to variant Short');
    expect(stepSentence({ kind: 'ab_split', nodeId: 'split', detail: { phase: 'done', variant: 'b', output: 'b' } }, { node: split, when })).toBe('Subject test: assigned to variant b');
  });

  it('says waits entered and ended', () => {
    const seven = '2026-12-07T02:15:00Z';
    expect(say('wait_for_event', 'wait-a', { phase: 'entered', until: seven, eventTypes: [] })).toMatch(/: waiting for any activity until 7 Dec 09:15$/);
    expect(say('wait_for_event', 'wait-a', { phase: 'entered', until: seven, eventTypes: ['visit_pricing', 'schedule_demo'] })).toMatch(
      /: waiting for visited the pricing page or booked a demo until 7 Dec 09:15$/,
    );
    expect(say('wait_for_event', 'wait-a', { phase: 'resolved', output: 'event', lastAction: 'visit_pricing', score: 35 })).toMatch(/: the lead acted \(last action: visited the pricing page, score 35\)$/);
    expect(say('wait_for_event', 'wait-a', { phase: 'resolved', output: 'timeout' })).toMatch(/: no activity in time — moved on$/);
    expect(stepSentence({ kind: 'wait', nodeId: 'w', detail: { phase: 'entered', until: '2026-11-29T02:15:00Z' } }, { when })).toBe('Wait (w): waiting until today 09:15');
    expect(stepSentence({ kind: 'wait', nodeId: 'w', detail: { phase: 'resolved', output: 'next' } }, { when })).toBe('Wait (w): wait over');
  });

  it('says the trigger, the hand-off, lead updates, webhooks and exits', () => {
    expect(say('trigger', 'trigger', { phase: 'done', on: 'lead_captured' })).toBe('Entered the journey when captured');
    const onEvent = journeyNodeSchema.parse({ id: 't', kind: 'trigger', label: '', config: { on: 'event', eventType: 'webinar_register' } });
    expect(stepSentence({ kind: 'trigger', nodeId: 't', detail: { phase: 'done', on: 'event' } }, { node: onEvent, when })).toBe('Entered the journey: registered for a webinar');
    expect(say('handoff', 'handoff', { phase: 'done', created: true, slaMinutes: 15 })).toBe('Hand off to sales: handed to sales — SLA 15 min');
    expect(say('handoff', 'handoff', { phase: 'done', created: false, slaMinutes: 15 })).toMatch(/open hand-off carries on/);
    expect(say('update_lead', 'mark-hot', { phase: 'done', stage: 'hot', lifecycle: 'mql', addTags: ['vip'] })).toBe('Flag as hot: stage → hot, lifecycle → MQL, tagged #vip');
    expect(stepSentence({ kind: 'update_lead', nodeId: 'u', detail: { phase: 'done', stage: null, lifecycle: null, addTags: [] } }, { when })).toBe('Update lead (u): nothing to change');
    expect(stepSentence({ kind: 'webhook', nodeId: 'h', detail: { phase: 'done', url: 'https://crm.example.com/hook', status: 204 } }, { when })).toBe('Webhook (h): crm.example.com answered 204');
    expect(stepSentence({ kind: 'webhook', nodeId: 'h', detail: { phase: 'failed', url: 'https://crm.example.com/hook', error: 'timeout' } }, { when })).toBe(
      'Webhook (h): crm.example.com could not be reached — timeout',
    );
    expect(say('exit', 'exit-archive', { phase: 'done', archive: true })).toBe('Archive cold lead: left the journey and was archived');
    expect(say('exit', 'exit-handed-off', { phase: 'done', archive: false })).toBe('Handed off: finished the journey');
    expect(stepSentence({ kind: 'goal', nodeId: 'goal', detail: { phase: 'done', reason: 'Booked a demo', from: 'wait-a' } }, { when, journey: 'Webinar follow-up' })).toBe('Left Webinar follow-up — goal reached: Booked a demo');
  });

  it('never prints ISO dates, key: value dumps or raw kinds for a known step', () => {
    const details: [string, string, Record<string, unknown>][] = [
      ['send_email', 'email-c', { phase: 'deferred', deferredUntil: '2026-11-30T02:15:00Z', at: '2026-11-28T20:00:00Z' }],
      ['wait_for_event', 'wait-a', { phase: 'entered', until: '2026-12-05T02:15:00Z', at: '2026-11-28T20:00:00Z' }],
      ['score_branch', 'score', { phase: 'done', score: 10, stage: 'cold', output: 'cold', matched: true, at: '2026-11-28T20:00:00Z' }],
    ];
    for (const [kind, id, d] of details) {
      const s = say(kind, id, d, { sendingLimit: 3 });
      expect(s).not.toMatch(/\d{4}-\d\d-\d\dT|phase|[a-z]+: [^ ]*Z|send_email|wait_for_event|score_branch/);
    }
  });
});

describe('stepText in Vietnamese', () => {
  const vi = (kind: string, nodeId: string, detail: Record<string, unknown>, opts: Partial<SentenceOptions> = {}) =>
    inVietnamese(stepText({ kind, nodeId, detail }, { node: nodes.get(nodeId) ?? null, when: () => 'ngày mai 09:15', ...opts }));
  // Every shape of detail the interpreter records, so each key is formatted once in Vietnamese (a missing key or param throws).
  const all: [string, string, Record<string, unknown>, Partial<SentenceOptions>?][] = [
    ['trigger', 'trigger', { on: 'lead_captured' }],
    ['trigger', 'trigger', { on: 'event' }],
    ['score_branch', 'score', { score: 50, stage: 'engaged', output: 'engaged', matched: true }],
    ['score_branch', 'score', { score: 500, stage: 'hot', output: 'hot', matched: false }],
    ['score_branch', 'score', { output: 'cold', matched: false }],
    ['score_branch', 'score', { output: 'cold' }],
    ['condition', 'is-director', { output: 'true' }],
    ['ab_split', 'x', { variant: 'a' }],
    ['ab_split', 'x', { holdout: true }],
    ['send_email', 'email-c', { phase: 'deferred', deferredUntil: '2026-11-30T02:15:00Z', acrossJourneys: true }, { sendingLimit: 3 }],
    ['send_email', 'email-c', { phase: 'deferred' }],
    ['send_email', 'email-a', { phase: 'failed' }],
    ['send_email', 'email-a', { holdout: true }],
    ...['once_per_lead', 'already_sent', 'unsubscribed', 'suppressed', 'archived'].map((reason): [string, string, Record<string, unknown>] => ['send_email', 'email-a', { status: 'skipped', reason }]),
    ['send_email', 'email-a', { status: 'sent' }],
    ['send_email', 'email-a', { status: 'sent', variant: 'A2' }],
    ['send_email', 'email-a', { status: 'sent', subject: 'Hi' }],
    ['send_email', 'email-a', { status: 'sent', variant: 'A2', subject: 'Hi' }],
    ['wait', 'w', { phase: 'entered', until: '2026-11-30T02:15:00Z' }],
    ['wait', 'w', { phase: 'entered' }],
    ['wait_for_event', 'wait-a', { phase: 'entered', eventTypes: ['visit_pricing', 'schedule_demo'], until: '2026-11-30T02:15:00Z' }],
    ['wait_for_event', 'wait-a', { phase: 'entered', eventTypes: [] }],
    ['wait', 'w', { phase: 'resolved', output: 'next' }],
    ['wait_for_event', 'wait-a', { phase: 'resolved', output: 'timeout' }],
    ['wait_for_event', 'wait-a', { phase: 'resolved', output: 'event', lastAction: 'visit_pricing', score: 35 }],
    ['wait_for_event', 'wait-a', { phase: 'resolved', output: 'event' }],
    ['handoff', 'handoff', { created: true, slaMinutes: 15 }],
    ['handoff', 'handoff', { created: true }],
    ['handoff', 'handoff', { created: false }],
    ['update_lead', 'mark-hot', { stage: 'hot', lifecycle: 'mql', addTags: ['vip'] }],
    ['update_lead', 'u', {}],
    ['webhook', 'h', { url: 'https://crm.example.com/hook', status: 204 }],
    ['webhook', 'h', { phase: 'failed' }],
    ['goal', 'goal', { reason: 'Booked a demo' }, { journey: 'Webinar' }],
    ['goal', 'goal', { reason: 'Became an opportunity' }],
    ['goal', 'goal', { reason: 'Reached the hot stage' }],
    ['goal', 'goal', {}],
    ['exit', 'exit-archive', { archive: true }],
    ['exit', 'exit-handed-off', { archive: false }],
  ];

  it('words every sentence from the catalog, with no English left but what the marketer typed', () => {
    const english = /\b(the|sent|not|went|waiting|wait over|lead|journey|deferred|sending limit|variant|score|stage|lifecycle|tagged|handed|answered|reached|left|entered|activity|yes|no)\b/i;
    for (const [kind, id, detail, opts] of all) {
      const line = vi(kind, id, { phase: 'done', ...detail }, opts);
      expect(line, `${kind} ${JSON.stringify(detail)}`).not.toMatch(english);
      expect(line).not.toMatch(/[{}]|serverText/);
    }
  });

  it('says the same sentences a Vietnamese reader expects', () => {
    expect(vi('send_email', 'email-c', { phase: 'deferred', deferredUntil: '2026-11-30T02:15:00Z' }, { sendingLimit: 3 })).toBe(
      'Email C: Câu chuyện khách hàng được hoãn đến ngày mai 09:15 — giới hạn gửi 3 email mỗi 24 giờ',
    );
    expect(vi('score_branch', 'score', { phase: 'done', score: 10, stage: 'cold', output: 'cold', matched: true })).toBe('Phân luồng theo điểm: đi tới “Dưới 20” (điểm 10, lạnh)');
    expect(vi('condition', 'is-director', { phase: 'done', output: 'false' })).toBe('Điều kiện (is-director): không');
    expect(vi('wait_for_event', 'wait-a', { phase: 'entered', eventTypes: ['visit_pricing', 'schedule_demo'] })).toBe('Chờ tương tác (A): đang chờ đã xem trang bảng giá hoặc đã đặt lịch demo');
    expect(vi('goal', 'goal', { phase: 'done', reason: 'Became an opportunity' }, { journey: 'Webinar' })).toBe('Rời Webinar — đã đạt mục tiêu: Trở thành cơ hội bán hàng');
  });

  it('keeps a range label, a variant label and a step name the marketer typed as typed', () => {
    const branch = journeyNodeSchema.parse({
      id: 'b',
      kind: 'score_branch',
      label: 'Nhánh của tôi',
      config: { ranges: [{ output: 'low', label: 'Rất thấp', min: null, max: 10 }, { output: 'high', label: '', min: 11, max: null }] },
    });
    expect(inVietnamese(stepText({ kind: 'score_branch', nodeId: 'b', detail: { output: 'low' } }, { node: branch, when }))).toBe('Nhánh của tôi: đi tới “Rất thấp”');
    expect(inVietnamese(stepText({ kind: 'score_branch', nodeId: 'b', detail: { output: 'high' } }, { node: branch, when }))).toBe('Nhánh của tôi: đi tới “high”');
  });

});
