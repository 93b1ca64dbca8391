import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, assertCanRead, assertMemberOf } from '@ocop/auth';
import { UnitOfWork } from '@ocop/persistence';
import { CreatedWebhookView, toWebhookView, WebhookView } from '../api/webhook.view';
import { webhookUrlProblem } from '../domain/address-policy';
import { NotificationErrors } from '../domain/notifications.errors';
import { WebhookEndpointRepository } from '../persistence/webhook-endpoint.repository';
import { PermanentDeliveryError, WebhookTargetGuard } from './webhook-sender';

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
    assertMemberOf(actor, organizationId);
    const problem = webhookUrlProblem(input.url);
    if (problem)
      throw NotificationErrors.WEBHOOK_URL_INVALID({ reason: problem }, [{ field: 'url', message: problem }]);
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

  list(actor: Actor, organizationId: string): Promise<WebhookView[]> {
    assertCanRead(actor, organizationId);
    return this.uow.run(async (tx) =>
      (await this.endpoints.listForOrganizations(tx, [organizationId])).map(toWebhookView),
    );
  }

  async remove(actor: Actor, organizationId: string, id: string): Promise<void> {
    assertMemberOf(actor, organizationId);
    const removed = await this.uow.run((tx) => this.endpoints.softDelete(tx, organizationId, id));
    if (!removed) throw NotificationErrors.WEBHOOK_NOT_FOUND();
  }
}
