import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InboxEntry } from '../persistence/inbox.repository';

export class NotificationView {
  @ApiProperty({ example: '4f0c3a52-7d0e-4d3e-9a39-1b0f7e5f2c11' })
  id!: string;

  @ApiProperty({
    example: '0b8f6a9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    description: 'The domain event (X-OCOP-Event-Id)',
  })
  eventId!: string;

  @ApiProperty({ example: 'supplier_order.placed' })
  type!: string;

  @ApiProperty({ example: 'Đơn hàng mới PO-2026-000123' })
  title!: string;

  @ApiProperty({ example: 'Bạn có đơn đặt hàng mới PO-2026-000123 từ Siêu thị WinMart Hạ Long.' })
  body!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { orderNumber: 'PO-2026-000123' } })
  data!: Record<string, unknown>;

  @ApiPropertyOptional({ nullable: true, example: 'a1b2c3d4-0000-4000-8000-000000000001' })
  organizationId!: string | null;

  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ example: '2026-11-29T08:00:00.120Z' })
  createdAt!: string;

  @ApiProperty({ example: false })
  read!: boolean;

  @ApiPropertyOptional({ nullable: true, example: null })
  readAt!: string | null;
}

export function toNotificationView(entry: InboxEntry): NotificationView {
  return {
    id: entry.id,
    eventId: entry.eventId,
    type: entry.eventType,
    title: entry.title,
    body: entry.body,
    data: entry.data,
    organizationId: entry.organizationId,
    occurredAt: entry.occurredAt.toISOString(),
    createdAt: entry.createdAt.toISOString(),
    read: entry.readAt !== null,
    readAt: entry.readAt?.toISOString() ?? null,
  };
}

export class NotificationPageView {
  @ApiProperty({ type: [NotificationView] })
  items!: NotificationView[];

  @ApiProperty({ nullable: true, example: null })
  nextCursor!: string | null;

  @ApiProperty({ example: 3, description: 'Unread notifications in the whole inbox' })
  unreadCount!: number;
}

export class PreferenceView {
  @ApiProperty({ example: 'supplier_order.placed', description: "An event type, or '*' for the default" })
  eventType!: string;

  @ApiProperty({ example: ['inbox', 'email'], enum: ['inbox', 'email'], isArray: true })
  channels!: string[];
}

export class PreferencesView {
  @ApiProperty({ type: [PreferenceView] })
  items!: PreferenceView[];
}
