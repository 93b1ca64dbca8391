import { foldVietnamese, normalizeDeep, normalizeText } from './text';

describe('foldVietnamese', () => {
  it.each([
    ['Chè đường Ba Chẽ', 'che duong ba che'],
    ['CHÈ ĐƯỜNG', 'che duong'],
    ['Rượu ba kích', 'ruou ba kich'],
    ['Chả mực Hạ Long', 'cha muc ha long'],
    ['  Nhiều   khoảng  trắng ', 'nhieu khoang trang'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldVietnamese(input)).toBe(folded);
  });

  it('folds text with combining marks (NFD) like its precomposed form', () => {
    const nfd = 'Chè đường'.normalize('NFD');
    expect(nfd).not.toBe('Chè đường');
    expect(foldVietnamese(nfd)).toBe(foldVietnamese('Chè đường'));
  });
});

describe('normalizeText', () => {
  it('stores NFC and trims', () => {
    expect(normalizeText('  Hạ Long '.normalize('NFD'))).toBe('Hạ Long'.normalize('NFC'));
  });
});

describe('normalizeDeep', () => {
  it('normalizes nested strings but never trims passwords', () => {
    const body = { name: ' Ba Chẽ ', password: ' secret pass ', lines: [{ note: ' x ' }], n: 3 };
    expect(normalizeDeep(body)).toEqual({
      name: 'Ba Chẽ',
      password: ' secret pass ',
      lines: [{ note: 'x' }],
      n: 3,
    });
  });
});
