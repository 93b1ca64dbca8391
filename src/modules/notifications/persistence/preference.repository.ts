import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

@Injectable()
export class PreferenceRepository {
  /** Rows of one user: event type (or '*') → chosen channels. */
  async forUser(tx: Tx, userId: string): Promise<Map<string, string[]>> {
    const rows = await tx.query<{ event_type: string; channels: string[] }>(
      `SELECT event_type, channels FROM notification_preferences WHERE user_id = $1`,
      [userId],
    );
    return new Map(rows.map((row) => [row.event_type, row.channels]));
  }

  /** Rows that matter for a batch of events (their types and the wildcard), for many users at once. */
  async forUsersAndTypes(
    tx: Tx,
    userIds: string[],
    eventTypes: string[],
  ): Promise<Map<string, Map<string, string[]>>> {
    const result = new Map<string, Map<string, string[]>>();
    if (userIds.length === 0) return result;
    const rows = await tx.query<{ user_id: string; event_type: string; channels: string[] }>(
      `SELECT user_id, event_type, channels FROM notification_preferences
        WHERE user_id = ANY($1::uuid[]) AND (event_type = ANY($2::text[]) OR event_type = '*')`,
      [userIds, eventTypes],
    );
    for (const row of rows) {
      const rowsOfUser = result.get(row.user_id) ?? new Map<string, string[]>();
      rowsOfUser.set(row.event_type, row.channels);
      result.set(row.user_id, rowsOfUser);
    }
    return result;
  }

  async upsert(
    tx: Tx,
    userId: string,
    choices: Array<{ eventType: string; channels: string[] }>,
  ): Promise<void> {
    if (choices.length === 0) return;
    await tx.query(
      `INSERT INTO notification_preferences (user_id, event_type, channels)
       SELECT $1, c.event_type, ARRAY(SELECT jsonb_array_elements_text(c.channels))
         FROM jsonb_to_recordset($2::jsonb) AS c(event_type text, channels jsonb)
       ON CONFLICT (user_id, event_type) DO UPDATE SET channels = excluded.channels, updated_at = now()`,
      [userId, JSON.stringify(choices.map((c) => ({ event_type: c.eventType, channels: c.channels })))],
    );
  }
}
