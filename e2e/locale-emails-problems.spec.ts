/** The Emails page, the copy editor, the template manager and the journey editor's problems in Vietnamese, with no English left in their words. */
import { expect, test, type Locator } from '@playwright/test';
import { createTeammate, signedIn, trpc } from './team';

// Words a Vietnamese page only shows if something was left in English (none of them is a Vietnamese word).
const ENGLISH = /\b(the|and|of|with|your|Save|Send|Edit|Templates?|Subject|Heading|Layout|Create|Delete|Archive|Preview|Sample|Bounce|rate|Judge|winner|Problems?|step|never|reached|connected|output|leads?|Wait|trigger|chosen|captured)\b/;

/** The interface's own words in a region: headings, labels, buttons, hints, list items and the option groups' names. */
async function wordsIn(region: Locator, selector = 'h1, h2, h3, label, legend, button:not([role="tab"]), th, p, li'): Promise<string[]> {
  const texts = await region.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
  const groups = await region.locator('optgroup').evaluateAll((els) => els.map((e) => (e as HTMLOptGroupElement).label));
  return [...texts, ...groups];
}

const english = (texts: string[]) => texts.filter((s) => ENGLISH.test(s));

test('in Tiếng Việt, the Emails page, the copy editor and the journey problems read in Vietnamese, steps titled by the editor included', async ({ browser, request }) => {
  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer, { width: 1600, height: 1000 });
  await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

  // The Emails page: heading, bounce-rate line, the A/B card's own words.
  await page.goto('/emails');
  await expect(page.getByRole('heading', { level: 1, name: 'Email' })).toBeVisible();
  await expect(page).toHaveTitle('Email · Leadflow');
  await expect(page.getByTestId('bounce-rate')).toHaveText(/^Tỷ lệ thư bị trả lại, 7 ngày qua: \d+,\d% \([\d.]+ trên [\d.]+\)$/);
  const experiments = page.getByTestId('experiments');
  await expect(experiments.getByRole('heading', { name: 'Thử nghiệm A/B' })).toBeVisible();
  await expect(experiments.getByLabel('Đánh giá theo')).toBeVisible();
  expect(english(await wordsIn(experiments, ':scope > .row h2, :scope > .row label, :scope > p.muted'))).toEqual([]);

  // The copy editor opens on the Vietnamese copy; its labels, buttons and built-in template names are Vietnamese.
  const editor = page.getByTestId('copy-editor');
  await expect(editor.getByRole('heading', { name: 'Sửa nội dung email' })).toBeVisible();
  await expect(editor.getByTestId('copy-locale-vi')).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByLabel('Tiêu đề', { exact: true })).not.toHaveValue('');
  await expect(editor.getByLabel('Mẫu email').locator('option:checked')).toHaveText('Email A — Nuôi dưỡng (điểm < 20)');
  await expect(editor.getByRole('button', { name: 'Gửi email thử' })).toBeVisible();
  await expect(editor.getByTestId('copy-preview-subject')).toContainText('Tiêu đề:');
  const builtIn = await editor.locator('#copy-key optgroup').first().locator('option').allInnerTexts();
  expect(builtIn.length).toBeGreaterThan(5);
  expect(english(builtIn)).toEqual([]);
  // A placeholder typo is named in Vietnamese.
  await editor.getByLabel('Tiêu đề lớn').fill('Chào {{ten}}');
  await expect(editor.getByTestId('unknown-heading')).toHaveText('Biến thay thế không xác định {{ten}}');
  // The template manager and the previews.
  const manager = editor.getByTestId('new-template');
  await expect(manager.getByRole('group', { name: 'Mẫu mới từ bố cục' })).toBeVisible();
  await expect(manager.getByRole('button', { name: 'Tạo mẫu' })).toBeDisabled();
  expect(english([...(await wordsIn(editor, ':scope > h2, :scope > p.muted, label, legend, button:not([role="tab"]), p.field-hint')), ...(await manager.locator('option').allInnerTexts())])).toEqual([]);
  const previews = page.getByTestId('template-preview');
  await expect(previews.getByRole('heading', { name: 'Mẫu email' })).toBeVisible();
  await expect(previews.getByLabel('Tên mẫu')).toBeVisible();
  expect(english(await wordsIn(previews, 'h2, label'))).toEqual([]);

  // The journey editor: a blank journey, one Wait step retimed and one Send email step with no template, both stranded.
  await page.goto('/journeys');
  const name = `Lỗi tiếng Việt ${Math.random().toString(36).slice(2, 8)}`;
  await page.getByLabel('Tên', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Tạo hành trình trống' }).click();
  await page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  try {
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    // The blank journey's stored "Lead captured" reads in Vietnamese.
    await expect(page.locator('.react-flow__node[data-id="trigger"] .jnode-title')).toHaveText('Khách hàng mới được ghi nhận');
    const palette = page.getByRole('navigation', { name: 'Thêm bước' });
    const inspector = page.getByTestId('inspector');
    const idOf = async () => (await inspector.getByText(/^Mã: /).textContent())!.replace(/^Mã: /, '').trim();

    await palette.getByRole('button', { name: 'Thêm bước Chờ', exact: true }).click();
    await expect(inspector.getByRole('heading', { name: 'Chờ', exact: true })).toBeVisible();
    const waitId = await idOf();
    await inspector.getByLabel('Chờ trong – số lượng').fill('3');
    // The editor stores "Wait 3 days" as the title; a Vietnamese reader sees it in Vietnamese, on the canvas and in the name field.
    await expect(page.locator(`.react-flow__node[data-id="${waitId}"] .jnode-title`)).toHaveText('Chờ 3 ngày');
    await expect(inspector.getByLabel('Tên', { exact: true })).toHaveValue('Chờ 3 ngày');

    await palette.getByRole('button', { name: 'Thêm bước Gửi email', exact: true }).click();
    await expect(inspector.getByRole('heading', { name: 'Gửi email', exact: true })).toBeVisible();
    const emailId = await idOf();

    const problems = page.getByTestId('problems');
    await expect(page.getByRole('heading', { name: 'Lỗi (4)' })).toBeVisible();
    await expect(problems.getByTestId('problem-trigger')).toContainText('“Khách hàng mới được ghi nhận” chưa được nối với bước nào.');
    await expect(problems.getByTestId(`problem-${waitId}`)).toContainText('Không bao giờ đi tới được “Chờ 3 ngày” từ bước kích hoạt.');
    await expect(problems.getByTestId(`problem-${emailId}`)).toContainText('“Gửi email” chưa chọn mẫu email.');
    await expect(page.locator(`.react-flow__node[data-id="${emailId}"] .jnode-problems`)).toContainText('“Gửi email” chưa chọn mẫu email.');
    const listed = await problems.locator('li').allInnerTexts();
    expect(listed).toHaveLength(3);
    expect(english(listed)).toEqual([]);
    expect(english(await wordsIn(page.getByRole('region', { name: 'Lỗi' })))).toEqual([]);
  } finally {
    await trpc(request, 'journeys.archive', { id });
    await context.close();
  }
});
