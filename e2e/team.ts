/** Teammates for role-specific specs: the admin creates a user of a role, and a fresh browser context signs in as them. */
import { expect, type APIRequestContext, type Browser, type BrowserContext, type Page } from '@playwright/test';

export type Role = 'admin' | 'marketer' | 'sales' | 'ops';
export interface Teammate {
  email: string;
  password: string;
  role: Role;
  /** Sales users work this owner's desk. */
  ownerHandle?: string;
}

/** A tRPC mutation through `request` (the admin by default); throws on any refusal. */
export async function trpc<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  if (!res.ok()) throw new Error(`${path} failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** A tRPC query through `request`. */
export async function trpcQuery<T>(request: APIRequestContext, path: string, input?: unknown): Promise<T> {
  const res = await request.get(`/api/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`);
  if (!res.ok()) throw new Error(`${path} failed: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** `request` is the default (admin) fixture; a sales user gets a sales owner of their own. */
export async function createTeammate(request: APIRequestContext, role: Role): Promise<Teammate> {
  const tag = Math.random().toString(36).slice(2, 8);
  const email = `${role}-${tag}@team.e2e.leadflow.test`;
  const password = `pw-${tag}-${Math.random().toString(36).slice(2)}`;
  let salesOwnerId: string | null = null;
  let ownerHandle: string | undefined;
  if (role === 'sales') {
    ownerHandle = `rep.${tag}`;
    salesOwnerId = (await trpc<{ id: string }>(request, 'settings.saveOwner', { handle: ownerHandle, name: `Rep ${tag}`, email, active: true })).id;
  }
  await trpc(request, 'users.create', { email, name: `${role} ${tag}`, role, password, salesOwnerId });
  return { email, password, role, ownerHandle };
}

/** A new context with no stored session, signed in through the sign-in page like a person would. */
export async function signedIn(browser: Browser, who: Teammate, viewport = { width: 1280, height: 800 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, viewport });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/dashboard/);
  await expect(page.getByTestId('signed-in-as')).toContainText(who.role);
  return { context, page };
}

/** Calls a tRPC mutation from a signed-in page's context; returns the HTTP status (403 when the role may not). */
export async function mutationStatus(page: Page, path: string, input: unknown): Promise<number> {
  const res = await page.request.post(`/api/trpc/${path}`, { data: { json: input } });
  return res.status();
}
