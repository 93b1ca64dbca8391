import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors, FieldError } from '@ocop/errors';
import { fingerprintOf, IdempotencyStore, OutboxWriter, together, Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig } from '../../../config';
import { CatalogErrors, CatalogFacade, OrderableListing, unitPriceFor } from '../../catalog';
import { Organization, OrganizationsFacade } from '../../organizations';
import { PlaceOrderDto } from '../api/dto/place-order.dto';
import { PurchaseOrderView, toLineView, toPurchaseOrderView } from '../api/order.view';
import { checkDeliveryDate } from '../domain/delivery-date';
import { OrderingErrors } from '../domain/ordering.errors';
import { PurchaseOrderPlacedPayload, SupplierOrderPlacedPayload } from '../domain/ordering.events';
import { OrderLine, PurchaseOrder, SupplierOrder } from '../domain/orders';
import { draftPurchaseOrder } from '../domain/pricing';
import { DeliveryLocationRepository } from '../persistence/delivery-location.repository';
import { NewPurchaseOrder, OrderRepository } from '../persistence/order.repository';
import { OrderExpiryScheduler } from './order-expiry.scheduler';

/** Placing a purchase order: the hot path, kept to a handful of round trips in one transaction. */
@Injectable()
export class PlaceOrderService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyStore,
    private readonly outbox: OutboxWriter,
    private readonly orders: OrderRepository,
    private readonly locations: DeliveryLocationRepository,
    private readonly catalog: CatalogFacade,
    private readonly organizations: OrganizationsFacade,
    private readonly scheduler: OrderExpiryScheduler,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  place(actor: Actor, input: PlaceOrderDto, idempotencyKey?: string): Promise<PurchaseOrderView> {
    assertDistinctListings(input);
    // The fingerprint is built from named fields so that key order in the JSON body does not matter.
    const canonical = {
      deliveryDate: input.deliveryDate,
      deliveryAddress: input.deliveryAddress ?? null,
      deliveryLocationId: input.deliveryLocationId ?? null,
      lines: input.lines.map((line) => [line.listingId, line.quantity]),
      paymentMethod: input.paymentMethod,
      note: input.note ?? null,
    };
    const scope =
      idempotencyKey === undefined
        ? undefined
        : {
            userId: actor.userId,
            key: idempotencyKey,
            fingerprint: fingerprintOf('POST /orders', canonical),
          };
    return this.uow.run((tx) => {
      const now = this.clock.now();
      const today = vietnamDate(now);
      return this.idempotency.onceAfterReading(
        tx,
        scope,
        () => this.readFor(tx, actor, input, today),
        (read) => this.placeIn(tx, actor, input, now, today, read),
      );
    });
  }

  /**
   * The reads and the order's number in one round trip, together with the idempotency key's claim.
   * The listings are read without locks; the reservation, sent with the commit, holds them only for
   * that last round trip.
   */
  private async readFor(tx: Tx, actor: Actor, input: PlaceOrderDto, today: string): Promise<OrderReads> {
    // Cheap checks first, before any statement.
    checkDeliveryDate(input.deliveryDate, today, 0);
    const [buyer, deliveryAddress, listings, number] = await together(
      this.organizations.requireVerified(tx, actor.organizationId!),
      this.deliveryAddressOf(tx, actor, input),
      this.catalog.orderableListings(
        tx,
        input.lines.map((line) => line.listingId),
      ),
      this.orders.nextNumber(tx, today.slice(0, 4)),
    );
    return { buyer, deliveryAddress, listings, number };
  }

  private async placeIn(
    tx: Tx,
    actor: Actor,
    input: PlaceOrderDto,
    now: Date,
    today: string,
    { buyer, deliveryAddress, listings, number }: OrderReads,
  ): Promise<PurchaseOrderView> {
    const byId = new Map(listings.map((listing) => [listing.id, listing]));
    const orderable = this.checkLines(input, byId);
    checkDeliveryDate(input.deliveryDate, today, Math.max(...orderable.map((l) => l.leadTimeDays)));

    // Every short listing is named, not just the first; the reservation decides in the end.
    const short = input.lines.filter((line) => line.quantity > byId.get(line.listingId)!.stockAvailable);
    if (short.length > 0) {
      throw CatalogErrors.INSUFFICIENT_STOCK(
        { listingIds: short.map((line) => line.listingId) },
        short.map((line) => ({
          field: `lines[${input.lines.indexOf(line)}].quantity`,
          message: `only ${byId.get(line.listingId)!.stockAvailable} available`,
        })),
      );
    }

    const purchaseOrderId = randomUUID();
    const draft = draftPurchaseOrder(
      input.lines.map((line) => {
        const listing = byId.get(line.listingId)!;
        return {
          listingId: listing.id,
          producerId: listing.producerId,
          quantity: line.quantity,
          unitPriceVnd: unitPriceFor(listing, line.quantity),
          vatRate: listing.vatRate,
        };
      }),
    );
    const acceptBy = new Date(now.getTime() + this.config.orderAcceptWindowSeconds * 1000);
    const positions = new Map(input.lines.map((line, index) => [line.listingId, index]));
    const newOrder: NewPurchaseOrder = {
      id: purchaseOrderId,
      buyerId: buyer.id,
      placedByUserId: actor.userId,
      paymentMethod: input.paymentMethod,
      deliveryDate: input.deliveryDate,
      deliveryAddress,
      deliveryLocationId: input.deliveryLocationId ?? null,
      note: input.note ?? null,
      subtotalVnd: draft.subtotalVnd,
      vatVnd: draft.vatVnd,
      totalVnd: draft.totalVnd,
      createdAt: now,
      acceptBy,
      supplierOrders: draft.supplierOrders.map((so) => ({
        id: randomUUID(),
        producerId: so.producerId,
        subtotalVnd: so.subtotalVnd,
        vatVnd: so.vatVnd,
        totalVnd: so.totalVnd,
        lines: so.lines.map((line) => {
          const listing = byId.get(line.listingId)!;
          return {
            id: randomUUID(),
            position: positions.get(line.listingId)!,
            listingId: line.listingId,
            productName: listing.productName,
            sku: listing.sku,
            unit: listing.unit,
            packSize:
              listing.packSize === null || listing.packSize === undefined ? null : String(listing.packSize),
            quantity: line.quantity,
            unitPriceVnd: line.unitPriceVnd,
            vatRate: line.vatRate,
            lineTotalVnd: line.lineTotalVnd,
            vatVnd: line.vatVnd,
          };
        }),
      })),
    };
    // The order, its events, the reservation (last, so that listings stay locked as briefly as
    // possible) and the idempotency record all travel with the COMMIT: one round trip. If a line can
    // no longer be reserved, the transaction fails with 40001 and runs again on fresh reads.
    this.orders.insertPlaced(tx, newOrder, number);
    const { purchaseOrder, supplierOrders } = asRecords(newOrder, number);
    this.outbox.add(tx, [
      ...supplierOrders.map((so) => ({
        type: 'supplier_order.placed',
        aggregateType: 'supplier_order',
        aggregateId: so.id,
        audience: [so.producerId],
        payload: placedPayload(purchaseOrder, so, buyer.name) as unknown as Record<string, unknown>,
      })),
      {
        type: 'purchase_order.placed',
        aggregateType: 'purchase_order',
        aggregateId: purchaseOrder.id,
        audience: [buyer.id],
        payload: {
          orderNumber: number,
          purchaseOrderId: purchaseOrder.id,
          purchaseOrderNumber: number,
          buyerId: buyer.id,
          buyerName: buyer.name,
          paymentMethod: purchaseOrder.paymentMethod,
          deliveryDate: purchaseOrder.deliveryDate,
          supplierOrders: supplierOrders.map((so) => ({
            supplierOrderId: so.id,
            supplierOrderNumber: so.number,
            producerId: so.producerId,
            totalVnd: so.totalVnd,
          })),
          subtotalVnd: purchaseOrder.subtotalVnd,
          vatVnd: purchaseOrder.vatVnd,
          totalVnd: purchaseOrder.totalVnd,
        } satisfies PurchaseOrderPlacedPayload as unknown as Record<string, unknown>,
      },
    ]);
    this.catalog.reserveAsQuoted(
      tx,
      input.lines.map((line) => ({ listing: byId.get(line.listingId)!, quantity: line.quantity })),
      {
        reason: 'order placed',
        refType: 'purchase_order',
        refId: purchaseOrderId,
        actorUserId: actor.userId,
      },
    );
    const expiring = supplierOrders.map((so) => so.id);
    tx.afterCommit(() => this.scheduler.scheduleExpiry(expiring, acceptBy));
    return toPurchaseOrderView(purchaseOrder, supplierOrders);
  }

  private async deliveryAddressOf(tx: Tx, actor: Actor, input: PlaceOrderDto): Promise<string> {
    if (input.deliveryLocationId === undefined) return input.deliveryAddress!;
    const location = await this.locations.findById(tx, input.deliveryLocationId);
    if (!location || location.buyerId !== actor.organizationId) {
      throw OrderingErrors.DELIVERY_LOCATION_NOT_FOUND({}, [
        { field: 'deliveryLocationId', message: 'is not one of your delivery locations' },
      ]);
    }
    return input.deliveryAddress ?? `${location.name}, ${location.address}`;
  }

  /** Every line must name an active listing of a verified producer and reach its minimum quantity. */
  private checkLines(input: PlaceOrderDto, byId: Map<string, OrderableListing>): OrderableListing[] {
    const unavailable: FieldError[] = [];
    const unavailableIds: string[] = [];
    input.lines.forEach((line, index) => {
      const listing = byId.get(line.listingId);
      if (!listing || listing.status !== 'active' || listing.producerStatus !== 'verified') {
        unavailableIds.push(line.listingId);
        unavailable.push({ field: `lines[${index}].listingId`, message: 'is not available for ordering' });
      }
    });
    if (unavailable.length > 0) {
      throw OrderingErrors.LISTING_UNAVAILABLE({ listingIds: unavailableIds }, unavailable);
    }
    const below: FieldError[] = [];
    const belowIds: string[] = [];
    input.lines.forEach((line, index) => {
      const listing = byId.get(line.listingId)!;
      if (line.quantity < listing.minOrderQty) {
        belowIds.push(line.listingId);
        below.push({ field: `lines[${index}].quantity`, message: `must be at least ${listing.minOrderQty}` });
      }
    });
    if (below.length > 0) throw OrderingErrors.BELOW_MIN_ORDER_QTY({ listingIds: belowIds }, below);
    return input.lines.map((line) => byId.get(line.listingId)!);
  }
}

