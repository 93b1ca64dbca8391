import { ApiProperty } from '@nestjs/swagger';
import { WebhookEndpoint } from '../persistence/webhook-endpoint.repository';

export class WebhookView {
  @ApiProperty({ example: '7a1e0c55-3b7f-4b8e-9f0e-2d5c9a1b3c4d' })
  id!: string;

  @ApiProperty({ example: 'a1b2c3d4-0000-4000-8000-000000000001' })
  organizationId!: string;

  @ApiProperty({ example: 'https://erp.example.vn/ocop/webhooks' })
  url!: string;

  @ApiProperty({ example: ['supplier_order.placed', 'payment.*'] })
  events!: string[];

  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' })
  createdAt!: string;
}

export class CreatedWebhookView extends WebhookView {
  @ApiProperty({
    example: 'whsec_3q2+7w...',
    description: 'Shown only now. Verify X-OCOP-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">',
  })
  secret!: string;
}

export class WebhookPageView {
  @ApiProperty({ type: [WebhookView], description: 'Oldest first' })
  items!: WebhookView[];

  @ApiProperty({ nullable: true, example: null })
  nextCursor!: string | null;
}

export function toWebhookView(endpoint: WebhookEndpoint): WebhookView {
  return {
    id: endpoint.id,
    organizationId: endpoint.organizationId,
    url: endpoint.url,
    events: endpoint.events,
    createdAt: endpoint.createdAt.toISOString(),
  };
}
