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

test('with Tiếng Việt chosen, the journey editor reads in Vietnamese: palette, step settings, problems, publish review, versions and simulate', async ({ browser, request }) => {
  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer);
  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  await page.goto('/journeys');
  const name = `Hành trình thử ${Math.random().toString(36).slice(2, 8)}`;
  await page.getByLabel('Tên', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Tạo từ mẫu (hành trình mặc định)' }).click();
  await page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  try {
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText('Đã lưu mọi thay đổi');
    const palette = page.getByRole('navigation', { name: 'Thêm bước' });
    await expect(palette.getByRole('heading', { name: 'Các bước' })).toBeVisible();
    await expect(palette.getByRole('button', { name: 'Thêm bước Gửi email' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Lỗi (0)' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lịch sử phiên bản' })).toContainText('Chưa xuất bản.');
    await expect(page.getByRole('complementary', { name: 'Thiết lập bước' })).toContainText('Chọn một bước để chỉnh sửa.');

    // A new Wait step: its settings and its line on the canvas in Vietnamese; unconnected, it is a problem.
    await palette.getByRole('button', { name: 'Thêm bước Chờ', exact: true }).click();
    const inspector = page.getByTestId('inspector');
    await expect(inspector.getByRole('heading', { name: 'Chờ', exact: true })).toBeVisible();
    await expect(inspector.getByRole('group', { name: 'Chờ trong' })).toBeVisible();
    await expect(inspector.getByLabel('Chờ trong – đơn vị').locator('option:checked')).toHaveText('ngày');
    const waitId = (await inspector.getByText(/^Mã: /).textContent())!.replace(/^Mã: /, '').trim();
    await expect(page.locator(`.react-flow__node[data-id="${waitId}"] .jnode-summary`)).toHaveText('chờ 1 ngày');
    await expect(page.getByRole('heading', { name: /^Lỗi \([1-9]\d*\)$/ })).toBeVisible();
    await page.getByRole('button', { name: 'Hoàn tác (Ctrl+Z)' }).click();
    await expect(page.getByRole('heading', { name: 'Lỗi (0)' })).toBeVisible();

    // The publish review, opened and cancelled: this test journey must not go live.
    await page.getByTestId('publish').click();
    const review = page.getByTestId('publish-confirm');
    await expect(review.getByRole('heading', { name: 'Xuất bản v1?' })).toBeVisible();
    await expect(review.getByRole('heading', { name: 'Những gì thay đổi' })).toBeVisible();
    await review.getByRole('button', { name: 'Hủy' }).click();
    await expect(review).toBeHidden();

    // Simulate: a Vietnamese buyer title by default, the result and the stage in Vietnamese.
    const sim = page.getByRole('region', { name: 'Mô phỏng một khách hàng' });
    await expect(sim.getByLabel('Chức danh')).toHaveValue('Giám đốc Marketing');
    await sim.getByRole('button', { name: 'Mô phỏng', exact: true }).click();
    await expect(sim.getByText(/^Điểm hồ sơ \d+ → điểm cuối \d+ \((lạnh|ấm|tương tác|nóng)\)\./)).toBeVisible();
  } finally {
    await trpc(request, 'journeys.archive', { id });
    await context.close();
  }
});
