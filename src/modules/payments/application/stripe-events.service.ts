import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import Stripe from 'stripe';
import { Clock } from '@ocop/clock';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { nextPaymentState } from '../domain/payment-state';
import { PaymentErrors } from '../domain/payments.errors';
import { PAYMENTS_QUEUE } from '../jobs/payments.queue';
import { Payment, PaymentRepository } from '../persistence/payment.repository';
import { PayoutRepository } from '../persistence/payout.repository';
import { WebhookEventRepository } from '../persistence/webhook-event.repository';
import { CardPaymentsService } from './card-payments.service';
import { MoneyMovements } from './money-movements';
import { Payables } from './payables';
import { StripeClient } from './stripe-client';

/** Stripe's default: a signature older than five minutes is a replay. */
const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Enqueueing must not hold up Stripe's delivery when Redis is away; the sweep catches up. */
const ENQUEUE_TIMEOUT_MS = 2_000;

export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Stripe webhook in four steps — verify the signature on the raw body, record the event id,
 * enqueue, answer — and the job that applies each event once, in a transaction.
 */
@Injectable()
export class StripeEventsService {
  private readonly logger = new Logger(StripeEventsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly stripe: StripeClient,
    private readonly events: WebhookEventRepository,
    private readonly payments: PaymentRepository,
    private readonly payouts: PayoutRepository,
    private readonly payables: Payables,
    private readonly card: CardPaymentsService,
    private readonly movements: MoneyMovements,
    private readonly clock: Clock,
    @InjectQueue(PAYMENTS_QUEUE) private readonly queue: Queue,
  ) {}

