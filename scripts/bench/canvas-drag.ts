/** Frame rate while dragging one node of a large journey in the real editor, counted with requestAnimationFrame in the page. */
import type { Page } from 'playwright-core';
import type postgres from 'postgres';
import type { CanvasGraph } from '@/lib/journey/graph';
import { signInRequest, type Credentials } from '../lib/sign-in';
import { summarize, type Summary } from './stats';

export type DragFigures =
  | { available: false; reason: string }
  | { available: true; fps: number; frameMs: Summary; longFrames: number; moves: number; nodesRendered: number; moved: boolean; loadMs: number };

type Box = { id: string; x: number; y: number };

export async function measureDrag(page: Page, sql: postgres.Sql, appUrl: string, graph: CanvasGraph, dragMs: number, admin: Credentials): Promise<DragFigures> {
  const [row] = await sql<{ id: string }[]>`
    insert into journeys (name, status, draft_graph) values (${`Bench ${graph.nodes.length} nodes ${Date.now()}`}, 'draft', ${sql.json(JSON.parse(JSON.stringify(graph)) as postgres.JSONValue)})
    returning id`;
  const url = `${appUrl}/journeys/${row!.id}`;
  await signInRequest(page.request, appUrl, admin);
  const cookie = (await page.context().cookies(appUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const probe = await fetch(url, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
  if (probe.status === 404) return { available: false, reason: `GET /journeys/<id> → 404 (no editor page in this build)` };
  if (probe.status >= 400) {
    const text = (await probe.text()).replace(/\s+/g, ' ');
    const hint = /<title>([^<]*)<\/title>/.exec(text)?.[1] ?? text.slice(0, 120);
    return { available: false, reason: `GET /journeys/<id> → ${probe.status} (${hint})` };
  }

  const started = performance.now();
  await page.setViewportSize({ width: 1280, height: 800 });
  // tsx compiles this file with keepNames, which wraps the functions we pass to page.evaluate in __name().
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 30_000 });
  try {
    await page.waitForSelector('.react-flow__node[data-id]', { timeout: 30_000 });
  } catch {
    return { available: false, reason: 'the page loaded but rendered no .react-flow__node within 30 s' };
  }
  const loadMs = performance.now() - started;

  // A node wholly inside the viewport, nearest the centre, so the pointer lands on it and not on the minimap.
  const target = await page.evaluate((): Box | null => {
    const cx = window.innerWidth / 2;
    const cy = window.innerHeight / 2;
    const boxes = [...document.querySelectorAll<HTMLElement>('.react-flow__node[data-id]')].flatMap((el) => {
      const r = el.getBoundingClientRect();
      const inside = r.width > 4 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
      return inside ? [{ id: el.dataset.id!, x: r.left + r.width / 2, y: r.top + Math.min(12, r.height / 2) }] : [];
    });
    boxes.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
    return boxes[0] ?? null;
  });
  if (!target) return { available: false, reason: 'no node fully inside the viewport to drag' };
  const nodesRendered = await page.locator('.react-flow__node[data-id]').count();
  const node = page.locator(`.react-flow__node[data-id="${target.id}"]`);
  const before = await node.evaluate((el) => getComputedStyle(el).transform);

  await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    w.__benchFrames = [];
    w.__benchRecording = true;
    const tick = (ts: number) => {
      w.__benchFrames.push(ts);
      if (w.__benchRecording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  await page.mouse.move(target.x, target.y);
  await page.mouse.down();
  const dragStart = performance.now();
  let moves = 0;
  // A slow loop around the start point: ~60 pointer moves per second, as a hand would produce; bounded in count too.
  while (performance.now() - dragStart < dragMs && moves < 1000) {
    const t = (performance.now() - dragStart) / dragMs;
    await page.mouse.move(target.x + 160 * Math.sin(2 * Math.PI * t), target.y + 90 * (1 - Math.cos(2 * Math.PI * t)) + 40 * t, { steps: 1 });
    moves++;
    await new Promise((r) => setTimeout(r, 12));
  }
  await page.mouse.up();

  const frames = await page.evaluate(() => {
    const w = window as unknown as { __benchFrames: number[]; __benchRecording: boolean };
    w.__benchRecording = false;
    return w.__benchFrames;
  });
  const after = await node.evaluate((el) => getComputedStyle(el).transform);
  const intervals = frames.slice(1).map((ts, i) => ts - frames[i]!);
  const spanMs = frames.length > 1 ? frames[frames.length - 1]! - frames[0]! : Number.NaN;
  return {
    available: true,
    fps: ((frames.length - 1) / spanMs) * 1000,
    frameMs: summarize(intervals),
    longFrames: intervals.filter((d) => d > 50).length,
    moves,
    nodesRendered,
    moved: before !== after,
    loadMs,
  };
}
