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

  /**
   * A page of the organization's live endpoints, oldest first, `limit + 1` rows (the extra one says
   * whether more exist). The cursor key is the creation time as PostgreSQL prints it: a JavaScript
   * date would drop the microseconds and skip or repeat endpoints created within one millisecond.
   */
  async findPage(
    tx: Tx,
    organizationId: string,
    limit: number,
    after: { createdAt: string; id: string } | undefined,
  ): Promise<Array<WebhookEndpoint & { cursorKey: string }>> {
    const rows = await tx.query<EndpointRow & { cursor_key: string }>(
      `SELECT ${COLUMNS}, created_at::text AS cursor_key FROM webhook_endpoints
        WHERE organization_id = $1 AND deleted_at IS NULL
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
      [organizationId, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
    return rows.map((row) => ({ ...toEndpoint(row), cursorKey: row.cursor_key }));
  }

  /** Deleted endpoints are not found, so a delivery queued before the deletion is dropped. */
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
