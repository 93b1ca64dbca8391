import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Delivery } from '../persistence/delivery.repository';

export class DeliveryView {
  @ApiProperty({ example: '5d7e9f10-1111-4a2b-8c3d-4e5f6a7b8c9d' })
  id!: string;

  @ApiProperty({ example: '0b8f6a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' })
  eventId!: string;

  @ApiProperty({ example: 'supplier_order.placed' })
  eventType!: string;

  @ApiProperty({ enum: ['inbox', 'email', 'webhook'], example: 'webhook' })
  channel!: string;

  @ApiProperty({
    example: 'https://erp.example.vn/ocop/webhooks',
    description: 'Email address or webhook URL',
  })
  target!: string;

  @ApiPropertyOptional({ nullable: true })
  organizationId!: string | null;

  @ApiProperty({ enum: ['pending', 'delivered', 'failed'], example: 'failed' })
  status!: string;

  @ApiProperty({ example: 10 })
  attempts!: number;

  @ApiPropertyOptional({ nullable: true, example: 'webhook receiver answered 500' })
  lastError!: string | null;

  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' })
  createdAt!: string;

  @ApiProperty({ example: '2026-11-29T09:10:00.000Z' })
  updatedAt!: string;

  @ApiPropertyOptional({ nullable: true })
  deliveredAt!: string | null;

  @ApiPropertyOptional({ nullable: true })
  failedAt!: string | null;
}

export function toDeliveryView(delivery: Delivery): DeliveryView {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType: delivery.eventType,
    channel: delivery.channel,
    target: delivery.target,
    organizationId: delivery.organizationId,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt.toISOString(),
    updatedAt: delivery.updatedAt.toISOString(),
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    failedAt: delivery.failedAt?.toISOString() ?? null,
  };
}

export class DeliveryPageView {
  @ApiProperty({ type: [DeliveryView] })
  items!: DeliveryView[];

  @ApiProperty({ nullable: true, example: null })
  nextCursor!: string | null;
}
