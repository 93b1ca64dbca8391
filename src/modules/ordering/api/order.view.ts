import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BankTransferView, PaymentStatusView } from '../../payments';
import { DeliveryLocation, OrderLine, PurchaseOrder, StatusChange, SupplierOrder } from '../domain/orders';
import { PURCHASE_ORDER_STATUSES, SUPPLIER_ORDER_STATUSES } from '../domain/supplier-order-state';

export class OrderLineView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) supplierOrderId: string;
  @ApiProperty({ format: 'uuid' }) listingId: string;
  @ApiProperty({ example: 'Chè đường Ba Chẽ' }) productName: string;
  @ApiProperty({ example: 'CHE-500' }) sku: string;
  @ApiProperty({ example: 'hộp' }) unit: string;
  @ApiProperty({ example: 40, description: 'Ordered quantity' }) quantity: number;
  @ApiPropertyOptional({
    nullable: true,
    example: 30,
    description: 'What the producer accepted (null before)',
  })
  acceptedQty: number | null;
  @ApiProperty({ example: 85000, description: 'Unit price net of VAT, from the listing’s tiers' })
  unitPriceVnd: number;
  @ApiProperty({ example: 8, enum: [0, 5, 8, 10] }) vatRate: number;
  @ApiProperty({
    example: 3400000,
    description: 'unitPriceVnd × (acceptedQty ?? quantity), net of VAT',
  })
  lineTotalVnd: number;
  @ApiProperty({ example: 272000, description: 'VAT of this line, rounded once' }) vatVnd: number;
}

export class SupplierOrderSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PO-2026-000123-1' }) number: string;
  @ApiProperty({ format: 'uuid' }) producerId: string;
  @ApiProperty({ enum: SUPPLIER_ORDER_STATUSES }) status: string;
  @ApiProperty({ example: 3400000, description: 'Net of VAT' }) subtotalVnd: number;
  @ApiProperty({ example: 272000 }) vatVnd: number;
  @ApiProperty({ example: 3672000 }) totalVnd: number;
  @ApiProperty({ description: 'The producer must accept before this instant or the order expires' })
  acceptBy: string;
  @ApiPropertyOptional({ nullable: true }) trackingRef: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'Why it was rejected or cancelled' }) reason:
    string | null;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [OrderLineView] }) lines: OrderLineView[];
}

export class PurchaseOrderView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PO-2026-000123' }) number: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ enum: PURCHASE_ORDER_STATUSES, description: 'Derived from the supplier orders' })
  status: string;
  @ApiProperty({ enum: ['card', 'invoice'] }) paymentMethod: string;
  @ApiProperty({ example: '2026-12-05', description: 'Calendar day in Asia/Ho_Chi_Minh' })
  deliveryDate: string;
  @ApiProperty({ example: 'WinMart Hạ Long, 1 Trần Hưng Đạo, Hạ Long' }) deliveryAddress: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid' }) deliveryLocationId: string | null;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ example: 3400000, description: 'Net of VAT, excluding dropped supplier orders' })
  subtotalVnd: number;
  @ApiProperty({ example: 272000 }) vatVnd: number;
  @ApiProperty({ example: 3672000, description: 'What the buyer pays: subtotal + VAT' }) totalVnd: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ type: [OrderLineView], description: 'Every line of every supplier order' })
  lines: OrderLineView[];
  @ApiProperty({ type: [SupplierOrderSummaryView] }) supplierOrders: SupplierOrderSummaryView[];
  @ApiPropertyOptional({
    type: PaymentStatusView,
    description: 'Payment state (GET /orders/{id} only)',
  })
  payment?: PaymentStatusView;
  @ApiPropertyOptional({
    type: BankTransferView,
    description: 'For invoice orders (GET /orders/{id} only): where and how to pay by bank transfer',
  })
  bankTransfer?: BankTransferView;
}

export class PurchaseOrderPageView {
  @ApiProperty({ type: [PurchaseOrderView] }) items: PurchaseOrderView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatusChangeView {
  @ApiPropertyOptional({ nullable: true, enum: SUPPLIER_ORDER_STATUSES }) from: string | null;
  @ApiProperty({ enum: SUPPLIER_ORDER_STATUSES }) to: string;
  @ApiPropertyOptional({ nullable: true, format: 'uuid', description: 'null when time moved it (expiry)' })
  actorUserId: string | null;
  @ApiPropertyOptional({ nullable: true }) reason: string | null;
  @ApiProperty() at: string;
}

export class BuyerSummaryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'WinMart Hạ Long' }) name: string;
  @ApiPropertyOptional({ nullable: true, example: '0203 3888 123' }) phone: string | null;
}

