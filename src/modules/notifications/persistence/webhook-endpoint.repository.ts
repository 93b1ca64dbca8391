import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export interface WebhookEndpoint {
  id: string;
  organizationId: string;
  url: string;
  events: string[];
  secret: string;
  createdAt: Date;
}

interface EndpointRow {
  id: string;
  organization_id: string;
  url: string;
  events: string[];
  secret: string;
  created_at: Date;
}

const COLUMNS = 'id, organization_id, url, events, secret, created_at';

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    organizationId: row.organization_id,
    url: row.url,
    events: row.events,
    secret: row.secret,
    createdAt: row.created_at,
  };
}

@Injectable()
export class WebhookEndpointRepository {
  async insert(
    tx: Tx,
    endpoint: { organizationId: string; url: string; events: string[]; secret: string; createdBy: string },
  ): Promise<WebhookEndpoint> {
    const row = await tx.one<EndpointRow>(
      `INSERT INTO webhook_endpoints (organization_id, url, events, secret, created_by)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [endpoint.organizationId, endpoint.url, endpoint.events, endpoint.secret, endpoint.createdBy],
    );
    return toEndpoint(row!);
  }

  async listForOrganizations(tx: Tx, organizationIds: string[]): Promise<WebhookEndpoint[]> {
    if (organizationIds.length === 0) return [];
    const rows = await tx.query<EndpointRow>(
      `SELECT ${COLUMNS} FROM webhook_endpoints
        WHERE organization_id = ANY($1::uuid[]) AND deleted_at IS NULL
        ORDER BY created_at, id`,
      [organizationIds],
    );
    return rows.map(toEndpoint);
  }

  /** Also finds deleted endpoints: a delivery queued before the deletion is then dropped. */
  async findLive(tx: Tx, id: string): Promise<WebhookEndpoint | undefined> {
    const row = await tx.one<EndpointRow>(
      `SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    return row && toEndpoint(row);
  }

  async softDelete(tx: Tx, organizationId: string, id: string): Promise<boolean> {
    const affected = await tx.execute(
      `UPDATE webhook_endpoints SET deleted_at = now()
        WHERE id = $1 AND organization_id = $2 AND deleted_at IS NULL`,
      [id, organizationId],
    );
    return affected > 0;
  }
}
