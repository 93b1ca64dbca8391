import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

/*
 * Reporting reads the ordering, fairs, catalog and organizations tables READ-ONLY, by design (see
 * programme-report.repository.ts): sales figures are sums over a year of orders, done by PostgreSQL.
 *
 * Channels:
 * - supermarket: supplier orders in status `delivered`, dated by the moment they became delivered
 *   (their status history), valued at their accepted lines (ordering rewrites line totals on a
 *   partial acceptance). Cancelled, rejected and expired orders never count, whatever happened before;
 * - fair stalls: stall bookings in status `confirmed` (a later cancellation takes them out), dated
 *   by their confirmation, valued at the stall fee. Producers PAY these fees to organizers, so they
 *   are shown beside the sales and never added to them.
 * A day is a calendar day in Asia/Ho_Chi_Minh; `$1`..`$2` are the first and last day, both included.
 */

export type SalesGroupBy = 'producer' | 'commune' | 'buyer' | 'category';

const PERIOD_START = `($1::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;
const PERIOD_END = `($2::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

const DELIVERED = `
  delivered AS (
    SELECT so.id, so.producer_id, so.buyer_id, so.subtotal_vnd, so.vat_vnd
      FROM supplier_order_status_history h
      JOIN supplier_orders so ON so.id = h.supplier_order_id
     WHERE h.to_status = 'delivered'
       AND h.changed_at >= ${PERIOD_START} AND h.changed_at < ${PERIOD_END}
       AND so.status = 'delivered'
       AND ($3::uuid IS NULL OR so.producer_id = $3)
  )`;

const CONFIRMED_STALLS = `
  stalls AS (
    SELECT b.id, b.producer_id, b.amount_vnd
      FROM fair_bookings b
     WHERE b.status = 'confirmed'
       AND b.confirmed_at >= ${PERIOD_START} AND b.confirmed_at < ${PERIOD_END}
       AND ($3::uuid IS NULL OR b.producer_id = $3)
  )`;

export interface ChannelRow {
  key: string | null;
  label: string | null;
  count: number;
  net_vnd: string;
  vat_vnd: string;
}

/** Order-level grouping: which organization (and its label) a delivered order belongs to. */
const ORDER_GROUPS: Record<
  Exclude<SalesGroupBy, 'category'>,
  { key: string; join: string; label: string }
> = {
  producer: {
    key: 'd.producer_id::text',
    join: 'JOIN organizations o ON o.id = d.producer_id',
    label: 'o.name',
  },
  buyer: { key: 'd.buyer_id::text', join: 'JOIN organizations o ON o.id = d.buyer_id', label: 'o.name' },
  commune: {
    key: 'o.commune_code',
    join: 'JOIN organizations o ON o.id = d.producer_id LEFT JOIN geo_communes g ON g.code = o.commune_code',
    label: 'g.name',
  },
};

/** Groupings that stall fees can be attributed to: a stall has a producer, but no buyer or category. */
export type StallGroupBy = Extract<SalesGroupBy, 'producer' | 'commune'>;

export function isStallGroupBy(groupBy: SalesGroupBy): groupBy is StallGroupBy {
  return groupBy === 'producer' || groupBy === 'commune';
}

const STALL_GROUPS: Record<StallGroupBy, { key: string; join: string; label: string }> = {
  producer: {
    key: 's.producer_id::text',
    join: 'JOIN organizations o ON o.id = s.producer_id',
    label: 'o.name',
  },
  commune: {
    key: 'o.commune_code',
    join: 'JOIN organizations o ON o.id = s.producer_id LEFT JOIN geo_communes g ON g.code = o.commune_code',
    label: 'g.name',
  },
};

@Injectable()
export class SalesReportRepository {
  /** Delivered supplier orders per group: how many, net value and VAT. */
  async supermarket(
    tx: Tx,
    from: string,
    to: string,
    producerId: string | null,
    groupBy: SalesGroupBy,
  ): Promise<ChannelRow[]> {
    if (groupBy === 'category') {
      // An order may hold several categories: each line counts for its listing's category.
      return tx.query<ChannelRow>(
        `WITH ${DELIVERED}
         SELECT l.category AS key, NULL::text AS label, count(DISTINCT d.id)::int AS count,
                coalesce(sum(sol.line_total_vnd), 0)::text AS net_vnd,
                coalesce(sum(sol.vat_vnd), 0)::text AS vat_vnd
           FROM delivered d
           JOIN supplier_order_lines sol ON sol.supplier_order_id = d.id
           LEFT JOIN listings l ON l.id = sol.listing_id
          GROUP BY l.category`,
        [from, to, producerId],
      );
    }
    const group = ORDER_GROUPS[groupBy];
    return tx.query<ChannelRow>(
      `WITH ${DELIVERED}
       SELECT ${group.key} AS key, min(${group.label}) AS label, count(*)::int AS count,
              coalesce(sum(d.subtotal_vnd), 0)::text AS net_vnd,
              coalesce(sum(d.vat_vnd), 0)::text AS vat_vnd
         FROM delivered d ${group.join}
        GROUP BY ${group.key}`,
      [from, to, producerId],
    );
  }

  /** All delivered supplier orders of the period: each order counted once, whatever its categories. */
  async supermarketTotal(tx: Tx, from: string, to: string, producerId: string | null): Promise<ChannelRow> {
    const row = await tx.one<ChannelRow>(
      `WITH ${DELIVERED}
       SELECT NULL AS key, NULL AS label, count(*)::int AS count,
              coalesce(sum(d.subtotal_vnd), 0)::text AS net_vnd, coalesce(sum(d.vat_vnd), 0)::text AS vat_vnd
         FROM delivered d`,
      [from, to, producerId],
    );
    return row!;
  }

  /** Confirmed stall bookings per group of producers: how many and the fees they paid. */
  async fairStalls(
    tx: Tx,
    from: string,
    to: string,
    producerId: string | null,
    groupBy: StallGroupBy,
  ): Promise<ChannelRow[]> {
    const group = STALL_GROUPS[groupBy];
    return tx.query<ChannelRow>(
      `WITH ${CONFIRMED_STALLS}
       SELECT ${group.key} AS key, min(${group.label}) AS label, count(*)::int AS count,
              coalesce(sum(s.amount_vnd), 0)::text AS net_vnd, '0' AS vat_vnd
         FROM stalls s ${group.join}
        GROUP BY ${group.key}`,
      [from, to, producerId],
    );
  }

  /** All stall bookings confirmed in the period (of the producer in scope): how many and the fees. */
  async fairStallsTotal(tx: Tx, from: string, to: string, producerId: string | null): Promise<ChannelRow> {
    const row = await tx.one<ChannelRow>(
      `WITH ${CONFIRMED_STALLS}
       SELECT NULL AS key, NULL AS label, count(*)::int AS count,
              coalesce(sum(s.amount_vnd), 0)::text AS net_vnd, '0' AS vat_vnd
         FROM stalls s`,
      [from, to, producerId],
    );
    return row!;
  }
}
