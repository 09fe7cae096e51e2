/** Each role as its own signed-in user: what a marketer, a sales rep and ops may and may not do, and signed-out visitors. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { archiveCreatedJourneys, createJourney, publish, uniqueName } from './journey-helpers';
import { auth, captureLead } from './support';
import { createTeammate, mutationStatus, signedIn } from './team';

test.afterAll(async ({ request }) => archiveCreatedJourneys(request));

test('a marketer publishes a journey', async ({ browser, request }) => {
  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer);
  await createJourney(page, uniqueName('Marketer journey'), 'template');
  await publish(page, 1);
  await context.close();
});

test('a sales rep cannot publish, works the hand-off on My desk at phone width, and qualified → opportunity moves the dashboard', async ({ browser, request }) => {
  const rep = await createTeammate(request, 'sales');
  const lead = await captureLead(request, 'desk', { first_name: 'Huong', phone: '+84 90 123 4567' });
  const { context: adminCtx, page: dashboard } = await signedIn(browser, { email: process.env.LEADFLOW_TEST_ADMIN_EMAIL ?? process.env.LEADFLOW_ADMIN_EMAIL!, password: process.env.LEADFLOW_TEST_ADMIN_PASSWORD ?? process.env.LEADFLOW_ADMIN_PASSWORD!, role: 'admin' });
  const opportunities = async () => {
    await dashboard.goto('/dashboard');
    const hint = await dashboard.getByTestId('stat-conversion').textContent();
    return Number(/(\d+) of \d+ leads/.exec(hint ?? '')?.[1]);
  };
  const before = await opportunities();

  const handoff = await request.post('/api/handoff', { headers: auth, data: { lead_id: lead.id, sales_owner: rep.ownerHandle, reason: 'Asked for a demo' } });
  expect(handoff.status()).toBe(201);

  const { context, page } = await signedIn(browser, rep, { width: 390, height: 844 });
  // The server refuses a rep's publish whatever the UI shows.
  const journeys = (await (await page.request.get('/api/trpc/journeys.list?input=%7B%22json%22%3A%7B%7D%7D')).json()) as { result: { data: { json: { id: string }[] } } };
  expect(await mutationStatus(page, 'journeys.publish', { id: journeys.result.data.json[0]!.id })).toBe(403);
  // The editor says so up front rather than letting a rep reach that 403.
  await page.goto(`/journeys/${journeys.result.data.json[0]!.id}`);
  await expect(page.getByTestId('publish-not-allowed')).toHaveText('Your role (sales) cannot publish: ask an admin or a marketer.');
  await expect(page.getByTestId('publish')).toBeDisabled();

  await page.getByRole('link', { name: 'My desk' }).click();
  const card = page.locator(`[data-testid="desk-handoff"][data-lead-id="${lead.id}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('sla-countdown')).toContainText(/due in 1?\d:\d\d/);
  // Nothing on the desk is wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await card.getByTestId('desk-acknowledge').click();
  await expect(card.getByText('Acknowledged')).toBeVisible();
  await card.getByTestId('desk-outcome').selectOption('qualified');
  await card.getByLabel('Note').fill('Demo booked for Tuesday');
  await card.getByTestId('desk-record').click();
  await expect(card).toBeHidden();

  await expect.poll(opportunities).toBe(before + 1);
  await context.close();
  await adminCtx.close();
});

test('ops sees every desk and the audit trail but cannot publish, edit scoring rules or manage the team', async ({ browser, request }) => {
  const ops = await createTeammate(request, 'ops');
  const { context, page } = await signedIn(browser, ops);
  await page.getByRole('link', { name: 'My desk' }).click();
  await expect(page.getByTestId('desk-owner')).toBeVisible();
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.locator('[data-testid="audit-row"][data-action="users.create"]').first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Team' })).toHaveCount(0);
  const journeys = (await (await page.request.get('/api/trpc/journeys.list?input=%7B%22json%22%3A%7B%7D%7D')).json()) as { result: { data: { json: { id: string }[] } } };
  expect(await mutationStatus(page, 'journeys.publish', { id: journeys.result.data.json[0]!.id })).toBe(403);
  // The editor says so up front rather than letting ops reach that 403.
  await page.goto(`/journeys/${journeys.result.data.json[0]!.id}`);
  await expect(page.getByTestId('publish-not-allowed')).toHaveText('Your role (ops) cannot publish: ask an admin or a marketer.');
  await expect(page.getByTestId('publish')).toBeDisabled();
  expect(await mutationStatus(page, 'settings.saveRule', { name: 'x', kind: 'event', eventType: 'x', points: 1 })).toBe(403);
  expect(await mutationStatus(page, 'users.createApiKey', { name: 'x', scopes: ['ingest'] })).toBe(403);
  await context.close();
});

/** Pages for the team only: every page.tsx under app/ except the public ones (sign-in, setup, reset, invitations, hosted forms), dynamic segments filled. */
function teamPages(): string[] {
  const app = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'app');
  const isPublic = (route: string) => ['/sign-in', '/setup', '/reset-password', '/invite', '/f', '/site'].some((p) => route === p || route.startsWith(`${p}/`));
  return readdirSync(app, { recursive: true, encoding: 'utf8' })
    .filter((f) => path.basename(f) === 'page.tsx')
    .map((f) => (path.dirname(f) === '.' ? '/' : `/${path.dirname(f).split(path.sep).join('/')}`))
    .map((route) => route.replace(/\[version\]/g, '1').replace(/\[[^\]]+\]/g, '00000000-0000-4000-8000-000000000000'))
    .filter((route) => !isPublic(route))
    .sort();
}

test('a signed-out visitor is sent to sign-in from every page', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const pages = teamPages();
  // The walk must find the pages people use, so a broken glob cannot pass by visiting nothing.
  expect(pages).toEqual(expect.arrayContaining(['/', '/dashboard', '/desk', '/journeys', '/leads', '/emails', '/settings', '/audit', '/team', '/runs', '/forms']));
  for (const path of pages) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/sign-in/);
    await expect(page.getByRole('heading', { name: 'Sign in to Leadflow' })).toBeVisible();
  }
  const res = await page.request.post('/api/trpc/journeys.create', { data: { json: { name: 'x', from: 'blank' } } });
  expect(res.status()).toBe(401);
  await context.close();
});
