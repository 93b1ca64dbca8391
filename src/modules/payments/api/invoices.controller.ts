import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  })
  @ApiCreatedResponse({ type: OrderPaymentView })
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
