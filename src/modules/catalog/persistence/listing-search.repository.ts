import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { SearchSort } from '../domain/search';
import { ListingRow, listingColumnsOf } from './listing.repository';

export interface ListingSearch {
  words: string[];
  /** For each word, the vocabulary words within a small typo of it (see `expandWords`). */
  expansions: string[][];
  category?: string;
  minStars?: number;
  provinceCode?: string;
  communeCode?: string;
  producerId?: string;
  minPriceVnd?: number;
  maxPriceVnd?: number;
  inStock?: boolean;
  sort: SearchSort;
  /** YYYY-MM-DD in Vietnam: certificates expired before it count as unrated. */
  today: string;
  /** Set when a producer searches its own listings: paused ones and an unverified producer's included. */
  ownProducerId?: string;
  after?: [unknown, string];
  limit: number;
  withFacets: boolean;
}

export interface SearchRow extends ListingRow {
  score: number;
  eff_stars: number;
  created_key: string;
}

export interface FacetRow {
  facet: 'category' | 'stars' | 'commune';
  value: string | null;
  count: number;
}

interface SortSpec {
  /** Key columns of `matched`, compared as a row so that one index-friendly comparison pages. */
  keys: [string, string];
  keyCasts: [string, string];
  direction: 'ASC' | 'DESC';
}

const SORTS: Record<SearchSort, SortSpec> = {
  relevance: { keys: ['score', 'id'], keyCasts: ['float8', 'uuid'], direction: 'DESC' },
  price_asc: { keys: ['price_vnd', 'id'], keyCasts: ['bigint', 'uuid'], direction: 'ASC' },
  price_desc: { keys: ['price_vnd', 'id'], keyCasts: ['bigint', 'uuid'], direction: 'DESC' },
  stars_desc: { keys: ['eff_stars', 'id'], keyCasts: ['int', 'uuid'], direction: 'DESC' },
  newest: { keys: ['created_at', 'id'], keyCasts: ['timestamptz', 'uuid'], direction: 'DESC' },
};

/** The sort key of a result row, as carried in the opaque cursor. */
export function cursorKeyOf(row: SearchRow, sort: SearchSort): [unknown, string] {
  switch (sort) {
    case 'relevance':
      return [Number(row.score), row.id];
    case 'price_asc':
    case 'price_desc':
      return [String(row.price_vnd), row.id];
    case 'stars_desc':
      return [Number(row.eff_stars), row.id];
    case 'newest':
      return [row.created_key, row.id];
  }
}

/**
 * Public listing search in one statement. Every query word must match one of the listing's stored
 * folded words within a small typo (via the vocabulary expansion, served by the GIN index on
 * `search_words`), in any order. The matching rows are materialized once; the page (keyset on
 * the sort key plus id, so paging never skips or repeats a row, also by relevance) and the facet
 * counts are both taken from them.
 */
@Injectable()
export class ListingSearchRepository {
  /**
   * For each query word, the known words within a small typo of it: trigram word similarity of the
   * query word to the vocabulary word at least `pg_trgm.word_similarity_threshold` (0.6), so
   * "duonh" reaches "duong" and "ba" also reaches words that begin with it.
   */
  async expandWords(tx: Tx, words: string[]): Promise<string[][]> {
    if (words.length === 0) return [];
    const rows = await tx.query<{ i: string; words: string[] }>(
      `SELECT q.i, coalesce(array_agg(v.word) FILTER (WHERE v.word IS NOT NULL), '{}') AS words
         FROM unnest($1::text[]) WITH ORDINALITY AS q(w, i)
         LEFT JOIN LATERAL (
           SELECT word FROM search_vocabulary
            WHERE q.w <% word
            ORDER BY word_similarity(q.w, word) DESC, word
            LIMIT 200
         ) v ON true
        GROUP BY q.i
        ORDER BY q.i`,
      [words],
    );
    return rows.map((row) => row.words);
  }

