import { Injectable } from '@nestjs/common';
import { Actor } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { NotificationView, PreferencesView, toNotificationView } from '../api/notification.view';
import { ANY_EVENT, effectiveChannels, USER_CHANNELS } from '../domain/delivery-policy';
import { KNOWN_EVENT_TYPES } from '../domain/notification-templates';
import { NotificationErrors } from '../domain/notifications.errors';
import { InboxEntry, InboxRepository } from '../persistence/inbox.repository';
import { PreferenceRepository } from '../persistence/preference.repository';

@Injectable()
export class InboxService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly inbox: InboxRepository,
    private readonly preferences: PreferenceRepository,
    private readonly clock: Clock,
  ) {}

  list(
    actor: Actor,
    query: { unread?: boolean; limit: number; cursor?: string },
  ): Promise<Page<NotificationView> & { unreadCount: number }> {
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.inbox.findPage(tx, actor.userId, {
        unreadOnly: query.unread ?? false,
        limit: query.limit,
        after: position && { createdAt: position[0], id: position[1] },
      });
      const page = pageOf(rows, query.limit, toNotificationView, (n: InboxEntry) => [
        n.createdAt.toISOString(),
        n.id,
      ]);
      return { ...page, unreadCount: await this.inbox.countUnread(tx, actor.userId) };
    });
  }

  markRead(actor: Actor, id: string): Promise<NotificationView> {
    return this.uow.run(async (tx) => {
      const entry = await this.inbox.markRead(tx, actor.userId, id, this.clock.now());
      if (!entry) throw NotificationErrors.NOTIFICATION_NOT_FOUND();
      return toNotificationView(entry);
    });
  }

  preferencesOf(actor: Actor): Promise<PreferencesView> {
    return this.uow.run(async (tx) => this.viewOf(await this.preferences.forUser(tx, actor.userId)));
  }

  updatePreferences(
    actor: Actor,
    choices: Array<{ eventType: string; channels: string[] }>,
  ): Promise<PreferencesView> {
    const unknown = choices.flatMap((choice, index) =>
      choice.eventType === ANY_EVENT || KNOWN_EVENT_TYPES.includes(choice.eventType)
        ? []
        : [{ index, eventType: choice.eventType }],
    );
    if (unknown.length > 0) {
      throw NotificationErrors.UNKNOWN_EVENT_TYPE(
        { eventType: unknown.map((choice) => choice.eventType).join(', ') },
        unknown.map((choice) => ({
          field: `preferences[${choice.index}].eventType`,
          message: `unknown event type: ${choice.eventType}`,
        })),
      );
    }
    return this.uow.run(async (tx) => {
      await this.preferences.upsert(
        tx,
        actor.userId,
        choices.map((c) => ({
          eventType: c.eventType,
          channels: USER_CHANNELS.filter((ch) => c.channels.includes(ch)),
        })),
      );
      return this.viewOf(await this.preferences.forUser(tx, actor.userId));
    });
  }

  private viewOf(rows: Map<string, string[]>): PreferencesView {
    return {
      items: [ANY_EVENT, ...KNOWN_EVENT_TYPES].map((eventType) => ({
        eventType,
        channels: effectiveChannels(rows, eventType),
      })),
    };
  }
}
