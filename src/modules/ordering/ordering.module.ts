import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { GeoModule } from '../geo';
import { OrganizationsModule } from '../organizations';
import { PaymentsModule } from '../payments';
import { DeliveryLocationsController, OrdersController } from './api/orders.controller';
import { SupplierOrdersController } from './api/supplier-orders.controller';
import { DeliveryLocationsService } from './application/delivery-locations.service';
import { OrderExpiryScheduler } from './application/order-expiry.scheduler';
import { OrderQueries } from './application/order-queries.service';
import { OrderingFacade } from './application/ordering.facade';
import { PlaceOrderService } from './application/place-order.service';
import { SupplierOrderLifecycle } from './application/supplier-order-lifecycle.service';
import { ORDERING_QUEUE } from './jobs/ordering.jobs';
import { OrderingProcessor } from './jobs/ordering.processor';
import { DeliveryLocationRepository } from './persistence/delivery-location.repository';
import { OrderRepository } from './persistence/order.repository';

@Module({
  imports: [
    BullModule.registerQueue({ name: ORDERING_QUEUE }),
    CatalogModule,
    GeoModule,
    OrganizationsModule,
    PaymentsModule,
  ],
  controllers: [OrdersController, SupplierOrdersController, DeliveryLocationsController],
  providers: [
    OrderRepository,
    DeliveryLocationRepository,
    PlaceOrderService,
    OrderQueries,
    SupplierOrderLifecycle,
    DeliveryLocationsService,
    OrderExpiryScheduler,
    OrderingProcessor,
    OrderingFacade,
  ],
  exports: [OrderingFacade],
})
export class OrderingModule {}
