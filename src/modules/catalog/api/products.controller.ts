import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, OptionalActor, Public, Roles } from '@ocop/auth';
import { ParseUuidPipe } from '@ocop/http';
import { ProductsService } from '../application/products.service';
import { ProductPageView, ProductView } from './catalog.view';
import { CreateProductDto, ListProductsDto, OcopRatingDto, UpdateProductDto } from './dto/product.dto';

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @Roles('producer')
  @ApiOperation({ summary: 'Create a product of the caller’s producer organization (unrated: ocop null)' })
  @ApiCreatedResponse({ type: ProductView })
  create(@CurrentActor() actor: Actor, @Body() body: CreateProductDto) {
    return this.products.create(actor, body);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'Products, newest first: a producer’s own (default for producers), else those of verified producers',
  })
  @ApiOkResponse({ type: ProductPageView })
  list(@OptionalActor() actor: Actor | undefined, @Query() query: ListProductsDto) {
    return this.products.list(actor, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({
    summary: 'A product with its OCOP rating history (404 for unverified producers’ to others)',
  })
  @ApiOkResponse({ type: ProductView })
  get(@OptionalActor() actor: Actor | undefined, @Param('id', ParseUuidPipe) id: string) {
    return this.products.get(actor, id);
  }

  @Patch(':id')
  @Roles('producer')
  @ApiOperation({ summary: 'Change name, description, category or unit of an own product (not its stars)' })
  @ApiOkResponse({ type: ProductView })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUuidPipe) id: string,
    @Body() body: UpdateProductDto,
  ) {
    return this.products.update(actor, id, body);
  }
}

@ApiTags('admin', 'catalog')
@ApiBearerAuth()
@Controller('admin/products')
export class AdminProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post(':id/ocop-rating')
  @Roles('admin')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Record an OCOP certificate (stars, level, dates); kept in the product’s rating history',
    description:
      '5 stars are national and only 5 stars are; district only for certificates issued before 2025-07-01; ' +
      'expiresOn after issuedOn and at most 36 months later; certificateNo unique (409 CERTIFICATE_NO_TAKEN).',
  })
  @ApiCreatedResponse({ type: ProductView })
  rate(@CurrentActor() actor: Actor, @Param('id', ParseUuidPipe) id: string, @Body() body: OcopRatingDto) {
    return this.products.rate(actor, id, body);
  }
}
