import { DomainError } from '@ocop/errors';
import {
  canTransition,
  derivePurchaseOrderStatus,
  SUPPLIER_ORDER_STATUSES,
  SupplierOrderAction,
  SupplierOrderStatus,
  transition,
} from './supplier-order-state';

const ACTIONS: SupplierOrderAction[] = ['accept', 'reject', 'ship', 'deliver', 'cancel', 'expire'];

const LEGAL: Array<[SupplierOrderStatus, SupplierOrderAction, SupplierOrderStatus]> = [
  ['placed', 'accept', 'accepted'],
  ['placed', 'reject', 'rejected'],
  ['placed', 'cancel', 'cancelled'],
  ['placed', 'expire', 'expired'],
  ['accepted', 'ship', 'shipped'],
  ['accepted', 'cancel', 'cancelled'],
  ['shipped', 'deliver', 'delivered'],
];

describe('supplier order state machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(transition(from, action)).toBe(to);
  });

  const illegal = SUPPLIER_ORDER_STATUSES.flatMap((from) =>
    ACTIONS.filter((action) => !LEGAL.some(([f, a]) => f === from && a === action)).map(
      (action) => [from, action] as const,
    ),
  );

  it.each(illegal)('refuses %s --%s--> with 409 INVALID_TRANSITION', (from, action) => {
    expect(canTransition(from, action)).toBe(false);
    try {
      transition(from, action);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('INVALID_TRANSITION');
      expect((error as DomainError).kind).toBe('conflict');
      expect((error as DomainError).params.from).toBe(from);
    }
  });

  it('covers every status × action pair exactly once', () => {
    expect(LEGAL.length + illegal.length).toBe(SUPPLIER_ORDER_STATUSES.length * ACTIONS.length);
  });
});

describe('derived purchase order status', () => {
  it.each([
    [['placed', 'placed'], 'placed'],
    [['accepted', 'placed'], 'partially_accepted'],
    [['accepted', 'accepted'], 'accepted'],
    [['accepted', 'shipped'], 'accepted'],
    [['shipped', 'shipped'], 'shipped'],
    [['shipped', 'delivered'], 'partially_delivered'],
    [['delivered', 'delivered'], 'delivered'],
    [['delivered', 'rejected'], 'delivered'],
    [['placed', 'rejected'], 'placed'],
    [['accepted', 'expired'], 'accepted'],
    [['cancelled', 'cancelled'], 'cancelled'],
    [['cancelled', 'rejected'], 'cancelled'],
    [['rejected', 'expired'], 'rejected'],
    [['expired'], 'expired'],
  ] as Array<[SupplierOrderStatus[], string]>)('%j → %s', (statuses, expected) => {
    expect(derivePurchaseOrderStatus(statuses)).toBe(expected);
  });
});
