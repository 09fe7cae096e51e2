/** Structured JSON logs (pino) for the app, the worker and the relay, with lead personal data redacted. */
import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/** Keys that hold a lead's personal data, wherever they sit in a log object. */
const PII_KEYS = new Set([
  'email',
  'to',
  'toemail',
  'to_email',
  'from',
  'name',
  'firstname',
  'first_name',
  'lastname',
  'last_name',
  'fullname',
  'full_name',
  'phone',
  'phonenumber',
  'phone_number',
  'mobile',
]);
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
export const REDACTED = '[redacted]';

/** Masks email addresses inside free text (error messages, SQL errors, URLs). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, REDACTED);
}

/** A copy of `value` with PII keys redacted at any depth and emails masked in every string. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (value instanceof Error) {
    const cause = (value as { cause?: unknown }).cause;
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
      ...(cause !== undefined ? { cause: redact(cause, depth + 1) } : {}),
    };
  }
  if (value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = PII_KEYS.has(key.toLowerCase()) && v !== null && v !== undefined ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

function level(): pino.LevelWithSilent {
  const wanted = process.env.LOG_LEVEL;
  if (wanted && ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(wanted)) return wanted as pino.LevelWithSilent;
  return process.env.NODE_ENV === 'test' || process.env.VITEST ? 'warn' : 'info';
}

/** Builds a logger writing to `destination` (stdout by default); every call's arguments pass through `redact`. */
export function createLogger(opts: { name: string; destination?: pino.DestinationStream; level?: pino.LevelWithSilent }): Logger {
  return pino(
    {
      name: opts.name,
      level: opts.level ?? level(),
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      hooks: {
        logMethod(args, method) {
          const clean = args.map((a) => redact(a)) as Parameters<typeof method>;
          // pino treats an Error first argument as { err }; keep that shape after redaction.
          if (args[0] instanceof Error) clean[0] = { err: clean[0] };
          method.apply(this, clean);
        },
      },
    },
    opts.destination ?? pino.destination({ sync: true }),
  );
}

const globalForLog = globalThis as unknown as { leadflowLogger?: Logger };

/** The process's logger; `component` names the part (api, relay, worker, tracking …). */
export function log(component: string): Logger {
  globalForLog.leadflowLogger ??= createLogger({ name: process.env.LEADFLOW_PROCESS ?? 'leadflow' });
  return globalForLog.leadflowLogger.child({ component });
}
