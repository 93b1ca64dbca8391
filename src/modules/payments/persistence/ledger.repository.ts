import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { LedgerEntry } from '../domain/ledger';

export type LedgerKind = 'payment_received' | 'refund' | 'delivery' | 'payout' | 'payout_settled';

export interface LedgerTransactionInput {
  kind: LedgerKind;
  /** Unique per business fact (e.g. `delivery:<supplierOrderId>`): posting the same fact twice does nothing. */
  sourceKey: string;
  memo: string;
  paymentId?: string;
  purchaseOrderId?: string;
  supplierOrderId?: string;
  refundId?: string;
  receiptId?: string;
  payoutLineId?: string;
}

export interface StatementRow {
  entryId: string;
  transactionId: string;
  kind: LedgerKind;
  memo: string;
  amountVnd: number;
  purchaseOrderId: string | null;
  supplierOrderId: string | null;
  refundId: string | null;
  payoutLineId: string | null;
  createdAt: Date;
}

@Injectable()
export class LedgerRepository {
  /** Posts a balanced transaction once; returns its id, or undefined when the fact was already posted. */
  async post(tx: Tx, input: LedgerTransactionInput, entries: LedgerEntry[]): Promise<string | undefined> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO ledger_transactions
         (kind, source_key, memo, payment_id, purchase_order_id, supplier_order_id, refund_id, receipt_id, payout_line_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        input.kind,
        input.sourceKey,
        input.memo,
        input.paymentId ?? null,
        input.purchaseOrderId ?? null,
        input.supplierOrderId ?? null,
        input.refundId ?? null,
        input.receiptId ?? null,
        input.payoutLineId ?? null,
      ],
    );
    if (!row) return undefined;
    await tx.query(
      `INSERT INTO ledger_entries (transaction_id, account, organization_id, amount_vnd)
       SELECT $1, e.account, e.organization_id, e.amount_vnd
         FROM jsonb_to_recordset($2::jsonb) AS e(account text, organization_id uuid, amount_vnd bigint)`,
      [
        row.id,
        JSON.stringify(
          entries.map((entry) => ({
            account: entry.account,
            organization_id: entry.organizationId ?? null,
            amount_vnd: entry.amountVnd,
          })),
        ),
      ],
    );
    return row.id;
  }

  async transactionIdOf(tx: Tx, sourceKey: string): Promise<string | undefined> {
    const row = await tx.one<{ id: string }>(`SELECT id FROM ledger_transactions WHERE source_key = $1`, [
      sourceKey,
    ]);
    return row?.id;
  }

  /** What the platform owes the producer: the credit balance of its payable account. */
  async producerTotals(
    tx: Tx,
    organizationId: string,
  ): Promise<{ earnedVnd: number; payoutsVnd: number; balanceVnd: number }> {
    const row = await tx.one<{ earned: string; payouts: string; balance: string }>(
      `SELECT coalesce(sum(-amount_vnd) FILTER (WHERE amount_vnd < 0), 0) AS earned,
              coalesce(sum(amount_vnd) FILTER (WHERE amount_vnd > 0), 0) AS payouts,
              coalesce(sum(-amount_vnd), 0) AS balance
         FROM ledger_entries WHERE account = 'producer_payable' AND organization_id = $1`,
      [organizationId],
    );
    return {
      earnedVnd: Number(row!.earned),
      payoutsVnd: Number(row!.payouts),
      balanceVnd: Number(row!.balance),
    };
  }

  async positiveProducerBalances(tx: Tx): Promise<{ organizationId: string; balanceVnd: number }[]> {
    const rows = await tx.query<{ organization_id: string; balance: string }>(
      `SELECT organization_id, sum(-amount_vnd) AS balance
         FROM ledger_entries WHERE account = 'producer_payable'
        GROUP BY organization_id HAVING sum(-amount_vnd) > 0
        ORDER BY organization_id`,
    );
    return rows.map((row) => ({ organizationId: row.organization_id, balanceVnd: Number(row.balance) }));
  }

  /** The producer's payable account, newest first, with keyset pagination on (created_at, id). */
  async statement(
    tx: Tx,
    organizationId: string,
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<StatementRow[]> {
    const rows = await tx.query<{
      entry_id: string;
      transaction_id: string;
      kind: LedgerKind;
      memo: string;
      amount_vnd: string;
      purchase_order_id: string | null;
      supplier_order_id: string | null;
      refund_id: string | null;
      payout_line_id: string | null;
      created_at: Date;
    }>(
      `SELECT e.id AS entry_id, t.id AS transaction_id, t.kind, t.memo, e.amount_vnd, t.purchase_order_id,
              t.supplier_order_id, t.refund_id, t.payout_line_id, e.created_at
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
        WHERE e.account = 'producer_payable' AND e.organization_id = $1
          AND ($3::timestamptz IS NULL OR (e.created_at, e.id) < ($3::timestamptz, $4::uuid))
        ORDER BY e.created_at DESC, e.id DESC
        LIMIT $2`,
      [organizationId, limit, after?.createdAt ?? null, after?.id ?? null],
    );
    return rows.map((row) => ({
      entryId: row.entry_id,
      transactionId: row.transaction_id,
      kind: row.kind,
      memo: row.memo,
      amountVnd: Number(row.amount_vnd),
      purchaseOrderId: row.purchase_order_id,
      supplierOrderId: row.supplier_order_id,
      refundId: row.refund_id,
      payoutLineId: row.payout_line_id,
      createdAt: row.created_at,
    }));
  }
}
