import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { UnitOfWork } from '@ocop/persistence';
import { foldVietnamese } from '@ocop/text';
import { ImportResultView, toListingView } from '../api/catalog.view';
import { CatalogErrors } from '../domain/catalog.errors';
import { ImportRow, parseCsv, readImportRows, RowProblem } from '../domain/csv';
import { Listing } from '../domain/listing';
import { Product } from '../domain/product';
import { ListingRepository } from '../persistence/listing.repository';
import { ProductRepository } from '../persistence/product.repository';
import { StockRepository } from '../persistence/stock.repository';
import { ListingsService } from './listings.service';

const MAX_ROWS = 5000;

/**
 * CSV bulk import of a producer's listings: rows with a new SKU create listings, rows with a known
 * SKU update it. All or nothing: every problem of every row is reported with its line number and
 * nothing is written unless the whole file is good.
 */
@Injectable()
export class ListingImportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly listingsService: ListingsService,
    private readonly listings: ListingRepository,
    private readonly products: ProductRepository,
    private readonly stock: StockRepository,
    private readonly clock: Clock,
  ) {}

  import(actor: Actor, csv: unknown): Promise<ImportResultView> {
    const text = typeof csv === 'string' ? csv : '';
    const { rows, problems } = readImportRows(parseCsv(text));
    if (rows.length > MAX_ROWS) {
      problems.push({ line: 1, field: 'rows', message: `at most ${MAX_ROWS} rows per file` });
    }
    if (problems.length > 0) throw invalidFile(problems);
    const producerId = actor.organizationId!;

    return this.uow.run(async (tx) => {
      const products = await this.productsOf(tx, producerId, rows);
      const existing = new Map(
        (
          await this.listings.lockBySkus(
            tx,
            producerId,
            rows.map((r) => r.sku),
          )
        ).map((l) => [l.sku, l]),
      );
      const creates: Array<{ row: ImportRow; product: Product }> = [];
      const updates: Array<{ row: ImportRow; listing: Listing }> = [];
      for (const row of rows) {
        const bad = (field: string, message: string) => problems.push({ line: row.line, field, message });
        const product = row.productId
          ? products.byId.get(row.productId)
          : products.byName.get(foldVietnamese(row.productName!));
        if (!product) {
          bad(row.productId ? 'productId' : 'productName', 'no such product of yours');
          continue;
        }
        const listing = existing.get(row.sku);
        if (listing) {
          if (listing.productId !== product.id)
            bad('sku', 'this SKU belongs to a listing of another product');
          if (row.stockOnHand !== undefined && row.stockOnHand < listing.stockReserved) {
            bad('stockOnHand', `below the ${listing.stockReserved} units reserved for orders`);
          }
          updates.push({ row, listing });
        } else {
          if (row.packSize === undefined) bad('packSize', 'required for a new listing');
          if (row.priceVnd === undefined) bad('priceVnd', 'required for a new listing');
          creates.push({ row, product });
        }
      }
      if (problems.length > 0) throw invalidFile(problems);

      const now = this.clock.now();
      const created = await this.listingsService.insertListings(
        tx,
        producerId,
        creates.map(({ row, product }) => ({
          product,
          sku: row.sku,
          packSize: row.packSize!,
          priceVnd: row.priceVnd!,
          priceTiers: row.priceTiers ?? [],
          minOrderQty: row.minOrderQty ?? 1,
          leadTimeDays: row.leadTimeDays ?? 0,
          vatRate: row.vatRate ?? 0,
          status: row.status ?? 'active',
          stockOnHand: row.stockOnHand ?? 0,
        })),
      );
      const ledger: Parameters<StockRepository['appendLedger']>[1] = created.map((listing) => ({
        listingId: listing.id,
        kind: 'import',
        deltaOnHand: listing.stockOnHand,
        deltaReserved: 0,
        onHandAfter: listing.stockOnHand,
        reservedAfter: 0,
        reason: 'CSV import: listing created',
        actorUserId: actor.userId,
      }));
      const updated: Listing[] = [];
      for (const { row, listing } of updates) {
        let current = await this.listings.update(tx, listing.id, {
          priceVnd: row.priceVnd,
          priceTiers: row.priceTiers,
          minOrderQty: row.minOrderQty,
          leadTimeDays: row.leadTimeDays,
          vatRate: row.vatRate,
          status: row.status,
          packSize: row.packSize,
        });
        const delta = row.stockOnHand === undefined ? 0 : row.stockOnHand - listing.stockOnHand;
        if (delta !== 0) {
          const moved = (await this.stock.adjustOnHand(tx, listing.id, delta))!;
          current = { ...current, stockOnHand: moved.stock_on_hand, stockReserved: moved.stock_reserved };
          ledger.push({
            listingId: listing.id,
            kind: 'import',
            deltaOnHand: delta,
            deltaReserved: 0,
            onHandAfter: moved.stock_on_hand,
            reservedAfter: moved.stock_reserved,
            reason: `CSV import line ${row.line}`,
            actorUserId: actor.userId,
          });
        }
        updated.push(current);
      }
      await this.stock.appendLedger(tx, ledger, now);
      const today = vietnamDate(now);
      return {
        created: created.length,
        updated: updated.length,
        items: [...created, ...updated].map((listing) => toListingView(listing, today)),
      };
    });
  }

  private async productsOf(
    tx: Parameters<ProductRepository['findById']>[0],
    producerId: string,
    rows: ImportRow[],
  ) {
    const ids = [...new Set(rows.flatMap((r) => (r.productId ? [r.productId] : [])))];
    const names = [...new Set(rows.flatMap((r) => (r.productId ? [] : [foldVietnamese(r.productName!)])))];
    const byId = new Map((await this.products.findManyOfProducer(tx, producerId, ids)).map((p) => [p.id, p]));
    const byName = new Map<string, Product>();
    for (const product of await this.products.findByFoldedNames(tx, producerId, names)) {
      byName.set(product.folded, product);
    }
    return { byId, byName };
  }
}

function invalidFile(problems: RowProblem[]) {
  const sorted = [...problems].sort((a, b) => a.line - b.line);
  const lines = new Set(sorted.map((p) => p.line));
  return CatalogErrors.CSV_IMPORT_INVALID(
    { count: lines.size, rows: sorted },
    sorted.map((p) => ({ field: `line ${p.line}: ${p.field}`, message: p.message })),
  );
}
