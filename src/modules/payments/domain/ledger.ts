import { basisPointsOf, Vnd } from '@ocop/money';

/**
 * The payout ledger's accounts. Debits are positive, credits negative, and every transaction's
 * entries sum to zero (the database checks it at commit), so the whole ledger always sums to zero.
 * - platform_cash: money the platform holds (Stripe balance, bank account);
 * - buyer_funds (per payer): money a payer has paid and not yet spent; negative means the payer owes;
 * - producer_payable (per producer): what the platform owes a producer (credit balance);
 * - platform_commission: the platform's earnings;
 * - payouts_in_transit: batched payouts not yet confirmed paid.
 */
export type LedgerAccount =
  'platform_cash' | 'buyer_funds' | 'producer_payable' | 'platform_commission' | 'payouts_in_transit';

export interface LedgerEntry {
  account: LedgerAccount;
  organizationId?: string;
  amountVnd: Vnd;
}

export function assertBalanced(entries: LedgerEntry[]): LedgerEntry[] {
  const sum = entries.reduce((total, entry) => total + entry.amountVnd, 0);
  if (sum !== 0) throw new Error(`ledger entries do not balance: ${sum}`);
  return entries.filter((entry) => entry.amountVnd !== 0);
}

export function paymentReceivedEntries(payerId: string, amountVnd: Vnd): LedgerEntry[] {
  return assertBalanced([
    { account: 'platform_cash', amountVnd },
    { account: 'buyer_funds', organizationId: payerId, amountVnd: -amountVnd },
  ]);
}

export function refundEntries(payerId: string, amountVnd: Vnd): LedgerEntry[] {
  return assertBalanced([
    { account: 'buyer_funds', organizationId: payerId, amountVnd },
    { account: 'platform_cash', amountVnd: -amountVnd },
  ]);
}

/** A delivered supplier order: the buyer's funds pay the producer its subtotal less the commission. */
export function deliveryEntries(
  buyerId: string,
  producerId: string,
  subtotalVnd: Vnd,
  commissionBps: number,
): { entries: LedgerEntry[]; commissionVnd: Vnd; producerShareVnd: Vnd } {
  const commissionVnd = basisPointsOf(subtotalVnd, commissionBps);
  const producerShareVnd = subtotalVnd - commissionVnd;
  return {
    commissionVnd,
    producerShareVnd,
    entries: assertBalanced([
      { account: 'buyer_funds', organizationId: buyerId, amountVnd: subtotalVnd },
      { account: 'producer_payable', organizationId: producerId, amountVnd: -producerShareVnd },
      { account: 'platform_commission', amountVnd: -commissionVnd },
    ]),
  };
}

/** A payout line is batched: the producer's balance moves to payouts in transit. */
export function payoutEntries(producerId: string, amountVnd: Vnd): LedgerEntry[] {
  return assertBalanced([
    { account: 'producer_payable', organizationId: producerId, amountVnd },
    { account: 'payouts_in_transit', amountVnd: -amountVnd },
  ]);
}

/** The bank or Stripe confirmed the payout: the money has left the platform. */
export function payoutSettledEntries(amountVnd: Vnd): LedgerEntry[] {
  return assertBalanced([
    { account: 'payouts_in_transit', amountVnd },
    { account: 'platform_cash', amountVnd: -amountVnd },
  ]);
}
