import { Injectable } from '@nestjs/common';
import { Clock, vietnamDate } from '@ocop/clock';
import { TransactionConflict, Tx } from '@ocop/persistence';
import { CatalogErrors } from '../domain/catalog.errors';
import { mergeStockItems, OrderableListing, QuotedLine, StockItem, StockRef } from '../domain/stock';
import { StockMovement, StockRepository } from '../persistence/stock.repository';

/** How each kind of movement changes on hand and reserved, per unit moved. */
const MOVES: Record<'reservation' | 'release' | 'shipment', StockMovement> = {
  reservation: { kind: 'reservation', onHand: 0, reserved: 1 },
  release: { kind: 'release', onHand: 0, reserved: -1 },
  shipment: { kind: 'shipment', onHand: -1, reserved: -1 },
};

/** Reservations, releases and shipments of stock, each ledgered, inside the caller's transaction. */
@Injectable()
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly clock: Clock,
  ) {}

  orderableListings(tx: Tx, listingIds: string[]): Promise<OrderableListing[]> {
    return this.stock.orderable(tx, listingIds, vietnamDate(this.clock.now()));
  }

  async reserveAsQuoted(tx: Tx, lines: QuotedLine[], ref: StockRef): Promise<void> {
    const byId = new Map(lines.map((line) => [line.listing.id, line.listing]));
    if (byId.size !== lines.length) throw new RangeError('a listing may be quoted once per reservation');
    const items = mergeStockItems(
      lines.map((line) => ({ listingId: line.listing.id, quantity: line.quantity })),
    );
    const quoted = items.map((item) => byId.get(item.listingId)!);
    const moved = await this.stock.moveMany(tx, MOVES.reservation, items, ref, this.clock.now(), quoted);
    const missed = items.filter((item) => !moved.has(item.listingId));
    if (missed.length === 0) return;
    // Short of stock, or sold on other terms since the quote: read again to tell which.
    const now = await this.orderableListings(
      tx,
      missed.map((item) => item.listingId),
    );
    const available = new Map(now.map((listing) => [listing.id, listing.stockAvailable]));
    const missedIds = new Set(missed.map((item) => item.listingId));
    const short = lines
      .map((line, index) => ({ line, index, available: available.get(line.listing.id) ?? 0 }))
      .filter(({ line, available }) => missedIds.has(line.listing.id) && available < line.quantity);
    if (short.length > 0) {
      throw CatalogErrors.INSUFFICIENT_STOCK(
        { listingIds: short.map(({ line }) => line.listing.id) },
        short.map(({ index, available }) => ({
          field: `lines[${index}].quantity`,
          message: `only ${available} available`,
        })),
      );
    }
    throw new TransactionConflict('a quoted listing');
  }

  async move(tx: Tx, kind: keyof typeof MOVES, items: StockItem[], ref: StockRef): Promise<void> {
    const merged = mergeStockItems(items);
    const moved = await this.stock.moveMany(tx, MOVES[kind], merged, ref, this.clock.now());
    const short = merged.filter((item) => !moved.has(item.listingId)).map((item) => item.listingId);
    if (short.length === 0) return;
    // The caller's transaction rolls back with this error, taking the moves that did succeed with it.
    if (kind === 'reservation') throw CatalogErrors.INSUFFICIENT_STOCK({ listingIds: short });
    throw CatalogErrors.STOCK_RELEASE_EXCEEDS_RESERVED({ listingIds: short });
  }
}
