export { CatalogModule } from './catalog.module';
export { CatalogFacade } from './application/catalog.facade';
export type { OrderableListing, QuotedLine, StockItem, StockRef } from './domain/stock';
export { unitPriceFor, lineAmountFor } from './domain/pricing';
export type { PriceTier, Priced } from './domain/pricing';
export { CatalogErrors } from './domain/catalog.errors';
