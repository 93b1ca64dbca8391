import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Actor, assertCanRead, assertMemberOf } from '@ocop/auth';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, pageOf } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { OrganizationsFacade } from '../../organizations';
import {
  BalanceView,
  BankAccountView,
  PayoutBatchView,
  StatementPageView,
  StripeAccountView,
} from '../api/payments.view';
import { payoutEntries, payoutSettledEntries } from '../domain/ledger';
import { PaymentErrors } from '../domain/payments.errors';
import { payoutCsv } from '../domain/payout-file';
import { PAYMENTS_QUEUE } from '../jobs/payments.queue';
import { LedgerRepository } from '../persistence/ledger.repository';
import { PayoutBatch, PayoutLine, PayoutRepository } from '../persistence/payout.repository';
import { StripeClient } from './stripe-client';
import { withTimeout } from './stripe-events.service';

const ONBOARDING_RETURN_URL = 'https://ocop.example/producer/payouts/stripe/return';
const ONBOARDING_REFRESH_URL = 'https://ocop.example/producer/payouts/stripe/refresh';

/** What producers are owed (the ledger), where they are paid (bank account or Stripe Connect), payout batches. */
@Injectable()
export class PayoutsService {
  private readonly logger = new Logger(PayoutsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: LedgerRepository,
    private readonly payouts: PayoutRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly stripe: StripeClient,
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
  ) {}

  balance(actor: Actor, organizationId: string): Promise<BalanceView> {
    return this.uow.run(async (tx) => {
      await this.readableProducer(tx, actor, organizationId);
      const totals = await this.ledger.producerTotals(tx, organizationId);
      return { organizationId, ...totals, currency: 'vnd' as const };
    });
  }

