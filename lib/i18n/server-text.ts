/** Sentences the server writes (compiler problems, diffs, simulate lines, import errors…) as a message key with params: English for API callers and logs, the reader's language in the UI. */
import { createTranslator } from 'use-intl/core';
import en from '@/messages/en.json';

/** A sentence from messages/*.json by its full key (`serverText.problem.unreachable`); a param may itself be a sentence. */
export interface Text {
  key: string;
  params?: TextParams;
}
export type TextParam = string | number | Text;
export type TextParams = Record<string, TextParam>;

export const text = (key: string, params?: TextParams): Text => (params ? { key, params } : { key });

export const isText = (v: unknown): v is Text => typeof v === 'object' && v !== null && typeof (v as Text).key === 'string';

/** A sentence's first letter lowered where it sits mid-sentence ("waiting for visited the pricing page"); every language's formatter honours it. */
export const LOWER = 'serverText.lower';
export const lowered = (value: TextParam): Text => text(LOWER, { text: value });
const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);

type Translate = (key: string, params: Record<string, string | number>) => string;

/** Formats a Text with any translator, nested sentences first; `resolve` may word one itself (a step by the title the editor shows). */
export function formatText(t: Translate, value: TextParam, resolve?: (v: Text) => string | undefined): string {
  if (!isText(value)) return String(value);
  const own = resolve?.(value);
  if (own !== undefined) return own;
  const flat: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value.params ?? {})) flat[k] = isText(v) ? formatText(t, v, resolve) : v;
  return value.key === LOWER ? lowerFirst(String(flat.text ?? '')) : t(value.key, flat);
}

// One translator for the process, so each sentence is parsed once.
const translate = createTranslator({ locale: 'en', messages: en });
const enT = (key: string, params: Record<string, string | number>) => translate(key as never, params as never);

/** The English wording API callers and logs read. */
export const english = (value: TextParam): string => formatText(enT, value);
