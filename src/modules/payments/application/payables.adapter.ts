import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommonErrors } from '@ocop/errors';
import { Tx } from '@ocop/persistence';
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

  async booking(_tx: Tx, _bookingId: string): Promise<PayableBooking | undefined> {
    throw CommonErrors.SERVICE_UNAVAILABLE();
  }

  async confirmBooking(_tx: Tx, _bookingId: string, _paymentRef: string): Promise<void> {
    throw CommonErrors.SERVICE_UNAVAILABLE();
  }

  async paymentTermsDays(tx: Tx, organizationId: string): Promise<number> {
    return (await this.organizations.find(tx, organizationId))?.paymentTermsDays ?? 30;
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
