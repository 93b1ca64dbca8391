import { Module } from '@nestjs/common';
import { CatalogFacade } from './application/catalog.facade';
import { StockService } from './application/stock.service';
import { StockRepository } from './persistence/stock.repository';

@Module({
  imports: [],
  controllers: [],
  providers: [StockRepository, StockService, CatalogFacade],
  exports: [CatalogFacade],
})
export class CatalogModule {}
