/** Capture forms: the marketer's list and editor, and the public view a visitor's browser gets. */
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loadDefaultEmailLocale } from '@/db/email-copy';
import { forms, formSubmissions } from '@/db/schema';
import type { FormDefinition, PublicForm } from '@/lib/forms/definition';
import { english, text, type TextParams } from '@/lib/i18n/server-text';
import { InputError, type InputErrorCode } from './input-error';

/** An InputError whose English comes from the catalog, with its key for the builder. */
function said(field: string, key: string, code: InputErrorCode, params?: TextParams): InputError {
  const t = text(`serverText.form.${key}`, params);
  return new InputError(field, english(t), code, t);
}
import type { Tx } from '@/lib/journey/targets';

export type FormRow = typeof forms.$inferSelect;

export async function listForms(db: Db) {
  const subs = db
    .select({ formId: formSubmissions.formId, n: count().as('n'), last: sql<Date | null>`max(${formSubmissions.createdAt})`.as('last') })
    .from(formSubmissions)
    .groupBy(formSubmissions.formId)
    .as('subs');
  const rows = await db
    .select({ id: forms.id, name: forms.name, title: forms.title, doubleOptIn: forms.doubleOptIn, updatedAt: forms.updatedAt, submissions: subs.n, lastSubmissionAt: subs.last })
    .from(forms)
    .leftJoin(subs, eq(subs.formId, forms.id))
    .where(isNull(forms.archivedAt))
    .orderBy(desc(forms.updatedAt));
  return rows.map((r) => ({ ...r, submissions: Number(r.submissions ?? 0) }));
}

export async function getForm(db: Db | Tx, id: string): Promise<FormRow | null> {
  const [row] = await db.select().from(forms).where(eq(forms.id, id));
  return row ?? null;
}

async function nameTaken(db: Db, name: string, except: string | null): Promise<boolean> {
  const rows = await db.select({ id: forms.id }).from(forms).where(sql`lower(${forms.name}) = lower(${name})`);
  return rows.some((r) => r.id !== except);
}

/** Creates a form (no id) or replaces one's definition; names are unique because they become lead sources. */
export async function saveForm(db: Db, def: FormDefinition, id: string | null = null): Promise<FormRow> {
  if (await nameTaken(db, def.name, id)) throw said('name', 'taken', 'conflict', { name: def.name });
  const values = {
    name: def.name,
    title: def.title,
    submitLabel: def.submitLabel,
    fields: def.fields,
    consent: def.consent,
    thankYou: def.thankYou,
    allowedOrigins: def.allowedOrigins,
    doubleOptIn: def.doubleOptIn,
  };
  if (!id) return (await db.insert(forms).values(values).returning())[0]!;
  const [row] = await db
    .update(forms)
    .set({ ...values, updatedAt: new Date() })
    .where(and(eq(forms.id, id), isNull(forms.archivedAt)))
    .returning();
  if (!row) throw said('id', 'noSuchForm', 'not_found');
  return row;
}

export async function archiveForm(db: Db, id: string): Promise<void> {
  const rows = await db.update(forms).set({ archivedAt: new Date() }).where(eq(forms.id, id)).returning({ id: forms.id });
  if (rows.length === 0) throw said('id', 'noSuchForm', 'not_found');
}

export function publicView(row: FormRow): PublicForm {
  return { id: row.id, name: row.name, title: row.title, submitLabel: row.submitLabel, fields: row.fields, consent: row.consent, thankYou: row.thankYou, doubleOptIn: row.doubleOptIn };
}

/** A live form for the hosted page and the embed script, in the org's default email language; archived or unknown forms are not served. */
export async function livePublicForm(db: Db, id: string): Promise<PublicForm | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await getForm(db, id.toLowerCase());
  return row && !row.archivedAt ? { ...publicView(row), language: await loadDefaultEmailLocale(db) } : null;
}
