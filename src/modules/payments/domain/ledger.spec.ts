import {
  assertBalanced,
  deliveryEntries,
  paymentReceivedEntries,
  payoutEntries,
  payoutSettledEntries,
  refundEntries,
} from './ledger';

const sum = (entries: { amountVnd: number }[]) =>
  entries.reduce((total, entry) => total + entry.amountVnd, 0);

describe('payout ledger', () => {
  it('owes the producer its subtotal less the commission, rounded half up', () => {
    const { entries, commissionVnd, producerShareVnd } = deliveryEntries('buyer', 'producer', 1_234_567, 500);
    expect(commissionVnd).toBe(61_728);
    expect(producerShareVnd).toBe(1_172_839);
    expect(sum(entries)).toBe(0);
    expect(entries).toContainEqual({
      account: 'producer_payable',
      organizationId: 'producer',
      amountVnd: -1_172_839,
    });
  });

  it('drops a zero commission entry but still balances', () => {
    const { entries } = deliveryEntries('buyer', 'producer', 100_000, 0);
    expect(entries).toHaveLength(2);
    expect(sum(entries)).toBe(0);
  });

  it('balances every kind of transaction', () => {
    for (const entries of [
      paymentReceivedEntries('buyer', 500_000),
      refundEntries('buyer', 120_000),
      payoutEntries('producer', 380_000),
      payoutSettledEntries(380_000),
    ]) {
      expect(sum(entries)).toBe(0);
    }
  });

  it('refuses unbalanced entries', () => {
    expect(() => assertBalanced([{ account: 'platform_cash', amountVnd: 1 }])).toThrow('do not balance');
  });
});
