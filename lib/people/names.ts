/** Splits a single `name` into given and family names, reading Vietnamese names family-name-first so greetings use the given name. */

export type NameOrder = 'given_first' | 'family_first';

export interface SplitName {
  firstName: string | null;
  lastName: string | null;
  nameOrder: NameOrder;
}

/** Folds case and Vietnamese diacritics (đ included, which NFD does not decompose) for matching. */
export function foldDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Family names that are Vietnamese even written without accents ("Nguyen Lan"). */
const UNMISTAKABLE_FAMILY = new Set(
  [
    'Nguyễn', 'Trần', 'Phạm', 'Huỳnh', 'Hoàng', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Đinh', 'Đoàn', 'Trương',
    'Trịnh', 'Lương', 'Phùng', 'Quách', 'Nghiêm', 'Khúc', 'Lại', 'Thân', 'Đàm', 'Hứa', 'Doãn', 'Nông', 'Khổng', 'Triệu', 'Vương', 'Tạ',
  ].map(foldDiacritics),
);

/** Family names that are also common given or Western names ("Mai", "Kim", "Lee"): Vietnamese only with another sign. */
const AMBIGUOUS_FAMILY = new Set(
  [
    'Lê', 'Hồ', 'Lý', 'Lâm', 'Mai', 'Cao', 'Tô', 'Hà', 'Tăng', 'Châu', 'Thái', 'Kiều', 'Lưu', 'La', 'Chu', 'Diệp', 'Mạc', 'Giang', 'Tôn',
    'Từ', 'Lục', 'Âu', 'Thạch', 'Kim', 'Ông', 'Phí', 'Bạch', 'Lã', 'Hầu', 'Lò', 'Trang', 'Tiêu', 'Mạnh', 'Quan', 'Sơn', 'Ninh', 'Vi',
    'Hàn', 'Lạc', 'Đào', 'Đồng', 'Cù', 'Lăng', 'Cung', 'Khương', 'Văn', 'Ung', 'Yên', 'Ân',
  ].map(foldDiacritics),
);

/** Middle names that mark a Vietnamese name even without accents ("Le Thi Hoa"). */
const TYPICAL_MIDDLE = new Set(['Thị', 'Văn', 'Hữu', 'Đức', 'Ngọc', 'Minh', 'Thanh', 'Quang', 'Xuân', 'Thu', 'Kim', 'Bảo', 'Gia'].map(foldDiacritics));

/** Letters and tone marks that occur in Vietnamese and in no Western European name. */
const VIETNAMESE_LETTERS = /[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;

function looksVietnamese(tokens: string[]): boolean {
  return tokens.some((t) => VIETNAMESE_LETTERS.test(t.normalize('NFC').toLowerCase()));
}

function isFamilyName(token: string, rest: string[], vietnameseLetters: boolean): boolean {
  const folded = foldDiacritics(token);
  if (UNMISTAKABLE_FAMILY.has(folded)) return true;
  if (!AMBIGUOUS_FAMILY.has(folded)) return false;
  return vietnameseLetters || (rest.length >= 2 && rest.slice(0, -1).some((t) => TYPICAL_MIDDLE.has(foldDiacritics(t))));
}

/**
 * "Nguyễn Thị Lan" → given "Lan", family "Nguyễn Thị" (family first); "Lan Nguyen" and "John Smith" → given first;
 * a name with Vietnamese signs but no recognisable family name at either end is kept whole as the given name.
 */
export function splitFullName(name: string): SplitName {
  const tokens = name.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (tokens.length === 0) return { firstName: null, lastName: null, nameOrder: 'given_first' };
  if (tokens.length === 1) return { firstName: tokens[0]!, lastName: null, nameOrder: 'given_first' };
  const vietnameseLetters = looksVietnamese(tokens);
  const [head, ...rest] = tokens;
  if (isFamilyName(head!, rest, vietnameseLetters)) {
    return { firstName: tokens[tokens.length - 1]!, lastName: tokens.slice(0, -1).join(' '), nameOrder: 'family_first' };
  }
  const tail = tokens[tokens.length - 1]!;
  const tailIsFamily = UNMISTAKABLE_FAMILY.has(foldDiacritics(tail)) || AMBIGUOUS_FAMILY.has(foldDiacritics(tail));
  if (vietnameseLetters && !tailIsFamily) return { firstName: tokens.join(' '), lastName: null, nameOrder: 'given_first' };
  return { firstName: head!, lastName: rest.join(' '), nameOrder: 'given_first' };
}

/** The name as its owner writes it: family first for Vietnamese names. */
export function displayName(lead: { firstName: string | null; lastName: string | null; nameOrder?: NameOrder | null }): string {
  const parts = lead.nameOrder === 'family_first' ? [lead.lastName, lead.firstName] : [lead.firstName, lead.lastName];
  return parts.filter(Boolean).join(' ');
}
