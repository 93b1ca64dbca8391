import { Injectable } from '@nestjs/common';
import { Clock, vietnamDate } from '@ocop/clock';
import { Tx } from '@ocop/persistence';
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

  /** See `CatalogFacade.reserveAsQuoted`. */
  reserveAsQuoted(tx: Tx, lines: QuotedLine[], ref: StockRef): void {
    const byId = new Map(lines.map((line) => [line.listing.id, line.listing]));
    if (byId.size !== lines.length) throw new RangeError('a listing may be quoted once per reservation');
    const items = mergeStockItems(
      lines.map((line) => ({ listingId: line.listing.id, quantity: line.quantity })),
    );
    const quoted = items.map((item) => byId.get(item.listingId)!);
    this.stock.sendMoveAll(tx, MOVES.reservation, items, ref, this.clock.now(), quoted);
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
