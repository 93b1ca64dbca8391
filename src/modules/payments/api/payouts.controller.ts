import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@ocop/auth';
import { NoBodyDto, ParseUuidPipe } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { PayoutsService } from '../application/payouts.service';
import { BankAccountDto } from './dto/payments.dto';
import {
  BalanceView,
  BankAccountView,
  PayoutBatchView,
  StatementPageView,
  StripeAccountView,
} from './payments.view';

@ApiTags('payouts')
@ApiBearerAuth()
@Controller('organizations/:id')
export class ProducerPayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @Get('balance')
  @Roles('producer', 'admin')
  @ApiOperation({
    summary: 'What the platform owes the producer: delivered orders less commission, minus payouts',
  })
  @ApiOkResponse({ type: BalanceView })
  balance(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string) {
    return this.payouts.balance(actor, id);
  }

  @Get('statement')
  @Roles('producer', 'admin')
  @ApiOperation({
    summary: 'The producer’s ledger entries, newest first, each traceable to an order, refund or payout',
  })
  @ApiOkResponse({ type: StatementPageView })
  statement(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: PageQueryDto,
  ) {
    return this.payouts.statement(actor, id, query);
  }

  @Put('bank-account')
  @Roles('producer')
  @ApiOperation({ summary: 'Set the bank account payouts are transferred to' })
  @ApiOkResponse({ type: BankAccountView })
  bankAccount(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: BankAccountDto,
  ) {
    return this.payouts.putBankAccount(actor, id, body);
  }

  @Post('stripe-account')
  @Roles('producer')
  @ApiOperation({
    summary:
      'Optional Stripe Connect payouts (where Stripe supports the producer’s country): account id and onboarding link',
  })
  @ApiCreatedResponse({ type: StripeAccountView })
  stripeAccount(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() _body: NoBodyDto,
  ) {
    return this.payouts.createStripeAccount(actor, id);
  }
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/payout-batches')
export class AdminPayoutsController {
  constructor(private readonly payouts: PayoutsService) {}

  @Post()
  @ApiOperation({ summary: 'Batch every positive producer balance (422 PAYOUT_BATCH_EMPTY when none)' })
  @ApiCreatedResponse({ type: PayoutBatchView })
  create(@CurrentActor() actor: Actor, @Body() _body: NoBodyDto) {
    return this.payouts.createBatch(actor);
  }

  @Get(':batchId')
  @ApiOperation({ summary: 'A payout batch with its lines' })
  @ApiOkResponse({ type: PayoutBatchView })
  get(@Param('batchId', ParseUuidPipe) batchId: string) {
    return this.payouts.batch(batchId);
  }

  @Get(':batchId/export')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="payout-batch.csv"')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: 'Bank-transfer file (CSV, UTF-8 with BOM): bank BIN, account, name, amount, reference',
  })
  @ApiOkResponse({
    schema: { type: 'string', example: '\uFEFFbank_bin,account_no,account_name,amount_vnd,reference' },
  })
  export(@Param('batchId', ParseUuidPipe) batchId: string) {
    return this.payouts.exportCsv(batchId);
  }

  @Post(':batchId/mark-paid')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The bank file was executed: settle its bank-transfer lines (Connect lines settle by transfer)',
  })
  @ApiOkResponse({ type: PayoutBatchView })
  markPaid(
    @CurrentActor() actor: Actor,
    @Param('batchId', ParseUuidPipe) batchId: string,
    @Body() _body: NoBodyDto,
  ) {
    return this.payouts.markPaid(actor, batchId);
  }
}
