export { OrderingModule } from './ordering.module';
export { OrderingFacade } from './application/ordering.facade';
export type { PurchaseOrderForPayment } from './application/ordering.facade';
export { ORDERING_EVENT_TYPES } from './domain/ordering.events';
export type {
  OrderingEventType,
  PurchaseOrderChangedPayload,
  PurchaseOrderPlacedPayload,
  SupplierOrderChangedPayload,
  SupplierOrderLinePayload,
  SupplierOrderPlacedPayload,
} from './domain/ordering.events';
export type { PurchaseOrderStatus, SupplierOrderStatus } from './domain/supplier-order-state';
export type { PaymentMethod } from './domain/orders';
export { PurchaseOrderView } from './api/order.view';
