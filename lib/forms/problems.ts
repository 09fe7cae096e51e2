/** A form definition's problem (from the builder's check or the server's) as a server Text: the field in the builder's words, then what is wrong. */
import type { z } from 'zod';
import { english, text, type Text, type TextParam } from '@/lib/i18n/server-text';
import { customText, zodIssueText } from '@/lib/i18n/zod-text';

const f = (key: string, params?: Record<string, TextParam>) => text(`serverText.form.${key}`, params);

/** The schema's fixed sentences (lib/forms/definition.ts), found by their English: zod keeps only a message for built-in checks. */
export const FORM_MESSAGES = ['keyChars', 'reserved', 'required', 'nameChars', 'addEmail', 'httpUrl', 'mustIncludeEmail', 'emailRequired', 'consentLabel'] as const;
const BY_ENGLISH = new Map<string, string>(FORM_MESSAGES.map((k) => [english(f(k)), k]));

const PLAIN: Readonly<Record<string, string>> = { name: 'name', title: 'title', submitLabel: 'submitLabel', fields: 'fields', consent: 'consent', allowedOrigins: 'allowedOrigins', doubleOptIn: 'doubleOptIn', thankYou: 'thankYou' };
const PARTS = new Set(['key', 'label', 'required']);

/** "Field 3 › key", "Redirect URL", "Sites that may embed…": where the builder shows the value. */
export function formFieldText(path: readonly PropertyKey[]): TextParam {
  const [head, second, third] = path;
  if (head === 'fields' && typeof second === 'number') {
    return typeof third === 'string' && PARTS.has(third) ? f('field.fieldPart', { n: second + 1, part: f(`field.part.${third}`) }) : f('field.fieldAt', { n: second + 1 });
  }
  if (head === 'consent' && second === 'label') return f('field.consentLabel');
  if (head === 'thankYou' && second === 'url') return f('field.redirectUrl');
  if (head === 'thankYou' && second === 'message') return f('field.thankYouMessage');
  if (typeof head === 'string' && Object.hasOwn(PLAIN, head)) return f(`field.${PLAIN[head]}`);
  return path.map(String).join('.') || 'form';
}

/** What is wrong: a sentence the schema raised with a key, one of its known sentences, else zod's issue by code. */
export function formIssueText(issue: z.core.$ZodIssue): Text {
  const own = customText(issue);
  if (own) return own;
  const known = BY_ENGLISH.get(issue.message);
  if (known) return f(known);
  const worded = zodIssueText(issue);
  return typeof worded === 'string' ? text('serverText.import.raw', { text: worded }) : worded;
}

export const formProblemText = (issue: z.core.$ZodIssue): Text => f('problem', { field: formFieldText(issue.path), issue: formIssueText(issue) });
