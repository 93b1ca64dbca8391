import { Injectable } from '@nestjs/common';
import { Clock, vietnamDate } from '@ocop/clock';
import { Tx } from '@ocop/persistence';
import { CatalogErrors } from '../domain/catalog.errors';
import { mergeStockItems, OrderableListing, StockItem, StockMovementKind, StockRef } from '../domain/stock';
import { StockRepository } from '../persistence/stock.repository';

type Move = 'reserveOne' | 'releaseOne' | 'shipOne';

const MOVES: Record<
  'reservation' | 'release' | 'shipment',
  { move: Move; onHand: -1 | 0; reserved: 1 | -1 }
> = {
  reservation: { move: 'reserveOne', onHand: 0, reserved: 1 },
  release: { move: 'releaseOne', onHand: 0, reserved: -1 },
  shipment: { move: 'shipOne', onHand: -1, reserved: -1 },
};

/** Reservations, releases and shipments of stock, each ledgered, inside the caller's transaction. */
@Injectable()
export class StockService {
  constructor(
    private readonly stock: StockRepository,
    private readonly clock: Clock,
  ) {}

  lockListingsForOrder(tx: Tx, listingIds: string[]): Promise<OrderableListing[]> {
    return this.stock.lockForOrder(tx, listingIds, vietnamDate(this.clock.now()));
  }

  async move(tx: Tx, kind: keyof typeof MOVES, items: StockItem[], ref: StockRef): Promise<void> {
    const spec = MOVES[kind];
    const merged = mergeStockItems(items);
    const short: string[] = [];
    const entries: Parameters<StockRepository['appendLedger']>[1] = [];
    const batch = kind === 'reservation' ? await this.stock.reserveMany(tx, merged) : undefined;
    for (const item of merged) {
      const row = batch ? batch.get(item.listingId) : await this.stock[spec.move](tx, item);
      if (!row) {
        short.push(item.listingId);
        continue;
      }
      entries.push(ledgerEntry(kind, item, row, spec, ref));
    }
    if (short.length > 0) {
      if (kind === 'reservation') throw CatalogErrors.INSUFFICIENT_STOCK({ listingIds: short });
      throw CatalogErrors.STOCK_RELEASE_EXCEEDS_RESERVED({ listingIds: short });
    }
    await this.stock.appendLedger(tx, entries, this.clock.now());
  }
}

function ledgerEntry(
  kind: StockMovementKind,
  item: StockItem,
  row: { stock_on_hand: number; stock_reserved: number },
  spec: { onHand: number; reserved: number },
  ref: StockRef,
) {
  return {
    listingId: item.listingId,
    kind,
    deltaOnHand: spec.onHand * item.quantity,
    deltaReserved: spec.reserved * item.quantity,
    onHandAfter: row.stock_on_hand,
    reservedAfter: row.stock_reserved,
    reason: ref.reason,
    refType: ref.refType,
    refId: ref.refId,
    actorUserId: ref.actorUserId ?? null,
  };
}
