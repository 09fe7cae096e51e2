/** A public form's problems in its own language: English word for word as the shared schema says them, Vietnamese by meaning. */
import { describe, expect, it } from 'vitest';
import { fieldProblem, publicFormCopy } from './copy';
import { submissionSchema } from './definition';

const form = { fields: [{ key: 'email', label: 'Email', required: true }, { key: 'phone', label: 'Phone', required: true }, { key: 'company_size', label: 'Size', required: false }], consent: { enabled: true, label: 'OK', required: true } };

function problems(data: Record<string, unknown>, locale: string) {
  const parsed = submissionSchema(form).safeParse(data);
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), fieldProblem(i.message, publicFormCopy(locale))]));
}

describe('public form copy', () => {
  it('keeps the schema’s English messages in English', () => {
    expect(problems({ email: 'nope' }, 'en')).toMatchObject({ email: 'must be a valid email address', phone: 'is required', consent: 'must be ticked to continue' });
  });

  it('says each problem in Vietnamese for a Vietnamese form', () => {
    expect(problems({ email: 'nope', phone: 'abc', company_size: 'x' }, 'vi')).toEqual({
      email: 'Địa chỉ email không hợp lệ',
      phone: 'Số điện thoại chỉ gồm chữ số, khoảng trắng và các ký tự + ( ) . / -',
      company_size: 'Vui lòng nhập một số nguyên',
      consent: 'Vui lòng đánh dấu vào ô này để tiếp tục',
    });
    expect(problems({}, 'vi')).toMatchObject({ email: 'Vui lòng điền thông tin này' });
    expect(fieldProblem('something new the server said', publicFormCopy('vi'))).toBe('Giá trị không hợp lệ');
    expect(publicFormCopy('fr')).toBe(publicFormCopy('en'));
  });
});