  statement(
    actor: Actor,
    organizationId: string,
    query: { limit?: number; cursor?: string },
  ): Promise<StatementPageView> {
    const limit = query.limit ?? 20;
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      await this.readableProducer(tx, actor, organizationId);
      const rows = await this.ledger.statement(
        tx,
        organizationId,
        limit + 1,
        position && { createdAt: position[0], id: position[1] },
      );
      return pageOf(
        rows,
        limit,
        (row) => ({
          id: row.entryId,
          transactionId: row.transactionId,
          kind: row.kind,
          memo: row.memo,
          // Shown from the producer's side: positive is money owed to it, negative is money paid out.
          amountVnd: -row.amountVnd,
          purchaseOrderId: row.purchaseOrderId,
          supplierOrderId: row.supplierOrderId,
          refundId: row.refundId,
          payoutLineId: row.payoutLineId,
          createdAt: row.createdAt.toISOString(),
        }),
        (row) => [row.createdAt.toISOString(), row.entryId],
      );
    });
  }

  putBankAccount(
    actor: Actor,
    organizationId: string,
    input: { bankBin: string; accountNo: string; accountName: string },
  ): Promise<BankAccountView> {
    assertMemberOf(actor, organizationId);
    return this.uow.run(async (tx) => {
      await this.requireProducer(tx, organizationId);
      const saved = await this.payouts.upsertBankAccount(tx, { organizationId, ...input });
      return { ...input, organizationId, updatedAt: saved.updatedAt.toISOString() };
    });
  }

  /**
   * Creates the producer's Connect account once (Stripe idempotency key from the organization) and a
   * fresh onboarding link. Membership and the organization are checked before Stripe, so that without
   * keys a stranger still gets 403 and only the producer itself learns that Stripe is off (503).
   */
  createStripeAccount(actor: Actor, organizationId: string): Promise<StripeAccountView> {
    assertMemberOf(actor, organizationId);
    return this.uow.run(async (tx) => {
      await this.requireProducer(tx, organizationId);
      this.stripe.require();
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('stripe-account:' || $1))`, [organizationId]);
      let account = await this.payouts.lockStripeAccount(tx, organizationId);
      if (!account) {
        const created = await this.stripe.call((stripe) =>
          stripe.accounts.create(
            {
              type: 'express',
              metadata: { organizationId },
              capabilities: { transfers: { requested: true } },
            },
            { idempotencyKey: `account:${organizationId}` },
          ),
        );
        await this.payouts.insertStripeAccount(
          tx,
          organizationId,
          created.id,
          created.payouts_enabled === true,
        );
        account = { organizationId, accountId: created.id, payoutsEnabled: created.payouts_enabled === true };
      }
      const accountId = account.accountId;
      const link = await this.stripe.call((stripe) =>
        stripe.accountLinks.create({
          account: accountId,
          type: 'account_onboarding',
          return_url: ONBOARDING_RETURN_URL,
          refresh_url: ONBOARDING_REFRESH_URL,
        }),
      );
      return { accountId, onboardingUrl: link.url, payoutsEnabled: account.payoutsEnabled };
    });
  }

  /**
   * Batches every positive producer balance. Batching moves the amount from the producer's payable
   * account to payouts in transit, so the next batch never pays the same money twice. Batch
   * creation is serialized by an advisory lock.
   */
  async createBatch(actor: Actor): Promise<PayoutBatchView> {
    const result = await this.uow.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('payout-batches'))`);
      const balances = await this.ledger.positiveProducerBalances(tx);
      const ids = balances.map((balance) => balance.organizationId);
      const banks = await this.payouts.bankAccountsOf(tx, ids);
      const connect = await this.payouts.stripeAccountsOf(tx, ids);
      const viaStripe = (id: string) => this.stripe.configured && connect.get(id)?.payoutsEnabled === true;
      const payable = balances.filter(
        (balance) => viaStripe(balance.organizationId) || banks.has(balance.organizationId),
      );
      const skipped = ids.filter((id) => !payable.some((balance) => balance.organizationId === id));
      if (payable.length === 0) throw PaymentErrors.PAYOUT_BATCH_EMPTY({ skippedOrganizationIds: skipped });
      const batchId = await this.payouts.insertBatch(
        tx,
        actor.userId,
        payable.reduce((sum, b) => sum + b.balanceVnd, 0),
      );
      for (const [index, balance] of payable.entries()) {
        const stripeAccount = viaStripe(balance.organizationId)
          ? connect.get(balance.organizationId)!
          : undefined;
        const bank = stripeAccount ? undefined : banks.get(balance.organizationId)!;
        const lineId = await this.payouts.insertLine(tx, {
          batchId,
          organizationId: balance.organizationId,
          amountVnd: balance.balanceVnd,
          method: stripeAccount ? 'stripe_connect' : 'bank_transfer',
          bankBin: bank?.bankBin ?? null,
          accountNo: bank?.accountNo ?? null,
          accountName: bank?.accountName ?? null,
          stripeAccountId: stripeAccount?.accountId ?? null,
          reference: `OCOPPAY${batchId.replace(/-/g, '').slice(0, 8).toUpperCase()}${String(index + 1).padStart(4, '0')}`,
        });
        await this.ledger.post(
          tx,
          {
            kind: 'payout',
            sourceKey: `payout:${lineId}`,
            memo: `Chi trả đợt ${batchId.slice(0, 8)}`,
            payoutLineId: lineId,
          },
          payoutEntries(balance.organizationId, balance.balanceVnd),
        );
      }
      return { batchId, skipped };
    });
    const view = await this.batch(result.batchId, result.skipped);
    if (view.lines.some((line) => line.method === 'stripe_connect')) await this.scheduleTransfers(view.id);
    return view;
  }

  batch(batchId: string, skipped: string[] = []): Promise<PayoutBatchView> {
    return this.uow.run(async (tx) => {
      const batch = await this.payouts.findBatch(tx, batchId);
      if (!batch) throw PaymentErrors.PAYOUT_BATCH_NOT_FOUND();
      return this.batchView(batch, await this.payouts.linesOf(tx, batchId), skipped);
    });
  }

  exportCsv(batchId: string): Promise<string> {
    return this.uow.run(async (tx) => {
      const batch = await this.payouts.findBatch(tx, batchId);
      if (!batch) throw PaymentErrors.PAYOUT_BATCH_NOT_FOUND();
      const lines = (await this.payouts.linesOf(tx, batchId)).filter(
        (line) => line.method === 'bank_transfer',
      );
      return payoutCsv(
        lines.map((line) => ({
          bankBin: line.bankBin!,
          accountNo: line.accountNo!,
          accountName: line.accountName!,
          amountVnd: line.amountVnd,
          reference: line.reference,
        })),
      );
    });
  }

  /** The administrator confirms the bank file was executed: bank-transfer lines are settled. */
  markPaid(actor: Actor, batchId: string): Promise<PayoutBatchView> {
    return this.uow.run(async (tx) => {
      const batch = await this.payouts.findBatch(tx, batchId, true);
      if (!batch) throw PaymentErrors.PAYOUT_BATCH_NOT_FOUND();
      if (batch.status === 'paid') throw PaymentErrors.PAYOUT_BATCH_ALREADY_PAID();
      for (const line of await this.payouts.linesOf(tx, batchId)) {
        if (line.method !== 'bank_transfer' || line.status === 'paid') continue;
        await this.settle(tx, line, null);
      }
      await this.payouts.markBatchPaid(tx, batchId, actor.userId);
      return this.batchView({ ...batch, status: 'paid' }, await this.payouts.linesOf(tx, batchId), []);
    });
  }

  async scheduleTransfers(batchId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          'payout-transfers',
          { batchId },
          {
            jobId: `payout-transfers-${batchId}`,
            attempts: 8,
            backoff: { type: 'exponential', delay: 2_000 },
            removeOnComplete: true,
          },
        ),
        2_000,
      );
    } catch (error) {
      this.logger.warn(
        { err: error, batchId },
        'could not enqueue payout transfers; run them again from the batch',
      );
    }
  }

  /**
   * Pays the batch's Connect lines. Each transfer is made at most once: the line is locked while the
   * transfer is made and its id recorded, and the Stripe idempotency key is the ledger entry of the
   * payout, so even a job that runs twice (or crashes after Stripe answered) makes one transfer.
   */
  async runTransfers(batchId: string): Promise<number> {
    const lines = await this.uow.run((tx) => this.payouts.linesOf(tx, batchId));
    let made = 0;
    for (const pending of lines) {
      if (pending.method !== 'stripe_connect' || pending.status === 'paid') continue;
      made += await this.uow.run(async (tx) => {
        const line = await this.payouts.lockLine(tx, pending.id);
        if (!line || line.status === 'paid' || line.stripeTransferId) return 0;
        const ledgerEntryId = await this.ledger.transactionIdOf(tx, `payout:${line.id}`);
        const transfer = await this.stripe.call((stripe) =>
          stripe.transfers.create(
            {
              amount: line.amountVnd,
              currency: 'vnd',
              destination: line.stripeAccountId!,
              transfer_group: `payout-batch-${batchId}`,
              metadata: { payoutLineId: line.id, reference: line.reference },
            },
            { idempotencyKey: `transfer:${ledgerEntryId ?? line.id}` },
          ),
        );
        await this.settle(tx, line, transfer.id);
        return 1;
      });
    }
    return made;
  }

  private async settle(tx: Tx, line: PayoutLine, stripeTransferId: string | null): Promise<void> {
    await this.payouts.markLinePaid(tx, line.id, stripeTransferId);
    await this.ledger.post(
      tx,
      {
        kind: 'payout_settled',
        sourceKey: `payout-settled:${line.id}`,
        memo: `Đã chi ${line.reference}`,
        payoutLineId: line.id,
      },
      payoutSettledEntries(line.amountVnd),
    );
  }

  private batchView(batch: PayoutBatch, lines: PayoutLine[], skipped: string[]): PayoutBatchView {
    return {
      id: batch.id,
      status: batch.status,
      totalVnd: batch.totalVnd,
      createdAt: batch.createdAt.toISOString(),
      paidAt: batch.paidAt?.toISOString() ?? null,
      lines: lines.map((line) => ({
        id: line.id,
        organizationId: line.organizationId,
        amountVnd: line.amountVnd,
        method: line.method,
        bankBin: line.bankBin,
        accountNo: line.accountNo,
        accountName: line.accountName,
        stripeAccountId: line.stripeAccountId,
        stripeTransferId: line.stripeTransferId,
        reference: line.reference,
        status: line.status,
      })),
      skippedOrganizationIds: skipped,
    };
  }

  private async readableProducer(tx: Tx, actor: Actor, organizationId: string): Promise<void> {
    assertCanRead(actor, organizationId);
    const organization = await this.organizations.find(tx, organizationId);
    if (!organization || organization.role !== 'producer') throw CommonErrors.NOT_FOUND();
  }

  private async requireProducer(tx: Tx, organizationId: string): Promise<void> {
    const organization = await this.organizations.find(tx, organizationId);
    if (!organization) throw CommonErrors.NOT_FOUND();
    if (organization.role !== 'producer') throw PaymentErrors.NOT_A_PRODUCER();
  }
}
