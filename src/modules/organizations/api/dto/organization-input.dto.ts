import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ALL_ORGANIZATION_KINDS } from '../../domain/organization';

/** The organization part of registration; its kind must fit the registering user's role. */
export class OrganizationInputDto {
  @ApiProperty({ example: 'HTX Chè Đường Ba Chẽ', minLength: 2, maxLength: 200 })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiProperty({ enum: ALL_ORGANIZATION_KINDS, example: 'cooperative' })
  @IsIn(ALL_ORGANIZATION_KINDS)
  kind: string;

  @ApiPropertyOptional({ example: '5701234567', description: 'Mã số thuế (10 or 13 digits)' })
  @IsOptional()
  @Matches(/^\d{10}(-?\d{3})?$/, { message: 'taxCode must be 10 or 13 digits' })
  taxCode?: string;

  @ApiPropertyOptional({ example: '06970', description: 'Current 5-digit commune code' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'Thôn Làng Mới, xã Ba Chẽ' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?[\d .-]{8,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}
