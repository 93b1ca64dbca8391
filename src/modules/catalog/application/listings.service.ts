import { Injectable } from '@nestjs/common';
import { Actor, assertMemberOf, canRead } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { GeoFacade } from '../../geo';
import { OrganizationsFacade } from '../../organizations';
import {
  LedgerEntryView,
  ListingView,
  StockAdjustmentView,
  toLedgerEntryView,
  toListingView,
} from '../api/catalog.view';
import {
  CreateListingDto,
  LedgerQueryDto,
  StockAdjustmentDto,
  UpdateListingDto,
} from '../api/dto/listing.dto';
import { CatalogErrors } from '../domain/catalog.errors';
import { isPublic, Listing, ListingStatus } from '../domain/listing';
import { PriceTier, priceTierProblems, sortedTiers } from '../domain/pricing';
import { Product } from '../domain/product';
import { ListingRepository, NewListing } from '../persistence/listing.repository';
import { ProductRepository } from '../persistence/product.repository';
import { StockRepository } from '../persistence/stock.repository';

const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}

export function assertTiers(tiers: PriceTier[] | undefined, field = 'priceTiers'): PriceTier[] | undefined {
  if (tiers === undefined) return undefined;
  const problems = priceTierProblems(tiers);
  if (problems.length > 0) {
    throw CatalogErrors.PRICE_TIERS_INVALID(
      {},
      problems.map((message) => ({ field, message })),
    );
  }
  return sortedTiers(tiers);
}

