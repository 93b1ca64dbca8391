import { CommonErrors } from '@ocop/errors';
import { SearchSort } from './search';

/**
 * One matching listing as the search statement reports it: id, price (VND), effective stars,
 * relevance score, created_at in microseconds since the epoch, category and commune code.
 */
export type MatchTuple = [string, number, number, number, number, string, string | null];

export interface PriceRange {
  minPriceVnd?: number;
  maxPriceVnd?: number;
}

/** Where a page starts: strictly after this sort key and id. */
export interface SearchPosition {
  key: number;
  id: string;
}

export interface MatchFacet {
  facet: 'category' | 'stars' | 'commune';
  value: string | null;
  count: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INTEGER = /^-?\d{1,16}$/;

function invalidCursor(): Error {
  return CommonErrors.VALIDATION_FAILED({}, [{ field: 'cursor', message: 'invalid cursor' }]);
}

/**
 * The position a decoded cursor names, checked against the sort it was made for: relevance and
 * stars carry a number, price and newest an integer as a string (VND, microseconds), all with the
 * listing id. Anything else is a 400, never a statement that fails on a cast.
 */
export function searchPositionOf(
  after: [unknown, unknown] | undefined,
  sort: SearchSort,
): SearchPosition | undefined {
  if (after === undefined) return undefined;
  const [key, id] = after;
  if (typeof id !== 'string' || !UUID.test(id)) throw invalidCursor();
  switch (sort) {
    case 'relevance':
    case 'stars_desc':
      if (typeof key !== 'number' || !Number.isFinite(key)) throw invalidCursor();
      return { key, id };
    case 'price_asc':
    case 'price_desc':
    case 'newest':
      if (typeof key !== 'string' || !INTEGER.test(key)) throw invalidCursor();
      return { key: Number(key), id };
  }
}

/** The sort key a cursor carries for a listing (see `searchPositionOf`). */
export function cursorKeyFor(sort: SearchSort, key: number): number | string {
  return sort === 'relevance' || sort === 'stars_desc' ? key : String(key);
}

/** Sort direction and key column of each sort; ties are broken by id in the same direction. */
const SORT_KEYS: Record<
  SearchSort,
  { column: 'scores' | 'prices' | 'stars' | 'created'; descending: boolean }
> = {
  relevance: { column: 'scores', descending: true },
  price_asc: { column: 'prices', descending: false },
  price_desc: { column: 'prices', descending: true },
  stars_desc: { column: 'stars', descending: true },
  newest: { column: 'created', descending: true },
};

/**
 * Every listing one search (words and filters, but not the price range) matches, held in memory so
 * that every page, sort and price range of it is answered without matching again. The orders are
 * the ones the SQL keyset uses: the sort key, then the id (UUIDs in lower-case text compare like
 * PostgreSQL compares them), so a cursor means the same here as there.
 */
export class MatchSet {
  readonly size: number;
  private readonly ids: string[];
  private readonly prices: Float64Array;
  private readonly stars: Float64Array;
  private readonly scores: Float64Array;
  private readonly created: Float64Array;
  /** Facet values, each column as indexes into its list of distinct values (counted in typed arrays). */
  private readonly facetColumns: Record<
    MatchFacet['facet'],
    { values: Array<string | null>; codes: Uint16Array }
  >;
  private readonly orders = new Map<SearchSort, Uint32Array>();
  private unfilteredFacets: MatchFacet[] | undefined;

  constructor(tuples: MatchTuple[]) {
    this.size = tuples.length;
    this.ids = tuples.map((t) => t[0]);
    this.prices = Float64Array.from(tuples, (t) => t[1]);
    this.stars = Float64Array.from(tuples, (t) => t[2]);
    this.scores = Float64Array.from(tuples, (t) => t[3]);
    this.created = Float64Array.from(tuples, (t) => t[4]);
    this.facetColumns = {
      category: facetColumn(tuples, (t) => t[5]),
      stars: facetColumn(tuples, (t) => String(t[2])),
      commune: facetColumn(tuples, (t) => t[6]),
    };
  }

  id(position: number): string {
    return this.ids[position];
  }

  sortKey(position: number, sort: SearchSort): number {
    return this[SORT_KEYS[sort].column][position];
  }

  /** Up to `limit` positions in sort order, within the price range, strictly after `after`. */
  page(sort: SearchSort, prices: PriceRange, after: SearchPosition | undefined, limit: number): number[] {
    const order = this.orderOf(sort);
    const page: number[] = [];
    for (let i = after === undefined ? 0 : this.firstAfter(order, sort, after); i < order.length; i++) {
      if (!this.inRange(order[i], prices)) continue;
      page.push(order[i]);
      if (page.length === limit) break;
    }
    return page;
  }

  /** Counts by category, effective stars and commune over the matches within the price range. */
  facets(prices: PriceRange): MatchFacet[] {
    const unfiltered = prices.minPriceVnd === undefined && prices.maxPriceVnd === undefined;
    if (unfiltered && this.unfilteredFacets) return this.unfilteredFacets;
    const facets = (['category', 'stars', 'commune'] as const).flatMap((facet) => {
      const { values, codes } = this.facetColumns[facet];
      const counts = new Uint32Array(values.length);
      for (let p = 0; p < this.size; p++) if (unfiltered || this.inRange(p, prices)) counts[codes[p]]++;
      return values.flatMap((value, code) =>
        counts[code] > 0 ? [{ facet, value, count: counts[code] }] : [],
      );
    });
    if (unfiltered) this.unfilteredFacets = facets;
    return facets;
  }

  private inRange(position: number, { minPriceVnd, maxPriceVnd }: PriceRange): boolean {
    const price = this.prices[position];
    return (
      (minPriceVnd === undefined || price >= minPriceVnd) &&
      (maxPriceVnd === undefined || price <= maxPriceVnd)
    );
  }

  private orderOf(sort: SearchSort): Uint32Array {
    let order = this.orders.get(sort);
    if (!order) {
      order = Uint32Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.compare(sort, a, b));
      this.orders.set(sort, order);
    }
    return order;
  }

  /** Negative when position `a` comes before `b` in the sort. */
  private compare(sort: SearchSort, a: number, b: number): number {
    return this.compareTo(sort, this.sortKey(a, sort), this.ids[a], this.sortKey(b, sort), this.ids[b]);
  }

  private compareTo(sort: SearchSort, keyA: number, idA: string, keyB: number, idB: string): number {
    const ascending = keyA < keyB ? -1 : keyA > keyB ? 1 : idA < idB ? -1 : idA > idB ? 1 : 0;
    return SORT_KEYS[sort].descending ? -ascending : ascending;
  }

  /** Binary search: the index in `order` of the first match that comes after `after`. */
  private firstAfter(order: Uint32Array, sort: SearchSort, after: SearchPosition): number {
    let low = 0;
    let high = order.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const p = order[middle];
      if (this.compareTo(sort, this.sortKey(p, sort), this.ids[p], after.key, after.id) <= 0)
        low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function facetColumn(
  tuples: MatchTuple[],
  valueOf: (tuple: MatchTuple) => string | null,
): { values: Array<string | null>; codes: Uint16Array } {
  const index = new Map<string | null, number>();
  const codes = Uint16Array.from(tuples, (tuple) => {
    const value = valueOf(tuple);
    let code = index.get(value);
    if (code === undefined) index.set(value, (code = index.size));
    return code;
  });
  return { values: [...index.keys()], codes };
}