interface OrderReads {
  buyer: Organization;
  deliveryAddress: string;
  listings: OrderableListing[];
  number: string;
}

/** A listing may appear once per order: two lines for one listing are a client mistake (400). */
function assertDistinctListings(input: PlaceOrderDto): void {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  input.lines.forEach((line, index) => {
    const id = line.listingId.toLowerCase();
    if (seen.has(id))
      errors.push({ field: `lines[${index}].listingId`, message: 'duplicates an earlier line' });
    seen.add(id);
  });
  if (errors.length > 0) throw CommonErrors.VALIDATION_FAILED({}, errors);
}

function asRecords(
  order: NewPurchaseOrder,
  number: string,
): { purchaseOrder: PurchaseOrder; supplierOrders: SupplierOrder[] } {
  const purchaseOrder: PurchaseOrder = {
    id: order.id,
    number,
    buyerId: order.buyerId,
    placedByUserId: order.placedByUserId,
    status: 'placed',
    paymentMethod: order.paymentMethod,
    deliveryDate: order.deliveryDate,
    deliveryAddress: order.deliveryAddress,
    deliveryLocationId: order.deliveryLocationId,
    note: order.note,
    subtotalVnd: order.subtotalVnd,
    vatVnd: order.vatVnd,
    totalVnd: order.totalVnd,
    createdAt: order.createdAt,
    updatedAt: order.createdAt,
  };
  const supplierOrders: SupplierOrder[] = order.supplierOrders.map((so, index) => ({
    id: so.id,
    number: `${number}-${index + 1}`,
    purchaseOrderId: order.id,
    producerId: so.producerId,
    buyerId: order.buyerId,
    status: 'placed',
    subtotalVnd: so.subtotalVnd,
    vatVnd: so.vatVnd,
    totalVnd: so.totalVnd,
    acceptBy: order.acceptBy,
    expiringNotifiedAt: null,
    trackingRef: null,
    reason: null,
    createdAt: order.createdAt,
    updatedAt: order.createdAt,
    lines: so.lines.map((line): OrderLine => ({ ...line, supplierOrderId: so.id, acceptedQty: null })),
  }));
  return { purchaseOrder, supplierOrders };
}

/** Event payload lines: the line view, keyed by `lineId` and without the supplier order id. */
export function linePayloads(order: SupplierOrder) {
  return order.lines.map((line) => {
    const { id, supplierOrderId: _supplierOrderId, ...fields } = toLineView(line);
    return { lineId: id, ...fields };
  });
}

function placedPayload(po: PurchaseOrder, so: SupplierOrder, buyerName: string): SupplierOrderPlacedPayload {
  return {
    orderNumber: so.number,
    supplierOrderId: so.id,
    supplierOrderNumber: so.number,
    purchaseOrderId: po.id,
    purchaseOrderNumber: po.number,
    producerId: so.producerId,
    buyerId: po.buyerId,
    buyerName,
    deliveryDate: po.deliveryDate,
    deliveryAddress: po.deliveryAddress,
    note: po.note,
    paymentMethod: po.paymentMethod,
    acceptBy: so.acceptBy.toISOString(),
    lines: linePayloads(so),
    subtotalVnd: so.subtotalVnd,
    vatVnd: so.vatVnd,
    totalVnd: so.totalVnd,
  };
}
