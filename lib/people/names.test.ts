import { describe, expect, it } from 'vitest';
import { displayName, foldDiacritics, splitFullName } from './names';

describe('splitFullName', () => {
  it('reads a Vietnamese name family-name-first, so the given name is the first name', () => {
    expect(splitFullName('Nguyễn Thị Lan')).toEqual({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
    expect(splitFullName('Trần Văn Minh')).toEqual({ firstName: 'Minh', lastName: 'Trần Văn', nameOrder: 'family_first' });
    expect(splitFullName('Đỗ Hùng')).toEqual({ firstName: 'Hùng', lastName: 'Đỗ', nameOrder: 'family_first' });
  });

  it('recognises unaccented Vietnamese names by an unmistakable family name or a typical middle name', () => {
    expect(splitFullName('Nguyen Thi Lan').firstName).toBe('Lan');
    expect(splitFullName('pham hoa').firstName).toBe('hoa');
    expect(splitFullName('Le Thi Hoa')).toEqual({ firstName: 'Hoa', lastName: 'Le Thi', nameOrder: 'family_first' });
    expect(splitFullName('Lê Lan').firstName).toBe('Lan');
  });

  it('keeps Western and given-first names as they were', () => {
    expect(splitFullName('John Smith')).toEqual({ firstName: 'John', lastName: 'Smith', nameOrder: 'given_first' });
    expect(splitFullName('Lan Nguyen')).toEqual({ firstName: 'Lan', lastName: 'Nguyen', nameOrder: 'given_first' });
    expect(splitFullName('Mai Anderson')).toEqual({ firstName: 'Mai', lastName: 'Anderson', nameOrder: 'given_first' });
    expect(splitFullName('Kim Lee Jones').firstName).toBe('Kim');
  });

  it('keeps a Vietnamese-looking name whole when neither end is a known family name', () => {
    expect(splitFullName('Thanh Hương')).toEqual({ firstName: 'Thanh Hương', lastName: null, nameOrder: 'given_first' });
  });

  it('handles one word, extra spaces and decomposed (NFD) input', () => {
    expect(splitFullName('Lan')).toEqual({ firstName: 'Lan', lastName: null, nameOrder: 'given_first' });
    expect(splitFullName('  Nguyễn   Thị  Lan ')).toMatchObject({ firstName: 'Lan', lastName: 'Nguyễn Thị' });
    const nfd = 'Nguyễn Thị Lan'.normalize('NFD');
    expect(splitFullName(nfd)).toEqual({ firstName: 'Lan', lastName: 'Nguyễn Thị', nameOrder: 'family_first' });
    expect(splitFullName('   ')).toEqual({ firstName: null, lastName: null, nameOrder: 'given_first' });
  });
});

describe('displayName and foldDiacritics', () => {
  it('writes a family-first name the way its owner does', () => {
    expect(displayName({ ...splitFullName('Nguyễn Thị Lan') })).toBe('Nguyễn Thị Lan');
    expect(displayName({ firstName: 'John', lastName: 'Smith', nameOrder: 'given_first' })).toBe('John Smith');
  });
  it('folds đ and tone marks', () => {
    expect(foldDiacritics('Đặng Sao Việt')).toBe('dang sao viet');
  });
});
