/** Forms in Vietnamese: the builder follows the marketer's language; the hosted form, its errors, the double opt-in mail and the confirmation page follow the org's. */
import { expect, test } from '@playwright/test';
import { createTeammate, signedIn, trpc } from './team';

const SINK = process.env.LEADFLOW_TEST_MAIL_SINK ?? '';

test('a marketer in Tiếng Việt builds a form; with Vietnamese as the org language its hosted page, errors, confirmation mail and page are Vietnamese', async ({ browser, request }) => {
  const marketer = await createTeammate(request, 'marketer');
  const tag = Math.random().toString(36).slice(2, 10);
  const { context, page } = await signedIn(browser, marketer);
  // The org's default email language is what a public form speaks; put English back for the specs after this one.
  await trpc(request, 'settings.saveEmailLanguage', { locale: 'vi' });
  try {
    await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Biểu mẫu', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Biểu mẫu' })).toBeVisible();
    await page.getByRole('link', { name: 'Tạo biểu mẫu' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Biểu mẫu mới' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Các trường' })).toBeVisible();
    // A new form's words start in the marketer's language.
    await expect(page.getByLabel('Nhãn của first_name')).toHaveValue('Tên');
    await expect(page.getByLabel('Nút gửi')).toHaveValue('Gửi thông tin');
    await expect(page.getByTestId('form-language')).toContainText('Tiếng Việt');
    await page.getByLabel('Tên (khách hàng tiềm năng có nguồn form:<name>)').fill(`Hội thảo ${tag}`);
    await page.getByLabel('Tiêu đề hiển thị phía trên biểu mẫu').fill('Đăng ký hội thảo');
    await page.getByTestId('double-opt-in').check();
    await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
    await expect(page.getByRole('heading', { name: 'Xuất bản' })).toBeVisible();
    await expect(page.getByLabel('Mã nhúng: dán vào nơi muốn hiển thị biểu mẫu (website phải có trong danh sách ở trên)')).toHaveValue(/<script src=/);
    const hosted = (await page.getByTestId('hosted-link').getAttribute('href'))!;

    // A visitor on the hosted page, whatever their browser's language.
    const visitor = await context.newPage();
    await visitor.goto(hosted);
    const form = visitor.locator('form.lf-form');
    await expect(form).toHaveAttribute('lang', 'vi');
    await expect(form.getByRole('heading', { name: 'Đăng ký hội thảo' })).toBeVisible();
    await form.getByLabel('Email *').fill('khong-phai-email');
    await form.getByRole('button', { name: 'Gửi thông tin' }).click();
    await expect(form.locator('[data-error-for="email"]')).toHaveText('Địa chỉ email không hợp lệ');
    await expect(form.locator('[data-error-for="consent"]')).toHaveText('Vui lòng đánh dấu vào ô này để tiếp tục');

    const email = `hoi-thao-${tag}@forms-vi.e2e.test`;
    await form.getByLabel('Email *').fill(email);
    await form.getByLabel('Tên', { exact: true }).fill('Lan');
    await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Gửi thông tin' }).click();
    const done = visitor.locator('[data-leadflow-done]');
    await expect(done).toContainText('Cảm ơn anh/chị! Chúng tôi sẽ liên hệ trong thời gian sớm nhất.');
    await expect(done).toContainText('Vui lòng kiểm tra hộp thư');

    // The confirmation mail is Vietnamese (the lead read the form in Vietnamese), and so is the page its link opens.
    expect(SINK).not.toBe('');
    let mail: { subject: string; text: string } | undefined;
    await expect
      .poll(
        async () => {
          const res = await request.get(`${SINK}/_sink/messages?to=${encodeURIComponent(email)}`);
          mail = ((await res.json()) as { data: { subject: string; text: string }[] }).data[0];
          return mail?.subject;
        },
        { timeout: 30_000 },
      )
      .toBe('Xác nhận email của anh/chị cho “Đăng ký hội thảo”');
    const link = new URL(/https?:\/\/\S+\/f\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail!.text)![0]);
    await visitor.goto(`${link.pathname}${link.search}`);
    await expect(visitor.getByRole('heading', { level: 1, name: 'Xác nhận email của anh/chị' })).toBeVisible();
    await visitor.getByRole('button', { name: 'Xác nhận email của tôi' }).click();
    await expect(visitor.getByTestId('confirmed')).toContainText('Cảm ơn anh/chị: email đã được xác nhận.');
  } finally {
    await trpc(request, 'settings.saveEmailLanguage', { locale: 'en' });
    await context.close();
  }
});
