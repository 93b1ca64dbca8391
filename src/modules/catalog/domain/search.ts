import { foldVietnamese } from '@ocop/text';

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'stars_desc', 'newest'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const MAX_QUERY_WORDS = 8;

/**
 * The words of a search text, folded like the stored search document (no tone marks, đ → d,
 * lower case; NFD input folds the same as NFC). Punctuation separates words; duplicates count once.
 */
export function searchWordsOf(q: string | undefined): string[] {
  if (!q) return [];
  const words = foldVietnamese(q.normalize('NFC'))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .map((w) => w.slice(0, 40));
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** Relevance without text is meaningless; it falls back to the newest first. */
export function effectiveSort(sort: SearchSort | undefined, words: string[]): SearchSort {
  const chosen = sort ?? 'relevance';
  return chosen === 'relevance' && words.length === 0 ? 'newest' : chosen;
}
