import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { decodeCursor, encodeCursor } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import { GeoFacade } from '../../geo';
import { ListingPageView, SearchFacetsView, toListingView } from '../api/catalog.view';
import { SearchListingsDto } from '../api/dto/listing.dto';
import { cursorKeyFor, MatchSet, PriceRange, SearchPosition, searchPositionOf } from '../domain/match-set';
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
 * common word's thousands of matches is most of a search's work: for searches whose matches are too
 * many to keep (`SEARCH_KEEP_MATCHES_MAX`), they are computed once per distinct match and kept for this
 * long (in this process), so they may lag writes by as much.
 */
export const FACETS_TTL_MS = 10_000;
const FACETS_MAX_ENTRIES = 2_000;
const EXPANSIONS_MAX_ENTRIES = 10_000;
/** Matches kept over all match sets of the process, least recently used dropped first. */
const MATCH_SETS_MAX_MATCHES = 300_000;

/** A search's matches at a catalogue search version; no set when they were too many to keep. */
interface KeptMatches {
  version: string;
  set: MatchSet | undefined;
}

/**
 * `GET /listings`: the public catalogue search. A search matching at most `SEARCH_KEEP_MATCHES_MAX`
 * listings keeps all its matches in memory (a `MatchSet`), valid while the catalogue's search version
 * is unchanged: its other pages, sorts and price ranges, and the same search by anyone, are then
 * answered by reading only the page's listings.
 */
@Injectable()
export class ListingSearchService {
  private readonly facetCache = new Map<string, { at: number; facets: FacetRow[] }>();
  private readonly expansionCache = new Map<string, string[]>();
  private vocabularySize = -1;
  private readonly matchSets = new Map<string, KeptMatches>();
  private keptMatches = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: ListingSearchRepository,
    private readonly clock: Clock,
    private readonly geo: GeoFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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

  /** The kept matches of a search, as most recently used. */
  private keptMatchesOf(key: string): KeptMatches | undefined {
    const kept = this.matchSets.get(key);
    if (kept) {
      this.matchSets.delete(key);
      this.matchSets.set(key, kept);
    }
    return kept;
  }

  private keepMatches(key: string, kept: KeptMatches): void {
    this.forgetMatches(key);
    this.matchSets.set(key, kept);
    this.keptMatches += kept.set?.size ?? 1;
    for (const oldest of this.matchSets.keys()) {
      if (this.keptMatches <= MATCH_SETS_MAX_MATCHES) break;
      this.forgetMatches(oldest);
    }
  }

  private forgetMatches(key: string): void {
    const kept = this.matchSets.get(key);
    if (!kept) return;
    this.matchSets.delete(key);
    this.keptMatches -= kept.set?.size ?? 1;
  }

  find(actor: Actor | undefined, query: SearchListingsDto): Promise<ListingPageView> {
    const words = searchWordsOf(query.q);
    const sort = effectiveSort(query.sort as SearchSort | undefined, words);
    const after = searchPositionOf(decodeCursor(query.cursor, ['any', 'uuid']), sort);
    const own =
      actor?.role === 'producer' &&
      query.producerId !== undefined &&
      query.producerId === actor.organizationId;
    const today = vietnamDate(this.clock.now());
    const prices: PriceRange = { minPriceVnd: query.minPriceVnd, maxPriceVnd: query.maxPriceVnd };
    // Without a transaction: every statement of a search is one snapshot of its own, and each
    // reports the catalogue's search version (or the vocabulary's size) it saw, which is how a
    // search knows that what it kept from an earlier statement still holds.
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
          today,
          inStock: query.inStock === 'true',
          ownProducerId: own ? query.producerId : undefined,
        };
        const lastAttempt = attempt >= 3;
        const key = JSON.stringify(match);
        if (this.config.searchKeepMatchesMax > 0) {
          let kept = this.keptMatchesOf(key);
          if (!kept) {
            const found = await this.search.matchSet(tx, match, this.config.searchKeepMatchesMax);
            if (words.length > 0 && found.vocabularySize !== vocabularySize && !lastAttempt) {
              // New words arrived since the expansions were cached: expand again and search again.
              this.expansionCache.clear();
              continue;
            }
            kept = { version: found.version, set: found.matches && new MatchSet(found.matches) };
            this.keepMatches(key, kept);
          }
          if (kept.set) {
            const page = await this.pageFrom(
              tx,
              kept.set,
              kept.version,
              sort,
              prices,
              after,
              query.limit,
              today,
            );
            if (page) return page;
            // The catalogue changed since the matches were read: match again.
            this.forgetMatches(key);
            if (!lastAttempt) continue;
          }
        }
        const found = await this.searchInDatabase(
          tx,
          { ...match, ...prices },
          sort,
          after,
          query.limit,
          today,
        );
        if (words.length > 0 && found.vocabularySize !== vocabularySize && !lastAttempt) {
          this.expansionCache.clear();
          continue;
        }
        return found.page;
      }
    });
  }

  /**
   * A page from kept matches: only the page's listings are read, in a statement that also reports
   * the catalogue's search version; `undefined` when that is no longer the matches' version.
   */
  private async pageFrom(
    tx: Tx,
    set: MatchSet,
    version: string,
    sort: SearchSort,
    prices: PriceRange,
    after: SearchPosition | undefined,
    limit: number,
    today: string,
  ): Promise<ListingPageView | undefined> {
    const positions = set.page(sort, prices, after, limit + 1);
    const visible = positions.slice(0, limit);
    const found = await this.search.pageRows(
      tx,
      visible.map((p) => set.id(p)),
    );
    if (found.version !== version || found.rows.length !== visible.length) return undefined;
    const byId = new Map(found.rows.map((row) => [row.id, row]));
    const last = visible[visible.length - 1];
    return {
      items: visible.map((p) => toListingView(toListing(byId.get(set.id(p))!), today)),
      nextCursor:
        positions.length > limit
          ? encodeCursor([cursorKeyFor(sort, set.sortKey(last, sort)), set.id(last)])
          : null,
      facets: this.facetsView(set.facets(prices)),
    };
  }

  /** Too many matches to keep: the page (and, once per `FACETS_TTL_MS`, the facets) in SQL. */
  private async searchInDatabase(
    tx: Tx,
    match: ListingMatch,
    sort: SearchSort,
    after: SearchPosition | undefined,
    limit: number,
    today: string,
  ): Promise<{ page: ListingPageView; vocabularySize: number }> {
    const key = JSON.stringify(match);
    const known = this.cachedFacets(key);
    const found = await this.search.search(tx, { ...match, sort, after, limit }, !known);
    const facets = known ?? found.facets ?? [];
    if (!known && found.facets) this.cacheFacets(key, facets);
    return {
      page: this.pageOf(found.rows, facets, limit, sort, today),
      vocabularySize: found.vocabularySize,
    };
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
