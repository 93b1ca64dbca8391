import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export interface BankAccount {
  organizationId: string;
  bankBin: string;
  accountNo: string;
  accountName: string;
  updatedAt: Date;
}

export interface StripeAccount {
  organizationId: string;
  accountId: string;
  payoutsEnabled: boolean;
}

export interface PayoutBatch {
  id: string;
  status: 'created' | 'paid';
  totalVnd: number;
  createdAt: Date;
  paidAt: Date | null;
}

export interface PayoutLine {
  id: string;
  batchId: string;
  organizationId: string;
  amountVnd: number;
  method: 'bank_transfer' | 'stripe_connect';
  bankBin: string | null;
  accountNo: string | null;
  accountName: string | null;
  stripeAccountId: string | null;
  stripeTransferId: string | null;
  reference: string;
  status: 'pending' | 'paid';
}

function toLine(row: Record<string, unknown>): PayoutLine {
  return {
    id: row.id as string,
    batchId: row.batch_id as string,
    organizationId: row.organization_id as string,
    amountVnd: Number(row.amount_vnd),
    method: row.method as PayoutLine['method'],
    bankBin: row.bank_bin as string | null,
    accountNo: row.account_no as string | null,
    accountName: row.account_name as string | null,
    stripeAccountId: row.stripe_account_id as string | null,
    stripeTransferId: row.stripe_transfer_id as string | null,
    reference: row.reference as string,
    status: row.status as PayoutLine['status'],
  };
}

function toBatch(row: Record<string, unknown>): PayoutBatch {
  return {
    id: row.id as string,
    status: row.status as PayoutBatch['status'],
    totalVnd: Number(row.total_vnd),
    createdAt: row.created_at as Date,
    paidAt: row.paid_at as Date | null,
  };
}

@Injectable()
export class PayoutRepository {
  async upsertBankAccount(tx: Tx, account: Omit<BankAccount, 'updatedAt'>): Promise<BankAccount> {
    const row = await tx.one<{ updated_at: Date }>(
      `INSERT INTO producer_bank_accounts (organization_id, bank_bin, account_no, account_name)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id) DO UPDATE
         SET bank_bin = EXCLUDED.bank_bin, account_no = EXCLUDED.account_no,
             account_name = EXCLUDED.account_name, updated_at = now()
       RETURNING updated_at`,
      [account.organizationId, account.bankBin, account.accountNo, account.accountName],
    );
    return { ...account, updatedAt: row!.updated_at };
  }

  async bankAccountsOf(tx: Tx, organizationIds: string[]): Promise<Map<string, BankAccount>> {
    const rows = await tx.query<{
      organization_id: string;
      bank_bin: string;
      account_no: string;
      account_name: string;
      updated_at: Date;
    }>(`SELECT * FROM producer_bank_accounts WHERE organization_id = ANY($1::uuid[])`, [organizationIds]);
    return new Map(
      rows.map((row) => [
        row.organization_id,
        {
          organizationId: row.organization_id,
          bankBin: row.bank_bin,
          accountNo: row.account_no,
          accountName: row.account_name,
          updatedAt: row.updated_at,
        },
      ]),
    );
  }

  async stripeAccountsOf(tx: Tx, organizationIds: string[]): Promise<Map<string, StripeAccount>> {
    const rows = await tx.query<{ organization_id: string; account_id: string; payouts_enabled: boolean }>(
      `SELECT organization_id, account_id, payouts_enabled FROM stripe_accounts WHERE organization_id = ANY($1::uuid[])`,
      [organizationIds],
    );
    return new Map(
      rows.map((row) => [
        row.organization_id,
        {
          organizationId: row.organization_id,
          accountId: row.account_id,
          payoutsEnabled: row.payouts_enabled,
        },
      ]),
    );
  }

  async lockStripeAccount(tx: Tx, organizationId: string): Promise<StripeAccount | undefined> {
    const row = await tx.one<{ account_id: string; payouts_enabled: boolean }>(
      `SELECT account_id, payouts_enabled FROM stripe_accounts WHERE organization_id = $1 FOR UPDATE`,
      [organizationId],
    );
    return row && { organizationId, accountId: row.account_id, payoutsEnabled: row.payouts_enabled };
  }

  async insertStripeAccount(
    tx: Tx,
    organizationId: string,
    accountId: string,
    payoutsEnabled: boolean,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO stripe_accounts (organization_id, account_id, payouts_enabled) VALUES ($1, $2, $3)
       ON CONFLICT (organization_id) DO NOTHING`,
      [organizationId, accountId, payoutsEnabled],
    );
  }

  async setPayoutsEnabled(tx: Tx, accountId: string, enabled: boolean): Promise<number> {
    return tx.execute(
      `UPDATE stripe_accounts SET payouts_enabled = $2, updated_at = now() WHERE account_id = $1`,
      [accountId, enabled],
    );
  }

  async insertBatch(tx: Tx, createdBy: string, totalVnd: number): Promise<string> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO payout_batches (created_by, total_vnd) VALUES ($1, $2) RETURNING id`,
      [createdBy, totalVnd],
    );
    return row!.id;
  }

  async insertLine(tx: Tx, line: Omit<PayoutLine, 'id' | 'stripeTransferId' | 'status'>): Promise<string> {
    const row = await tx.one<{ id: string }>(
      `INSERT INTO payout_lines (batch_id, organization_id, amount_vnd, method, bank_bin, account_no, account_name,
                                 stripe_account_id, reference)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        line.batchId,
        line.organizationId,
        line.amountVnd,
        line.method,
        line.bankBin,
        line.accountNo,
        line.accountName,
        line.stripeAccountId,
        line.reference,
      ],
    );
    return row!.id;
  }

  async findBatch(tx: Tx, id: string, lock = false): Promise<PayoutBatch | undefined> {
    const row = await tx.one(`SELECT * FROM payout_batches WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    return row && toBatch(row);
  }

  async linesOf(tx: Tx, batchId: string): Promise<PayoutLine[]> {
    const rows = await tx.query(`SELECT * FROM payout_lines WHERE batch_id = $1 ORDER BY reference`, [
      batchId,
    ]);
    return rows.map(toLine);
  }

  async lockLine(tx: Tx, id: string): Promise<PayoutLine | undefined> {
    const row = await tx.one(`SELECT * FROM payout_lines WHERE id = $1 FOR UPDATE`, [id]);
    return row && toLine(row);
  }

  async markLinePaid(tx: Tx, id: string, stripeTransferId: string | null): Promise<void> {
    await tx.query(
      `UPDATE payout_lines SET status = 'paid', paid_at = now(), stripe_transfer_id = coalesce($2, stripe_transfer_id)
        WHERE id = $1`,
      [id, stripeTransferId],
    );
  }

  async markBatchPaid(tx: Tx, id: string, paidBy: string): Promise<void> {
    await tx.query(`UPDATE payout_batches SET status = 'paid', paid_at = now(), paid_by = $2 WHERE id = $1`, [
      id,
      paidBy,
    ]);
  }
}
