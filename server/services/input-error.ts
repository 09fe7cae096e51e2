/** A domain error naming the offending field; route handlers and routers turn it into a 4xx once, services never speak HTTP. */
import { TRPCError } from '@trpc/server';
import { HttpError } from '@/lib/api/http';
import type { Text } from '@/lib/i18n/server-text';

export type InputErrorCode = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'too_many' | 'too_large';

export class InputError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: InputErrorCode = 'invalid',
    /** The message as a key with params, for a UI that words it in the reader's language. */
    readonly text?: Text,
  ) {
    super(message);
  }
}

const STATUS: Record<InputErrorCode, number> = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, too_many: 429, too_large: 413 };
const TRPC: Record<InputErrorCode, TRPCError['code']> = { invalid: 'BAD_REQUEST', forbidden: 'FORBIDDEN', not_found: 'NOT_FOUND', conflict: 'CONFLICT', too_many: 'TOO_MANY_REQUESTS', too_large: 'PAYLOAD_TOO_LARGE' };

/** For route handlers: rethrows an InputError as the HttpError `handler()` renders. */
export async function asHttp<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InputError) throw new HttpError(STATUS[err.code], `${err.field}: ${err.message}`, err.field);
    throw err;
  }
}

/** For routers: rethrows an InputError as a TRPCError whose message names the field. */
export async function asTrpc<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof InputError) throw new TRPCError({ code: TRPC[err.code], message: `${err.field}: ${err.message}`, cause: err });
    throw err;
  }
}
