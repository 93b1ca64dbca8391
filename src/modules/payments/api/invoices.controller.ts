import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { InvoicesService } from '../application/invoices.service';
import { RecordPaymentDto } from './dto/payments.dto';
import { OrderPaymentView, OverdueInvoicePageView } from './payments.view';

@ApiTags('payments')
@ApiBearerAuth()
@Controller()
export class InvoicesController {
  constructor(private readonly invoices: InvoicesService) {}

  @Get('orders/:id/payment')
  @ApiOperation({
    summary: 'Payment status of an order: state, amounts, receipts and refunds (buyer, its producers, admin)',
  })
  @ApiOkResponse({ type: OrderPaymentView })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.invoices.orderPayment(actor, id);
  }

  @Post('orders/:id/payments')
  @Roles('admin')
  @ApiOperation({
    summary:
      'Record a bank transfer received for an invoice order; partial payments add up, overpayment is flagged',
    description:
      'The reference is the bank’s reference of the transfer and identifies it: recording it again with ' +
      'the same amount for the same order counts nothing twice and answers the payment as it stands ' +
      '(201, as the first time). A transfer the bank notified with that `bankTransactionId` is the same one.',
  })
  @ApiCreatedResponse({ type: OrderPaymentView })
  @ApiConflictResponse({
    description:
      'TRANSFER_REFERENCE_CONFLICT: the reference is already recorded with another amount or for another order ' +
      '(`recordedAmountVnd`, `recordedOrderId`)',
  })
  record(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: RecordPaymentDto,
  ) {
    return this.invoices.recordPayment(actor, id, body);
  }

  @Get('admin/invoices/overdue')
  @Roles('admin')
  @ApiOperation({
    summary: 'Invoice orders past their payment terms with money still owed, oldest due first',
  })
  @ApiOkResponse({ type: OverdueInvoicePageView })
  overdue(@Query() query: PageQueryDto) {
    return this.invoices.listOverdue(query);
  }
}
