import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';
import { DeliveryLocation } from '../domain/orders';

interface DeliveryLocationRow {
  id: string;
  buyer_id: string;
  name: string;
  address: string;
  commune_code: string | null;
  contact_name: string | null;
  phone: string | null;
  created_at: Date;
}

const COLUMNS = `id, buyer_id, name, address, commune_code, contact_name, phone, created_at`;

function toLocation(row: DeliveryLocationRow): DeliveryLocation {
  return {
    id: row.id,
    buyerId: row.buyer_id,
    name: row.name,
    address: row.address,
    communeCode: row.commune_code,
    contactName: row.contact_name,
    phone: row.phone,
    createdAt: row.created_at,
  };
}

@Injectable()
export class DeliveryLocationRepository {
  /** undefined when the buyer already has a location with this name. */
  async insert(
    tx: Tx,
    location: Omit<DeliveryLocation, 'id' | 'createdAt'>,
  ): Promise<DeliveryLocation | undefined> {
    const row = await tx.one<DeliveryLocationRow>(
      `INSERT INTO delivery_locations (buyer_id, name, address, commune_code, contact_name, phone)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (buyer_id, name) DO NOTHING RETURNING ${COLUMNS}`,
      [
        location.buyerId,
        location.name,
        location.address,
        location.communeCode,
        location.contactName,
        location.phone,
      ],
    );
    return row && toLocation(row);
  }

  async findById(tx: Tx, id: string): Promise<DeliveryLocation | undefined> {
    const row = await tx.one<DeliveryLocationRow>(`SELECT ${COLUMNS} FROM delivery_locations WHERE id = $1`, [
      id,
    ]);
    return row && toLocation(row);
  }

  async findPage(
    tx: Tx,
    buyerId: string,
    after: { name: string; id: string } | undefined,
    limit: number,
  ): Promise<DeliveryLocation[]> {
    const rows = await tx.query<DeliveryLocationRow>(
      `SELECT ${COLUMNS} FROM delivery_locations
        WHERE buyer_id = $1 AND ($2::text IS NULL OR (name, id) > ($2::text, $3::uuid))
        ORDER BY name, id LIMIT $4`,
      [buyerId, after?.name ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map(toLocation);
  }
}
