import { effectiveSort, searchWordsOf } from './search';

describe('searchWordsOf', () => {
  it('folds diacritics, đ and case', () => {
    expect(searchWordsOf('CHÈ ĐƯỜNG')).toEqual(['che', 'duong']);
  });
  it('folds text written with combining marks (NFD) like NFC text', () => {
    expect(searchWordsOf('Chè đường'.normalize('NFD'))).toEqual(['che', 'duong']);
  });
  it('splits on punctuation and drops duplicates', () => {
    expect(searchWordsOf('  ba-kích, ba kích!! ')).toEqual(['ba', 'kich']);
  });
  it('has no words for empty or punctuation-only text', () => {
    expect(searchWordsOf(undefined)).toEqual([]);
    expect(searchWordsOf(' ,.; ')).toEqual([]);
  });
});

describe('effectiveSort', () => {
  it('falls back to newest for relevance without words', () => {
    expect(effectiveSort(undefined, [])).toBe('newest');
    expect(effectiveSort('relevance', ['che'])).toBe('relevance');
    expect(effectiveSort('price_asc', [])).toBe('price_asc');
  });
});
