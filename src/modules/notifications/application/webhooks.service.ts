import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, assertCanRead } from '@ocop/auth';
import { CommonErrors } from '@ocop/errors';
import { decodeCursor, Page, pageOf } from '@ocop/pagination';
import { UnitOfWork } from '@ocop/persistence';
import { CreatedWebhookView, toWebhookView, WebhookView } from '../api/webhook.view';
import { webhookUrlProblem } from '../domain/address-policy';
import { NotificationErrors } from '../domain/notifications.errors';
import { unknownPatternErrors } from '../domain/webhook-subscription';
import { WebhookEndpointRepository } from '../persistence/webhook-endpoint.repository';
import { WEBHOOK_EVENT_PATTERNS } from './event-catalogue';
import { PermanentDeliveryError, WebhookTargetGuard } from './webhook-sender';

const ALLOWED_PATTERNS: ReadonlySet<string> = new Set(WEBHOOK_EVENT_PATTERNS);

/**
 * A webhook sends the organization's events (orders, payments, buyers' names) to a URL of the
 * caller's choosing, so only the organization's own members may add or remove one. Nothing in the
 * contract lets the OCOP office subscribe to a tenant's events, so administrators are no exception;
 * they may still read the list, as they read the deliveries' targets in the dead-letter list.
 */
function assertOwnMember(actor: Actor, organizationId: string): void {
  if (actor.organizationId !== organizationId) throw CommonErrors.FORBIDDEN();
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly endpoints: WebhookEndpointRepository,
    private readonly guard: WebhookTargetGuard,
  ) {}

  /** The secret is shown once, here; the target is checked now and again at every delivery. */
  async register(
    actor: Actor,
    organizationId: string,
    input: { url: string; events: string[] },
  ): Promise<CreatedWebhookView> {
    assertOwnMember(actor, organizationId);
    const problem = webhookUrlProblem(input.url);
    const urlErrors = problem ? [{ field: 'url', message: problem }] : [];
    const eventErrors = unknownPatternErrors(input.events, ALLOWED_PATTERNS, 'events');
    if (eventErrors.length > 0) {
      const unknown = input.events.filter((pattern) => !ALLOWED_PATTERNS.has(pattern));
      throw NotificationErrors.UNKNOWN_EVENT_TYPE({ eventType: unknown.join(', ') }, [
        ...urlErrors,
        ...eventErrors,
      ]);
    }
    if (problem) throw NotificationErrors.WEBHOOK_URL_INVALID({ reason: problem }, urlErrors);
    try {
      await this.guard.resolve(new URL(input.url));
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        throw NotificationErrors.WEBHOOK_TARGET_FORBIDDEN({ reason: error.message });
      }
      throw error;
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const endpoint = await this.uow.run((tx) =>
      this.endpoints.insert(tx, {
        organizationId,
        url: input.url,
        events: [...new Set(input.events)],
        secret,
        createdBy: actor.userId,
      }),
    );
    return { ...toWebhookView(endpoint), secret };
  }

  list(
    actor: Actor,
    organizationId: string,
    query: { limit: number; cursor?: string },
  ): Promise<Page<WebhookView>> {
    assertCanRead(actor, organizationId);
    const position = decodeCursor(query.cursor, ['timestamp', 'uuid']);
    return this.uow.run(async (tx) => {
      const rows = await this.endpoints.findPage(
        tx,
        organizationId,
        query.limit,
        position && { createdAt: position[0], id: position[1] },
      );
      return pageOf(rows, query.limit, toWebhookView, (row) => [row.cursorKey, row.id]);
    });
  }

  async remove(actor: Actor, organizationId: string, id: string): Promise<void> {
    assertOwnMember(actor, organizationId);
    const removed = await this.uow.run((tx) => this.endpoints.softDelete(tx, organizationId, id));
    if (!removed) throw NotificationErrors.WEBHOOK_NOT_FOUND();
  }
}
