import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { HeaderValue, IDEMPOTENCY_KEY_HEADER, ParseUuidPipe } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { DeliveryLocationsService } from '../application/delivery-locations.service';
import { OrderQueries } from '../application/order-queries.service';
import { PlaceOrderService } from '../application/place-order.service';
import { SupplierOrderLifecycle } from '../application/supplier-order-lifecycle.service';
import { CreateDeliveryLocationDto } from './dto/delivery-location.dto';
import { ListPurchaseOrdersDto } from './dto/list-orders.dto';
import { PlaceOrderDto } from './dto/place-order.dto';
import { CancelOrderDto } from './dto/supplier-order-actions.dto';
import {
  DeliveryLocationPageView,
  DeliveryLocationView,
  PurchaseOrderPageView,
  PurchaseOrderView,
} from './order.view';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(
    private readonly placing: PlaceOrderService,
    private readonly queries: OrderQueries,
    private readonly lifecycle: SupplierOrderLifecycle,
  ) {}

  @Post()
  @Roles('buyer')
  @ApiOperation({
    summary:
      'Place a purchase order: split per producer, every line reserved or none (idempotent with a key)',
  })
  @ApiHeader(IDEMPOTENCY_KEY_HEADER)
  @ApiCreatedResponse({ type: PurchaseOrderView })
  @ApiConflictResponse({ description: 'INSUFFICIENT_STOCK with listingIds' })
  @ApiUnprocessableEntityResponse({
    description:
      'LISTING_UNAVAILABLE, BELOW_MIN_ORDER_QTY, DELIVERY_DATE_IN_PAST, DELIVERY_DATE_TOO_SOON, ' +
      'ORGANIZATION_NOT_VERIFIED, IDEMPOTENCY_KEY_REUSED',
  })
  place(
    @CurrentActor() actor: Actor,
    @Body() body: PlaceOrderDto,
    @HeaderValue('idempotency-key') idempotencyKey?: string,
  ) {
    return this.placing.place(actor, body, idempotencyKey);
  }

  @Get()
  @Roles('buyer')
  @ApiOperation({ summary: 'The caller’s organization’s purchase orders, newest first' })
  @ApiOkResponse({ type: PurchaseOrderPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListPurchaseOrdersDto) {
    return this.queries.listPurchaseOrders(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A purchase order of the caller’s organization (404 for anyone else’s)' })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiNotFoundResponse({ description: 'ORDER_NOT_FOUND' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.queries.getPurchaseOrder(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('buyer')
  @ApiOperation({ summary: 'Cancel every supplier order not yet shipped; their reserved stock is released' })
  @ApiOkResponse({ type: PurchaseOrderView })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION when nothing is left to cancel' })
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: CancelOrderDto) {
    return this.lifecycle.cancelPurchaseOrder(actor, id, body?.reason);
  }
}

@ApiTags('orders')
@ApiBearerAuth()
@Roles('buyer')
@Controller('delivery-locations')
export class DeliveryLocationsController {
  constructor(private readonly locations: DeliveryLocationsService) {}

  @Post()
  @ApiOperation({ summary: 'Save a named delivery location (store, distribution centre)' })
  @ApiCreatedResponse({ type: DeliveryLocationView })
  @ApiConflictResponse({ description: 'DELIVERY_LOCATION_NAME_TAKEN' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateDeliveryLocationDto) {
    return this.locations.create(actor, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s organization’s delivery locations, by name' })
  @ApiOkResponse({ type: DeliveryLocationPageView })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto) {
    return this.locations.list(actor, query);
  }
}
