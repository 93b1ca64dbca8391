import { Injectable } from '@nestjs/common';
import { Actor, assertMemberOf, canRead } from '@ocop/auth';
import { Clock, vietnamDate } from '@ocop/clock';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { OutboxWriter, Tx, UnitOfWork } from '@ocop/persistence';
import { OrganizationsFacade } from '../../organizations';
import { ProductView, toProductView } from '../api/catalog.view';
import { CreateProductDto, ListProductsDto, OcopRatingDto, UpdateProductDto } from '../api/dto/product.dto';
import { CatalogErrors } from '../domain/catalog.errors';
import { OcopLevel, OcopRating, ocopRatingProblems, ProductCategory } from '../domain/ocop-rating';
import { Product } from '../domain/product';
import { ListingRepository } from '../persistence/listing.repository';
import { ProductRepository } from '../persistence/product.repository';

/** Products and their OCOP ratings. */
@Injectable()
export class ProductsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly products: ProductRepository,
    private readonly listings: ListingRepository,
    private readonly organizations: OrganizationsFacade,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return vietnamDate(this.clock.now());
  }

  create(actor: Actor, input: CreateProductDto): Promise<ProductView> {
    return this.uow.run(async (tx) => {
      const producer = await this.organizations.find(tx, actor.organizationId!);
      if (!producer || producer.role !== 'producer') throw CommonErrors.FORBIDDEN();
      const product = await this.products.insert(tx, {
        producerId: producer.id,
        name: input.name,
        description: input.description ?? null,
        category: input.category as ProductCategory,
        unit: input.unit,
        communeCode: producer.communeCode,
        provinceCode: producer.provinceCode,
      });
      return toProductView(product, this.today(), []);
    });
  }

  get(actor: Actor | undefined, id: string): Promise<ProductView> {
    return this.uow.run(async (tx) => {
      const product = await this.readable(tx, actor, id);
      return toProductView(product, this.today(), await this.products.ratingHistory(tx, id));
    });
  }

  list(actor: Actor | undefined, query: ListProductsDto): Promise<Page<ProductView>> {
    const producerId = query.producerId ?? (actor?.role === 'producer' ? actor.organizationId! : undefined);
    const own = actor !== undefined && producerId !== undefined && canRead(actor, producerId);
    const after = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.products.page(
        tx,
        { producerId, category: query.category, verifiedProducersOnly: !own && actor?.role !== 'admin' },
        after && { createdAt: after[0], id: after[1] },
        query.limit + 1,
      );
      const today = this.today();
      return pageOf(
        rows,
        query.limit,
        (row) => toProductView(row, today),
        (row) => [row.cursorKey, row.id],
      );
    });
  }

  update(actor: Actor, id: string, input: UpdateProductDto): Promise<ProductView> {
    return this.uow.run(async (tx) => {
      const existing = await this.products.findById(tx, id, { lock: true });
      if (!existing) throw CatalogErrors.PRODUCT_NOT_FOUND();
      assertMemberOf(actor, existing.producerId);
      const product = await this.products.update(tx, id, {
        name: input.name,
        description: input.description,
        category: input.category as ProductCategory | undefined,
        unit: input.unit,
      });
      await this.syncListings(tx, product);
      return toProductView(product, this.today(), await this.products.ratingHistory(tx, id));
    });
  }

  /** Administrators only (the route says so): records a certificate and makes it current. */
  rate(actor: Actor, id: string, input: OcopRatingDto): Promise<ProductView> {
    const rating: OcopRating = {
      stars: input.stars,
      certificateNo: input.certificateNo,
      level: input.level as OcopLevel,
      issuedOn: input.issuedOn,
      expiresOn: input.expiresOn,
    };
    const problems = ocopRatingProblems(rating, this.today());
    if (problems.length > 0) throw CatalogErrors.OCOP_RATING_INVALID({}, problems);
    return this.uow.run(async (tx) => {
      const existing = await this.products.findById(tx, id, { lock: true });
      if (!existing) throw CatalogErrors.PRODUCT_NOT_FOUND();
      if (await this.products.certificateTaken(tx, rating.certificateNo)) {
        throw CatalogErrors.CERTIFICATE_NO_TAKEN({ certificateNo: rating.certificateNo }, [
          { field: 'certificateNo', message: 'already recorded' },
        ]);
      }
      await this.products.rate(tx, id, rating, actor.userId, this.clock.now());
      const product = (await this.products.findById(tx, id))!;
      await this.syncListings(tx, product);
      this.outbox.add(tx, [
        {
          type: 'product.ocop_rated',
          aggregateType: 'product',
          aggregateId: id,
          audience: [product.producerId],
          payload: {
            productId: id,
            productName: product.name,
            previousStars: existing.ocop?.stars ?? null,
            ...rating,
          },
        },
      ]);
      return toProductView(product, this.today(), await this.products.ratingHistory(tx, id));
    });
  }

  /** The product if the caller may see it: its producer and admins always, others once verified. */
  private async readable(tx: Tx, actor: Actor | undefined, id: string): Promise<Product> {
    const product = await this.products.findById(tx, id);
    if (!product) throw CatalogErrors.PRODUCT_NOT_FOUND();
    if (actor && canRead(actor, product.producerId)) return product;
    const producer = await this.organizations.find(tx, product.producerId);
    if (producer?.status !== 'verified') throw CatalogErrors.PRODUCT_NOT_FOUND();
    return product;
  }

  private async syncListings(tx: Tx, product: Product): Promise<void> {
    await this.listings.syncProduct(tx, product, {
      stars: product.ocop?.stars ?? null,
      expiresOn: product.ocop?.expiresOn ?? null,
    });
  }
}
