/** Vietnamese people data through capture on real Postgres: family-name-first split and Vietnamese buyer titles, on fresh and existing installs. */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { MIGRATIONS_DIR } from '@/db/migrate';
import { leads, scoreChanges, scoringRuleChanges, scoringRules } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
// A database of its own: other files edit the seeded scoring rules these tests score Vietnamese titles with.
import { startTestDatabase, type TestDatabase } from '@/tests/support/postgres';
import { captureLead, captureLeadSchema } from './capture-lead';

let tdb: TestDatabase;
let db: Db;

beforeAll(async () => {
  tdb = await startTestDatabase({ isolated: true });
  db = tdb.db;
  await seedDatabase(db, { devApiKey: 'lf_test_0123456789abcdef0123' });
});
afterAll(async () => tdb.stop());

const capture = (body: Record<string, unknown>) => captureLead(db, captureLeadSchema.parse(body));

describe('capture of Vietnamese leads', () => {
  it('splits a single Vietnamese name family-first so the greeting uses the given name', async () => {
    const { leadId } = await capture({ email: `lan-${randomUUID()}@vn.test`, name: 'Nguyễn Thị Lan' });
    const [row] = await db.select().from(leads).where(eq(leads.id, leadId));
    expect(row).toMatchObject({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
  });

  it('scores "Giám đốc Marketing" and "Pho giam doc" as decision makers with the seeded default rules', async () => {
    for (const title of ['Giám đốc Marketing', 'Phó giám đốc kinh doanh', 'Pho giam doc', 'Trưởng phòng Nhân sự']) {
      const { leadId } = await capture({ email: `gd-${randomUUID()}@vn.test`, job_title: title });
      const why = await db.select().from(scoreChanges).where(eq(scoreChanges.leadId, leadId));
      expect(why.map((c) => c.ruleName), title).toContain('Job title is a decision maker');
    }
  });
});

describe('migration 0003 on an install seeded before Vietnamese titles existed', () => {
  it('adds the Vietnamese titles to the seeded rule once, logs the change, and leaves edited rules alone', async () => {
    const english = ['director', 'head', 'vp', 'chief', 'founder'];
    // Inactive so other test files sharing this database do not score with it.
    const [old] = await db
      .insert(scoringRules)
      .values({ name: 'Job title is a decision maker', kind: 'attribute', condition: { field: 'jobTitle', op: 'contains', value: english }, points: 10, active: false })
      .returning();
    const [edited] = await db
      .insert(scoringRules)
      .values({ name: `Custom ${randomUUID()}`, kind: 'attribute', condition: { field: 'jobTitle', op: 'contains', value: english }, points: 10, active: false })
      .returning();
    const migration = await readFile(path.join(MIGRATIONS_DIR, '0003_vietnamese_title_keywords.sql'), 'utf8');
    await tdb.sql.unsafe(migration);
    await tdb.sql.unsafe(migration);

    const [after] = await db.select().from(scoringRules).where(eq(scoringRules.id, old!.id));
    const value = (after!.condition as { value: string[] }).value;
    expect(value.slice(0, 5)).toEqual(english);
    expect(value).toEqual(expect.arrayContaining(['giám đốc', 'trưởng phòng', 'giam doc']));
    const log = await db.select().from(scoringRuleChanges).where(eq(scoringRuleChanges.ruleId, old!.id));
    expect(log).toHaveLength(1);
    expect((log[0]!.before as { condition: { value: string[] } }).condition.value).toEqual(english);
    expect((log[0]!.after as { condition: { value: string[] } }).condition.value).toEqual(value);
    const [untouched] = await db.select().from(scoringRules).where(eq(scoringRules.id, edited!.id));
    expect((untouched!.condition as { value: string[] }).value).toEqual(english);
  });
});
