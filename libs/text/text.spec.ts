import { fieldsHoldingNul, foldVietnamese, normalizeDeep, normalizeText } from './text';

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

describe('fieldsHoldingNul', () => {
  it('names every string, nested or in an array, that holds U+0000', () => {
    const body = {
      note: 'a\u0000b',
      deliveryAddress: 'Kho Hạ Long',
      lines: [{ listingId: 'x' }, { listingId: '\u0000' }],
      organization: { name: 'HTX\u0000', phone: null, stars: 3 },
    };
    expect(fieldsHoldingNul(body)).toEqual(['note', 'lines[1].listingId', 'organization.name']);
  });

  it('names a key that holds it, and a bare string body', () => {
    expect(fieldsHoldingNul({ ['a\u0000']: 1 })).toEqual(['a\u0000']);
    expect(fieldsHoldingNul('\u0000')).toEqual(['body']);
  });

  it('finds nothing in clean text, including an escaped backslash before u0000', () => {
    expect(fieldsHoldingNul(JSON.parse('{"note":"\\\\u0000","n":[1,true,null]}'))).toEqual([]);
  });
});