export class SupplierOrderView extends SupplierOrderSummaryView {
  @ApiProperty({ format: 'uuid' }) purchaseOrderId: string;
  @ApiProperty({ example: 'PO-2026-000123' }) purchaseOrderNumber: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ type: BuyerSummaryView }) buyer: BuyerSummaryView;
  @ApiProperty({ example: '2026-12-05' }) deliveryDate: string;
  @ApiProperty() deliveryAddress: string;
  @ApiPropertyOptional({ nullable: true }) note: string | null;
  @ApiProperty({ enum: ['card', 'invoice'] }) paymentMethod: string;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional({ type: [StatusChangeView], description: 'Only on GET /supplier-orders/{id}' })
  history?: StatusChangeView[];
}

export class SupplierOrderPageView {
  @ApiProperty({ type: [SupplierOrderView] }) items: SupplierOrderView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class DeliveryLocationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) buyerId: string;
  @ApiProperty({ example: 'WinMart Hạ Long' }) name: string;
  @ApiProperty({ example: '1 Trần Hưng Đạo, Hạ Long, Quảng Ninh' }) address: string;
  @ApiPropertyOptional({ nullable: true, example: '06970' }) communeCode: string | null;
  @ApiPropertyOptional({ nullable: true }) contactName: string | null;
  @ApiPropertyOptional({ nullable: true }) phone: string | null;
  @ApiProperty() createdAt: string;
}

export class DeliveryLocationPageView {
  @ApiProperty({ type: [DeliveryLocationView] }) items: DeliveryLocationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toLineView(line: OrderLine): OrderLineView {
  return {
    id: line.id,
    supplierOrderId: line.supplierOrderId,
    listingId: line.listingId,
    productName: line.productName,
    sku: line.sku,
    unit: line.unit,
    quantity: line.quantity,
    acceptedQty: line.acceptedQty,
    unitPriceVnd: line.unitPriceVnd,
    vatRate: line.vatRate,
    lineTotalVnd: line.lineTotalVnd,
    vatVnd: line.vatVnd,
  };
}

function toSummaryView(order: SupplierOrder): SupplierOrderSummaryView {
  return {
    id: order.id,
    number: order.number,
    producerId: order.producerId,
    status: order.status,
    subtotalVnd: order.subtotalVnd,
    vatVnd: order.vatVnd,
    totalVnd: order.totalVnd,
    acceptBy: order.acceptBy.toISOString(),
    trackingRef: order.trackingRef,
    reason: order.reason,
    updatedAt: order.updatedAt.toISOString(),
    lines: order.lines.map(toLineView),
  };
}

export function toPurchaseOrderView(
  order: PurchaseOrder,
  supplierOrders: SupplierOrder[],
): PurchaseOrderView {
  const own = supplierOrders.filter((so) => so.purchaseOrderId === order.id);
  return {
    id: order.id,
    number: order.number,
    buyerId: order.buyerId,
    status: order.status,
    paymentMethod: order.paymentMethod,
    deliveryDate: order.deliveryDate,
    deliveryAddress: order.deliveryAddress,
    deliveryLocationId: order.deliveryLocationId,
    note: order.note,
    subtotalVnd: order.subtotalVnd,
    vatVnd: order.vatVnd,
    totalVnd: order.totalVnd,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
    lines: own
      .flatMap((so) => so.lines)
      .sort((a, b) => a.position - b.position)
      .map(toLineView),
    supplierOrders: own.map(toSummaryView),
  };
}

export function toSupplierOrderView(
  order: SupplierOrder,
  purchaseOrder: PurchaseOrder,
  buyer: { id: string; name: string; phone: string | null },
  history?: StatusChange[],
): SupplierOrderView {
  return {
    ...toSummaryView(order),
    purchaseOrderId: purchaseOrder.id,
    purchaseOrderNumber: purchaseOrder.number,
    buyerId: order.buyerId,
    buyer,
    deliveryDate: purchaseOrder.deliveryDate,
    deliveryAddress: purchaseOrder.deliveryAddress,
    note: purchaseOrder.note,
    paymentMethod: purchaseOrder.paymentMethod,
    createdAt: order.createdAt.toISOString(),
    ...(history
      ? {
          history: history.map((change) => ({
            from: change.fromStatus,
            to: change.toStatus,
            actorUserId: change.actorUserId,
            reason: change.reason,
            at: change.changedAt.toISOString(),
          })),
        }
      : {}),
  };
}

export function toDeliveryLocationView(location: DeliveryLocation): DeliveryLocationView {
  return {
    id: location.id,
    buyerId: location.buyerId,
    name: location.name,
    address: location.address,
    communeCode: location.communeCode,
    contactName: location.contactName,
    phone: location.phone,
    createdAt: location.createdAt.toISOString(),
  };
}
