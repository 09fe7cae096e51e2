/** CSV columns → lead fields: the fields a column can fill, a first guess from the header, and one row turned into a capture. */
import { foldDiacritics } from '@/lib/people/names';
import { captureLeadSchema, type CaptureLeadInput } from '@/lib/api/schemas';
import type { ImportRowError } from '@/db/schema';
import { english, text, type Text } from '@/lib/i18n/server-text';
import { zodIssueText } from '@/lib/i18n/zod-text';
import { IMPORT_FIELDS, type ImportField, type MappingTarget } from '@/lib/imports/fields';

const SYNONYMS: Record<string, ImportField> = {
  email: 'email', emailaddress: 'email', mail: 'email', thudientu: 'email',
  name: 'name', fullname: 'name', hoten: 'name', hovaten: 'name', contact: 'name',
  firstname: 'first_name', givenname: 'first_name', ten: 'first_name',
  lastname: 'last_name', surname: 'last_name', familyname: 'last_name', ho: 'last_name',
  phone: 'phone', phonenumber: 'phone', mobile: 'phone', tel: 'phone', sodienthoai: 'phone', sdt: 'phone', dienthoai: 'phone',
  company: 'company', organization: 'company', organisation: 'company', congty: 'company', doanhnghiep: 'company',
  jobtitle: 'job_title', title: 'job_title', position: 'job_title', chucvu: 'job_title', chucdanh: 'job_title',
  companysize: 'company_size', employees: 'company_size', quymo: 'company_size',
  source: 'source', nguon: 'source',
  utmsource: 'utm_source', utmmedium: 'utm_medium', utmcampaign: 'utm_campaign', campaign: 'utm_campaign', utmterm: 'utm_term', utmcontent: 'utm_content',
  firstvisit: 'first_visit',
  language: 'language', locale: 'language', lang: 'language', ngonngu: 'language',
};

export function headerKey(header: string): string {
  return foldDiacritics(header).replace(/[^a-z0-9]/g, '');
}

/** The remembered choice for a header wins; otherwise a synonym; otherwise the column is kept as a property. */
export function suggestMapping(headers: string[], remembered: Record<string, string>): Record<string, MappingTarget> {
  const out: Record<string, MappingTarget> = {};
  const used = new Set<string>();
  for (const h of headers) {
    const key = headerKey(h);
    const pick = (remembered[key] as MappingTarget | undefined) ?? SYNONYMS[key] ?? 'property';
    // One column per field: a second "email" column becomes a property rather than silently overwriting the first.
    out[h] = pick !== '' && pick !== 'property' && used.has(pick) ? 'property' : pick;
    if (pick) used.add(pick);
  }
  return out;
}

export function mappingErrors(mapping: Record<string, string>): { field: string; message: string } | null {
  const targets = Object.values(mapping);
  if (!targets.includes('email')) return { field: 'mapping', message: 'Map one column to email: every lead needs one' };
  for (const t of targets) {
    if (t !== '' && t !== 'property' && !(IMPORT_FIELDS as readonly string[]).includes(t)) return { field: 'mapping', message: `Unknown field “${t}”` };
  }
  const dup = targets.find((t, i) => t !== '' && t !== 'property' && targets.indexOf(t) !== i);
  return dup ? { field: 'mapping', message: `Two columns are mapped to ${dup}` } : null;
}

export type RowOutcome = { ok: true; input: CaptureLeadInput } | { ok: false; error: ImportRowError };

/** The API's own wording of a field's problem, by its English, so a reader in another language gets it too. */
const KNOWN: Readonly<Record<string, string>> = {
  'is required': 'required',
  'must be a valid email address': 'invalidEmail',
  'may contain only digits, spaces and + ( ) . / -': 'phoneChars',
  'must be an ISO 8601 date-time': 'isoDate',
  'is not a real date': 'notADate',
  'must lie between 1970-01-01 and now': 'dateRange',
  'must be one of en, vi (a tag such as vi-VN is read as vi)': 'language',
  'must not contain NUL (\\u0000) characters': 'nul',
  'must be valid Unicode (it has a lone surrogate)': 'surrogate',
};

function rowError(row: number, field: string, message: Text, column?: string): ImportRowError {
  const t = column ? text('serverText.import.inColumn', { message, column }) : message;
  return { row, field, message: english(t), text: t };
}

/** Empty cells are absent fields, so defaults apply as in the API; the first problem names the column it came from. */
export function rowToInput(headers: string[], mapping: Record<string, string>, row: string[], rowNumber: number, defaultSource: string): RowOutcome {
  const body: Record<string, unknown> = { source: defaultSource };
  const properties: Record<string, string> = {};
  const columnOf: Record<string, string> = {};
  headers.forEach((h, i) => {
    const target = mapping[h] ?? '';
    const value = (row[i] ?? '').trim();
    if (!target || value === '') return;
    if (target === 'property') properties[h] = value;
    else {
      body[target] = value;
      columnOf[target] = h;
    }
  });
  if (row.length > headers.length && row.slice(headers.length).some((v) => v.trim() !== '')) {
    return { ok: false, error: rowError(rowNumber, 'row', text('serverText.import.tooManyCells', { cells: String(row.length), header: String(headers.length) })) };
  }
  body.properties = properties;
  const parsed = captureLeadSchema.safeParse(body, { reportInput: true });
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? 'row');
  const column = columnOf[field];
  const message = issue.code === 'invalid_type' && body[field] === undefined ? 'is required' : issue.message;
  const known = Object.hasOwn(KNOWN, message) ? KNOWN[message] : undefined;
  // The schema's own sentences by their English; zod's default wording (too long, not a number…) by the issue's code.
  const worded = known ? text(`serverText.import.${known}`) : zodIssueText(issue);
  return { ok: false, error: rowError(rowNumber, field, typeof worded === 'string' ? text('serverText.import.raw', { text: worded }) : worded, column) };
}
