import { expect, test, type Page } from '@playwright/test';
import { captureLead, postEvent } from './support';
import { archiveCreatedJourneys, canvas, connect, createJourney, dropKind, expectRunAt, node, publish, rename, selectNode, uniqueName, waitSaved } from './journey-helpers';

test.afterEach(async ({ request }) => archiveCreatedJourneys(request));

test.use({ viewport: { width: 1920, height: 1200 } });

test.afterEach(async ({ request }) => {
  // Later specs expect the SPEC's default limit back.
  await request.post('/api/trpc/settings.saveSending', { data: { json: { maxEmailsPer24h: 3 } } });
});

/** Zooms out with the canvas' own control until the whole drawing fits; the editor opens at 1×. */
async function zoomOut(page: Page) {
  const viewport = page.locator('.react-flow__viewport');
  for (let i = 0; i < 2; i++) await page.locator('.react-flow__controls-zoomout').click();
  await expect(viewport).toHaveAttribute('style', /scale\(0\.[5-7]\d*\)/);
}

test('draw the SPEC routing from an empty canvas, publish it, and watch a lead walk it', async ({ page, request }) => {
  test.setTimeout(240_000);
  const journeyId = await createJourney(page, uniqueName('Drawn nurture'), 'blank');

  // Start from a truly empty canvas: the blank journey's trigger goes, and a new one is drawn.
  await selectNode(page, 'trigger');
  await page.keyboard.press('Delete');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await zoomOut(page);

  const inspector = page.getByTestId('inspector');

  const trigger = await dropKind(page, 'trigger', { x: 20, y: 380 });
  await rename(page, 'Lead captured');
  await inspector.getByLabel('Starts').selectOption({ label: 'When a lead is captured' });

  const score = await dropKind(page, 'score_branch', { x: 200, y: 340 });
  await rename(page, 'Route by score');
  const ranges = [
    { label: 'Below 20', from: '', to: '19' },
    { label: '20–44', from: '20', to: '44' },
    { label: '45–59', from: '45', to: '59' },
    { label: '60 and above', from: '60', to: '' },
  ];
  const rows = inspector.locator('.row-item');
  await expect(rows).toHaveCount(4);
  for (const [i, r] of ranges.entries()) {
    const row = rows.nth(i);
    await row.getByLabel(`Range ${i + 1} label`).fill(r.label);
    await row.getByLabel('From').fill(r.from);
    await row.getByLabel('To').fill(r.to);
  }
  for (const r of ranges) await expect(node(page, score)).toContainText(r.label);

  const emails: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const emailSpec = [
    { key: 'a', label: 'Email A: Nurture', template: 'email-a-nurture', y: 60 },
    { key: 'b', label: 'Email B: Welcome + Value', template: 'email-b-welcome-value', y: 260 },
    { key: 'c', label: 'Email C: Case study', template: 'email-c-case-study', y: 460 },
  ] as const;
  for (const e of emailSpec) {
    emails[e.key] = await dropKind(page, 'send_email', { x: 400, y: e.y });
    await rename(page, e.label);
    await inspector.getByLabel('Template').selectOption(e.template);
    await expect(inspector.getByLabel('Send at most once per lead')).toBeChecked();
    // The seeded default journey mails this lead the same templates; without this the second journey's copy is skipped as a repeat.
    await inspector.getByLabel('Send even if another journey sent it in the last 24 h').check();
    await expect(node(page, emails[e.key])).not.toContainText('choose a template');
  }

  const markHot = await dropKind(page, 'update_lead', { x: 400, y: 700 });
  await rename(page, 'Flag as hot');
  await inspector.getByLabel('Set stage').selectOption('hot');
  await inspector.getByLabel('Set lifecycle').selectOption('mql');
  await expect(node(page, markHot)).toContainText('stage hot · mql');

  // Any event re-routes the lead by its new score; a week of silence archives it.
  const wait = await dropKind(page, 'wait_for_event', { x: 600, y: 260 });
  await rename(page, 'Wait for engagement');
  await inspector.getByLabel('Give up after amount').fill('7');
  await inspector.getByLabel('Give up after unit').selectOption('days');
  await expect(node(page, wait)).toContainText('any event · up to 7 days');

  const exitArchive = await dropKind(page, 'exit', { x: 800, y: 260 });
  await rename(page, 'Archive cold lead');
  await inspector.getByLabel('Archive the lead').check();
  await expect(node(page, exitArchive)).toContainText('end and archive the lead');

  const handoff = await dropKind(page, 'handoff', { x: 600, y: 700 });
  await rename(page, 'Hand off to sales');
  await inspector.getByLabel('Owner', { exact: true }).selectOption('round_robin');
  await inspector.getByLabel('Minutes the owner has to act (SLA)').fill('15');
  await inspector.getByLabel('Escalate to the manager after (minutes)').fill('30');
  await expect(node(page, handoff)).toContainText('round robin · SLA 15 min');

  await connect(page, trigger, 'next', score);
  await connect(page, score, 'cold', emails.a);
  await connect(page, score, 'warm', emails.b);
  await connect(page, score, 'engaged', emails.c);
  await connect(page, score, 'hot', markHot);
  for (const id of Object.values(emails)) await connect(page, id, 'next', wait);
  await connect(page, wait, 'event', score);
  await connect(page, wait, 'timeout', exitArchive);
  await connect(page, markHot, 'next', handoff);

  await expect(page.locator('.react-flow__node')).toHaveCount(9);
  await expect(canvas(page).locator('.jnode.has-problems')).toHaveCount(0);
  await waitSaved(page);
  await publish(page, 1);

  // Score 0 at capture: cold, so Email A, then the lead waits for engagement.
  // The lead also runs the seeded default journey, so it gets two journeys' emails: the marketer lifts the
  // per-lead sending limit (3 in 24 h by default, counted across journeys) so neither journey's email waits a day.
  await page.goto('/settings');
  await page.getByLabel('Marketing emails per lead per 24 h').fill('10');
  await page.getByTestId('save-sending').click();
  await expect(page.getByTestId('sending-limits').getByRole('status')).toHaveText('Saved');
  await page.goto(`/journeys/${journeyId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(9);

  const lead = await captureLead(request, 'drawn');
  await expectRunAt(request, lead.id, journeyId, wait);

  await page.getByTestId('overlay-toggle').check();
  const overlay = (id: string) => page.getByTestId(`overlay-${id}`);
  const sent = (id: string) => overlay(id).getByTitle('Emails sent');
  const waiting = (id: string) => overlay(id).getByTitle('Waiting here now');
  const passed = (id: string) => overlay(id).getByTitle('Leads that passed');
  await expect(sent(emails.a)).toHaveText('✉ 1');
  await expect(waiting(wait)).toHaveText('⏳ 1');

  // The next event only counts once the lead is back in the wait, so each step waits for the overlay to show it there.
  const step = async (event: string, email: string) => {
    await postEvent(request, lead.id, event);
    await expect(async () => {
      await expect(sent(email)).toHaveText('✉ 1', { timeout: 1_000 });
      await expect(waiting(wait)).toHaveText('⏳ 1', { timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
  };
  await step('schedule_demo', emails.b); // 30: 20–44
  await step('download_whitepaper', emails.c); // 45: 45–59
  await postEvent(request, lead.id, 'visit_pricing'); // 70: hot

  for (const id of [trigger, score, emails.a, emails.b, emails.c, wait, markHot, handoff]) await expect(passed(id)).not.toHaveText('→ 0');
  await expect(overlay(handoff).getByTitle('Reached a hand-off')).toHaveText('★ 1');
  await expect(passed(exitArchive)).toHaveText('→ 0');
  await expect(waiting(wait)).toHaveText('⏳ 0');

  await page.goto('/emails');
  await page.getByLabel('Recipient').fill(lead.email);
  const outbox = page.getByTestId('outbox');
  for (const template of ['email-a-nurture', 'email-b-welcome-value', 'email-c-case-study']) {
    await expect(outbox.getByRole('row').filter({ hasText: template }).first()).toBeVisible();
  }
});
