import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { OrderableListing, QuotedLine, StockItem, StockRef } from '../domain/stock';
import { ExpiringCertificateRow, StockRepository } from '../persistence/stock.repository';
import { StockService } from './stock.service';

/**
 * What other modules may do with the catalog. Every method runs inside the caller's transaction,
 * so a reservation commits or rolls back together with the order that needed it.
 */
@Injectable()
export class CatalogFacade {
  constructor(
    private readonly stockService: StockService,
    private readonly stock: StockRepository,
  ) {}

  /**
   * What an order line needs of each listing, read without locks: `reserveAsQuoted` is the check
   * that counts. Unknown ids are simply absent from the answer.
   */
  orderableListings(tx: Tx, listingIds: string[]): Promise<OrderableListing[]> {
    return this.stockService.orderableListings(tx, listingIds);
  }

  /**
   * reserved += quantity for every line, each only if the listing is still active, still sells on
   * the terms it was read with (price, tiers, VAT, minimum, lead time) and has enough available; all
   * or none. Sent without waiting for the answer, so that it travels with the caller's COMMIT and
   * holds the listings' locks only for that last round trip: when a line could not be reserved, the
   * statement fails with SQLSTATE 40001, the transaction with it, and the unit of work runs the
   * caller's transaction again, whose fresh reads then show what changed (short lines are the
   * caller's to name).
   */
  reserveAsQuoted(tx: Tx, lines: QuotedLine[], ref: StockRef): void {
    this.stockService.reserveAsQuoted(tx, lines, ref);
  }

  /**
   * reserved += quantity for every item, each only if on hand − reserved covers it. If any listing
   * falls short, throws 409 INSUFFICIENT_STOCK with `listingIds` (the short ones); the caller's
   * transaction must then roll back (the error does that when it propagates out of UnitOfWork.run).
   */
  reserve(tx: Tx, items: StockItem[], ref: StockRef): Promise<void> {
    return this.stockService.move(tx, 'reservation', items, ref);
  }

  /** reserved −= quantity (an order cancelled, expired or rejected). */
  release(tx: Tx, items: StockItem[], ref: StockRef): Promise<void> {
    return this.stockService.move(tx, 'release', items, ref);
  }

  /** on hand −= quantity and reserved −= quantity (goods left the cooperative). */
  ship(tx: Tx, items: StockItem[], ref: StockRef): Promise<void> {
    return this.stockService.move(tx, 'shipment', items, ref);
  }

  /** Highest stars among the producer's products with a certificate valid on `onDate` (YYYY-MM-DD). */
  bestOcopStarsOf(tx: Tx, producerId: string, onDate: string): Promise<number | null> {
    return this.stock.bestOcopStarsOf(tx, producerId, onDate);
  }

  /** Current OCOP certificates whose last valid day is from `from` to `to` (YYYY-MM-DD, both included). */
  findCertificatesExpiringBetween(tx: Tx, from: string, to: string): Promise<ExpiringCertificateRow[]> {
    return this.stock.certificatesExpiringBetween(tx, from, to);
  }
}
