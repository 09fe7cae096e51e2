/** API keys: 32 random bytes shown once, stored as sha256, named and scoped (ingest, read), last use recorded, revocable at once. */
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { HttpError } from '@/lib/api/http';
import { freshConfigVersion } from '@/lib/capture/ingest-config';

export const API_KEY_SCOPES = ['ingest', 'read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** The all-zero key `npm start` prints in development; a production start never creates it and revokes it if found. */
export const DEV_API_KEY_NAME = 'dev';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function ensureApiKey(db: Db, name: string, key: string): Promise<void> {
  await db.insert(apiKeys).values({ name, keyHash: hashApiKey(key), prefix: key.slice(0, 8) }).onConflictDoNothing();
}

/** A production start: the development key must not open the API. */
export async function revokeDevApiKey(db: Db, key: string): Promise<number> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length;
}

/** The key itself is returned here and never again. */
export async function createApiKey(db: Db, input: { name: string; scopes: ApiKeyScope[]; createdBy: string | null }) {
  const key = `lf_${randomBytes(32).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({ name: input.name, keyHash: hashApiKey(key), prefix: key.slice(0, 10), scopes: [...new Set(input.scopes)], createdBy: input.createdBy })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdAt: apiKeys.createdAt });
  return { ...row!, key };
}

export function listApiKeys(db: Db) {
  return db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, scopes: apiKeys.scopes, createdBy: apiKeys.createdBy, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(db: Db, id: string) {
  const [row] = await db.update(apiKeys).set({ revokedAt: new Date() }).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt))).returning({ id: apiKeys.id, name: apiKeys.name });
  return row ?? null;
}

/** Last use is written at most once a minute per key, so a busy ingestion key costs no extra write per request. */
const TOUCH_EVERY_MS = 60_000;

interface CachedKey {
  id: string;
  scopes: string[];
  lastUsedAt: number | null;
  /** config_version when the row was read: any key change since (revoke, new scopes) bumps it and drops the entry. */
  version: number;
}

// Keyed by database (one in production, one per test file), then by key hash; only live keys are kept.
const keyCache = new Map<Db, Map<string, CachedKey>>();

/**
 * Throws 401 without a live key, 403 when the key lacks the scope. The key row is cached per process and trusted only
 * while config_version is unchanged (a trigger bumps it on every api_keys change), read fresh for each request but
 * shared by concurrent ones: a revoke, in any process, refuses the first request that starts after it commits.
 */
export async function requireApiKey(db: Db, req: Pick<Request, 'headers'>, scope: ApiKeyScope = 'ingest'): Promise<void> {
  const header = req.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, 'missing API key: send Authorization: Bearer <key>', 'authorization');
  const hash = hashApiKey(match[1]!);
  const version = await freshConfigVersion(db);
  const cache = keyCache.get(db) ?? keyCache.set(db, new Map()).get(db)!;
  let key = cache.get(hash);
  if (!key || key.version !== version || version < 0) {
    cache.delete(hash);
    const [row] = await db
      .select({ id: apiKeys.id, scopes: apiKeys.scopes, lastUsedAt: apiKeys.lastUsedAt })
      .from(apiKeys)
      .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
    if (!row) throw new HttpError(401, 'invalid or revoked API key', 'authorization');
    key = { id: row.id, scopes: row.scopes, lastUsedAt: row.lastUsedAt?.getTime() ?? null, version };
    // A bounded cache: a flood of random keys cannot grow it (misses are never stored, and a full cache starts over).
    if (cache.size >= 1000) cache.clear();
    cache.set(hash, key);
  }
  if (!key.scopes.includes(scope)) throw new HttpError(403, `this API key lacks the ${scope} scope`, 'authorization');
  if (key.lastUsedAt === null || Date.now() - key.lastUsedAt > TOUCH_EVERY_MS) {
    key.lastUsedAt = Date.now();
    await db.update(apiKeys).set({ lastUsedAt: new Date(key.lastUsedAt) }).where(eq(apiKeys.id, key.id));
  }
}
