import { expect, test } from '@playwright/test';
import { captureLead } from './support';

const SINK = process.env.LEADFLOW_TEST_MAIL_SINK ?? '';

/** A marketer sends Re-engage to one source's leads from the Blasts page: preview, confirm, watch it complete, the mail arrives. */
test('start a small blast from the Blasts page, watch it complete, and every lead in the audience receives it once', async ({ page, request }) => {
  const tag = Math.random().toString(36).slice(2, 10);
  const source = `blast_e2e_${tag}`;
  const leads = await Promise.all([1, 2, 3].map((i) => captureLead(request, `blast${i}`, { source })));
  const name = `Launch ${tag}`;

  await page.goto('/blasts');
  await expect(page.getByRole('heading', { name: 'Blasts', level: 1 })).toBeVisible();
  const form = page.getByTestId('new-blast');
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Email').selectOption('re-engage');
  await form.getByLabel('Source').selectOption(source);
  await expect(form.getByTestId('blast-audience-count')).toHaveText('Reaches 3 leads now.');
  await expect(form.getByTestId('blast-audience-sample')).toContainText('Mai');

  await form.getByTestId('blast-review').click();
  const confirm = page.getByTestId('blast-confirm');
  await expect(confirm.getByRole('heading')).toHaveText('Send to 3 leads now?');
  await confirm.getByTestId('blast-send').click();
  await expect(form.getByRole('status')).toHaveText('Blast started: 3 leads.');

  const row = page.locator(`[data-name="${name}"]`);
  await expect(row).toContainText(`source ${source}`);
  await expect(row.getByText('Completed')).toBeVisible({ timeout: 30_000 });
  await expect(row).toContainText('3 of 3 leads');
  await expect(row).toContainText('3 sent');

  expect(SINK, 'the test stack runs a mail sink').not.toBe('');
  for (const lead of leads) {
    const res = await request.get(`${SINK}/_sink/messages?to=${encodeURIComponent(lead.email)}`);
    const { data } = (await res.json()) as { data: { tags: { name: string; value: string }[] }[] };
    expect(data.filter((m) => m.tags.some((t) => t.name === 'template' && t.value === 're-engage'))).toHaveLength(1);
  }
});
