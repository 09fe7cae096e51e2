/** Server-written sentences as keys and params: English for the API equals the catalog's English, Vietnamese resolves, and every key lib/ names exists. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileJourney } from '@/lib/journey/compiler';
import { english, formatText, text } from './server-text';
import { hasEnglishMessage, sourceFiles } from './catalog.test-support';
import { inVietnamese } from './server-text.test-support';

describe('server text', () => {
  it('formats nested sentences inside out, in English and in Vietnamese', () => {
    const t = text('serverText.problem.unreachable', { step: text('serverText.step.unnamed', { kind: text('journeyEditor.kind.send_email'), id: 'mail-1' }) });
    expect(english(t)).toBe('the Send email step (mail-1) can never be reached from the trigger.');
    expect(inVietnamese(t)).toBe('Không bao giờ đi tới được bước Gửi email (mail-1) từ bước kích hoạt.');
  });

  it('lets the caller word a nested sentence itself, as the editor does for a step it shows under another title', () => {
    const t = text('serverText.problem.unreachable', { step: text('serverText.step.named', { label: 'Wait 3 days', id: 'w' }) });
    expect(english(t)).toBe('“Wait 3 days” can never be reached from the trigger.');
    const vi = (k: string, p: Record<string, string | number>) => inVietnamese(text(k, p));
    expect(formatText(vi, t, (v) => (v.key === 'serverText.step.named' && v.params?.id === 'w' ? '“Chờ 3 ngày”' : undefined))).toBe(
      'Không bao giờ đi tới được “Chờ 3 ngày” từ bước kích hoạt.',
    );
  });

  it('plural params follow each language', () => {
    expect(english(text('serverText.issue.listMin', { count: 1 }))).toBe('list needs at least 1 entry');
    expect(english(text('serverText.issue.listMin', { count: 2 }))).toBe('list needs at least 2 entries');
    expect(inVietnamese(text('serverText.issue.listMin', { count: 2 }))).toBe('cần ít nhất 2 mục');
  });

  it('a compiled problem keeps its English message for API callers and reads in Vietnamese from the same key', () => {
    const result = compileJourney({ nodes: [{ id: 'w', type: 'wait', position: { x: 0, y: 0 }, data: { label: '', config: { duration: { amount: 0, unit: 'days' } } } }], edges: [] }, { name: 'J' });
    const messages = result.problems.map((p) => p.message);
    expect(messages).toContain('The journey has no trigger: add one so leads know where to start.');
    expect(messages).toContain('the Wait step (w): the duration must be longer than zero.');
    expect(result.problems.map((p) => inVietnamese(p.text!))).toEqual(
      expect.arrayContaining(['Hành trình chưa có bước kích hoạt: hãy thêm một bước để khách hàng biết bắt đầu từ đâu.', 'bước Chờ (w): thời lượng phải dài hơn 0.']),
    );
  });

  it('every literal serverText key in lib/ and server/ exists in the catalog', async () => {
    const files = (await Promise.all(['lib', 'server'].map((r) => sourceFiles(path.join(process.cwd(), r), { withTests: true })))).flat();
    const missing: string[] = [];
    let count = 0;
    for (const f of files) {
      for (const m of (await readFile(f, 'utf8')).matchAll(/['`](serverText\.[\w.]+)['`]/g)) {
        count++;
        if (!hasEnglishMessage(m[1]!)) missing.push(`${path.relative(process.cwd(), f)}: ${m[1]}`);
      }
    }
    expect(count).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
