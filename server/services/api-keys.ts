/** API keys: stored as sha256 hashes, checked on every ingestion request. */
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiKeys } from '@/db/schema';
import { HttpError } from '@/lib/api/http';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export async function ensureApiKey(db: Db, name: string, key: string): Promise<void> {
  await db.insert(apiKeys).values({ name, keyHash: hashApiKey(key), prefix: key.slice(0, 8) }).onConflictDoNothing();
}

/** Throws 401 unless the request carries `Authorization: Bearer <a live key>`. */
export async function requireApiKey(db: Db, req: Request): Promise<void> {
  const header = req.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, 'missing API key: send Authorization: Bearer <key>', 'authorization');
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(match[1]!)), isNull(apiKeys.revokedAt)));
  if (!row) throw new HttpError(401, 'invalid or revoked API key', 'authorization');
}
