import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { prepared, PreparedSql, Tx } from '@ocop/persistence';
import { MatchTuple, SearchPosition } from '../domain/match-set';
import { SearchSort } from '../domain/search';
import { nearSpellings } from '../domain/typo';
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
  after?: SearchPosition;
  limit: number;
}

/** The part of a search that decides which listings match (what facets are counted over). */
export type ListingMatch = Omit<ListingSearch, 'sort' | 'after' | 'limit'>;

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
  /** Key columns of `m`, compared as a row so that one index-friendly comparison pages. */
  keys: [string, string];
  /** The cursor's key as a value of the first key column. */
  keyOf: (param: string) => string;
  direction: 'ASC' | 'DESC';
}

const SORTS: Record<SearchSort, SortSpec> = {
  relevance: { keys: ['score', 'id'], keyOf: (p) => `${p}::float8`, direction: 'DESC' },
  price_asc: { keys: ['price_vnd', 'id'], keyOf: (p) => `${p}::bigint`, direction: 'ASC' },
  price_desc: { keys: ['price_vnd', 'id'], keyOf: (p) => `${p}::bigint`, direction: 'DESC' },
  stars_desc: { keys: ['eff_stars', 'id'], keyOf: (p) => `${p}::int`, direction: 'DESC' },
  // Microseconds since the epoch: exact, and comparable as numbers where the matches are cached.
  newest: {
    keys: ['created_at', 'id'],
    keyOf: (p) => `(timestamptz 'epoch' + ${p}::bigint * interval '1 microsecond')`,
    direction: 'DESC',
  },
};

