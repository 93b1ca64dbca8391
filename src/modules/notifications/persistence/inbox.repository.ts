import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

export interface InboxEntry {
  id: string;
  eventId: string;
  eventType: string;
  organizationId: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  occurredAt: Date;
  createdAt: Date;
  readAt: Date | null;
}

interface InboxRow {
  id: string;
  event_id: string;
  event_type: string;
  organization_id: string | null;
  title: string;
  body: string;
  data: Record<string, unknown>;
  occurred_at: Date;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS =
  'id, event_id, event_type, organization_id, title, body, data, occurred_at, created_at, read_at';

function toEntry(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    organizationId: row.organization_id,
    title: row.title,
    body: row.body,
    data: row.data,
    occurredAt: row.occurred_at,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export interface NewInboxEntry {
  event: { id: string; type: string; payload: Record<string, unknown>; occurredAt: string };
  userId: string;
  organizationId: string | null;
  title: string;
  body: string;
}

/**
 * Page cursors carry times in milliseconds (JavaScript dates), so rows store them at that precision:
 * entries of one batch created within the same millisecond then tie and are ordered by id, and a
 * cursor never skips one.
 */
export const PAGE_TIME = `date_trunc('milliseconds', clock_timestamp())`;

@Injectable()
export class InboxRepository {
  /**
   * One entry per (event, user), for any number of events in one statement: a repeated fan-out
   * inserts nothing. Returns how many entries are new.
   */
  async insertMany(tx: Tx, entries: NewInboxEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    return tx.execute(
      `INSERT INTO notifications
              (event_id, event_type, data, occurred_at, user_id, organization_id, title, body, created_at)
       SELECT u.event_id, u.event_type, u.data, u.occurred_at, u.user_id, u.organization_id, u.title, u.body,
              ${PAGE_TIME}
         FROM unnest($1::uuid[], $2::text[], $3::jsonb[], $4::timestamptz[], $5::uuid[], $6::uuid[],
                     $7::text[], $8::text[])
              AS u(event_id, event_type, data, occurred_at, user_id, organization_id, title, body)
       ON CONFLICT ON CONSTRAINT notifications_once_per_user DO NOTHING`,
      [
        entries.map((e) => e.event.id),
        entries.map((e) => e.event.type),
        entries.map((e) => JSON.stringify(e.event.payload)),
        entries.map((e) => e.event.occurredAt),
        entries.map((e) => e.userId),
        entries.map((e) => e.organizationId),
        entries.map((e) => e.title),
        entries.map((e) => e.body),
      ],
    );
  }

  async findPage(
    tx: Tx,
    userId: string,
    filter: { unreadOnly: boolean; limit: number; after?: { createdAt: string; id: string } },
  ): Promise<InboxEntry[]> {
    const rows = await tx.query<InboxRow>(
      `SELECT ${COLUMNS} FROM notifications
        WHERE user_id = $1
          AND ($2::boolean = false OR read_at IS NULL)
          AND ($3::timestamptz IS NULL OR (created_at, id) < ($3::timestamptz, $4::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [
        userId,
        filter.unreadOnly,
        filter.after?.createdAt ?? null,
        filter.after?.id ?? null,
        filter.limit + 1,
      ],
    );
    return rows.map(toEntry);
  }

  async countUnread(tx: Tx, userId: string): Promise<number> {
    const row = await tx.one<{ count: string }>(
      `SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(row?.count ?? 0);
  }

  /** Marks the user's own notification read (keeps the first read time); undefined if not theirs. */
  async markRead(tx: Tx, userId: string, id: string, at: Date): Promise<InboxEntry | undefined> {
    const row = await tx.one<InboxRow>(
      `UPDATE notifications SET read_at = coalesce(read_at, $3)
        WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, at],
    );
    return row && toEntry(row);
  }
}
