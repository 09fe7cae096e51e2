/** The ops pages in Vietnamese: My desk, Settings, the journeys list and the journey editor, once a person picks Tiếng Việt; the org default covers people who picked nothing. */
import { expect, test } from '@playwright/test';
import { auth, captureLead } from './support';
import { createTeammate, signedIn, trpc } from './team';

test('with Tiếng Việt chosen, My desk, Settings and the journeys list read in Vietnamese, and the org default language reaches people who chose none', async ({ browser, request, page: adminPage }) => {
  const lead = await captureLead(request, 'locale-pages', { first_name: undefined, name: 'Trần Văn Minh', language: 'vi' });
  // The lead's own email language shows on GET /api/leads/:id.
  const api = await request.get(`/api/leads/${lead.id}`, { headers: auth });
  expect(api.ok()).toBe(true);
  expect(((await api.json()) as { language: string | null }).language).toBe('vi');

  const admin = await createTeammate(request, 'admin');
  const { context, page } = await signedIn(browser, admin);
  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  // My desk: an admin picks whose desk to read.
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Bàn làm việc' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Bàn làm việc/ })).toBeVisible();
  await expect(page.getByLabel('Bàn làm việc của')).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Chuyển giao đang mở \(\d+\)$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Lịch theo dõi/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Khách hàng tiềm năng nóng giao cho / })).toBeVisible();

  // Settings, including the two language cards.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Quy tắc chấm điểm' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Một lần mỗi khách hàng' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ngưỡng giai đoạn' })).toBeVisible();
  await expect(page.getByLabel('Nóng từ')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu giới hạn' })).toBeVisible();
  await expect(page.getByLabel('Ngôn ngữ email mặc định')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nhân viên kinh doanh phụ trách' })).toBeVisible();
  const orgDefault = page.getByLabel('Ngôn ngữ giao diện mặc định');
  await expect(orgDefault).toHaveValue('browser');

  // The journeys list: headings, buttons, statuses and the last-edit date the Vietnamese way.
  await page.goto('/journeys');
  await expect(page.getByRole('heading', { level: 1, name: 'Hành trình' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tạo hành trình trống' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Khách hàng đang chạy' })).toBeVisible();
  const published = page.getByTestId('journeys').locator('tbody tr').filter({ hasText: 'đã xuất bản' }).first();
  await expect(published).toContainText(/\d{1,2} thg \d{1,2}, \d{4}/);
  await expect(published.getByRole('button', { name: /^Nhân bản / })).toBeVisible();

  // The org default: the admin every spec runs as has chosen no language, so it follows the org's.
  await page.goto('/settings');
  try {
    await orgDefault.selectOption({ label: 'Tiếng Việt' });
    await expect(page.getByTestId('ui-language').getByRole('status')).toHaveText('Đã lưu');
    await adminPage.goto('/journeys');
    await expect(adminPage.getByRole('heading', { level: 1, name: 'Hành trình' })).toBeVisible();
  } finally {
    await trpc(request, 'settings.saveLanguage', { locale: null });
  }
  await adminPage.reload();
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Journeys' })).toBeVisible();
  await context.close();
});
