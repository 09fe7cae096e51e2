/** Helpers for the journey editor specs: create a journey, drop palette kinds, wire handles, publish, read the canvas. */
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { auth } from './support';

export const uniqueName = (prefix: string) => `${prefix} ${Math.random().toString(36).slice(2, 8)}`;

const created: string[] = [];

/**
 * Archives the journeys this spec file created: a published test journey would otherwise take every lead
 * captured later, and its emails would count against those leads' sending limit in other specs.
 */
export async function archiveCreatedJourneys(request: APIRequestContext): Promise<void> {
  for (const id of created.splice(0)) {
    const res = await request.post('/api/trpc/journeys.archive', { data: { json: { id } } });
    expect(res.ok()).toBe(true);
  }
}

/** Creates a journey from the list page and waits for its editor; returns the journey id. */
export async function createJourney(page: Page, name: string, from: 'blank' | 'template'): Promise<string> {
  await page.goto('/journeys');
  await page.getByTestId('new-journey-name').fill(name);
  await page.getByTestId(from === 'blank' ? 'create-blank' : 'create-from-template').click();
  await page.waitForURL(/\/journeys\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(node(page, 'trigger')).toBeVisible();
  const id = page.url().split('/').pop()!;
  created.push(id);
  return id;
}

export const node = (page: Page, id: string): Locator => page.locator(`.react-flow__node[data-id="${id}"]`);
export const canvas = (page: Page): Locator => page.getByLabel('Journey canvas');

/** The id of the one selected node, as the side panel shows it. */
export async function selectedNodeId(page: Page): Promise<string> {
  const text = await page.getByTestId('inspector').getByText(/^Id: /).textContent();
  return text!.replace(/^Id: /, '').trim();
}

/**
 * Drags a palette kind onto the canvas with a real HTML5 drag and drop; `at` is relative to the canvas'
 * top-left corner and becomes the node's top-left. Returns the new node's id (it arrives selected).
 */
export async function dropKind(page: Page, kind: string, at: { x: number; y: number }): Promise<string> {
  const before = await page.locator('.react-flow__node').count();
  await page.getByTestId(`palette-${kind}`).dragTo(canvas(page), { targetPosition: at });
  await expect(page.locator('.react-flow__node')).toHaveCount(before + 1);
  await expect(page.getByTestId('inspector')).toBeVisible();
  return selectedNodeId(page);
}

/** Selects a node by clicking its title, so the side panel shows its settings. */
export async function selectNode(page: Page, id: string): Promise<Locator> {
  await node(page, id).locator('.jnode-title').click();
  await expect(page.getByTestId('inspector').getByText(`Id: ${id}`)).toBeVisible();
  return page.getByTestId('inspector');
}

const centre = async (l: Locator) => {
  const box = await l.boundingBox();
  if (!box) throw new Error('handle not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/**
 * Drags from a source node's output handle to a target node's input handle, like a person wiring two steps.
 * Nodes grow and shrink as the live compile adds or clears their problem notes, so a drag that started from
 * a handle that just moved is tried again from where the handle is now.
 */
export async function connect(page: Page, source: string, output: string, target: string): Promise<void> {
  const edge = page.locator(`.react-flow__edge[data-id="e-${source}-${output}-${target}"]`);
  await expect(async () => {
    if ((await edge.count()) === 1) return;
    const from = await centre(node(page, source).locator(`.react-flow__handle.source[data-handleid="${output}"]`));
    const to = await centre(node(page, target).locator('.react-flow__handle.target'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect(edge).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Renames the selected node through the side panel. */
export async function rename(page: Page, label: string): Promise<void> {
  await page.getByTestId('inspector').getByLabel('Name', { exact: true }).fill(label);
}

export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText('All changes saved');
}

/** Publishes (confirming warnings if the dialog asks) and waits for the editor to say which version went live. */
export async function publish(page: Page, version: number): Promise<void> {
  await expect(page.getByTestId('problems')).toBeEmpty();
  await expect(page.getByTestId('publish')).toBeEnabled();
  await page.getByTestId('publish').click();
  const confirm = page.getByTestId('publish-confirm');
  const status = page.getByTestId('publish-status');
  await expect(page.locator('[data-testid="publish-confirm"][open], [data-testid="publish-status"]')).toBeVisible();
  if (await confirm.isVisible()) await page.getByTestId('publish-confirm-accept').click();
  await expect(status).toHaveText(`Published version ${version}.`);
  await expect(page.getByText(`live v${version}`, { exact: true })).toBeVisible();
}

export interface LeadRun {
  journey_id: string;
  journey_version: number;
  current_node: string | null;
  status: string;
}

export async function leadRuns(request: APIRequestContext, leadId: string): Promise<LeadRun[]> {
  const res = await request.get(`/api/leads/${leadId}`, { headers: auth });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { journey_runs: LeadRun[] }).journey_runs;
}

/** Waits until the lead's run of a journey is at a node (as the API reports it). */
export async function expectRunAt(request: APIRequestContext, leadId: string, journeyId: string, nodeId: string): Promise<LeadRun> {
  let found: LeadRun | undefined;
  await expect
    .poll(async () => {
      found = (await leadRuns(request, leadId)).find((r) => r.journey_id === journeyId);
      return found?.current_node;
    }, { timeout: 60_000 })
    .toBe(nodeId);
  return found!;
}
