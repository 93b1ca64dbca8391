import { Module } from '@nestjs/common';
import { GeoModule } from '../geo';
import { OrganizationsModule } from '../organizations';
import { ListingsController } from './api/listings.controller';
import { AdminProductsController, ProductsController } from './api/products.controller';
import { CatalogFacade } from './application/catalog.facade';
import { ListingImportService } from './application/listing-import.service';
import { ListingSearchService } from './application/listing-search.service';
import { ListingsService } from './application/listings.service';
import { ProductsService } from './application/products.service';
import { StockService } from './application/stock.service';
import { ListingSearchRepository } from './persistence/listing-search.repository';
import { ListingRepository } from './persistence/listing.repository';
import { ProductRepository } from './persistence/product.repository';
import { StockRepository } from './persistence/stock.repository';

@Module({
  imports: [GeoModule, OrganizationsModule],
  controllers: [ProductsController, AdminProductsController, ListingsController],
  providers: [
    ProductRepository,
    ListingRepository,
    ListingSearchRepository,
    StockRepository,
    ProductsService,
    ListingsService,
    ListingSearchService,
    ListingImportService,
    StockService,
    CatalogFacade,
  ],
  exports: [CatalogFacade],
})
export class CatalogModule {}