  async receive(
    rawBody: Buffer | undefined,
    signature: string | undefined,
  ): Promise<{ received: true; duplicate: boolean }> {
    const secret = this.stripe.webhookSecret;
    if (!secret) throw PaymentErrors.PAYMENTS_NOT_CONFIGURED();
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody ?? Buffer.alloc(0),
        signature ?? '',
        secret,
        SIGNATURE_TOLERANCE_SECONDS,
        undefined,
        this.clock.now().getTime(),
      );
    } catch {
      throw PaymentErrors.WEBHOOK_SIGNATURE_INVALID();
    }
    const recorded = await this.uow.run((tx) =>
      this.events.record(tx, 'stripe', event.id, event.type, event),
    );
    if (recorded.pending) await this.enqueue(event.id);
    return { received: true, duplicate: !recorded.isNew };
  }

  /** Best effort: a job lost here is re-enqueued by the webhook sweep. */
  async enqueue(eventId: string): Promise<void> {
    try {
      await withTimeout(
        this.queue.add(
          'stripe-event',
          { eventId },
          {
            jobId: eventId,
            attempts: 8,
            backoff: { type: 'exponential', delay: 1_000 },
            removeOnComplete: { age: 3_600 },
            removeOnFail: { age: 7 * 86_400 },
          },
        ),
        ENQUEUE_TIMEOUT_MS,
      );
    } catch (error) {
      this.logger.warn({ err: error, eventId }, 'could not enqueue a Stripe event; the sweep will');
    }
  }

  /** Applies one recorded event exactly once (the event row is locked and marked in the same transaction). */
  apply(eventId: string): Promise<string> {
    return this.uow.run(async (tx) => {
      const stored = await this.events.lockUnprocessed(tx, 'stripe', eventId);
      if (!stored) return 'already_applied';
      const event = stored.payload as unknown as Stripe.Event;
      const outcome = await this.dispatch(tx, event);
      await this.events.markProcessed(tx, 'stripe', eventId, outcome);
      return outcome;
    });
  }

  private dispatch(tx: Tx, event: Stripe.Event): Promise<string> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        return this.succeeded(tx, event.data.object);
      case 'payment_intent.payment_failed':
        return this.failed(tx, event.data.object);
      case 'charge.refunded':
        return this.chargeRefunded(tx, event.data.object);
      case 'account.updated':
        return this.accountUpdated(tx, event.data.object);
      default:
        // checkout.session.completed included: the platform takes card payments through PaymentIntents only.
        return Promise.resolve('ignored');
    }
  }

  private async paymentOf(tx: Tx, intent: Stripe.PaymentIntent): Promise<Payment | undefined> {
    const paymentId = intent.metadata?.paymentId;
    if (paymentId && /^[0-9a-f-]{36}$/i.test(paymentId)) {
      const byId = await this.payments.lockById(tx, paymentId);
      if (byId) return byId;
    }
    return this.payments.lockByIntent(tx, intent.id);
  }

  private async succeeded(tx: Tx, intent: Stripe.PaymentIntent): Promise<string> {
    const payment = await this.paymentOf(tx, intent);
    if (!payment) return 'unmatched';
    const state = nextPaymentState(payment.state, 'succeeded');
    if (!state) {
      // An older intent of the same payment (superseded when the amount changed) was paid as well:
      // the payer paid twice, so that money goes straight back.
      if (payment.stripePaymentIntentId !== intent.id) {
        await this.stripe.call((stripe) =>
          stripe.refunds.create(
            { payment_intent: intent.id, metadata: { paymentId: payment.id, reason: 'duplicate_payment' } },
            { idempotencyKey: `refund-duplicate:${intent.id}` },
          ),
        );
        return 'duplicate_payment_refunded';
      }
      return `ignored_in_${payment.state}`;
    }
    const amountVnd = intent.amount_received || intent.amount;
    const context = await this.contextOf(tx, payment);
    const paid = await this.movements.receive(tx, payment, {
      amountVnd,
      source: 'card',
      reference: intent.id,
      transferRef: null,
      externalId: `stripe:${intent.id}`,
      recordedBy: null,
      state,
      audience: context.audience,
      label: context.label,
    });
    if (!paid) return 'duplicate_intent';
    if (payment.subjectType === 'booking') return this.settleBooking(tx, paid, intent.id, context);
    await this.card.reconcileRefund(
      tx,
      paid,
      context.owedVnd,
      'order_changed_before_payment',
      context.audience,
      context.label,
    );
    return 'paid';
  }

  /**
   * A paid stall fee confirms the hold (fairs decides: a lapsed hold the sweep has not expired yet
   * still wins); a hold that expired or was cancelled before the money arrived cannot be honoured
   * (the stall may be someone else's by now), so the whole fee goes back.
   */
  private async settleBooking(
    tx: Tx,
    payment: Payment,
    intentId: string,
    context: SubjectContext,
  ): Promise<string> {
    const outcome = await this.payables.confirmBooking(tx, payment.subjectId, intentId);
    if (outcome === 'confirmed') return 'paid_and_confirmed';
    await this.card.reconcileRefund(tx, payment, 0, 'stall_hold_expired', context.audience, context.label);
    return 'refunded_late_payment';
  }

  private async failed(tx: Tx, intent: Stripe.PaymentIntent): Promise<string> {
    const payment = await this.paymentOf(tx, intent);
    if (!payment) return 'unmatched';
    const state = nextPaymentState(payment.state, 'failed');
    if (!state) return `ignored_in_${payment.state}`;
    const failure = intent.last_payment_error?.message ?? intent.last_payment_error?.code ?? 'payment_failed';
    const updated = await this.movements.change(tx, payment, { state, lastFailure: failure });
    const context = await this.contextOf(tx, payment);
    await this.movements.emit(
      tx,
      'payment.failed',
      updated,
      intent.amount,
      [payment.payerOrgId],
      context.label,
      failure,
    );
    return 'failed';
  }

  /** Refunds made outside this service (the Stripe dashboard) are recorded too; our own ones are already. */
  private async chargeRefunded(tx: Tx, charge: Stripe.Charge): Promise<string> {
    const intentId =
      typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
    if (!intentId) return 'unmatched';
    const payment = await this.payments.lockByIntent(tx, intentId);
    if (!payment) return 'unmatched';
    const extra = Math.min(charge.amount_refunded, payment.paidVnd) - payment.refundedVnd;
    if (extra <= 0) return 'already_recorded';
    const context = await this.contextOf(tx, payment);
    const refundId = charge.refunds?.data?.[0]?.id ?? null;
    await this.movements.refund(tx, payment, {
      amountVnd: extra,
      stripeRefundId: refundId,
      reason: 'refunded_at_stripe',
      audience: context.audience,
      label: context.label,
    });
    return 'refund_recorded';
  }

  private async accountUpdated(tx: Tx, account: Stripe.Account): Promise<string> {
    const changed = await this.payouts.setPayoutsEnabled(tx, account.id, account.payouts_enabled === true);
    return changed ? 'account_updated' : 'unmatched';
  }

  private async contextOf(tx: Tx, payment: Payment): Promise<SubjectContext> {
    if (payment.subjectType === 'booking') {
      return {
        owedVnd: payment.amountDueVnd,
        audience: [payment.payerOrgId],
        label: `gian hàng ${payment.subjectId.slice(0, 8)}`,
      };
    }
    const order = await this.payables.order(tx, payment.subjectId);
    return {
      owedVnd: order?.totalVnd ?? payment.amountDueVnd,
      audience: [payment.payerOrgId, ...(order?.producerIds ?? [])],
      label: order?.number ?? payment.subjectId,
    };
  }
}

interface SubjectContext {
  owedVnd: number;
  audience: string[];
  label: string;
}
