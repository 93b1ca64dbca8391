import { holdsFunds, invoiceState, nextPaymentState, refundTarget } from './payment-state';

describe('payment state', () => {
  it('moves forward on success and failure', () => {
    expect(nextPaymentState('unpaid', 'intent_created')).toBe('pending');
    expect(nextPaymentState('pending', 'succeeded')).toBe('paid');
    expect(nextPaymentState('pending', 'failed')).toBe('failed');
    expect(nextPaymentState('failed', 'succeeded')).toBe('paid');
  });

  it('never moves a paid payment backwards', () => {
    expect(nextPaymentState('paid', 'failed')).toBeUndefined();
    expect(nextPaymentState('paid', 'intent_created')).toBeUndefined();
    expect(nextPaymentState('refunded', 'succeeded')).toBeUndefined();
    expect(nextPaymentState('partially_refunded', 'failed')).toBeUndefined();
  });

  it('refunds in part, then in full', () => {
    expect(nextPaymentState('paid', 'refunded_part')).toBe('partially_refunded');
    expect(nextPaymentState('partially_refunded', 'refunded_all')).toBe('refunded');
    expect(holdsFunds('partially_refunded')).toBe(true);
    expect(holdsFunds('refunded')).toBe(false);
  });

  it('refunds exactly what is no longer owed', () => {
    expect(refundTarget(1_000_000, 600_000)).toBe(400_000);
    expect(refundTarget(1_000_000, 0)).toBe(1_000_000);
    expect(refundTarget(1_000_000, 1_200_000)).toBe(0);
    expect(refundTarget(1_000_000, -5)).toBe(1_000_000);
  });

  it('says how much of an invoice order is paid', () => {
    expect(invoiceState(0, 820_000)).toBe('unpaid');
    expect(invoiceState(500_000, 820_000)).toBe('partially_paid');
    expect(invoiceState(820_000, 820_000)).toBe('paid');
    expect(invoiceState(900_000, 820_000)).toBe('paid');
    expect(invoiceState(500_000, 400_000)).toBe('paid');
    expect(invoiceState(0, 0)).toBe('unpaid');
  });

  it('lets no card signal move an invoice order’s partial payment', () => {
    for (const signal of ['intent_created', 'succeeded', 'failed', 'refunded_part', 'refunded_all'] as const)
      expect(nextPaymentState('partially_paid', signal)).toBeUndefined();
  });
});
