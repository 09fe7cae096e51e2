/** With Tiếng Việt chosen, the admin and ops pages speak Vietnamese: Runs, Audit, Team, the Outbox and the CSV import. */
import { expect, test, type Page } from '@playwright/test';
import { createTeammate, signedIn, trpc, type Teammate } from './team';

/** A fresh teammate who picks Tiếng Việt in the user menu, as a person would. */
async function inVietnamese(browser: Parameters<typeof signedIn>[0], who: Teammate): Promise<{ page: Page; close: () => Promise<void> }> {
  const { context, page } = await signedIn(browser, who);
  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  return { page, close: () => context.close() };
}

test('an admin in Vietnamese: Runs, Audit, Team and the Outbox are in Vietnamese, with dates written the Vietnamese way', async ({ browser, request }) => {
  const admin = await createTeammate(request, 'admin');
  // Something dated in the audit log and a pending invitation to show.
  await trpc(request, 'users.invite', { email: `invitee-${Math.random().toString(36).slice(2, 8)}@team.e2e.leadflow.test`, role: 'sales' });
  const { page, close } = await inVietnamese(browser, admin);
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });

  await nav.getByRole('link', { name: 'Lượt chạy', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lượt chạy' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Lượt chạy lỗi' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Tin không gửi được' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Lý do' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Số lần thử' })).toBeVisible();

  await nav.getByRole('link', { name: 'Nhật ký', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhật ký hoạt động' })).toBeVisible();
  await expect(page.getByLabel('Thao tác bắt đầu bằng')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Người thực hiện' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cũ hơn' })).toBeVisible();
  // dd/mm/yyyy, as vi-VN writes a date.
  await expect(page.getByTestId('audit-row').first().getByRole('cell').first()).toHaveText(/\d{1,2} thg \d{1,2}, \d{4}|\d{2}\/\d{2}\/\d{4}/);

  await nav.getByRole('link', { name: 'Nhóm', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nhóm' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thành viên' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mời đồng nghiệp' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Khóa API' })).toBeVisible();
  await expect(page.getByLabel(`Vai trò của ${admin.email}`)).toHaveValue('admin');
  await expect(page.getByLabel(`Vai trò của ${admin.email}`).locator('option:checked')).toHaveText('quản trị viên');
  await expect(page.getByRole('button', { name: 'Gửi lời mời' })).toBeVisible();
  await expect(page.getByText('đang chờ').first()).toBeVisible();

  await nav.getByRole('link', { name: 'Email', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Hộp thư đi' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Người nhận' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Các trang hộp thư đi' }).getByRole('button', { name: 'Trang sau' })).toBeVisible();
  await close();
});

test('a marketer in Vietnamese imports a CSV: upload, mapping, preview, dry run with the bad row, and progress are in Vietnamese', async ({ browser, request }) => {
  const marketer = await createTeammate(request, 'marketer');
  const tag = Math.random().toString(36).slice(2, 10);
  const csv = ['Email,Họ và tên,Công ty', `lan-${tag}@import-vi.e2e.test,Nguyễn Thị Lan,Sao Việt`, `hong-${tag},Lê Hồng,Acme`].join('\n');
  const { page, close } = await inVietnamese(browser, marketer);

  await page.goto('/leads/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Nhập khách hàng tiềm năng từ tệp CSV' })).toBeVisible();
  await page.getByLabel('Tệp CSV (dòng đầu tiên là tên các cột; mã hóa UTF-8)').setInputFiles({ name: `vi-${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Tải lên' }).click();

  await expect(page).toHaveURL(/\/leads\/import\?id=/);
  await expect(page.getByRole('heading', { name: 'Các cột' })).toBeVisible();
  await expect(page.getByLabel('Trường cho cột Họ và tên').locator('option:checked')).toHaveText('Họ và tên');
  await expect(page.getByRole('heading', { name: 'Xem trước' })).toBeVisible();
  await expect(page.getByTestId('import-preview')).toContainText('Nguyễn Thị Lan');

  await page.getByRole('button', { name: 'Chạy thử' }).click();
  await expect(page.getByTestId('import-counts')).toContainText('2/2 dòng (100%)');
  await expect(page.getByTestId('import-counts')).toContainText('1 dòng lỗi');
  await expect(page.getByTestId('import-errors')).toContainText('Các dòng sẽ bị bỏ qua');
  await expect(page.getByRole('columnheader', { name: 'Vấn đề' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Nhập 2 dòng' })).toBeEnabled();
  await close();
});
