/** The template catalog: the built-in templates plus those a marketer created from a layout; creating, archiving and deleting them. */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { customEmailTemplates, emailTemplates, journeys, journeyVersions } from '@/db/schema';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { defaultCopyFor, getTemplate, isLayoutKey, LAYOUTS, TEMPLATE_KEYS, TEMPLATES, type TemplateKey } from '@/lib/email/templates';
import { InputError } from './input-error';

export interface TemplateListItem {
  key: string;
  label: string;
  kind: 'marketing' | 'sales';
  custom: boolean;
  layout: TemplateKey;
  archived: boolean;
}

export const layoutOptions = () => LAYOUTS.map((l) => ({ key: l.key, label: l.label }));

/** Built-in first, in their fixed order, then created ones by name; archived ones only when asked. */
export async function listTemplates(db: Db, opts: { includeArchived?: boolean } = {}): Promise<TemplateListItem[]> {
  const rows = await db
    .select()
    .from(customEmailTemplates)
    .where(opts.includeArchived ? undefined : isNull(customEmailTemplates.archivedAt))
    .orderBy(asc(customEmailTemplates.name));
  const builtIn = TEMPLATE_KEYS.map((key) => ({ key, label: TEMPLATES[key].label, kind: TEMPLATES[key].kind, custom: false, layout: key, archived: false }));
  const created = rows.map((r) => ({ key: r.key, label: r.name, kind: getTemplate(r.layout).kind, custom: true, layout: r.layout as TemplateKey, archived: r.archivedAt !== null }));
  return [...builtIn, ...created];
}

/** What a journey step may pick and the compiler accepts: every built-in template and the created ones not archived. */
export async function journeyTemplateKeys(db: Db): Promise<string[]> {
  return (await listTemplates(db)).map((t) => t.key);
}

const slug = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'template';

/**
 * Creates a template laid out like `layout`. It starts with the layout's sample copy in the org's default language only:
 * until the marketer writes the other language, those leads receive this one rather than unrelated sample words.
 */
export async function createTemplate(db: Db, input: { name: string; layout: string }, createdBy: string | null): Promise<TemplateListItem> {
  const name = input.name.trim();
  if (!isLayoutKey(input.layout)) throw new InputError('layout', `choose one of: ${LAYOUTS.map((l) => l.key).join(', ')}`);
  const taken = await db.select({ key: customEmailTemplates.key }).from(customEmailTemplates).where(eq(customEmailTemplates.name, name));
  if (taken.length > 0 || Object.values(TEMPLATES).some((t) => t.label === name)) throw new InputError('name', `a template named “${name}” already exists`, 'conflict');
  const key = `custom-${slug(name)}-${randomBytes(3).toString('hex')}`;
  const locale = await loadDefaultEmailLocale(db);
  const layout: TemplateKey = input.layout;
  await db.transaction(async (tx) => {
    await tx.insert(customEmailTemplates).values({ key, name, layout, createdBy });
    await tx.insert(emailTemplates).values({ key, locale, copy: defaultCopyFor(layout, locale) });
  });
  return { key, label: name, kind: getTemplate(layout).kind, custom: true, layout, archived: false };
}

async function customRow(db: Db, key: string) {
  const [row] = await db.select().from(customEmailTemplates).where(eq(customEmailTemplates.key, key));
  if (!row) throw new InputError('key', TEMPLATE_KEYS.includes(key as TemplateKey) ? 'built-in templates cannot be archived or deleted' : `no created template “${key}”`, 'not_found');
  return row;
}

function usesTemplate(definition: unknown, key: string): { step: string } | null {
  const nodes = (definition as { nodes?: { kind?: string; label?: string; id?: string; config?: { template?: string; variants?: { template?: string }[] } }[] }).nodes ?? [];
  for (const n of nodes) {
    if (n.kind !== 'send_email') continue;
    if (n.config?.template === key || n.config?.variants?.some((v) => v.template === key)) return { step: n.label || n.id || 'Send email' };
  }
  return null;
}

/** A published journey (any of its versions: leads stay on the version they started) whose send step uses `key`. */
async function publishedUse(db: Db, key: string): Promise<{ journey: string; step: string } | null> {
  const live = await db.select({ id: journeys.id, name: journeys.name }).from(journeys).where(eq(journeys.status, 'published'));
  if (live.length === 0) return null;
  const versions = await db
    .select({ journeyId: journeyVersions.journeyId, definition: journeyVersions.definition })
    .from(journeyVersions)
    .where(inArray(journeyVersions.journeyId, live.map((j) => j.id)));
  for (const v of versions) {
    const hit = usesTemplate(v.definition, key);
    if (hit) return { journey: live.find((j) => j.id === v.journeyId)!.name, step: hit.step };
  }
  return null;
}

async function refuseIfPublished(db: Db, key: string, name: string, verb: 'archived' | 'deleted') {
  const use = await publishedUse(db, key);
  if (use) {
    throw new InputError(
      'key',
      `“${name}” cannot be ${verb}: the published journey “${use.journey}” sends it (step “${use.step}”). Choose another template in that step and publish, or archive the journey, first.`,
      'conflict',
    );
  }
}

export async function archiveTemplate(db: Db, key: string): Promise<TemplateListItem> {
  const row = await customRow(db, key);
  await refuseIfPublished(db, key, row.name, 'archived');
  await db.update(customEmailTemplates).set({ archivedAt: new Date(), updatedAt: new Date() }).where(eq(customEmailTemplates.key, key));
  return { key, label: row.name, kind: getTemplate(row.layout).kind, custom: true, layout: row.layout as TemplateKey, archived: true };
}

export async function unarchiveTemplate(db: Db, key: string): Promise<TemplateListItem> {
  const row = await customRow(db, key);
  const clash = await db
    .select({ key: customEmailTemplates.key })
    .from(customEmailTemplates)
    .where(and(eq(customEmailTemplates.name, row.name), ne(customEmailTemplates.key, key)));
  if (clash.length > 0) throw new InputError('name', `another template is now named “${row.name}”`, 'conflict');
  await db.update(customEmailTemplates).set({ archivedAt: null, updatedAt: new Date() }).where(eq(customEmailTemplates.key, key));
  return { key, label: row.name, kind: getTemplate(row.layout).kind, custom: true, layout: row.layout as TemplateKey, archived: false };
}

/** Sent messages keep the key for history; the template and its copy go. */
export async function deleteTemplate(db: Db, key: string): Promise<{ key: string; deleted: true }> {
  const row = await customRow(db, key);
  await refuseIfPublished(db, key, row.name, 'deleted');
  await db.transaction(async (tx) => {
    await tx.delete(emailTemplates).where(eq(emailTemplates.key, key));
    await tx.delete(customEmailTemplates).where(eq(customEmailTemplates.key, key));
  });
  return { key, deleted: true };
}
