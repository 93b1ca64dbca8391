import { ApiProperty } from '@nestjs/swagger';
import { availabilityOf, STALL_AVAILABILITIES, STALL_KINDS } from '../domain/booking';
import { StallFigures, StallWithAvailability } from '../persistence/stall.repository';

export class StallView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ example: 'A-01' }) code: string;
  @ApiProperty({ nullable: true, type: String, example: 'A' }) zone: string | null;
  @ApiProperty({ example: 9 }) areaM2: number;
  @ApiProperty({ example: 2_500_000 }) priceVnd: number;
  @ApiProperty({ enum: STALL_KINDS }) kind: string;
  @ApiProperty({
    enum: STALL_AVAILABILITIES,
    description:
      'Availability only: who holds or booked a stall is never shown. It describes the stall’s ' +
      'bookings; whether the fair still takes any is its own status (and dates)',
  })
  status: string;
}

export class StallPageView {
  @ApiProperty({ type: [StallView] }) items: StallView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StallBatchView {
  @ApiProperty({ type: [StallView] }) items: StallView[];
}

export function toStallView(stall: StallWithAvailability): StallView {
  return {
    id: stall.id,
    fairId: stall.fairId,
    code: stall.code,
    zone: stall.zone,
    areaM2: stall.areaM2,
    priceVnd: stall.priceVnd,
    kind: stall.kind,
    status: availabilityOf(stall.liveStatus),
  };
}

export class StallFiguresView {
  @ApiProperty({ nullable: true, type: String }) zone: string | null;
  @ApiProperty({ enum: STALL_KINDS }) kind: string;
  @ApiProperty() stalls: number;
  @ApiProperty() available: number;
  @ApiProperty() held: number;
  @ApiProperty() booked: number;
  @ApiProperty() checkedIn: number;
  @ApiProperty() areaM2: number;
  @ApiProperty({ description: 'Sum of the listed prices of these stalls' }) listedVnd: number;
  @ApiProperty({ description: 'Fees of stalls currently held (not yet paid)' }) heldVnd: number;
  @ApiProperty({ description: 'Fees of confirmed bookings' }) confirmedVnd: number;
}

export class FairSummaryView {
  @ApiProperty({ format: 'uuid' }) fairId: string;
  @ApiProperty({ enum: ['draft', 'published', 'closed', 'cancelled'] }) status: string;
  @ApiProperty({ example: 120 }) stalls: number;
  @ApiProperty({ example: 80 }) available: number;
  @ApiProperty({ example: 10 }) held: number;
  @ApiProperty({ example: 30 }) booked: number;
  @ApiProperty({ example: 12 }) checkedIn: number;
  @ApiProperty({ example: 2500, description: 'Booked stalls per 10,000 stalls (basis points)' })
  occupancyBps: number;
  @ApiProperty({ example: 75_000_000, description: 'Fees of confirmed bookings' }) revenueVnd: number;
  @ApiProperty({ example: 25_000_000, description: 'Fees of live holds, not yet paid' }) pendingVnd: number;
  @ApiProperty({ example: 300_000_000, description: 'Fees if every stall were booked' }) potentialVnd: number;
  @ApiProperty({ example: 4 }) waitlistWaiting: number;
  @ApiProperty({ type: [StallFiguresView] }) byZoneAndKind: StallFiguresView[];
}

export function toFiguresView(figures: StallFigures): StallFiguresView {
  return { ...figures, available: figures.stalls - figures.held - figures.booked };
}
