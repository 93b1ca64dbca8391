import { cursorKeyFor, MatchSet, MatchTuple, PriceRange, searchPositionOf } from './match-set';
import { SEARCH_SORTS, SearchSort } from './search';

function randomTuples(count: number, seed: number): MatchTuple[] {
  let s = seed;
  const random = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return Array.from({ length: count }, () => [
    `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`,
    // Few distinct values, so that ties (broken by id) are common.
    50_000 * (1 + Math.floor(random() * 6)),
    Math.floor(random() * 6),
    0.25 * Math.floor(random() * 9),
    1_764_000_000_000_000 + Math.floor(random() * 5) * 1_000,
    ['food', 'beverage', 'herbal'][Math.floor(random() * 3)],
    random() < 0.1 ? null : `2${Math.floor(random() * 4)}`,
  ]);
}

/** What the SQL keyset query answers: filter, sort by key then id, in the sort's direction. */
function reference(tuples: MatchTuple[], sort: SearchSort, prices: PriceRange): string[] {
  const column = { relevance: 3, price_asc: 1, price_desc: 1, stars_desc: 2, newest: 4 }[sort];
  const sign = sort === 'price_asc' ? 1 : -1;
  return tuples
    .filter((t) => (prices.minPriceVnd ?? -Infinity) <= t[1] && t[1] <= (prices.maxPriceVnd ?? Infinity))
    .sort((a, b) => sign * ((a[column] as number) - (b[column] as number) || (a[0] < b[0] ? -1 : 1)))
    .map((t) => t[0]);
}

describe('MatchSet', () => {
  const tuples = randomTuples(500, 11);
  const set = new MatchSet(tuples);

  it.each(SEARCH_SORTS)('pages through every match exactly once, in the SQL order, sorted by %s', (sort) => {
    for (const prices of [{}, { minPriceVnd: 100_000, maxPriceVnd: 200_000 }, { maxPriceVnd: 10 }]) {
      const seen: string[] = [];
      let after: ReturnType<typeof searchPositionOf>;
      for (;;) {
        const page = set.page(sort, prices, after, 7);
        seen.push(...page.map((p) => set.id(p)));
        if (page.length < 7) break;
        const last = page[page.length - 1];
        // Through the cursor's encoding, as a client would send it back.
        const cursor = JSON.parse(
          JSON.stringify([cursorKeyFor(sort, set.sortKey(last, sort)), set.id(last)]),
        );
        after = searchPositionOf(cursor, sort);
      }
      expect(seen).toEqual(reference(tuples, sort, prices));
    }
  });

  it('counts facets over the matches in the price range only', () => {
    const prices = { minPriceVnd: 150_000 };
    const inRange = tuples.filter((t) => t[1] >= 150_000);
    const facets = set.facets(prices);
    const count = (facet: string, value: string | null) =>
      facets.find((f) => f.facet === facet && f.value === value)?.count;
    expect(count('category', 'food')).toBe(inRange.filter((t) => t[5] === 'food').length);
    expect(count('stars', '3')).toBe(inRange.filter((t) => t[2] === 3).length);
    expect(count('commune', null)).toBe(inRange.filter((t) => t[6] === null).length);
    const total = (facet: string) =>
      facets.filter((f) => f.facet === facet).reduce((sum, f) => sum + f.count, 0);
    expect([total('category'), total('stars'), total('commune')]).toEqual([
      inRange.length,
      inRange.length,
      inRange.length,
    ]);
  });

  it('refuses cursors whose key does not fit the sort', () => {
    const id = tuples[0][0];
    expect(() => searchPositionOf(['12', id], 'relevance')).toThrow();
    expect(() => searchPositionOf([12, id], 'price_asc')).toThrow();
    expect(() => searchPositionOf(['12', 'not-a-uuid'], 'newest')).toThrow();
    expect(() => searchPositionOf(['1e5', id], 'newest')).toThrow();
    expect(searchPositionOf(['120000', id], 'price_desc')).toEqual({ key: 120_000, id });
    expect(searchPositionOf([1.25, id], 'relevance')).toEqual({ key: 1.25, id });
  });
});
