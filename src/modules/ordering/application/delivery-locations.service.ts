import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { GeoFacade } from '../../geo';
import { DeliveryLocationView, toDeliveryLocationView } from '../api/order.view';
import { OrderingErrors } from '../domain/ordering.errors';
import { DeliveryLocationRepository } from '../persistence/delivery-location.repository';

/** A buyer's named delivery locations (stores, distribution centres), reusable when ordering. */
@Injectable()
export class DeliveryLocationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly locations: DeliveryLocationRepository,
    private readonly geo: GeoFacade,
  ) {}

  create(
    actor: Actor,
    input: { name: string; address: string; communeCode?: string; contactName?: string; phone?: string },
  ): Promise<DeliveryLocationView> {
    if (input.communeCode !== undefined && !this.geo.findCommune(input.communeCode)) {
      throw OrderingErrors.COMMUNE_UNKNOWN({ communeCode: input.communeCode }, [
        { field: 'communeCode', message: 'unknown commune code' },
      ]);
    }
    return this.uow.run(async (tx) => {
      const created = await this.locations.insert(tx, {
        buyerId: actor.organizationId!,
        name: input.name,
        address: input.address,
        communeCode: input.communeCode ?? null,
        contactName: input.contactName ?? null,
        phone: input.phone ?? null,
      });
      if (!created) throw OrderingErrors.DELIVERY_LOCATION_NAME_TAKEN({ name: input.name });
      return toDeliveryLocationView(created);
    });
  }

  list(actor: Actor, query: { limit: number; cursor?: string }): Promise<Page<DeliveryLocationView>> {
    const position = decodeCursor(query.cursor, ['text', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.locations.findPage(
        tx,
        actor.organizationId!,
        position && { name: position[0], id: position[1] },
        query.limit,
      );
      return pageOf(rows, query.limit, toDeliveryLocationView, (row) => [row.name, row.id]);
    });
  }
}
