import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { decodeCursor, encodeCursor } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { GeoFacade } from '../../geo';
import { ListingPageView, SearchFacetsView, toListingView } from '../api/catalog.view';
import { SearchListingsDto } from '../api/dto/listing.dto';
import { effectiveSort, SearchSort, searchWordsOf } from '../domain/search';
import {
  cursorKeyOf,
  FacetRow,
  ListingMatch,
  ListingSearchRepository,
  SearchRow,
} from '../persistence/listing-search.repository';
import { toListing } from '../persistence/listing.repository';

/**
 * Facet counts are the same for every page and sort of one query and filter set, and counting a
 * common word's thousands of matches is most of a search's work: they are computed once per
 * distinct match and kept for this long (in this process), so they may lag writes by as much.
 */
export const FACETS_TTL_MS = 10_000;
const FACETS_MAX_ENTRIES = 2_000;
const EXPANSIONS_MAX_ENTRIES = 10_000;

/** `GET /listings`: the public catalogue search. */
@Injectable()
export class ListingSearchService {
  private readonly facetCache = new Map<string, { at: number; facets: FacetRow[] }>();
  private readonly expansionCache = new Map<string, string[]>();
  private vocabularySize = -1;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: ListingSearchRepository,
    private readonly clock: Clock,
    private readonly geo: GeoFacade,
  ) {}

  private facetsView(rows: FacetRow[]): SearchFacetsView {
    return toFacetsView(rows, (code) => this.geo.findCommune(code)?.name ?? null);
  }

  /**
   * Query word expansions, cached per word for as long as the vocabulary keeps its size (it only
   * grows; every search statement reports the size it saw, see `ListingSearchRepository.search`).
   */
  private async expansionsOf(
    tx: Tx,
    words: string[],
  ): Promise<{ expansions: string[][]; vocabularySize: number }> {
    if (words.length === 0) return { expansions: [], vocabularySize: this.vocabularySize };
    const cached = words.map((word) => this.expansionCache.get(word));
    // A word with no expansion ends the search without a statement that would see new words: never
    // answer that from the cache.
    if (cached.every((e) => e !== undefined && e.length > 0)) {
      return { expansions: cached as string[][], vocabularySize: this.vocabularySize };
    }
    const fresh = await this.search.expandWords(tx, words);
    if (fresh.vocabularySize !== this.vocabularySize) {
      this.expansionCache.clear();
      this.vocabularySize = fresh.vocabularySize;
    }
    if (this.expansionCache.size >= EXPANSIONS_MAX_ENTRIES) this.expansionCache.clear();
    words.forEach((word, i) => this.expansionCache.set(word, fresh.expansions[i]));
    return fresh;
  }

  private cachedFacets(key: string): FacetRow[] | undefined {
    const cached = this.facetCache.get(key);
    return cached && Date.now() - cached.at < FACETS_TTL_MS ? cached.facets : undefined;
  }

  private cacheFacets(key: string, facets: FacetRow[]): void {
    this.facetCache.delete(key);
    if (this.facetCache.size >= FACETS_MAX_ENTRIES) {
      // Insertion order: drop the entry stored longest ago.
      this.facetCache.delete(this.facetCache.keys().next().value as string);
    }
    this.facetCache.set(key, { at: Date.now(), facets });
  }

  find(actor: Actor | undefined, query: SearchListingsDto): Promise<ListingPageView> {
    const words = searchWordsOf(query.q);
    const sort = effectiveSort(query.sort as SearchSort | undefined, words);
    const after = decodeCursor(query.cursor, 2) as [unknown, string] | undefined;
    const own =
      actor?.role === 'producer' &&
      query.producerId !== undefined &&
      query.producerId === actor.organizationId;
    const today = vietnamDate(this.clock.now());
    // Without a transaction: the search is a single statement (its own snapshot) after the word
    // expansion, and BEGIN/COMMIT would be two more round trips on every search.
    return this.uow.read(async (tx) => {
      for (let attempt = 1; ; attempt++) {
        const { expansions, vocabularySize } = await this.expansionsOf(tx, words);
        if (expansions.some((e) => e.length === 0)) {
          return { items: [], nextCursor: null, facets: { category: [], stars: [], commune: [] } };
        }
        const match: ListingMatch = {
          words,
          expansions,
          category: query.category,
          minStars: query.minStars,
          provinceCode: query.provinceCode,
          communeCode: query.communeCode,
          producerId: query.producerId,
          minPriceVnd: query.minPriceVnd,
          maxPriceVnd: query.maxPriceVnd,
          inStock: query.inStock === 'true',
          today,
          ownProducerId: own ? query.producerId : undefined,
        };
        const key = JSON.stringify(match);
        const known = this.cachedFacets(key);
        const found = await this.search.search(tx, { ...match, sort, after, limit: query.limit }, !known);
        if (words.length > 0 && found.vocabularySize !== vocabularySize && attempt < 3) {
          // New words arrived since the expansions were cached: expand again and search again.
          this.expansionCache.clear();
          continue;
        }
        const facets = known ?? found.facets ?? [];
        if (!known) this.cacheFacets(key, facets);
        return this.pageOf(found.rows, facets, query.limit, sort, today);
      }
    });
  }

  private pageOf(
    rows: SearchRow[],
    facets: FacetRow[],
    limit: number,
    sort: SearchSort,
    today: string,
  ): ListingPageView {
    const hasMore = rows.length > limit;
    const visible = hasMore ? rows.slice(0, limit) : rows;
    return {
      items: visible.map((row) => toListingView(toListing(row), today)),
      nextCursor: hasMore ? encodeCursor(cursorKeyOf(visible[visible.length - 1], sort)) : null,
      facets: this.facetsView(facets),
    };
  }
}

function toFacetsView(rows: FacetRow[], communeName: (code: string) => string | null): SearchFacetsView {
  const view: SearchFacetsView = { category: [], stars: [], commune: [] };
  for (const row of rows) {
    const entry =
      row.facet === 'commune'
        ? { value: row.value, label: row.value === null ? null : communeName(row.value), count: row.count }
        : { value: row.value, count: row.count };
    view[row.facet].push(entry);
  }
  for (const list of Object.values(view)) {
    (list as Array<{ value: string | null; count: number }>).sort(
      (a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)),
    );
  }
  return view;
}
