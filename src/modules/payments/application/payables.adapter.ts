import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Tx } from '@ocop/persistence';
import type { FairsFacade } from '../../fairs';
import type { OrderingFacade } from '../../ordering';
import { OrganizationsFacade } from '../../organizations';
import { PayableBooking, PayableOrder, Payables } from './payables';

/**
 * Reads ordering and fairs through their facades. They are resolved lazily from the application
 * (not imported as Nest modules) so that ordering may import PaymentsModule for its order view
 * without a module cycle.
 */
@Injectable()
export class PayablesAdapter extends Payables {
  private ordering?: OrderingFacade;
  private fairs?: FairsFacade;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly organizations: OrganizationsFacade,
  ) {
    super();
  }

  async order(tx: Tx, orderId: string): Promise<PayableOrder | undefined> {
    const order = await this.orderingFacade().getPurchaseOrderForPayment(tx, orderId);
    if (!order) return undefined;
    return {
      id: order.id,
      number: order.number,
      buyerId: order.buyerId,
      paymentMethod: order.paymentMethod,
      totalVnd: order.totalVnd,
      createdAt: order.createdAt,
      producerIds: [...new Set(order.supplierOrders.map((so) => so.producerId))],
    };
  }

  async booking(tx: Tx, bookingId: string): Promise<PayableBooking | undefined> {
    const booking = await this.fairsFacade().getBookingForPayment(tx, bookingId);
    if (!booking) return undefined;
    return {
      id: booking.id,
      producerId: booking.producerId,
      status: booking.status,
      amountVnd: booking.amountVnd,
      holdExpiresAt: booking.holdExpiresAt,
    };
  }

  async confirmBooking(
    tx: Tx,
    bookingId: string,
    paymentRef: string,
  ): Promise<'confirmed' | 'not_confirmable'> {
    const { outcome, booking } = await this.fairsFacade().confirmBookingPaid(tx, bookingId, paymentRef);
    if (outcome === 'confirmed') return 'confirmed';
    // A repeat of our own confirmation is fine; a booking confirmed by another payment is not ours to keep.
    return outcome === 'already_confirmed' && booking?.paymentRef === paymentRef
      ? 'confirmed'
      : 'not_confirmable';
  }

  async paymentTermsDays(tx: Tx, organizationId: string): Promise<number> {
    return (await this.organizations.find(tx, organizationId))?.paymentTermsDays ?? 30;
  }

  private fairsFacade(): FairsFacade {
    if (!this.fairs) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { FairsFacade: token } = require('../../fairs') as typeof import('../../fairs');
      this.fairs = this.moduleRef.get(token, { strict: false });
    }
    return this.fairs;
  }

  private orderingFacade(): OrderingFacade {
    if (!this.ordering) {
      // Loaded at first use, not at module load: ordering may import payments' index for its views,
      // and a load-time cycle would leave one side's injection token undefined.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { OrderingFacade: token } = require('../../ordering') as typeof import('../../ordering');
      this.ordering = this.moduleRef.get(token, { strict: false });
    }
    return this.ordering;
  }
}
