import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BookingDetail } from '../persistence/booking.repository';

export class BookingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ format: 'uuid' }) stallId: string;
  @ApiProperty({ example: 'A-01' }) stallCode: string;
  @ApiProperty({ format: 'uuid' }) producerId: string;
  @ApiProperty({ enum: ['held', 'confirmed', 'cancelled', 'expired'] }) status: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-02T08:15:00.000Z' })
  holdExpiresAt: string | null;
  @ApiProperty({ example: 2_500_000 }) amountVnd: number;
  @ApiProperty({ description: 'Offered automatically from the waitlist' }) fromWaitlist: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) confirmedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiPropertyOptional({ nullable: true, enum: ['producer', 'organizer', 'fair_cancelled'] })
  cancelledBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) expiredAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) checkedInAt: string | null;
  @ApiPropertyOptional({
    description: 'QR payload to show at the gate: only for the producer, only once the booking is confirmed',
    example: '3f1c…-…-….Zk3vQ9…',
  })
  checkInCode?: string;
  @ApiProperty() createdAt: string;
}

export class BookingPageView {
  @ApiProperty({ type: [BookingView] }) items: BookingView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toBookingView(booking: BookingDetail, checkInCode?: string): BookingView {
  return {
    id: booking.id,
    fairId: booking.fairId,
    stallId: booking.stallId,
    stallCode: booking.stallCode,
    producerId: booking.producerId,
    status: booking.status,
    holdExpiresAt: booking.status === 'held' ? (booking.holdExpiresAt?.toISOString() ?? null) : null,
    amountVnd: booking.amountVnd,
    fromWaitlist: booking.waitlistEntryId !== null,
    confirmedAt: booking.confirmedAt?.toISOString() ?? null,
    cancelledAt: booking.cancelledAt?.toISOString() ?? null,
    cancelledBy: booking.cancelledBy,
    expiredAt: booking.expiredAt?.toISOString() ?? null,
    checkedInAt: booking.checkedInAt?.toISOString() ?? null,
    ...(checkInCode ? { checkInCode } : {}),
    createdAt: booking.createdAt.toISOString(),
  };
}

export class WaitlistEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ format: 'uuid' }) producerId: string;
  @ApiProperty({ nullable: true, type: String }) zone: string | null;
  @ApiProperty({ nullable: true, type: String }) kind: string | null;
  @ApiProperty({ enum: ['waiting', 'offered', 'fulfilled', 'lapsed', 'cancelled'] }) status: string;
  @ApiProperty({ example: 3, description: 'Place in the queue among those still waiting' }) place: number;
  @ApiProperty() createdAt: string;
}
