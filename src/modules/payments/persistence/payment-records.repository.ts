import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export interface RefundRecord {
  id: string;
  paymentId: string;
  amountVnd: number;
  cumulativeVnd: number;
  stripeRefundId: string | null;
  reason: string;
  createdAt: Date;
}

export interface ReceiptRecord {
  id: string;
  paymentId: string;
  amountVnd: number;
  source: 'card' | 'admin' | 'bank';
  reference: string | null;
  createdAt: Date;
}

export interface RecordedTransfer {
  paymentId: string;
  orderId: string;
  amountVnd: number;
}

/** Refunds made and money received, each row the trace of one ledger transaction. */
@Injectable()
export class PaymentRecordsRepository {
  async insertRefund(
    tx: Tx,
    input: {
      paymentId: string;
      amountVnd: number;
      cumulativeVnd: number;
      stripeRefundId: string | null;
      reason: string;
    },
  ): Promise<string | undefined> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO payment_refunds (payment_id, amount_vnd, cumulative_vnd, stripe_refund_id, reason)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING id`,
      [input.paymentId, input.amountVnd, input.cumulativeVnd, input.stripeRefundId, input.reason],
    );
    return row?.id;
  }

  async refundsOf(tx: Tx, paymentId: string): Promise<RefundRecord[]> {
    const rows = await tx.query<{
      id: string;
      payment_id: string;
      amount_vnd: string;
      cumulative_vnd: string;
      stripe_refund_id: string | null;
      reason: string;
      created_at: Date;
    }>(`SELECT * FROM payment_refunds WHERE payment_id = $1 ORDER BY cumulative_vnd`, [paymentId]);
    return rows.map((row) => ({
      id: row.id,
      paymentId: row.payment_id,
      amountVnd: Number(row.amount_vnd),
      cumulativeVnd: Number(row.cumulative_vnd),
      stripeRefundId: row.stripe_refund_id,
      reason: row.reason,
      createdAt: row.created_at,
    }));
  }

  /**
   * Records money received. Undefined when it was recorded before: the same external id (a Stripe
   * intent, a bank event) or the same bank transfer reference, which identifies one transfer
   * platform-wide whoever reports it.
   */
  async insertReceipt(
    tx: Tx,
    input: {
      paymentId: string;
      amountVnd: number;
      source: 'card' | 'admin' | 'bank';
      reference: string | null;
      transferRef: string | null;
      externalId: string | null;
      recordedBy: string | null;
    },
  ): Promise<string | undefined> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO payment_receipts
         (payment_id, amount_vnd, source, reference, transfer_ref, external_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT DO NOTHING RETURNING id`,
      [
        input.paymentId,
        input.amountVnd,
        input.source,
        input.reference,
        input.transferRef && transferKey(input.transferRef),
        input.externalId,
        input.recordedBy,
      ],
    );
    return row?.id;
  }

  /** The receipt of a bank transfer by its reference, with the purchase order it paid. */
  async findTransfer(tx: Tx, transferRef: string): Promise<RecordedTransfer | undefined> {
    const row = await tx.one<{ payment_id: string; subject_id: string; amount_vnd: string }>(
      `SELECT r.payment_id, p.subject_id, r.amount_vnd
         FROM payment_receipts r JOIN payments p ON p.id = r.payment_id
        WHERE r.transfer_ref = $1`,
      [transferKey(transferRef)],
    );
    return (
      row && {
        paymentId: row.payment_id,
        orderId: row.subject_id,
        amountVnd: Number(row.amount_vnd),
      }
    );
  }

  async receiptsOf(tx: Tx, paymentId: string): Promise<ReceiptRecord[]> {
    const rows = await tx.query<{
      id: string;
      payment_id: string;
      amount_vnd: string;
      source: 'card' | 'admin' | 'bank';
      reference: string | null;
      created_at: Date;
    }>(`SELECT * FROM payment_receipts WHERE payment_id = $1 ORDER BY created_at, id`, [paymentId]);
    return rows.map((row) => ({
      id: row.id,
      paymentId: row.payment_id,
      amountVnd: Number(row.amount_vnd),
      source: row.source,
      reference: row.reference,
      createdAt: row.created_at,
    }));
  }
}

/** Bank references compare without case ("ft26..." is the transfer "FT26..."): stored in capitals. */
function transferKey(reference: string): string {
  return reference.toUpperCase();
}
