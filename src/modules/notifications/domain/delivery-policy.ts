/** Channels a notification travels through. The inbox is always on; email is the user's choice. */
export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels a user may choose per event type; webhooks belong to the organization, not the user. */
export const USER_CHANNELS = ['inbox', 'email'] as const;
export type UserChannel = (typeof USER_CHANNELS)[number];

export const DEFAULT_USER_CHANNELS: readonly UserChannel[] = ['inbox', 'email'];

/** The wildcard preference row: channels for every event type without a row of its own. */
export const ANY_EVENT = '*';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/**
 * Effective channels for one user and one event type: the event's own row, else the wildcard row,
 * else the defaults. The inbox is added whatever was chosen (it is the record in the app).
 */
export function effectiveChannels(
  rows: ReadonlyMap<string, readonly string[]>,
  eventType: string,
): UserChannel[] {
  const chosen = rows.get(eventType) ?? rows.get(ANY_EVENT) ?? DEFAULT_USER_CHANNELS;
  return USER_CHANNELS.filter((channel) => channel === 'inbox' || chosen.includes(channel));
}

/**
 * Events about the OCOP office's own work go to administrators, not to the organization's members
 * (their audience names the organization concerned).
 */
export const ADMIN_FACING_EVENTS: ReadonlySet<string> = new Set([
  'organization.registered',
  'organization.verification_requested',
]);

/** Whether a webhook endpoint subscribed to `events` wants an event of this type. */
export function endpointWants(events: readonly string[], eventType: string): boolean {
  return events.some(
    (pattern) =>
      pattern === ANY_EVENT ||
      pattern === eventType ||
      (pattern.endsWith('.*') && eventType.startsWith(pattern.slice(0, -1))),
  );
}

/** Whether BullMQ's attempt number (1-based, counting this one) is the last one allowed. */
export function isLastAttempt(attemptsMade: number, attempts: number): boolean {
  return attemptsMade + 1 >= attempts;
}