/** Listings of a producer's products: creation, changes, stock adjustments and the stock ledger. */
@Injectable()
export class ListingsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly listings: ListingRepository,
    private readonly products: ProductRepository,
    private readonly stock: StockRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly geo: GeoFacade,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return vietnamDate(this.clock.now());
  }

  create(actor: Actor, input: CreateListingDto): Promise<ListingView> {
    const priceTiers = assertTiers(input.priceTiers) ?? [];
    return this.uow.run(async (tx) => {
      const product = await this.products.findById(tx, input.productId);
      if (!product) throw CatalogErrors.PRODUCT_NOT_FOUND();
      assertMemberOf(actor, product.producerId);
      const [listing] = await this.insertListings(tx, product.producerId, [
        {
          product,
          sku: input.sku,
          packSize: input.packSize,
          priceVnd: input.priceVnd,
          priceTiers,
          minOrderQty: input.minOrderQty,
          leadTimeDays: input.leadTimeDays ?? 0,
          vatRate: input.vatRate ?? 0,
          status: (input.status as ListingStatus | undefined) ?? 'active',
          stockOnHand: input.stockOnHand,
        },
      ]);
      await this.stock.appendLedger(
        tx,
        [
          {
            listingId: listing.id,
            kind: 'initial',
            deltaOnHand: listing.stockOnHand,
            deltaReserved: 0,
            onHandAfter: listing.stockOnHand,
            reservedAfter: 0,
            reason: 'listing created',
            actorUserId: actor.userId,
          },
        ],
        this.clock.now(),
      );
      return toListingView(listing, this.today());
    });
  }

  /**
   * Inserts listings with the product and producer fields that search reads copied onto them.
   * A SKU already used by the producer is 409 SKU_TAKEN.
   */
  async insertListings(
    tx: Tx,
    producerId: string,
    inputs: Array<
      Omit<NewListing, keyof DenormalizedFields | 'productId' | 'producerId'> & { product: Product }
    >,
  ): Promise<Listing[]> {
    const producer = await this.organizations.find(tx, producerId);
    if (!producer) throw CommonErrors.FORBIDDEN();
    const rows: NewListing[] = inputs.map(({ product, ...input }) => ({
      ...input,
      productId: product.id,
      producerId,
      ...this.denormalized(product, producer.name),
    }));
    try {
      return await this.listings.insertMany(tx, rows);
    } catch (error) {
      if (isUniqueViolation(error, 'listings_producer_sku_key')) {
        throw CatalogErrors.SKU_TAKEN({ sku: inputs.length === 1 ? inputs[0].sku : '' }, [
          { field: 'sku', message: 'already used by another listing of this producer' },
        ]);
      }
      throw error;
    }
  }

  private denormalized(product: Product, producerName: string): DenormalizedFields {
    const commune = product.communeCode ? this.geo.findCommune(product.communeCode) : undefined;
    return {
      productName: product.name,
      productDescription: product.description,
      category: product.category,
      unit: product.unit,
      producerName,
      communeCode: product.communeCode,
      communeName: commune?.name ?? null,
      provinceCode: product.provinceCode,
      ocopStars: product.ocop?.stars ?? null,
      ocopExpiresOn: product.ocop?.expiresOn ?? null,
    };
  }

  get(actor: Actor | undefined, id: string): Promise<ListingView> {
    return this.uow.run(async (tx) => toListingView(await this.readable(tx, actor, id), this.today()));
  }

  update(actor: Actor, id: string, input: UpdateListingDto): Promise<ListingView> {
    const priceTiers = assertTiers(input.priceTiers);
    return this.uow.run(async (tx) => {
      const existing = await this.listings.findById(tx, id, { lock: true });
      if (!existing) throw CatalogErrors.LISTING_NOT_FOUND();
      assertMemberOf(actor, existing.producerId);
      const listing = await this.listings.update(tx, id, {
        priceVnd: input.priceVnd,
        priceTiers,
        minOrderQty: input.minOrderQty,
        leadTimeDays: input.leadTimeDays,
        vatRate: input.vatRate,
        status: input.status as ListingStatus | undefined,
        packSize: input.packSize,
      });
      return toListingView(listing, this.today());
    });
  }

  adjustStock(actor: Actor, id: string, input: StockAdjustmentDto): Promise<StockAdjustmentView> {
    return this.uow.run(async (tx) => {
      const existing = await this.listings.findById(tx, id);
      if (!existing) throw CatalogErrors.LISTING_NOT_FOUND();
      assertMemberOf(actor, existing.producerId);
      const moved = await this.stock.adjustOnHand(tx, id, input.delta);
      if (!moved) {
        const current = await this.listings.findById(tx, id);
        throw CatalogErrors.STOCK_BELOW_RESERVED(
          { reserved: current?.stockReserved ?? existing.stockReserved, stockOnHand: current?.stockOnHand },
          [{ field: 'delta', message: 'stock on hand would fall below the reserved quantity' }],
        );
      }
      const [entry] = await this.stock.appendLedger(
        tx,
        [
          {
            listingId: id,
            kind: 'adjustment',
            deltaOnHand: input.delta,
            deltaReserved: 0,
            onHandAfter: moved.stock_on_hand,
            reservedAfter: moved.stock_reserved,
            reason: input.reason,
            actorUserId: actor.userId,
          },
        ],
        this.clock.now(),
      );
      const listing = (await this.listings.findById(tx, id))!;
      return { ...toListingView(listing, this.today()), ledgerEntry: toLedgerEntryView(entry) };
    });
  }

  ledger(actor: Actor, id: string, query: LedgerQueryDto): Promise<Page<LedgerEntryView>> {
    const after = decodeCursor(query.cursor, ['integer']);
    if (after && !/^\d{1,19}$/.test(String(after[0]))) {
      throw CommonErrors.VALIDATION_FAILED({}, [{ field: 'cursor', message: 'invalid cursor' }]);
    }
    return this.uow.run(async (tx) => {
      const listing = await this.listings.findById(tx, id);
      if (!listing || !canRead(actor, listing.producerId)) throw CatalogErrors.LISTING_NOT_FOUND();
      const rows = await this.stock.ledgerPage(tx, id, after?.[0], query.limit + 1);
      return pageOf(rows, query.limit, toLedgerEntryView, (row) => [String(row.id)]);
    });
  }

  /** Public listings to everyone; paused ones and unverified producers' only to their owner and admins. */
  private async readable(tx: Tx, actor: Actor | undefined, id: string): Promise<Listing> {
    const listing = await this.listings.findById(tx, id);
    if (!listing) throw CatalogErrors.LISTING_NOT_FOUND();
    if (isPublic(listing, listing.producerVerified)) return listing;
    if (actor && canRead(actor, listing.producerId)) return listing;
    throw CatalogErrors.LISTING_NOT_FOUND();
  }
}

type DenormalizedFields = Pick<
  NewListing,
  | 'productName'
  | 'productDescription'
  | 'category'
  | 'unit'
  | 'producerName'
  | 'communeCode'
  | 'communeName'
  | 'provinceCode'
  | 'ocopStars'
  | 'ocopExpiresOn'
>;
