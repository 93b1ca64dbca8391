import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { paymentReferenceFor } from '../domain/bank-signature';
import { PaymentState } from '../domain/payment-state';

export type SubjectType = 'purchase_order' | 'booking';
export type PaymentMethod = 'card' | 'invoice';

export interface Payment {
  id: string;
  subjectType: SubjectType;
  subjectId: string;
  payerOrgId: string;
  method: PaymentMethod;
  state: PaymentState;
  amountDueVnd: number;
  paidVnd: number;
  refundedVnd: number;
  reference: string;
  dueDate: string | null;
  stripePaymentIntentId: string | null;
  stripeClientSecret: string | null;
  intentAmountVnd: number | null;
  overdueNotifiedAt: Date | null;
  createdAt: Date;
}

interface PaymentRow {
  id: string;
  subject_type: SubjectType;
  subject_id: string;
  payer_org_id: string;
  method: PaymentMethod;
  state: PaymentState;
  amount_due_vnd: string;
  paid_vnd: string;
  refunded_vnd: string;
  reference: string;
  due_date: string | null;
  stripe_payment_intent_id: string | null;
  stripe_client_secret: string | null;
  intent_amount_vnd: string | null;
  overdue_notified_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id, subject_type, subject_id, payer_org_id, method, state, amount_due_vnd, paid_vnd,
  refunded_vnd, reference, to_char(due_date, 'YYYY-MM-DD') AS due_date, stripe_payment_intent_id,
  stripe_client_secret, intent_amount_vnd, overdue_notified_at, created_at`;

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    payerOrgId: row.payer_org_id,
    method: row.method,
    state: row.state,
    amountDueVnd: Number(row.amount_due_vnd),
    paidVnd: Number(row.paid_vnd),
    refundedVnd: Number(row.refunded_vnd),
    reference: row.reference,
    dueDate: row.due_date,
    stripePaymentIntentId: row.stripe_payment_intent_id,
    stripeClientSecret: row.stripe_client_secret,
    intentAmountVnd: row.intent_amount_vnd === null ? null : Number(row.intent_amount_vnd),
    overdueNotifiedAt: row.overdue_notified_at,
    createdAt: row.created_at,
  };
}

export interface NewPayment {
  subjectType: SubjectType;
  subjectId: string;
  payerOrgId: string;
  method: PaymentMethod;
  amountDueVnd: number;
  dueDate: string | null;
}

export interface PaymentChanges {
  state?: PaymentState;
  amountDueVnd?: number;
  paidVnd?: number;
  refundedVnd?: number;
  stripePaymentIntentId?: string;
  stripeClientSecret?: string;
  intentAmountVnd?: number;
  lastFailure?: string;
  overdueNotifiedAt?: Date;
}

@Injectable()
export class PaymentRepository {
  /** Creates the subject's payment unless it exists (concurrent callers meet on the unique key), then locks it. */
  async ensureLocked(tx: Tx, input: NewPayment): Promise<Payment> {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO payments (id, subject_type, subject_id, payer_org_id, method, amount_due_vnd, reference, due_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (subject_type, subject_id) DO NOTHING`,
      [
        id,
        input.subjectType,
        input.subjectId,
        input.payerOrgId,
        input.method,
        input.amountDueVnd,
        paymentReferenceFor(id),
        input.dueDate,
      ],
    );
    return (await this.lockBySubject(tx, input.subjectType, input.subjectId))!;
  }

  async findBySubject(tx: Tx, subjectType: SubjectType, subjectId: string): Promise<Payment | undefined> {
    const row = await tx.one<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE subject_type = $1 AND subject_id = $2`,
      [subjectType, subjectId],
    );
    return row && toPayment(row);
  }

  async lockBySubject(tx: Tx, subjectType: SubjectType, subjectId: string): Promise<Payment | undefined> {
    const row = await tx.one<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE subject_type = $1 AND subject_id = $2 FOR UPDATE`,
      [subjectType, subjectId],
    );
    return row && toPayment(row);
  }

  async lockById(tx: Tx, id: string): Promise<Payment | undefined> {
    const row = await tx.one<PaymentRow>(`SELECT ${COLUMNS} FROM payments WHERE id = $1 FOR UPDATE`, [id]);
    return row && toPayment(row);
  }

  async lockByIntent(tx: Tx, paymentIntentId: string): Promise<Payment | undefined> {
    const row = await tx.one<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments WHERE stripe_payment_intent_id = $1 FOR UPDATE`,
      [paymentIntentId],
    );
    return row && toPayment(row);
  }

  async lockByReference(tx: Tx, reference: string): Promise<Payment | undefined> {
    const row = await tx.one<PaymentRow>(`SELECT ${COLUMNS} FROM payments WHERE reference = $1 FOR UPDATE`, [
      reference,
    ]);
    return row && toPayment(row);
  }

  async update(tx: Tx, id: string, changes: PaymentChanges): Promise<void> {
    await tx.query(
      `UPDATE payments SET
         state = coalesce($2, state),
         amount_due_vnd = coalesce($3, amount_due_vnd),
         paid_vnd = coalesce($4, paid_vnd),
         refunded_vnd = coalesce($5, refunded_vnd),
         stripe_payment_intent_id = coalesce($6, stripe_payment_intent_id),
         stripe_client_secret = coalesce($7, stripe_client_secret),
         intent_amount_vnd = coalesce($8, intent_amount_vnd),
         last_failure = coalesce($9, last_failure),
         overdue_notified_at = coalesce($10, overdue_notified_at),
         updated_at = now()
       WHERE id = $1`,
      [
        id,
        changes.state ?? null,
        changes.amountDueVnd ?? null,
        changes.paidVnd ?? null,
        changes.refundedVnd ?? null,
        changes.stripePaymentIntentId ?? null,
        changes.stripeClientSecret ?? null,
        changes.intentAmountVnd ?? null,
        changes.lastFailure ?? null,
        changes.overdueNotifiedAt ?? null,
      ],
    );
  }

  /** Invoice payments past their due date with money still owed, oldest due first. */
  async findOverdue(
    tx: Tx,
    today: string,
    limit: number,
    after?: { dueDate: string; id: string },
  ): Promise<Payment[]> {
    const rows = await tx.query<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments
        WHERE method = 'invoice' AND due_date < $1::date AND paid_vnd < amount_due_vnd
          AND ($3::date IS NULL OR (due_date, id) > ($3::date, $4::uuid))
        ORDER BY due_date, id
        LIMIT $2`,
      [today, limit, after?.dueDate ?? null, after?.id ?? null],
    );
    return rows.map(toPayment);
  }

  /** Locks overdue invoices not yet notified, skipping rows another sweeper holds. */
  async lockOverdueToNotify(tx: Tx, today: string, limit: number): Promise<Payment[]> {
    const rows = await tx.query<PaymentRow>(
      `SELECT ${COLUMNS} FROM payments
        WHERE method = 'invoice' AND due_date < $1::date AND paid_vnd < amount_due_vnd AND overdue_notified_at IS NULL
        ORDER BY due_date, id
        LIMIT $2
        FOR UPDATE SKIP LOCKED`,
      [today, limit],
    );
    return rows.map(toPayment);
  }
}
