import { editDistance, nearSpellings, typoBudget } from './typo';

describe('typoBudget', () => {
  it('allows no edit when either word has 1 or 2 letters', () => {
    expect(typoBudget('ba', 'bac')).toBe(0);
    expect(typoBudget('gi', 'gio')).toBe(0);
  });
  it('allows one edit when the shorter word has 3 to 7 letters', () => {
    expect(typoBudget('che', 'cha')).toBe(1);
    expect(typoBudget('bah', 'banh')).toBe(1);
    expect(typoBudget('banh', 'bah')).toBe(1);
    expect(typoBudget('vag', 'vang')).toBe(1);
    expect(typoBudget('nghieng', 'nghien')).toBe(1);
    expect(typoBudget('homestay', 'homstay')).toBe(1);
  });
  it('allows two edits when both words have 8 letters or more', () => {
    expect(typoBudget('homestay', 'hmoestya')).toBe(2);
  });
});

describe('editDistance', () => {
  it.each([
    ['duong', 'duong', 0],
    ['duog', 'duong', 1], // deletion
    ['duongg', 'duong', 1], // insertion
    ['duonh', 'duong', 1], // substitution
    ['duogn', 'duong', 1], // adjacent swap
    ['bah', 'banh', 1],
    ['vag', 'vang', 1],
    ['hmoestya', 'homestay', 2], // two swaps
    ['abc', '', 3],
    ['', '', 0],
  ])('%s → %s is %i', (a, b, distance) => {
    expect(editDistance(a, b, 3)).toBe(distance);
    expect(editDistance(b, a, 3)).toBe(distance);
  });

  it('stops at max + 1 once the distance is certain to exceed max', () => {
    expect(editDistance('duong', 'vang', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('tranh', 'thanh', 0)).toBe(1);
  });

  it('counts letters, not UTF-16 code units', () => {
    expect(editDistance('𝔞bc', 'abc', 1)).toBe(1);
  });
});

describe('nearSpellings', () => {
  it('keeps the candidates within budget: the word itself first, then the nearest, then by letter', () => {
    const candidates = ['vung', 'vang', 'van', 'vanh', 'hang', 'vong', 'quang', 'vang'];
    expect(nearSpellings('vang', candidates, 10)).toEqual(['vang', 'hang', 'van', 'vanh', 'vong', 'vung']);
  });
  it('gives a 3-letter word one edit: its deletion typo of a 4-letter word, a wrong or swapped letter', () => {
    expect(nearSpellings('bah', ['banh', 'bach', 'ba', 'bao', 'bac', 'bahn'], 10)).toEqual([
      'bac',
      'bach',
      'bahn',
      'banh',
      'bao',
    ]);
    expect(nearSpellings('mcu', ['muc', 'mua', 'cu'], 10)).toEqual(['muc']);
    expect(nearSpellings('hoe', ['hoa', 'hoang', 'he'], 10)).toEqual(['hoa']);
  });
  it('takes a known word of 3 letters as meant', () => {
    expect(nearSpellings('mat', ['mat', 'mam', 'mut'], 10)).toEqual(['mat']);
    expect(nearSpellings('mam', ['mat', 'mut'], 10)).toEqual(['mat']);
    expect(nearSpellings('vang', ['vang', 'van'], 10)).toEqual(['vang', 'van']);
  });
  it('keeps words of 1 or 2 letters exact', () => {
    expect(nearSpellings('ba', ['ba', 'bac', 'ca', 'b', 'bao'], 10)).toEqual(['ba']);
    expect(nearSpellings('gi', ['gio', 'gia'], 10)).toEqual([]);
  });
  it('allows two edits in long words only', () => {
    expect(nearSpellings('hmoestya', ['homestay'], 10)).toEqual(['homestay']);
    expect(nearSpellings('duoong', ['duong', 'doung'], 10)).toEqual(['duong']);
  });
  it('returns at most limit words', () => {
    expect(nearSpellings('vang', ['vang', 'hang', 'lang', 'sang'], 2)).toEqual(['vang', 'hang']);
  });
});
