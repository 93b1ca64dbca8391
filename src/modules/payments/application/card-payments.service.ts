import { Injectable } from '@nestjs/common';
import { Actor, assertMemberOf } from '@ocop/auth';
import { addDays, Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { fingerprintOf, IdempotencyStore, Tx, UnitOfWork } from '@ocop/persistence';
import { PaymentIntentView } from '../api/payments.view';
import { holdsFunds, nextPaymentState, refundTarget } from '../domain/payment-state';
import { PaymentErrors } from '../domain/payments.errors';
import { Payment, PaymentRepository } from '../persistence/payment.repository';
import { MoneyMovements } from './money-movements';
import { OrderForPayment, Payables } from './payables';
import { StripeClient } from './stripe-client';

/** Card payment of purchase orders and stall fees through Stripe PaymentIntents, and their refunds. */
@Injectable()
export class CardPaymentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly idempotency: IdempotencyStore,
    private readonly stripe: StripeClient,
    private readonly payments: PaymentRepository,
    private readonly payables: Payables,
    private readonly movements: MoneyMovements,
    private readonly clock: Clock,
  ) {}

  /**
   * Whatever needs no Stripe is decided first (the order, its buyer, its payment method, whether
   * anything is left to pay), so that without Stripe keys only a payable card order of the caller's
   * own answers 503 PAYMENTS_NOT_CONFIGURED: the first Stripe call refuses.
   */
  createOrderIntent(actor: Actor, orderId: string, idempotencyKey?: string): Promise<PaymentIntentView> {
    return this.uow.run((tx) =>
      this.idempotency.once(
        tx,
        this.scope(actor, idempotencyKey, `/orders/${orderId}/payment-intent`),
        async () => {
          const order = await this.payables.order(tx, orderId);
          if (!order) throw CommonErrors.NOT_FOUND();
          assertMemberOf(actor, order.buyerId);
          if (actor.role !== 'buyer') throw CommonErrors.FORBIDDEN();
          if (order.paymentMethod !== 'card') {
            throw PaymentErrors.PAYMENT_METHOD_MISMATCH({ paymentMethod: order.paymentMethod });
          }
          const payment = await this.ensureOrderPayment(tx, order);
          return this.intentFor(tx, payment, order.totalVnd, `Đơn hàng ${order.number}`);
        },
      ),
    );
  }

  /** Like `createOrderIntent`: the booking, its producer and its hold are checked before Stripe is needed. */
  createBookingIntent(actor: Actor, bookingId: string, idempotencyKey?: string): Promise<PaymentIntentView> {
    return this.uow.run((tx) =>
      this.idempotency.once(
        tx,
        this.scope(actor, idempotencyKey, `/bookings/${bookingId}/payment-intent`),
        async () => {
          const booking = await this.payables.booking(tx, bookingId);
          if (!booking) throw CommonErrors.NOT_FOUND();
          assertMemberOf(actor, booking.producerId);
          if (actor.role !== 'producer') throw CommonErrors.FORBIDDEN();
          const payment = await this.payments.ensureLocked(tx, {
            subjectType: 'booking',
            subjectId: booking.id,
            payerOrgId: booking.producerId,
            method: 'card',
            amountDueVnd: booking.amountVnd,
            dueDate: null,
          });
          const lapsed = booking.holdExpiresAt !== null && booking.holdExpiresAt <= this.clock.now();
          if (!holdsFunds(payment.state) && (booking.status !== 'held' || lapsed)) {
            throw PaymentErrors.BOOKING_NOT_PAYABLE({ status: lapsed ? 'expired' : booking.status });
          }
          return this.intentFor(tx, payment, booking.amountVnd, `Phí gian hàng ${booking.id}`);
        },
      ),
    );
  }

  /** The purchase order's payment row, created on first need with the buyer's invoice terms. */
  async ensureOrderPayment(tx: Tx, order: OrderForPayment): Promise<Payment> {
    const existing = await this.payments.lockBySubject(tx, 'purchase_order', order.id);
    if (existing) return existing;
    const dueDate =
      order.paymentMethod === 'invoice'
        ? addDays(vietnamDate(order.createdAt), await this.payables.paymentTermsDays(tx, order.buyerId))
        : null;
    return this.payments.ensureLocked(tx, {
      subjectType: 'purchase_order',
      subjectId: order.id,
      payerOrgId: order.buyerId,
      method: order.paymentMethod,
      amountDueVnd: order.totalVnd,
      dueDate,
    });
  }

  /**
   * Returns the intent for this amount, creating it at most once: callers queue on the payment row
   * lock, and the Stripe idempotency key (subject + amount) makes a retry after a crash between
   * Stripe's answer and our commit return the same intent instead of a second one.
   */
  private async intentFor(
    tx: Tx,
    payment: Payment,
    amountVnd: number,
    description: string,
  ): Promise<PaymentIntentView> {
    const settled = holdsFunds(payment.state) || payment.state === 'refunded';
    if (payment.stripePaymentIntentId && (settled || payment.intentAmountVnd === amountVnd)) {
      return this.view(payment.stripePaymentIntentId, payment.stripeClientSecret!, payment.intentAmountVnd!);
    }
    if (settled || amountVnd <= 0) throw PaymentErrors.ORDER_NOT_PAYABLE();
    const intent = await this.stripe.call((stripe) =>
      stripe.paymentIntents.create(
        {
          amount: amountVnd,
          currency: 'vnd',
          description,
          automatic_payment_methods: { enabled: true },
          metadata: { paymentId: payment.id, subjectType: payment.subjectType, subjectId: payment.subjectId },
        },
        { idempotencyKey: `pi:${payment.subjectType}:${payment.subjectId}:${amountVnd}` },
      ),
    );
    await this.movements.change(tx, payment, {
      stripePaymentIntentId: intent.id,
      stripeClientSecret: intent.client_secret ?? '',
      intentAmountVnd: intent.amount,
      amountDueVnd: amountVnd,
      state: nextPaymentState(payment.state, 'intent_created') ?? payment.state,
    });
    return this.view(intent.id, intent.client_secret ?? '', intent.amount);
  }

  /**
   * Refunds whatever the payer no longer owes, once: the Stripe idempotency key is the payment and
   * the cumulative refunded amount, so replaying the same reaction asks Stripe for the same refund.
   */
  async reconcileRefund(
    tx: Tx,
    payment: Payment,
    owedVnd: number,
    reason: string,
    audience: string[],
    label: string,
  ): Promise<Payment> {
    if (payment.method !== 'card' || !holdsFunds(payment.state) || !payment.stripePaymentIntentId)
      return payment;
    const target = refundTarget(payment.paidVnd, owedVnd);
    if (target <= payment.refundedVnd) return payment;
    const amountVnd = target - payment.refundedVnd;
    const refund = await this.stripe.call((stripe) =>
      stripe.refunds.create(
        {
          payment_intent: payment.stripePaymentIntentId!,
          amount: amountVnd,
          metadata: { paymentId: payment.id, cumulativeVnd: String(target), reason },
        },
        { idempotencyKey: `refund:${payment.id}:${target}` },
      ),
    );
    return this.movements.refund(tx, payment, {
      amountVnd,
      stripeRefundId: refund.id,
      reason,
      audience,
      label,
    });
  }

  private scope(actor: Actor, key: string | undefined, path: string) {
    return key === undefined
      ? undefined
      : { userId: actor.userId, key, fingerprint: fingerprintOf('POST', path) };
  }

  private view(paymentIntentId: string, clientSecret: string, amount: number): PaymentIntentView {
    return { paymentIntentId, clientSecret, amount, currency: 'vnd' };
  }
}
