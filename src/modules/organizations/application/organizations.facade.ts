import { Injectable } from '@nestjs/common';
import { GeoFacade } from '../../geo';
import { Actor } from '@ocop/auth';
import { Tx } from '@ocop/persistence';
import { OrganizationView } from '../api/organization.view';
import { assertKindFitsRole, Organization, OrganizationRole } from '../domain/organization';
import { OrganizationErrors } from '../domain/organizations.errors';
import { OrganizationRepository } from '../persistence/organization.repository';
import { OrganizationsService } from './organizations.service';

export interface OrganizationInput {
  name: string;
  kind: string;
  taxCode?: string;
  communeCode?: string;
  address?: string;
  phone?: string;
}

/** What other modules may do with organizations. */
@Injectable()
export class OrganizationsFacade {
  constructor(
    private readonly organizations: OrganizationRepository,
    private readonly geo: GeoFacade,
    private readonly service: OrganizationsService,
  ) {}

  /** Verification as the OCOP office does it (for seeds and the CLI); emits the same events. */
  verify(actor: Actor, id: string): Promise<OrganizationView> {
    return this.service.changeStatus(actor, id, 'verified');
  }

  /** Creates a pending organization; the commune must be in the current official list. */
  async create(tx: Tx, role: OrganizationRole, input: OrganizationInput): Promise<Organization> {
    assertKindFitsRole(role, input.kind);
    let provinceCode: string | undefined;
    if (input.communeCode !== undefined) {
      const commune = this.geo.findCommune(input.communeCode);
      if (!commune) {
        throw OrganizationErrors.COMMUNE_UNKNOWN({ communeCode: input.communeCode }, [
          { field: 'organization.communeCode', message: 'unknown commune code' },
        ]);
      }
      provinceCode = commune.provinceCode;
    }
    return this.organizations.insert(tx, { ...input, kind: input.kind, role, provinceCode });
  }

  find(tx: Tx, id: string): Promise<Organization | undefined> {
    return this.organizations.findById(tx, id);
  }

  findMany(tx: Tx, ids: string[]): Promise<Organization[]> {
    return this.organizations.findMany(tx, ids);
  }

  /** The organization, which must exist and be verified by the OCOP office (422 otherwise). */
  async requireVerified(tx: Tx, id: string): Promise<Organization> {
    const organization = await this.organizations.findById(tx, id);
    if (!organization) throw OrganizationErrors.ORGANIZATION_NOT_FOUND();
    if (organization.status !== 'verified') throw OrganizationErrors.ORGANIZATION_NOT_VERIFIED();
    return organization;
  }
}
