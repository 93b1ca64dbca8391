import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Fair } from '../domain/fair';

export class FairRulesView {
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 3,
    description: 'Minimum OCOP stars of the producer’s best certified product',
  })
  minStars: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2 })
  maxStallsPerProducer: number | null;
  @ApiProperty({
    example: true,
    description: 'Only producers verified by the OCOP office may book (always true)',
  })
  verifiedProducersOnly: true;
}

export class FairView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizerId: string;
  @ApiProperty({ example: 'Hội chợ OCOP Quảng Ninh 2026' }) name: string;
  @ApiProperty({ example: 'Cung Quy hoạch, Hội chợ và Triển lãm tỉnh' }) venue: string;
  @ApiProperty({ example: '06970' }) communeCode: string;
  @ApiProperty({ example: '22' }) provinceCode: string;
  @ApiProperty({ example: '2026-12-18T01:00:00.000Z' }) startsAt: string;
  @ApiProperty({ example: '2026-12-22T14:00:00.000Z' }) endsAt: string;
  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' }) bookingOpensAt: string;
  @ApiProperty({ example: '2026-12-15T17:00:00.000Z' }) bookingClosesAt: string;
  @ApiProperty({ type: FairRulesView }) rules: FairRulesView;
  @ApiProperty({ enum: ['draft', 'published', 'closed', 'cancelled'] }) status: string;
  @ApiPropertyOptional({ nullable: true, type: String }) publishedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty() createdAt: string;
}

export class FairPageView {
  @ApiProperty({ type: [FairView] }) items: FairView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toFairView(fair: Fair): FairView {
  return {
    id: fair.id,
    organizerId: fair.organizerId,
    name: fair.name,
    venue: fair.venue,
    communeCode: fair.communeCode,
    provinceCode: fair.provinceCode,
    startsAt: fair.startsAt.toISOString(),
    endsAt: fair.endsAt.toISOString(),
    bookingOpensAt: fair.bookingOpensAt.toISOString(),
    bookingClosesAt: fair.bookingClosesAt.toISOString(),
    rules: { ...fair.rules, verifiedProducersOnly: true },
    status: fair.status,
    publishedAt: fair.publishedAt?.toISOString() ?? null,
    cancelledAt: fair.cancelledAt?.toISOString() ?? null,
    createdAt: fair.createdAt.toISOString(),
  };
}

export class CalendarFairView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() venue: string;
  @ApiProperty({ example: '06970' }) communeCode: string;
  @ApiProperty({ example: '22' }) provinceCode: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
}

export class CalendarDayView {
  @ApiProperty({ example: '2026-12-18', description: 'Calendar day in Asia/Ho_Chi_Minh' }) date: string;
  @ApiProperty({ type: [CalendarFairView] }) fairs: CalendarFairView[];
}

export class FairCalendarView {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ nullable: true, type: String, example: '22' }) provinceCode: string | null;
  @ApiProperty({ type: [CalendarDayView], description: 'Only days with at least one published fair' })
  days: CalendarDayView[];
}

export function toCalendarFairView(fair: Fair): CalendarFairView {
  return {
    id: fair.id,
    name: fair.name,
    venue: fair.venue,
    communeCode: fair.communeCode,
    provinceCode: fair.provinceCode,
    startsAt: fair.startsAt.toISOString(),
    endsAt: fair.endsAt.toISOString(),
  };
}
