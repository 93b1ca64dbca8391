import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { decodeCursor, encodeCursor } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { GeoFacade } from '../../geo';
import { ListingPageView, SearchFacetsView, toListingView } from '../api/catalog.view';
import { SearchListingsDto } from '../api/dto/listing.dto';
import { effectiveSort, SearchSort, searchWordsOf } from '../domain/search';
import { cursorKeyOf, FacetRow, ListingSearchRepository } from '../persistence/listing-search.repository';
import { toListing } from '../persistence/listing.repository';

/** `GET /listings`: the public catalogue search. */
@Injectable()
export class ListingSearchService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly search: ListingSearchRepository,
    private readonly clock: Clock,
    private readonly geo: GeoFacade,
  ) {}

  private facetsView(rows: FacetRow[]): SearchFacetsView {
    return toFacetsView(rows, (code) => this.geo.findCommune(code)?.name ?? null);
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
      const { rows, facets } = await this.search.search(tx, {
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
        sort,
        today,
        ownProducerId: own ? query.producerId : undefined,
        after,
        limit: query.limit,
        withFacets: true,
      });
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
