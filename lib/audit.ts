/** The audit trail: who did what, when, from which address. Every successful tRPC mutation is written by middleware; other actions call record(). */
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog } from '@/db/schema';

export interface Actor {
  id: string | null;
  email: string | null;
  role: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: string;
  summary: string;
  targetType?: string | null;
  targetId?: string | null;
  detail?: Record<string, unknown>;
}

export const systemActor = (label: string, ip: string | null = null): Actor => ({ id: null, email: label, role: null, ip, userAgent: null });

export async function recordAudit(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    actorRole: actor.role,
    ip: actor.ip,
    userAgent: actor.userAgent?.slice(0, 300) ?? null,
    action: entry.action,
    summary: entry.summary.slice(0, 500),
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    detail: entry.detail ?? {},
  });
}

/** Read-only mutations (they change nothing worth a row). */
const NOT_AUDITED = new Set(['journeys.simulate', 'emails.previewCopy']);

const TARGET_KEYS = ['id', 'journeyId', 'handoffId', 'leadId', 'experimentId', 'userId', 'invitationId', 'key', 'email'] as const;

/** Secrets never reach the log; long copy is cut. */
function redact(value: unknown, depth = 0): unknown {
  if (depth > 4) return '…';
  if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value;
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, /password|token|secret/i.test(k) ? '[redacted]' : redact(v, depth + 1)]),
    );
  }
  return value;
}

/** Procedure path → action and a one-line summary from its input; routers stay unaware of auditing. */
export function mutationEntry(path: string, rawInput: unknown): AuditEntry | null {
  if (NOT_AUDITED.has(path)) return null;
  const input = rawInput && typeof rawInput === 'object' ? (rawInput as Record<string, unknown>) : {};
  const targetKey = TARGET_KEYS.find((k) => typeof input[k] === 'string');
  const target = targetKey ? String(input[targetKey]) : null;
  const [domain = path] = path.split('.');
  const named = typeof input.name === 'string' ? ` "${input.name}"` : '';
  return {
    action: path,
    summary: `${path}${named}${target && target !== input.name ? ` ${target}` : ''}`,
    targetType: targetKey ? `${domain}.${targetKey}` : domain,
    targetId: target,
    detail: { input: redact(input) as Record<string, unknown> },
  };
}

export interface AuditFilters {
  action?: string;
  actor?: string;
  q?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function listAudit(db: Db, f: AuditFilters) {
  const where: SQL[] = [];
  const like = (s: string) => `%${s.replace(/[%_]/g, (m) => `\\${m}`)}%`;
  if (f.action) where.push(ilike(auditLog.action, `${f.action.replace(/[%_]/g, (m) => `\\${m}`)}%`));
  if (f.actor) where.push(or(eq(auditLog.actorId, f.actor), ilike(auditLog.actorEmail, like(f.actor)))!);
  if (f.q) where.push(or(ilike(auditLog.summary, like(f.q)), ilike(auditLog.targetId, like(f.q)), ilike(auditLog.ip, like(f.q)))!);
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  const cond = and(...where);
  const [items, [total]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(auditLog).where(cond),
  ]);
  return { items, total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}
