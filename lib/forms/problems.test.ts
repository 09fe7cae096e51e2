/** Form builder problems as keys: each sentence the schema raises keeps its English, resolves in Vietnamese, and names the field in the builder's words. */
import { describe, expect, it } from 'vitest';
import { english } from '@/lib/i18n/server-text';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { formDefinitionSchema, type FormDefinitionInput } from './definition';
import { formIssueText, formProblemText } from './problems';

const base: FormDefinitionInput = {
  name: 'Webinar',
  title: '',
  submitLabel: 'Send',
  fields: [
    { key: 'email', label: 'Email', required: true },
    { key: 'first_name', label: 'First name', required: false },
  ],
  consent: { enabled: true, label: 'I agree', required: true },
  thankYou: { kind: 'message', message: 'Thanks' },
  allowedOrigins: [],
  doubleOptIn: false,
};
const firstIssue = (over: Partial<FormDefinitionInput>) => {
  const parsed = formDefinitionSchema.safeParse({ ...base, ...over });
  if (parsed.success) throw new Error('expected a problem');
  return parsed.error.issues[0]!;
};
const withField = (i: number, f: Partial<{ key: string; label: string; required: boolean }>) => ({ fields: base.fields.map((x, j) => (j === i ? { ...x, ...f } : x)) });

describe('form builder problems', () => {
  it.each([
    ['keyChars', withField(1, { key: 'Bad Key' }), 'Field 2 › key: use lower-case letters, digits and _ (start with a letter)', 'Trường 2 › mã: chỉ dùng chữ thường không dấu, chữ số và _ (bắt đầu bằng một chữ cái)'],
    ['reserved', withField(1, { key: 'referrer' }), 'Field 2 › key: is reserved for hidden fields', 'Trường 2 › mã: được dành riêng cho các trường ẩn'],
    ['required', withField(1, { label: '' }), 'Field 2 › label: is required', 'Trường 2 › nhãn: là bắt buộc'],
    ['nameChars', { name: 'a/b' }, 'Name: use letters, digits, spaces and _ . -', 'Tên: chỉ dùng chữ cái, chữ số, dấu cách và _ . -'],
    ['addEmail', { fields: [] }, 'Fields: add at least the email field', 'Các trường: cần có ít nhất trường email'],
    ['httpUrl', { thankYou: { kind: 'redirect', url: 'ftp://files.example.com/x' } }, 'Redirect URL: must be an http(s) URL', 'URL chuyển hướng: phải là một địa chỉ http(s)'],
    ['mustIncludeEmail', { fields: [{ key: 'first_name', label: 'First', required: true }] }, 'Fields: must include the email field', 'Các trường: phải có trường email'],
    ['emailRequired', withField(0, { required: false }), 'Field 1 › required: the email field is always required', 'Trường 1 › bắt buộc: trường email luôn là bắt buộc'],
    ['consentLabel', { consent: { enabled: true, label: '', required: true } }, 'Consent text: is required when the consent checkbox is on', 'Nội dung ô đồng ý: là bắt buộc khi bật ô đồng ý'],
    ['notOrigin', { allowedOrigins: ['ftp://files.example.com'] }, 'Sites that may embed this form: "ftp://files.example.com" is not an origin (https://example.com) or host pattern (*.example.com)', 'Các website được nhúng biểu mẫu này: "ftp://files.example.com" không phải một origin (https://example.com) hay mẫu tên miền (*.example.com)'],
    ['twice', { fields: [...base.fields, { key: 'first_name', label: 'Again', required: false }] }, 'Field 3 › key: "first_name" appears twice', 'Trường 3 › mã: "first_name" bị lặp lại'],
    ['tooLong', { title: 'x'.repeat(201) }, 'Heading: is too long (at most 200 characters)', 'Tiêu đề: quá dài (tối đa 200 ký tự)'],
  ] as const)('%s: the schema\'s English is the key\'s, and it reads in Vietnamese', (key, over, en, vi) => {
    const issue = firstIssue(over as Partial<FormDefinitionInput>);
    const said = formIssueText(issue);
    expect(said.key).toMatch(new RegExp(`\\.${key}$`));
    if (said.key.split('.')[1] === 'form') expect(english(said)).toBe(issue.message);
    expect(english(formProblemText(issue))).toBe(en);
    expect(inVietnamese(formProblemText(issue))).toBe(vi);
  });
});