  async search(tx: Tx, search: ListingSearch): Promise<{ rows: SearchRow[]; facets: FacetRow[] }> {
    const params: unknown[] = [];
    const param = (value: unknown, cast = ''): string => {
      params.push(value);
      return `$${params.length}${cast}`;
    };
    const today = param(search.today, '::date');
    const conditions: string[] = [];
    if (search.ownProducerId !== undefined) {
      conditions.push(`l.producer_id = ${param(search.ownProducerId, '::uuid')}`);
    } else {
      conditions.push(`l.status = 'active'`, `o.status = 'verified'`);
    }
    // Each query word must hit one of its vocabulary expansions (GIN array overlap).
    const expansions = search.expansions.map((words) => param(words, '::text[]'));
    for (const expansion of expansions) conditions.push(`l.search_words && ${expansion}`);
    if (search.category !== undefined) conditions.push(`l.category = ${param(search.category)}`);
    if (search.minStars !== undefined) {
      conditions.push(`l.ocop_stars >= ${param(search.minStars, '::int')} AND l.ocop_expires_on >= ${today}`);
    }
    if (search.provinceCode !== undefined) conditions.push(`l.province_code = ${param(search.provinceCode)}`);
    if (search.communeCode !== undefined) conditions.push(`l.commune_code = ${param(search.communeCode)}`);
    if (search.producerId !== undefined && search.ownProducerId === undefined) {
      conditions.push(`l.producer_id = ${param(search.producerId, '::uuid')}`);
    }
    if (search.minPriceVnd !== undefined)
      conditions.push(`l.price_vnd >= ${param(search.minPriceVnd, '::bigint')}`);
    if (search.maxPriceVnd !== undefined)
      conditions.push(`l.price_vnd <= ${param(search.maxPriceVnd, '::bigint')}`);
    if (search.inStock) conditions.push(`l.stock_on_hand > l.stock_reserved`);

    // Per query word: 1 when the product name has the word itself, 0.5 when it has a near spelling,
    // 0.25 when only the rest of the document has the word itself. Sums of quarters are exact
    // floats, so the cursor can carry the score and compare it for equality.
    const score =
      search.words.length === 0
        ? '0::float8'
        : `(${search.words
            .map((word, i) => {
              const exact = param([word], '::text[]');
              return `CASE WHEN l.name_words @> ${exact} THEN 1 WHEN l.name_words && ${expansions[i]} THEN 0.5
                           WHEN l.search_words @> ${exact} THEN 0.25 ELSE 0 END`;
            })
            .join(' + ')})::float8`;

    const spec = SORTS[search.sort];
    const [k1, k2] = spec.keys;
    const order = `${k1} ${spec.direction}, ${k2} ${spec.direction}`;
    let keyset = 'true';
    if (search.after) {
      const comparison = spec.direction === 'DESC' ? '<' : '>';
      keyset = `(${k1}, ${k2}) ${comparison} (${param(search.after[0], `::${spec.keyCasts[0]}`)}, ${param(
        search.after[1],
        `::${spec.keyCasts[1]}`,
      )})`;
    }
    const limit = param(search.limit + 1, '::int');

    const facetsSql = search.withFacets
      ? `(SELECT coalesce(jsonb_agg(jsonb_build_object('facet', f.facet, 'value', f.value, 'count', f.count)),
                          '[]'::jsonb)
            FROM (SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
                              WHEN GROUPING(eff_stars) = 0 THEN 'stars' ELSE 'commune' END AS facet,
                         coalesce(category, eff_stars::text, commune_code) AS value,
                         count(*)::int AS count
                    FROM matched
                   GROUP BY GROUPING SETS ((category), (eff_stars), (commune_code))) f)`
      : `'[]'::jsonb`;
    const pageOrder = `page.${k1} ${spec.direction}, page.${k2} ${spec.direction}`;

    // `matched` stays narrow (sort and facet keys only); whole rows are read for the page alone.
    const sql = `
      WITH matched AS MATERIALIZED (
        SELECT l.id, l.price_vnd, l.created_at, l.category, l.commune_code,
               coalesce(CASE WHEN l.ocop_expires_on >= ${today} THEN l.ocop_stars END, 0)::int AS eff_stars,
               ${score} AS score
          FROM listings l
          JOIN organizations o ON o.id = l.producer_id
         WHERE ${conditions.join('\n           AND ')}
      ),
      page AS (
        SELECT id, price_vnd, created_at, eff_stars, score
          FROM matched
         WHERE ${keyset}
         ORDER BY ${order}
         LIMIT ${limit}
      )
      SELECT f.facets, p.*
        FROM (SELECT ${facetsSql} AS facets) f
        LEFT JOIN LATERAL (
          SELECT ${listingColumnsOf('l')}, page.eff_stars, page.score, page.created_at::text AS created_key
            FROM page
            JOIN listings l ON l.id = page.id
           ORDER BY ${pageOrder}
        ) p ON true`;
    const rows = await tx.query<SearchRow & { facets: FacetRow[] }>(sql, params);
    const facets = rows[0]?.facets ?? [];
    return { rows: rows.filter((row) => row.id !== null), facets };
  }
}
