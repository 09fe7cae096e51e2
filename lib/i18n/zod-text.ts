/** A zod issue as a server Text: what the value lacks, by issue code, so a reader in another language does not get zod's English. */
import type { z } from 'zod';
import { text, type Text, type TextParams } from './server-text';

/** Type names zod reports, worded per language ("should be a number" / "phải là kiểu số"). */
const TYPES = new Set(['string', 'number', 'boolean', 'array', 'object', 'date']);
const issue = (key: string, params?: TextParams) => text(`serverText.issue.${key}`, params);

/** A custom issue may carry its sentence as `params.text` (set by the schema that raised it). */
export function customText(i: z.core.$ZodIssue): Text | null {
  const t = i.code === 'custom' ? (i.params as { text?: unknown } | undefined)?.text : undefined;
  return t && typeof t === 'object' && typeof (t as Text).key === 'string' ? (t as Text) : null;
}

/** The issue in words, by its code; a custom issue's own message (English) when it carries no Text. */
export function zodIssueText(i: z.core.$ZodIssue): Text | string {
  switch (i.code) {
    case 'invalid_type':
      if (i.path.length === 0) return issue('missingAll');
      if (i.input === undefined) return issue('missing');
      return i.expected === 'int' ? issue('wholeNumber') : issue('wrongType', { expected: TYPES.has(i.expected) ? text(`serverText.type.${i.expected}`) : i.expected });
    case 'too_small':
      if (i.origin === 'array') return issue('listMin', { count: Number(i.minimum) });
      if (i.origin === 'string') return Number(i.minimum) > 1 ? issue('tooShort', { min: String(i.minimum) }) : issue('empty');
      return issue(i.inclusive ? 'atLeast' : 'moreThan', { min: String(i.minimum) });
    case 'too_big':
      if (i.origin === 'array') return issue('listMax', { count: Number(i.maximum) });
      if (i.origin === 'string') return issue('tooLong', { max: String(i.maximum) });
      return issue('atMost', { max: String(i.maximum) });
    case 'invalid_format':
      if (i.format === 'url') return issue('url');
      if (i.format === 'email') return issue('email');
      return issue('format', { format: i.format });
    case 'invalid_value':
      return issue('oneOf', { values: i.values.map(String).join(', ') });
    case 'invalid_union':
      return issue('union');
    case 'not_multiple_of':
      return i.divisor === 1 ? issue('wholeNumber') : i.message;
    default:
      return customText(i) ?? i.message;
  }
}
