import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Organization } from '../domain/organization';

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'HTX Chè Đường Ba Chẽ' }) name: string;
  @ApiProperty({ enum: ['producer', 'buyer', 'organizer'] }) role: string;
  @ApiProperty({
    enum: [
      'cooperative',
      'enterprise',
      'household',
      'farm',
      'retail_chain',
      'store',
      'distributor',
      'fair_organizer',
    ],
  })
  kind: string;
  @ApiProperty({ enum: ['pending', 'verified', 'suspended'] }) status: string;
  @ApiPropertyOptional({ nullable: true, example: '5701234567' }) taxCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: '06970' }) communeCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: '22' }) provinceCode: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'Thôn Làng Mới, xã Ba Chẽ, Quảng Ninh' }) address:
    string | null;
  @ApiPropertyOptional({ nullable: true, example: '0203 3888 123' }) phone: string | null;
  @ApiProperty({ example: 30, description: 'Days a buyer has to pay an invoice order' })
  paymentTermsDays: number;
  @ApiPropertyOptional({ nullable: true }) verifiedAt: string | null;
  @ApiProperty() createdAt: string;
}

export class OrganizationPageView {
  @ApiProperty({ type: [OrganizationView] }) items: OrganizationView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export function toOrganizationView(organization: Organization): OrganizationView {
  return {
    id: organization.id,
    name: organization.name,
    role: organization.role,
    kind: organization.kind,
    status: organization.status,
    taxCode: organization.taxCode,
    communeCode: organization.communeCode,
    provinceCode: organization.provinceCode,
    address: organization.address,
    phone: organization.phone,
    paymentTermsDays: organization.paymentTermsDays,
    verifiedAt: organization.verifiedAt?.toISOString() ?? null,
    createdAt: organization.createdAt.toISOString(),
  };
}
