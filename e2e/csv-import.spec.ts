import { expect, test } from '@playwright/test';

test('importing a CSV with a bad row: mapping guessed, dry run names the row, import shows progress, the other rows become leads, export finds them', async ({ page }) => {
  const tag = Math.random().toString(36).slice(2, 10);
  const csv = [
    'Email,Họ và tên,Company,Campaign',
    `mai-${tag}@import.e2e.test,Trần Thị Mai,Sao Việt,import-${tag}`,
    `broken-row-${tag},Bad Row,Acme,import-${tag}`,
    `hung-${tag}@import.e2e.test,Đỗ Hùng,Acme,import-${tag}`,
  ].join('\n');

  await page.goto('/leads');
  await page.getByTestId('leads-import').click();
  await expect(page).toHaveURL(/\/leads\/import$/);
  await page.getByTestId('import-file').setInputFiles({ name: `leads-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('import-upload').click();

  await expect(page).toHaveURL(/\/leads\/import\?id=/);
  await expect(page.getByTestId('map-Email')).toHaveValue('email');
  await expect(page.getByTestId('map-Họ và tên')).toHaveValue('name');
  await expect(page.getByTestId('map-Campaign')).toHaveValue('utm_campaign');
  await expect(page.getByTestId('import-preview')).toContainText('Trần Thị Mai');

  await page.getByTestId('import-dry-run').click();
  await expect(page.getByTestId('import-counts')).toContainText('3 of 3 rows');
  await expect(page.getByTestId('import-error-row-2')).toContainText('must be a valid email address');

  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('import-done')).toBeVisible();
  await expect(page.getByTestId('import-progress')).toHaveAttribute('value', '3');
  await expect(page.getByTestId('import-counts')).toContainText('2 created');
  await expect(page.getByTestId('import-error-row-2')).toContainText('email');

  await page.goto(`/leads?utmCampaign=import-${tag}`);
  await expect(page.getByTestId('leads-total')).toHaveText(/^2 leads/);
  await expect(page.getByTestId('leads-table')).toContainText('Trần Thị Mai');
  await expect(page.getByTestId('leads-table')).toContainText('Đỗ Hùng');

  const download = page.waitForEvent('download');
  await page.getByTestId('leads-export').click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const lines = text.trim().split('\n');
  expect(lines[0]).toContain('email,full_name');
  expect(lines).toHaveLength(3);
  expect(text).toContain(`mai-${tag}@import.e2e.test,Trần Thị Mai,Mai,Trần Thị`);
});

test('a CSV over 10 MB arrives whole (the upload streams past the proxy, which would cut it at 10 MB)', async ({ page, baseURL }) => {
  const rows = 150_000;
  const lines = ['email,first_name,company,utm_campaign,notes'];
  for (let i = 0; i < rows; i++) lines.push(`big${i}@big.e2e.test,Lead ${i},Company ${i % 500},bulk,${'x'.repeat(20)}`);
  const body = Buffer.from(lines.join('\n'));
  expect(body.byteLength).toBeGreaterThan(10 * 1024 * 1024);
  const res = await page.request.post('/api/imports?filename=big.csv', { data: body, headers: { 'content-type': 'text/csv', origin: new URL(baseURL!).origin } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/leads/import?id=${id}`);
  await expect(page.getByText('150,000 rows').first()).toBeVisible();

  const foreign = await page.request.post('/api/imports?filename=x.csv', { data: 'email\na@b.test', headers: { 'content-type': 'text/csv', origin: 'https://evil.example' } });
  expect(foreign.status()).toBe(403);
});
