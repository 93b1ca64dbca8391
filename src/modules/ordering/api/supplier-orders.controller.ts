import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { OrderQueries } from '../application/order-queries.service';
import { SupplierOrderLifecycle } from '../application/supplier-order-lifecycle.service';
import { ListSupplierOrdersDto } from './dto/list-orders.dto';
import {
  AcceptSupplierOrderDto,
  RejectSupplierOrderDto,
  ShipSupplierOrderDto,
} from './dto/supplier-order-actions.dto';
import { SupplierOrderPageView, SupplierOrderView } from './order.view';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('supplier-orders')
export class SupplierOrdersController {
  constructor(
    private readonly queries: OrderQueries,
    private readonly lifecycle: SupplierOrderLifecycle,
  ) {}

  @Get()
  @Roles('producer')
  @ApiOperation({ summary: 'Supplier orders addressed to the caller’s organization, with delivery details' })
  @ApiOkResponse({ type: SupplierOrderPageView })
  list(@CurrentActor() actor: Actor, @Query() query: ListSupplierOrdersDto) {
    return this.queries.listSupplierOrders(actor, query);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'A supplier order with its status history (its producer and buyer only; 404 otherwise)',
  })
  @ApiOkResponse({ type: SupplierOrderView })
  @ApiNotFoundResponse({ description: 'SUPPLIER_ORDER_NOT_FOUND' })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.queries.getSupplierOrder(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('producer')
  @ApiOperation({ summary: 'Accept the order, whole or per line; what is not accepted is released' })
  @ApiOkResponse({ type: SupplierOrderView })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  accept(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: AcceptSupplierOrderDto,
  ) {
    return this.lifecycle.act(actor, id, 'accept', { acceptLines: body?.lines });
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('producer')
  @ApiOperation({ summary: 'Reject a placed order; its reserved stock is released' })
  @ApiOkResponse({ type: SupplierOrderView })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  reject(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: RejectSupplierOrderDto,
  ) {
    return this.lifecycle.act(actor, id, 'reject', { reason: body.reason });
  }

  @Post(':id/ship')
  @HttpCode(200)
  @Roles('producer')
  @ApiOperation({ summary: 'Ship an accepted order; the reserved stock leaves stock on hand' })
  @ApiOkResponse({ type: SupplierOrderView })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  ship(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: ShipSupplierOrderDto,
  ) {
    return this.lifecycle.act(actor, id, 'ship', { trackingRef: body?.trackingRef });
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @Roles('buyer')
  @ApiOperation({ summary: 'The buyer confirms receipt of a shipped order' })
  @ApiOkResponse({ type: SupplierOrderView })
  @ApiConflictResponse({ description: 'INVALID_TRANSITION' })
  deliver(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() _body: NoBodyDto) {
    return this.lifecycle.act(actor, id, 'deliver');
  }
}
