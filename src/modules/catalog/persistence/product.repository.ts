import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { OcopLevel, OcopRating, ProductCategory } from '../domain/ocop-rating';
import { Product, RecordedRating } from '../domain/product';

interface ProductRow {
  id: string;
  producer_id: string;
  name: string;
  description: string | null;
  category: ProductCategory;
  unit: string;
  commune_code: string | null;
  province_code: string | null;
  ocop_stars: number | null;
  ocop_certificate_no: string | null;
  ocop_level: OcopLevel | null;
  ocop_issued_on: string | null;
  ocop_expires_on: string | null;
  created_at: Date;
  updated_at: Date;
}

const columnsOf = (
  a: string,
) => `${a}.id, ${a}.producer_id, ${a}.name, ${a}.description, ${a}.category, ${a}.unit,
  ${a}.commune_code, ${a}.province_code, ${a}.ocop_stars, ${a}.ocop_certificate_no, ${a}.ocop_level,
  ${a}.ocop_issued_on::text AS ocop_issued_on, ${a}.ocop_expires_on::text AS ocop_expires_on,
  ${a}.created_at, ${a}.updated_at`;
const COLUMNS = columnsOf('products');

function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    producerId: row.producer_id,
    name: row.name,
    description: row.description,
    category: row.category,
    unit: row.unit,
    communeCode: row.commune_code,
    provinceCode: row.province_code,
    ocop:
      row.ocop_stars === null
        ? null
        : {
            stars: row.ocop_stars,
            certificateNo: row.ocop_certificate_no!,
            level: row.ocop_level!,
            issuedOn: row.ocop_issued_on!,
            expiresOn: row.ocop_expires_on!,
          },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewProduct {
  producerId: string;
  name: string;
  description?: string | null;
  category: ProductCategory;
  unit: string;
  communeCode: string | null;
  provinceCode: string | null;
}

export interface ProductChanges {
  name?: string;
  description?: string | null;
  category?: ProductCategory;
  unit?: string;
}

@Injectable()
export class ProductRepository {
  async insert(tx: Tx, product: NewProduct): Promise<Product> {
    const row = await tx.one<ProductRow>(
      `INSERT INTO products (producer_id, name, description, category, unit, commune_code, province_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        product.producerId,
        product.name,
        product.description ?? null,
        product.category,
        product.unit,
        product.communeCode,
        product.provinceCode,
      ],
    );
    return toProduct(row!);
  }

  async findById(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<Product | undefined> {
    const row = await tx.one<ProductRow>(
      `SELECT ${COLUMNS} FROM products WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return row && toProduct(row);
  }

  async findManyOfProducer(tx: Tx, producerId: string, ids: string[]): Promise<Product[]> {
    const rows = await tx.query<ProductRow>(
      `SELECT ${COLUMNS} FROM products WHERE producer_id = $1 AND id = ANY($2::uuid[])`,
      [producerId, ids],
    );
    return rows.map(toProduct);
  }

  /** Products of one producer by folded name, for CSV rows that name their product instead of its id. */
  async findByFoldedNames(
    tx: Tx,
    producerId: string,
    names: string[],
  ): Promise<Array<Product & { folded: string }>> {
    const rows = await tx.query<ProductRow & { folded: string }>(
      `SELECT ${COLUMNS}, ocop_fold(name) AS folded FROM products
        WHERE producer_id = $1 AND ocop_fold(name) = ANY($2::text[])`,
      [producerId, names],
    );
    return rows.map((row) => ({ ...toProduct(row), folded: row.folded }));
  }

  /**
   * A page of products, newest first. `visibleProducersOnly` hides products of producers the OCOP
   * office has not verified (for callers outside the producer).
   */
  async page(
    tx: Tx,
    filter: { producerId?: string; category?: string; verifiedProducersOnly: boolean },
    after: { createdAt: string; id: string } | undefined,
    limit: number,
  ): Promise<Array<Product & { cursorKey: string }>> {
    const rows = await tx.query<ProductRow & { cursor_key: string }>(
      `SELECT ${columnsOf('p')},
              p.created_at::text AS cursor_key
         FROM products p
         JOIN organizations o ON o.id = p.producer_id
        WHERE ($1::uuid IS NULL OR p.producer_id = $1)
          AND ($2::text IS NULL OR p.category = $2)
          AND (NOT $3 OR o.status = 'verified')
          AND ($4::timestamptz IS NULL OR (p.created_at, p.id) < ($4::timestamptz, $5::uuid))
        ORDER BY p.created_at DESC, p.id DESC
        LIMIT $6`,
      [
        filter.producerId ?? null,
        filter.category ?? null,
        filter.verifiedProducersOnly,
        after?.createdAt ?? null,
        after?.id ?? null,
        limit,
      ],
    );
    return rows.map((row) => ({ ...toProduct(row), cursorKey: row.cursor_key }));
  }

  async update(tx: Tx, id: string, changes: ProductChanges): Promise<Product> {
    const row = await tx.one<ProductRow>(
      `UPDATE products
          SET name = coalesce($2, name),
              description = CASE WHEN $3 THEN $4 ELSE description END,
              category = coalesce($5, category),
              unit = coalesce($6, unit),
              updated_at = clock_timestamp()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [
        id,
        changes.name ?? null,
        changes.description !== undefined,
        changes.description ?? null,
        changes.category ?? null,
        changes.unit ?? null,
      ],
    );
    return toProduct(row!);
  }

  /** Records a rating in the history and makes it the product's current one. */
  async rate(tx: Tx, productId: string, rating: OcopRating, ratedBy: string, ratedAt: Date): Promise<void> {
    const recorded = await tx.one<{ id: string }>(
      `INSERT INTO ocop_ratings (product_id, stars, certificate_no, level, issued_on, expires_on, rated_by, rated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        productId,
        rating.stars,
        rating.certificateNo,
        rating.level,
        rating.issuedOn,
        rating.expiresOn,
        ratedBy,
        ratedAt,
      ],
    );
    await tx.execute(
      `UPDATE products SET ocop_rating_id = $2, ocop_stars = $3, ocop_certificate_no = $4, ocop_level = $5,
              ocop_issued_on = $6, ocop_expires_on = $7, updated_at = clock_timestamp()
        WHERE id = $1`,
      [
        productId,
        recorded!.id,
        rating.stars,
        rating.certificateNo,
        rating.level,
        rating.issuedOn,
        rating.expiresOn,
      ],
    );
  }

  async certificateTaken(tx: Tx, certificateNo: string): Promise<boolean> {
    const row = await tx.one(`SELECT 1 FROM ocop_ratings WHERE certificate_no = $1`, [certificateNo]);
    return row !== undefined;
  }

  async ratingHistory(tx: Tx, productId: string): Promise<RecordedRating[]> {
    const rows = await tx.query<{
      id: string;
      stars: number;
      certificate_no: string;
      level: OcopLevel;
      issued_on: string;
      expires_on: string;
      rated_by: string | null;
      rated_at: Date;
    }>(
      `SELECT id, stars, certificate_no, level, issued_on::text AS issued_on, expires_on::text AS expires_on,
              rated_by, rated_at
         FROM ocop_ratings WHERE product_id = $1 ORDER BY rated_at DESC, id`,
      [productId],
    );
    return rows.map((row) => ({
      id: row.id,
      stars: row.stars,
      certificateNo: row.certificate_no,
      level: row.level,
      issuedOn: row.issued_on,
      expiresOn: row.expires_on,
      ratedBy: row.rated_by,
      ratedAt: row.rated_at,
    }));
  }
}
