import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OrganizationCountView {
  @ApiProperty({ example: 'cooperative' }) kind!: string;
  @ApiProperty({ example: 'verified' }) status!: string;
  @ApiProperty({ example: 21 }) organizations!: number;
}

export class ProducerCountView {
  @ApiProperty({ example: '06970', nullable: true, description: 'commune or former district code' })
  code!: string | null;
  @ApiProperty({ example: 'Xã Ba Chẽ', nullable: true }) name!: string | null;
  @ApiProperty({ example: 9, description: 'producer organizations, whatever their status' })
  organizations!: number;
  @ApiProperty({ example: 8, description: 'of which verified by the OCOP office' }) verified!: number;
  @ApiProperty({ example: 6, description: 'of which with a product whose certificate is in force today' })
  withOcopProducts!: number;
}

export class StarCountView {
  @ApiProperty({ example: '06970', nullable: true, description: 'commune, former district or category code' })
  code!: string | null;
  @ApiProperty({ example: 'Xã Ba Chẽ', nullable: true }) name!: string | null;
  @ApiProperty({ example: 7, description: 'products holding a certificate in force' }) products!: number;
  @ApiProperty({ example: 0 }) star1!: number;
  @ApiProperty({ example: 0 }) star2!: number;
  @ApiProperty({ example: 5 }) star3!: number;
  @ApiProperty({ example: 2 }) star4!: number;
  @ApiProperty({ example: 0 }) star5!: number;
}

export class LevelCountView {
  @ApiProperty({ example: 'province', enum: ['district', 'province', 'national'] }) level!: string;
  @ApiProperty({ example: 'Cấp tỉnh' }) name!: string;
  @ApiProperty({ example: 180, description: 'current certificates in force' }) valid!: number;
  @ApiProperty({ example: 12, description: 'current certificates past their last valid day' })
  expired!: number;
}

export class ExpiringCertificateView {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ example: 'Trà hoa vàng Ba Chẽ' }) productName!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ example: 'HTX Trà hoa vàng Ba Chẽ' }) producerName!: string;
  @ApiProperty({ example: '06970', nullable: true }) communeCode!: string | null;
  @ApiProperty({ example: 'Xã Ba Chẽ', nullable: true }) communeName!: string | null;
  @ApiProperty({ example: 4 }) stars!: number;
  @ApiProperty({ example: 'province' }) level!: string;
  @ApiProperty({ example: 'QN-OCOP-2024-0123' }) certificateNo!: string;
  @ApiProperty({ example: '2027-02-27', description: 'last valid day' }) expiresOn!: string;
  @ApiProperty({ example: 90, description: 'days from today (Vietnam) to the last valid day' })
  daysLeft!: number;
}

export class ExpiringSoonView {
  @ApiProperty({ example: 90 }) windowDays!: number;
  @ApiProperty({ example: '2026-11-29', description: 'today in Asia/Ho_Chi_Minh' }) from!: string;
  @ApiProperty({ example: '2027-02-27', description: 'today + windowDays, included' }) to!: string;
  @ApiProperty({ type: [ExpiringCertificateView] }) items!: ExpiringCertificateView[];
}

export class TargetProgressView {
  @ApiProperty({ example: 'certified_products' }) metric!: string;
  @ApiProperty({ example: 'Sản phẩm OCOP còn hiệu lực' }) label!: string;
  @ApiProperty({ example: null, nullable: true, description: 'null for a province-wide target' })
  formerDistrictCode!: string | null;
  @ApiProperty({ example: null, nullable: true }) formerDistrictName!: string | null;
  @ApiProperty({ example: 250 }) target!: number;
  @ApiProperty({ example: 210 }) actual!: number;
  @ApiProperty({ example: 40, description: 'target − actual, never below 0' }) gap!: number;
  @ApiProperty({ example: false }) reached!: boolean;
}

export class ProgrammeProductsView {
  @ApiProperty({ example: 210, description: 'products holding a certificate in force' }) certified!: number;
  @ApiProperty({ type: [StarCountView] }) byCommune!: StarCountView[];
  @ApiProperty({
    type: [StarCountView],
    description:
      'by former district (before 2025-07-01): a commune formed from several districts counts for the one that contributed the most former communes',
  })
  byFormerDistrict!: StarCountView[];
  @ApiProperty({ type: [StarCountView] }) byCategory!: StarCountView[];
}

export class ProgrammeOrganizationsView {
  @ApiProperty({ example: 186 }) total!: number;
  @ApiProperty({ example: 180 }) verified!: number;
  @ApiProperty({ type: [OrganizationCountView] }) byKindAndStatus!: OrganizationCountView[];
  @ApiProperty({ type: [ProducerCountView], description: 'by the organization’s current commune' })
  byCommune!: ProducerCountView[];
  @ApiProperty({
    type: [ProducerCountView],
    description:
      'by former district (before 2025-07-01), attributed through the organization’s commune as products are',
  })
  byFormerDistrict!: ProducerCountView[];
}

