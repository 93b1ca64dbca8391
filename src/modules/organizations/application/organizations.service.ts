import { Injectable } from '@nestjs/common';
import { Actor, assertCanRead, assertMemberOf } from '@ocop/auth';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { OutboxWriter, UnitOfWork } from '@ocop/persistence';
import { OrganizationView, toOrganizationView } from '../api/organization.view';
import { checkStatusChange, Organization, OrganizationStatus } from '../domain/organization';
import { OrganizationErrors } from '../domain/organizations.errors';
import { OrganizationRepository } from '../persistence/organization.repository';

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  get(actor: Actor, id: string): Promise<OrganizationView> {
    return this.uow.run(async (tx) => {
      const organization = await this.organizations.findById(tx, id);
      if (!organization) throw OrganizationErrors.ORGANIZATION_NOT_FOUND();
      assertCanRead(actor, organization.id);
      return toOrganizationView(organization);
    });
  }

  update(
    actor: Actor,
    id: string,
    changes: { address?: string; phone?: string; taxCode?: string; paymentTermsDays?: number },
  ): Promise<OrganizationView> {
    return this.uow.run(async (tx) => {
      const organization = await this.organizations.findById(tx, id);
      if (!organization) throw OrganizationErrors.ORGANIZATION_NOT_FOUND();
      assertMemberOf(actor, organization.id);
      return toOrganizationView(await this.organizations.updateProfile(tx, id, changes));
    });
  }

  list(filter: {
    status?: OrganizationStatus;
    role?: 'producer' | 'buyer' | 'organizer';
    limit: number;
    cursor?: string;
  }): Promise<Page<OrganizationView>> {
    const position = decodeCursor(filter.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.organizations.findPage(tx, {
        ...filter,
        after: position && { createdAt: position[0], id: position[1] },
      });
      return pageOf(rows, filter.limit, toOrganizationView, (o: Organization) => [
        o.createdAt.toISOString(),
        o.id,
      ]);
    });
  }

  /** Verification by the OCOP office; the organization's members are told through the outbox. */
  changeStatus(actor: Actor, id: string, to: OrganizationStatus, reason?: string): Promise<OrganizationView> {
    return this.uow.run(async (tx) => {
      const organization = await this.organizations.lockById(tx, id);
      if (!organization) throw OrganizationErrors.ORGANIZATION_NOT_FOUND();
      if (!checkStatusChange(organization.status, to)) return toOrganizationView(organization);
      const changed = await this.organizations.changeStatus(
        tx,
        organization,
        to,
        actor.userId,
        reason ?? null,
      );
      this.outbox.add(tx, [
        {
          type: `organization.${to}`,
          aggregateType: 'organization',
          aggregateId: id,
          audience: [id],
          payload: {
            organizationId: id,
            name: changed.name,
            from: organization.status,
            to,
            reason: reason ?? null,
          },
        },
      ]);
      return toOrganizationView(changed);
    });
  }
}