const CREATED_MICROS = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint`;

/** The sort key of a result row, as carried in the opaque cursor (see `searchPositionOf`). */
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

const PAGE_ROWS = prepared(
  'catalog.search.page-rows',
  `SELECT v.version::text AS version, ${listingColumnsOf('l')}
     FROM catalog_search_version v
     LEFT JOIN listings l ON l.id = ANY($1::uuid[])`,
);

/**
 * A query word's expansion is a parameter of every search statement, and the GIN index looks up
 * each of its words: a bound on its size bounds a statement's work whatever the vocabulary.
 */
const MAX_EXPANSIONS = 200;

const EXPAND_WORDS = prepared(
  'catalog.search.expand-words',
  `SELECT coalesce(array_agg(k.word) FILTER (WHERE k.word IS NOT NULL), '{}') AS candidates,
          (SELECT count(*)::int FROM search_vocabulary) AS size
     FROM unnest($1::text[]) WITH ORDINALITY AS q(w, i)
     LEFT JOIN search_vocabulary_keys k ON k.key = ANY (ocop_typo_keys(q.w))
    GROUP BY q.i
    ORDER BY q.i`,
);

/**
 * Public listing search on the narrow `listing_search` table (kept current by triggers, see the
 * ListingSearch migration). Every query word must match one of the listing's stored folded words
 * within a small typo (via the vocabulary expansion, served by the partial GIN index on `words`),
 * in any order. The page is a keyset on the sort key plus id, so paging never skips or repeats a
 * row, also by relevance; only the page's rows are read from the wide `listings` table. Facet
 * counts are a separate statement, so the service can skip it when it already knows them.
 */
@Injectable()
export class ListingSearchRepository {
  private readonly preparedShapes = new Map<string, PreparedSql>();

  /**
   * For each query word, the known words within a small typo of it (`nearSpellings`), the word
   * itself first. Candidates come from the deletion keys of the SearchTypoKeys migration: every known
   * word within the budget shares a key with the query word, and a few that share one are further
   * away, which the distance check drops.
   */
  async expandWords(tx: Tx, words: string[]): Promise<{ expansions: string[][]; vocabularySize: number }> {
    const rows = await tx.query<{ candidates: string[]; size: number }>(EXPAND_WORDS, [words]);
    return {
      expansions: rows.map((row, i) => nearSpellings(words[i], row.candidates, MAX_EXPANSIONS)),
      vocabularySize: rows[0]?.size ?? 0,
    };
  }

  /**
   * One page of matches in sort order (limit + 1 rows, so the caller knows whether more follow) and,
   * when asked, the facet counts over all matches, in one statement (one round trip, one snapshot).
   * Also the vocabulary's size in that snapshot: words are only ever added to it, so an unchanged
   * size proves expansions computed earlier are still exactly what `expandWords` would answer.
   */
  async search(
    tx: Tx,
    search: ListingSearch,
    withFacets: boolean,
  ): Promise<{ rows: SearchRow[]; facets: FacetRow[] | undefined; vocabularySize: number }> {
    const q = new Query();
    const { conditions, effStars, expansions } = matchOf(q, search);
    const where = conditions.join('\n AND ');

    // Only the relevance sort reads the score; for the others it would be work on every match for nothing.
    const score = search.sort === 'relevance' ? scoreOf(q, search.words, expansions) : '0::float8';

    const spec = SORTS[search.sort];
    const [k1, k2] = spec.keys;
    let keyset = 'true';
    if (search.after) {
      const comparison = spec.direction === 'DESC' ? '<' : '>';
      const key = spec.keyOf(q.param(search.after.key));
      keyset = `(m.${k1}, m.${k2}) ${comparison} (${key}, ${q.param(search.after.id, '::uuid')})`;
    }
    const limit = q.param(search.limit + 1, '::int');
    const matches = `SELECT s.listing_id AS id, s.price_vnd, s.created_at, ${effStars} AS eff_stars, ${score} AS score,
                            s.category, s.commune_code
                       FROM listing_search s
                      WHERE ${where}`;
    // With facets, the matches are read once (materialized) for both the counts and the page;
    // without, the page alone, where the keyset comparison is pushed down into `m` (on price and
    // newest an index condition). Only the page's rows are read from the wide `listings` table.
    const facets = withFacets
      ? `(SELECT coalesce(jsonb_agg(jsonb_build_object('facet', f.facet, 'value', f.value, 'count', f.count)), '[]')
            FROM (SELECT CASE WHEN GROUPING(category) = 0 THEN 'category'
                              WHEN GROUPING(eff_stars) = 0 THEN 'stars' ELSE 'commune' END AS facet,
                         coalesce(category, eff_stars::text, commune_code) AS value,
                         count(*)::int AS count
                    FROM matched
                   GROUP BY GROUPING SETS ((category), (eff_stars), (commune_code))) f)`
      : 'NULL::jsonb';
    const sql = `
      ${withFacets ? `WITH matched AS MATERIALIZED (${matches})` : ''}
      SELECT f.facets, f.vocabulary_size, r.*
        FROM (SELECT ${facets} AS facets, (SELECT count(*)::int FROM search_vocabulary) AS vocabulary_size) f
        LEFT JOIN LATERAL (
          SELECT ${listingColumnsOf('l')}, p.eff_stars, p.score, ${CREATED_MICROS('p.created_at')}::text AS created_key
            FROM (SELECT m.*
                    FROM ${withFacets ? 'matched' : `(${matches})`} m
                   WHERE ${keyset}
                   ORDER BY m.${k1} ${spec.direction}, m.${k2} ${spec.direction}
                   LIMIT ${limit}) p
            JOIN listings l ON l.id = p.id
           ORDER BY p.${k1} ${spec.direction}, p.${k2} ${spec.direction}) r ON true`;
    const rows = await tx.query<SearchRow & { facets: FacetRow[] | null; vocabulary_size: number }>(
      this.preparedWithinLimit(sql),
      q.params,
    );
    return {
      vocabularySize: rows[0]?.vocabulary_size ?? 0,
      rows: rows.filter((row) => row.id !== null),
      facets: withFacets ? (rows[0]?.facets ?? []) : undefined,
    };
  }

  /**
   * Every listing the search matches, ignoring its price range, with what sorting, paging and facets
   * need (see `MatchSet`), or `undefined` when there are more than `cap`; and, in the same snapshot,
   * the catalogue's search version and the vocabulary's size.
   */
  async matchSet(
    tx: Tx,
    match: ListingMatch,
    cap: number,
  ): Promise<{ version: string; vocabularySize: number; matches: MatchTuple[] | undefined }> {
    const q = new Query();
    const { conditions, effStars, expansions } = matchOf(q, {
      ...match,
      minPriceVnd: undefined,
      maxPriceVnd: undefined,
    });
    const score = scoreOf(q, match.words, expansions);
    const text = `
      WITH m AS MATERIALIZED (
        SELECT s.listing_id AS id, s.price_vnd, ${effStars} AS eff_stars, ${score} AS score,
               ${CREATED_MICROS('s.created_at')} AS created_micros, s.category, s.commune_code
          FROM listing_search s
         WHERE ${conditions.join('\n AND ')}
         LIMIT ${q.param(cap + 1, '::int')})
      SELECT (SELECT version::text FROM catalog_search_version) AS version,
             (SELECT count(*)::int FROM search_vocabulary) AS vocabulary_size,
             CASE WHEN (SELECT count(*) FROM m) > ${q.param(cap, '::int')} THEN NULL
                  ELSE (SELECT coalesce(json_agg(json_build_array(m.id, m.price_vnd, m.eff_stars, m.score,
                                                                  m.created_micros, m.category, m.commune_code)), '[]')
                          FROM m) END AS matches`;
    const [row] = await tx.query<{ version: string; vocabulary_size: number; matches: MatchTuple[] | null }>(
      this.preparedWithinLimit(text),
      q.params,
    );
    return { version: row.version, vocabularySize: row.vocabulary_size, matches: row.matches ?? undefined };
  }

  /** The listings of a page, by id (in no particular order), and the catalogue's search version. */
  async pageRows(tx: Tx, ids: string[]): Promise<{ version: string; rows: ListingRow[] }> {
    const rows = await tx.query<ListingRow & { version: string }>(PAGE_ROWS, [ids]);
    return { version: rows[0].version, rows: rows.filter((row) => row.id !== null) };
  }

  private preparedWithinLimit(sql: string): PreparedSql | string {
    const known = this.preparedShapes.get(sql);
    if (known) return known;
    if (this.preparedShapes.size >= MAX_PREPARED_SHAPES) return sql;
    const statement = prepared(
      `catalog.search.${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`,
      sql,
    );
    this.preparedShapes.set(sql, statement);
    return statement;
  }
}

/**
 * Search statements differ by shape only (which filters, how many words, sort, page), and planning one
 * cost as much as a fifth of running it. The first shapes seen are prepared on every connection; past
 * this many, the rest run unprepared, so a connection never keeps an unbounded number of plans.
 */
const MAX_PREPARED_SHAPES = 256;

class Query {
  readonly params: unknown[] = [];

  param(value: unknown, cast = ''): string {
    this.params.push(value);
    return `$${this.params.length}${cast}`;
  }
}

/**
 * Relevance: per query word, 1 when the product name has the word itself, 0.5 when it has a near
 * spelling, 0.25 when only the rest of the document has the word itself. Sums of quarters are exact
 * floats, so the cursor can carry the score and compare it for equality.
 */
function scoreOf(q: Query, words: string[], expansions: string[]): string {
  if (words.length === 0) return '0::float8';
  return words
    .map((word, i) => {
      const exact = q.param([word], '::text[]');
      return `CASE WHEN s.name_words @> ${exact} THEN 1::float8 WHEN s.name_words && ${expansions[i]} THEN 0.5::float8
                   WHEN s.words @> ${exact} THEN 0.25::float8 ELSE 0::float8 END`;
    })
    .join(' + ');
}

/** The WHERE conditions on `listing_search s` shared by the page and the facets. */
function matchOf(
  q: Query,
  search: ListingMatch,
): { conditions: string[]; effStars: string; expansions: string[] } {
  const today = q.param(search.today, '::date');
  const conditions: string[] = [];
  if (search.ownProducerId !== undefined) {
    conditions.push(`s.producer_id = ${q.param(search.ownProducerId, '::uuid')}`);
  } else {
    // Exactly the predicate of the partial indexes.
    conditions.push(`s.active AND s.producer_verified`);
  }
  // Each query word must hit one of its vocabulary expansions (GIN array overlap).
  const expansions = search.expansions.map((words) => q.param(words, '::text[]'));
  for (const expansion of expansions) conditions.push(`s.words && ${expansion}`);
  // Filters are tokens in `words` too (see the ListingSearchFilterTokens migration), so the GIN
  // scan applies them together with the query words.
  const tokens: string[] = [];
  if (search.category !== undefined) tokens.push(`~c:${search.category}`);
  if (search.provinceCode !== undefined) tokens.push(`~p:${search.provinceCode}`);
  if (search.communeCode !== undefined) tokens.push(`~m:${search.communeCode}`);
  if (search.inStock) tokens.push('~in');
  if (tokens.length > 0) conditions.push(`s.words @> ${q.param(tokens, '::text[]')}`);
  const minStars = search.minStars;
  if (minStars !== undefined) {
    const stars = [1, 2, 3, 4, 5].filter((n) => n >= minStars).map((n) => `~s:${n}`);
    conditions.push(`s.words && ${q.param(stars, '::text[]')} AND s.ocop_expires_on >= ${today}`);
  }
  if (search.producerId !== undefined && search.ownProducerId === undefined) {
    conditions.push(`s.producer_id = ${q.param(search.producerId, '::uuid')}`);
  }
  if (search.minPriceVnd !== undefined)
    conditions.push(`s.price_vnd >= ${q.param(search.minPriceVnd, '::bigint')}`);
  if (search.maxPriceVnd !== undefined)
    conditions.push(`s.price_vnd <= ${q.param(search.maxPriceVnd, '::bigint')}`);
  const effStars = `coalesce(CASE WHEN s.ocop_expires_on >= ${today} THEN s.ocop_stars END, 0)::int`;
  return { conditions, effStars, expansions };
}