export class ProgrammeReportView {
  @ApiProperty({ example: '2026-11-29', description: 'the Vietnamese date the figures are for' })
  asOf!: string;
  @ApiProperty({ example: '22', nullable: true }) provinceCode!: string | null;
  @ApiProperty({ type: ProgrammeOrganizationsView }) organizations!: ProgrammeOrganizationsView;
  @ApiProperty({ type: ProgrammeProductsView }) products!: ProgrammeProductsView;
  @ApiProperty({ type: [LevelCountView] }) certificatesByLevel!: LevelCountView[];
  @ApiProperty({ type: ExpiringSoonView }) expiringSoon!: ExpiringSoonView;
  @ApiProperty({ type: [TargetProgressView] }) targets!: TargetProgressView[];
}

export class SalesRowView {
  @ApiProperty({ example: '2d0c…', nullable: true, description: 'organization id, commune code or category' })
  key!: string | null;
  @ApiProperty({ example: 'HTX Miến dong Bình Liêu', nullable: true }) label!: string | null;
  @ApiProperty({ example: 12, description: 'delivered supplier orders' }) supermarketOrders!: number;
  @ApiProperty({ example: 48_500_000, description: 'their value before VAT' }) supermarketVnd!: number;
  @ApiProperty({ example: 2_425_000 }) supermarketVatVnd!: number;
  @ApiProperty({
    example: 2,
    description:
      'stall bookings confirmed in the period for producers of this group (groupBy producer or commune; 0 otherwise)',
  })
  fairBookings!: number;
  @ApiProperty({
    example: 3_000_000,
    description:
      'stall fees those producers paid to fair organizers: a cost to them, not sales, never part of totalVnd',
  })
  fairStallsVnd!: number;
  @ApiProperty({
    example: 48_500_000,
    description: 'delivered order value before VAT (= supermarketVnd); stall fees are not included',
  })
  totalVnd!: number;
}

export class SalesReportView {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-29' }) to!: string;
  @ApiProperty({ example: 'producer', enum: ['producer', 'commune', 'buyer', 'category'] }) groupBy!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'set when limited to one producer' })
  producerId!: string | null;
  @ApiProperty({ example: 'VND' }) currency!: 'VND';
  @ApiProperty({ type: [SalesRowView] }) rows!: SalesRowView[];
  @ApiProperty({
    type: SalesRowView,
    description:
      'each delivered order once (an order spanning categories too); fairBookings and fairStallsVnd cover every stall fee of the period, also for groupBy buyer and category, where no row carries them',
  })
  totals!: SalesRowView;
}

export class FairReportRowView {
  @ApiProperty({ format: 'uuid' }) fairId!: string;
  @ApiProperty({ example: 'Hội chợ OCOP Quảng Ninh – Xuân 2027' }) name!: string;
  @ApiProperty({ example: 'Cung Quy hoạch, Hội chợ và Triển lãm tỉnh' }) venue!: string;
  @ApiProperty({ example: 'published' }) status!: string;
  @ApiProperty({ format: 'uuid' }) organizerId!: string;
  @ApiProperty({ example: 'Trung tâm Xúc tiến Thương mại Quảng Ninh' }) organizerName!: string;
  @ApiProperty({ example: '06685' }) communeCode!: string;
  @ApiProperty({ example: 'Phường Hồng Gai', nullable: true }) communeName!: string | null;
  @ApiProperty({ example: '2027-01-15T01:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2027-01-20T14:00:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 40 }) stalls!: number;
  @ApiProperty({ example: 31, description: 'confirmed bookings' }) confirmed!: number;
  @ApiProperty({ example: 3, description: 'held, not yet paid' }) held!: number;
  @ApiProperty({ example: 0 }) checkedIn!: number;
  @ApiProperty({ example: 2 }) waitlisted!: number;
  @ApiProperty({ example: 77.5, description: 'confirmed ÷ stalls, percent, 2 decimals (truncated)' })
  occupancyPercent!: number;
  @ApiProperty({ example: 46_500_000, description: 'fees of confirmed bookings' }) stallRevenueVnd!: number;
  @ApiProperty({ example: 60_000_000, description: 'fees if every stall were confirmed' })
  potentialRevenueVnd!: number;
}

export class FairsReportView {
  @ApiProperty({ example: '2026-08-31' }) from!: string;
  @ApiProperty({ example: '2027-11-29' }) to!: string;
  @ApiProperty({ type: [FairReportRowView] }) fairs!: FairReportRowView[];
  @ApiProperty({ type: FairReportRowView, description: 'sums over the fairs (name and ids empty)' })
  totals!: Pick<
    FairReportRowView,
    | 'stalls'
    | 'confirmed'
    | 'held'
    | 'checkedIn'
    | 'waitlisted'
    | 'occupancyPercent'
    | 'stallRevenueVnd'
    | 'potentialRevenueVnd'
  >;
}

export class ProgrammeTargetView {
  @ApiProperty({ example: 'provincial_products' }) metric!: string;
  @ApiProperty({ example: 'Sản phẩm OCOP cấp tỉnh trở lên' }) label!: string;
  @ApiProperty({ example: '193', nullable: true, description: 'former district; null = whole province' })
  formerDistrictCode!: string | null;
  @ApiProperty({ example: 'Thành phố Hạ Long', nullable: true }) formerDistrictName!: string | null;
  @ApiProperty({ example: 30 }) target!: number;
  @ApiProperty({ example: '2026-11-29T03:00:00.000Z' }) updatedAt!: string;
}

export class ProgrammeTargetsView {
  @ApiProperty({ type: [ProgrammeTargetView] }) targets!: ProgrammeTargetView[];
}
