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
} from '../persistence/listing-search.repository';
import { toListing } from '../persistence/listing.repository';

/**
 * Facet counts are the same for every page and sort of one query and filter set, and counting a
 * common word's thousands of matches is most of a search's work: they are computed once per
 * distinct match and kept for this long (in this process), so they may lag writes by as much.
 */
export const FACETS_TTL_MS = 10_000;
const FACETS_MAX_ENTRIES = 2_000;

/** `GET /listings`: the public catalogue search. */
@Injectable()
export class ListingSearchService {
  private readonly facetCache = new Map<string, { at: number; facets: FacetRow[] }>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: ListingSearchRepository,
    private readonly clock: Clock,
    private readonly geo: GeoFacade,
  ) {}

  private facetsView(rows: FacetRow[]): SearchFacetsView {
    return toFacetsView(rows, (code) => this.geo.findCommune(code)?.name ?? null);
  }

  private async facetsOf(tx: Tx, match: ListingMatch): Promise<FacetRow[]> {
    const key = JSON.stringify(match);
    const now = Date.now();
    const cached = this.facetCache.get(key);
    if (cached && now - cached.at < FACETS_TTL_MS) return cached.facets;
    const facets = await this.search.facets(tx, match);
    this.facetCache.delete(key);
    if (this.facetCache.size >= FACETS_MAX_ENTRIES) {
      // Oldest first (insertion order): drop the one inserted longest ago.
      this.facetCache.delete(this.facetCache.keys().next().value as string);
    }
    this.facetCache.set(key, { at: now, facets });
    return facets;
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
    return this.uow.run(async (tx) => {
      const expansions = await this.search.expandWords(tx, words);
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
      const rows = await this.search.page(tx, { ...match, sort, after, limit: query.limit });
      const facets = await this.facetsOf(tx, match);
      const hasMore = rows.length > query.limit;
      const visible = hasMore ? rows.slice(0, query.limit) : rows;
      return {
        items: visible.map((row) => toListingView(toListing(row), today)),
        nextCursor: hasMore ? encodeCursor(cursorKeyOf(visible[visible.length - 1], sort)) : null,
        facets: this.facetsView(facets),
      };
    });
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
