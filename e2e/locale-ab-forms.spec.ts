/** The A/B card (verdict, auto-winner reason) and the form builder's problems in Vietnamese, with no English left in their words. */
import { expect, test } from '@playwright/test';
import { createTeammate, signedIn, trpc, trpcQuery } from './team';

const ENGLISH = /\b(the|and|of|for|more|needed|variants?|sent|winner|Waiting|sample|date|Needs|with|is|must|use|letters|required|already|called|Field|Name)\b/;

test('in Tiếng Việt, the A/B card\'s verdict and auto-winner reason and the form builder\'s problems read in Vietnamese', async ({ browser, request }) => {
  const tag = Math.random().toString(36).slice(2, 8);
  // A published journey whose Email A has two variants, entered only by an event no spec sends.
  const { id } = await trpc<{ id: string }>(request, 'journeys.create', { name: `A/B tiếng Việt ${tag}`, from: 'default' });
  const j = await trpcQuery<{ graph: { nodes: { id: string; data: { config: Record<string, unknown> } }[] }; revision: number }>(request, 'journeys.get', { id });
  j.graph.nodes.find((n) => n.id === 'trigger')!.data.config = { on: 'event', eventType: `e2e_never_${tag}` };
  j.graph.nodes.find((n) => n.id === 'email-a')!.data.config = { template: 'email-a-nurture', oncePerLead: true, variants: [{ id: 'A1', weight: 50, subject: 'Một' }, { id: 'A2', weight: 50, subject: 'Hai' }] };
  await trpc(request, 'journeys.saveDraft', { id, graph: j.graph, baseRevision: j.revision });
  await trpc(request, 'journeys.publish', { id, acceptWarnings: true });
  const taken = `Biểu mẫu có sẵn ${tag}`;
  await trpc(request, 'forms.save', {
    id: null,
    form: { name: taken, title: '', submitLabel: 'Gửi', fields: [{ key: 'email', label: 'Email', required: true }], consent: { enabled: false, label: '', required: false }, thankYou: { kind: 'message', message: 'Cảm ơn' }, allowedOrigins: [] },
  });

  const marketer = await createTeammate(request, 'marketer');
  const { context, page } = await signedIn(browser, marketer, { width: 1600, height: 1000 });
  try {
    await page.getByLabel('Language').selectOption({ label: 'Tiếng Việt' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');

    await page.goto('/emails');
    const card = page.getByTestId(`experiment-${id}-email-a`);
    const verdict = page.getByTestId(`experiment-${id}-email-a-verdict`);
    await expect(verdict).toContainText('Cần ít nhất hai phương án đã được gửi.');
    expect(ENGLISH.test((await verdict.innerText()).replace(/A1|A2/g, ''))).toBe(false);

    // Turning the auto-winner on: its runner looks at once and stores a reason the panel words in Vietnamese.
    await card.getByTestId(`experiment-${id}-email-a-auto-enabled`).check();
    await card.getByTestId(`experiment-${id}-email-a-auto-save`).click();
    const state = card.getByTestId(`experiment-${id}-email-a-auto-state`);
    await expect(async () => {
      await page.reload();
      await expect(state).toContainText('Đang chờ đủ mẫu hoặc đến ngày: 0 trên', { timeout: 3_000 });
    }).toPass({ timeout: 60_000 });
    expect(ENGLISH.test(await state.innerText())).toBe(false);

    // The form builder: the browser's check and the server's refusal, each naming the field as the builder does.
    await page.goto('/forms/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Biểu mẫu mới' })).toBeVisible();
    const problem = page.getByTestId('form-problem');
    await page.getByTestId('form-name').fill('a/b');
    await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
    await expect(problem).toHaveText('Tên: chỉ dùng chữ cái, chữ số, dấu cách và _ . -');
    await page.getByTestId('form-name').fill(`Mới ${tag}`);
    await page.getByTestId('form-origins').fill('ftp://files.example.com');
    await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
    await expect(problem).toHaveText('Các website được nhúng biểu mẫu này: "ftp://files.example.com" không phải một origin (https://example.com) hay mẫu tên miền (*.example.com)');
    await page.getByTestId('form-origins').fill('');
    await page.getByTestId('thank-you-kind').selectOption('redirect');
    await page.getByTestId('thank-you-url').fill('ftp://files.example.com/x');
    await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
    await expect(problem).toHaveText('URL chuyển hướng: phải là một địa chỉ http(s)');
    await page.getByTestId('thank-you-kind').selectOption('message');
    await page.getByTestId('form-name').fill(taken);
    await page.getByRole('button', { name: 'Tạo biểu mẫu' }).click();
    await expect(problem).toHaveText(`Tên: đã có một biểu mẫu khác tên "${taken}"`);
  } finally {
    await trpc(request, 'experiments.setAutoWinner', { journeyId: id, nodeId: 'email-a', enabled: false, metric: 'clicked', minPerVariant: 100, confidence: 95, decideAfter: null }).catch(() => undefined);
    await trpc(request, 'journeys.archive', { id });
    await context.close();
  }
});
