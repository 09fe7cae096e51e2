/** A lead's timeline, its journey runs and Simulate in Vietnamese: every step sentence, time and label read in Vietnamese, with no English sentence left. */
import { expect, test, type Locator } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, uniqueName } from './journey-helpers';
import { captureLead, postEvent } from './support';
import { createTeammate, signedIn } from './team';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

// Words the English step sentences use (none of them is a Vietnamese word): any of them means a sentence was left in English.
const ENGLISH = /\b(the|and|or|of|went|sent|not|waiting|wait|over|acted|entered|left|lead|journey|score|stage|handed|sales|variant|deferred|sending|limit|points|today|tomorrow|yesterday|day|yes|no|goal|reached|captured|finished|Route|Flag|Hand|Archive)\b/i;
const english = (texts: string[]) => texts.filter((s) => ENGLISH.test(s));
const texts = (l: Locator) => l.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));

test('in Tiếng Việt, a lead’s timeline and runs and the Simulate panel speak Vietnamese', async ({ browser, request }) => {
  const lead = await captureLead(request, 'vi-timeline');
  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer, { width: 1600, height: 1000 });
  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.goto(`/leads/${lead.id}`);
  const timeline = page.getByTestId('timeline');
  await expect(page.getByRole('heading', { name: 'Dòng thời gian' })).toBeVisible();
  const sentences = timeline.locator('li[data-kind="step"] .lead-timeline-text');
  const sentence = (re: RegExp) => expect(sentences.filter({ hasText: re })).toBeVisible();
  await sentence(/^Tham gia hành trình khi được ghi nhận$/);
  await sentence(/^Phân luồng theo điểm: đi tới “Dưới 20” \(điểm 0, lạnh\)$/);
  await sentence(/^Đã gửi Email A: Nuôi dưỡng$/);
  await sentence(/^Chờ tương tác \(A\): đang chờ bất kỳ hoạt động nào đến \d\d:\d\d \d+ thg \d+$/);
  // Booked a demo while waiting: the lead acted, the branch sends it on by its new score.
  await postEvent(request, lead.id, 'schedule_demo');
  await sentence(/^Chờ tương tác \(A\): khách hàng đã hành động \(hành động gần nhất: đã đặt lịch demo, điểm \d+\)$/);
  await sentence(/^Phân luồng theo điểm: đi tới “[^”]+” \(điểm \d+, (ấm|tương tác|nóng)\)$/);
  await expect(timeline.locator('li[data-kind="event"]').filter({ hasText: 'Đã đặt lịch demo' })).toContainText(/\+\d+ điểm → điểm số \d+/);
  await expect(timeline.locator('li[data-kind="event"]').filter({ hasText: 'Khách hàng được ghi nhận' })).toBeVisible();
  // Sentences, event lines, kind badges and times: the journey's own name and email subjects are content, not interface.
  const read = [
    ...(await texts(timeline.locator('li:not([data-kind="email"]) .lead-timeline-text'))),
    ...(await texts(timeline.locator('li .badge'))),
    ...(await texts(timeline.locator('li time'))),
  ];
  expect(read.length).toBeGreaterThan(8);
  expect(english(read)).toEqual([]);
  await expect(timeline.locator('li time').first()).toHaveText(/^hôm nay \d\d:\d\d$/);
  // The runs table names the step a run is at and its goal in Vietnamese too.
  expect(english(await texts(page.getByTestId('run-current-node')))).toEqual([]);

  // Simulate on a journey from the template, with the panel's default pretend lead.
  await createJourney(page, uniqueName('Mô phỏng'), 'template');
  const sim = page.getByRole('region', { name: 'Mô phỏng một khách hàng' });
  await page.getByTestId('simulate').click();
  const lines = page.getByTestId('sim-timeline').locator('li');
  await expect(lines.first()).toHaveText('ngày 0, 00:00 Tham gia hành trình khi được ghi nhận');
  await expect(lines.filter({ hasText: /Chờ tương tác \([ABC]\): đang chờ .+ đến ngày \d+, \d\d:\d\d$/ }).first()).toBeVisible();
  await expect(lines.filter({ hasText: /^ngày \d+, \d\d:\d\d Đã gửi Email [ABC]: / }).first()).toBeVisible();
  const simulated = await texts(lines);
  expect(simulated.length).toBeGreaterThan(4);
  expect(english(simulated)).toEqual([]);
  expect(english(await texts(sim.locator('p.small')))).toEqual([]);
  await context.close();
});
