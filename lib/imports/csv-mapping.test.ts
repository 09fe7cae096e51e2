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
});
