import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations';
import { CardPaymentsController } from './api/card-payments.controller';
import { InvoicesController } from './api/invoices.controller';
import { AdminPayoutsController, ProducerPayoutsController } from './api/payouts.controller';
import { WebhooksController } from './api/webhooks.controller';
import { CardPaymentsService } from './application/card-payments.service';
import { InvoicesService } from './application/invoices.service';
import { MoneyMovements } from './application/money-movements';
import { OrderReactions } from './application/order-reactions';
import { Payables } from './application/payables';
import { PayablesAdapter } from './application/payables.adapter';
import { PaymentsFacade } from './application/payments.facade';
import { PayoutsService } from './application/payouts.service';
import { StripeClient } from './application/stripe-client';
import { StripeEventsService } from './application/stripe-events.service';
import { WebhookSweep } from './application/webhook-sweep';
import { PaymentsProcessor } from './jobs/payments.processor';
import { PAYMENTS_QUEUE } from './jobs/payments.queue';
import { LedgerRepository } from './persistence/ledger.repository';
import { PaymentRecordsRepository } from './persistence/payment-records.repository';
import { PaymentRepository } from './persistence/payment.repository';
import { PayoutRepository } from './persistence/payout.repository';
import { WebhookEventRepository } from './persistence/webhook-event.repository';

@Module({
  imports: [BullModule.registerQueue({ name: PAYMENTS_QUEUE }), OrganizationsModule],
  controllers: [
    CardPaymentsController,
    WebhooksController,
    InvoicesController,
    ProducerPayoutsController,
    AdminPayoutsController,
  ],
  providers: [
    StripeClient,
    { provide: Payables, useClass: PayablesAdapter },
    PaymentRepository,
    PaymentRecordsRepository,
    WebhookEventRepository,
    LedgerRepository,
    PayoutRepository,
    MoneyMovements,
    CardPaymentsService,
    StripeEventsService,
    InvoicesService,
    PayoutsService,
    OrderReactions,
    WebhookSweep,
    PaymentsProcessor,
    PaymentsFacade,
  ],
  exports: [PaymentsFacade],
})
export class PaymentsModule {}
