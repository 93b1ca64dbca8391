import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CurrentActor, OptionalActor, Public, Roles } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { ListingImportService } from '../application/listing-import.service';
import { ListingSearchService } from '../application/listing-search.service';
import { ListingsService } from '../application/listings.service';
import {
  ImportResultView,
  LedgerPageView,
  ListingPageView,
  ListingView,
  StockAdjustmentView,
} from './catalog.view';
import {
  CreateListingDto,
  LedgerQueryDto,
  SearchListingsDto,
  StockAdjustmentDto,
  UpdateListingDto,
} from './dto/listing.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('listings')
export class ListingsController {
  constructor(
    private readonly listings: ListingsService,
    private readonly search: ListingSearchService,
    private readonly importer: ListingImportService,
  ) {}

  @Post()
  @Roles('producer')
  @ApiOperation({ summary: 'List a pack of an own product for sale, with its stock' })
  @ApiCreatedResponse({ type: ListingView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateListingDto) {
    return this.listings.create(actor, body);
  }

  @Post('import')
  @Roles('producer')
  @ApiConsumes('text/csv')
  @ApiBody({
    description:
      'UTF-8 CSV, comma or semicolon separated. Columns (English or Vietnamese headers): productId | productName ' +
      '(Tên sản phẩm), sku (Mã SKU), packSize (Quy cách), priceVnd (Giá), minOrderQty (Số lượng tối thiểu), ' +
      'stockOnHand (Tồn kho), priceTiers (Bậc giá, "50:42000;100:40000"), leadTimeDays (Số ngày giao hàng), ' +
      'vatRate (Thuế VAT), status (Trạng thái). A known SKU updates its listing. All or nothing: a bad file is ' +
      '400 CSV_IMPORT_INVALID with every bad row and line number in `rows` and `errors`.',
    schema: {
      type: 'string',
      example:
        'productName,sku,packSize,priceVnd,minOrderQty,stockOnHand\nChè đường Ba Chẽ,CHE-500,hộp 500 g,45000,10,200',
    },
  })
  @ApiCreatedResponse({ type: ImportResultView })
  import(@CurrentActor() actor: Actor, @Body() body: string) {
    return this.importer.import(actor, body);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Search active listings of verified producers (Vietnamese full text, filters, sorts, facets)',
    description:
      'Every word of q must match after folding diacritics, allowing a small typo per word, in any order. ' +
      'Cursor pagination is stable for every sort. A producer passing its own producerId also sees its paused listings. ' +
      'Facet counts cover all results and are cached for 10 s per distinct query and filter set.',
  })
  @ApiOkResponse({ type: ListingPageView })
  find(@OptionalActor() actor: Actor | undefined, @Query() query: SearchListingsDto) {
    return this.search.find(actor, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A listing (paused ones and unverified producers’ only to their owner)' })
  @ApiOkResponse({ type: ListingView })
  get(@OptionalActor() actor: Actor | undefined, @Param('id', ParseUuidPipe) id: string) {
    return this.listings.get(actor, id);
  }

  @Patch(':id')
  @Roles('producer')
  @ApiOperation({
    summary: 'Change price, tiers, MOQ, status, lead time, VAT rate or pack size of an own listing',
  })
  @ApiOkResponse({ type: ListingView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateListingDto,
  ) {
    return this.listings.update(actor, id, body);
  }

  @Post(':id/stock-adjustments')
  @Roles('producer')
  @ApiOperation({
    summary: 'Adjust stock on hand by delta (409 STOCK_BELOW_RESERVED below what is reserved)',
  })
  @ApiCreatedResponse({ type: StockAdjustmentView })
  adjust(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: StockAdjustmentDto,
  ) {
    return this.listings.adjustStock(actor, id, body);
  }

  @Get(':id/stock-ledger')
  @Roles('producer', 'admin')
  @ApiOperation({ summary: 'Every stock movement of an own listing, newest first' })
  @ApiOkResponse({ type: LedgerPageView })
  ledger(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Query() query: LedgerQueryDto,
  ) {
    return this.listings.ledger(actor, id, query);
  }
}
