/** A CSV row's problem keeps the API's English for the import record and carries its key, so the import page reads it in the reader's language. */
import { describe, expect, it } from 'vitest';
import { english } from '@/lib/i18n/server-text';
import { inVietnamese } from '@/lib/i18n/server-text.test-support';
import { rowToInput } from './csv-mapping';

const headers = ['Email', 'Phone', 'Seen'];
const mapping = { Email: 'email', Phone: 'phone', Seen: 'first_visit' };
const error = (row: string[]) => {
  const out = rowToInput(headers, mapping, row, 7, 'csv');
  if (out.ok) throw new Error('expected a row error');
  return out.error;
};

describe('CSV row errors as message keys', () => {
  it('a known field problem reads in both languages, naming the column', () => {
    const e = error(['not-an-email', '', '']);
    expect(e).toMatchObject({ row: 7, field: 'email', message: 'must be a valid email address (column “Email”)' });
    expect(english(e.text!)).toBe(e.message);
    expect(inVietnamese(e.text!)).toBe('phải là một địa chỉ email hợp lệ (cột “Email”)');
    expect(inVietnamese(error(['a@b.co', 'call me', '']).text!)).toBe('chỉ được chứa chữ số, dấu cách và + ( ) . / - (cột “Phone”)');
    expect(inVietnamese(error(['a@b.co', '', 'yesterday']).text!)).toBe('phải là ngày giờ theo ISO 8601 (cột “Seen”)');
  });

  it('a missing email and a row longer than its header', () => {
    expect(inVietnamese(error(['', '123', '']).text!)).toBe('là bắt buộc');
    const long = error(['a@b.co', '', '', 'extra']);
    expect(long.message).toBe('has 4 cells but the header has 3');
    expect(inVietnamese(long.text!)).toBe('có 4 ô nhưng dòng tiêu đề chỉ có 3');
  });

  it('zod\'s own wording (too long, not a number, not whole, out of range) is mapped by issue code, in both languages', () => {
    const h = ['Email', 'Name', 'Size', 'Src'];
    const m = { Email: 'email', Name: 'name', Size: 'company_size', Src: 'source' };
    const cases: [string[], string, string][] = [
      [['a@b.co', 'x'.repeat(201), '', ''], 'is too long (at most 200 characters) (column “Name”)', 'quá dài (tối đa 200 ký tự) (cột “Name”)'],
      [['a@b.co', '', 'abc', ''], 'should be a number (column “Size”)', 'phải là kiểu số (cột “Size”)'],
      [['a@b.co', '', '12.5', ''], 'must be a whole number (column “Size”)', 'phải là số nguyên (cột “Size”)'],
      [['a@b.co', '', '0', ''], 'must be at least 1 (column “Size”)', 'phải ít nhất là 1 (cột “Size”)'],
      [['a@b.co', '', '99999999', ''], 'must be at most 10000000 (column “Size”)', 'phải nhiều nhất là 10000000 (cột “Size”)'],
      [['a@b.co', '', '', 's'.repeat(101)], 'is too long (at most 100 characters) (column “Src”)', 'quá dài (tối đa 100 ký tự) (cột “Src”)'],
      [['a@b.co', 'a\u0000b', '', ''], 'must not contain NUL (\\u0000) characters (column “Name”)', 'không được chứa ký tự NUL (\\u0000) (cột “Name”)'],
    ];
    for (const [row, en, vi] of cases) {
      const out = rowToInput(h, m, row, 3, 'csv');
      if (out.ok) throw new Error(`expected a row error for ${row.join(',')}`);
      expect(out.error.message).toBe(en);
      expect(out.error.text!.key).not.toBe('serverText.import.raw');
      expect(inVietnamese(out.error.text!)).toBe(vi);
    }
  });
});
