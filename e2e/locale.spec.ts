/** The Vietnamese UI: English by default; a person switches to Tiếng Việt in the user menu and it sticks across reloads. */
import { expect, test } from '@playwright/test';
import { captureLead } from './support';
import { createTeammate, signedIn } from './team';

test('English is the default; switching to Tiếng Việt translates the navigation, the dashboard and the leads list, and survives a reload', async ({ browser, request, page: adminPage }) => {
  const lead = await captureLead(request, 'locale', { name: 'Nguyễn Thị Lan', company: 'Sao Việt', first_name: undefined });
  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Leads', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  const navVi = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(navVi.getByRole('link', { name: 'Khách hàng tiềm năng' })).toBeVisible();
  await expect(navVi.getByRole('link', { name: 'Hành trình' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  // The dashboard in Vietnamese, percentages written the Vietnamese way.
  await expect(page.getByRole('heading', { level: 1, name: 'Tổng quan' })).toBeVisible();
  await expect(page.getByTestId('stat-active')).toContainText('Khách hàng tiềm năng đang hoạt động');
  await expect(page.getByTestId('stat-conversion')).toContainText(/\d+,\d%/);
  await expect(page.getByRole('heading', { name: 'Phân bố điểm' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Theo thời gian' })).toBeVisible();

  // The leads list in Vietnamese.
  await navVi.getByRole('link', { name: 'Khách hàng tiềm năng' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Khách hàng tiềm năng' })).toBeVisible();
  await page.getByLabel('Tìm kiếm').fill(lead.email);
  const row = page.getByTestId(`lead-row-${lead.id}`);
  await expect(row).toContainText('Nguyễn Thị Lan');
  await expect(page.getByTestId('leads-total')).toHaveText(/^1 khách hàng tiềm năng/);
  await expect(page.getByRole('columnheader', { name: 'Điểm' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Giai đoạn' })).toBeVisible();
  await expect(row.getByText('lạnh')).toBeVisible();

  // Still Vietnamese after a reload: the choice lives on the user, not in the page.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Khách hàng tiềm năng' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Trang sau' })).toBeVisible();
  await expect(page.getByLabel('Ngôn ngữ')).toHaveValue('vi');

  // Someone else (the admin every spec runs as) still sees English.
  await adminPage.goto('/leads');
  await expect(adminPage.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await expect(adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads', exact: true })).toBeVisible();

  await page.getByLabel('Ngôn ngữ').selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'Leads' })).toBeVisible();
  await context.close();
});
