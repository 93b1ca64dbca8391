import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 'Thôn Làng Mới, xã Ba Chẽ' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?[\d .-]{8,20}$/, { message: 'phone must be a phone number' })
  phone?: string;

  @ApiPropertyOptional({ example: '5701234567' })
  @IsOptional()
  @Matches(/^\d{10}(-?\d{3})?$/, { message: 'taxCode must be 10 or 13 digits' })
  taxCode?: string;
}

export class AdminUpdateOrganizationDto extends UpdateOrganizationDto {
  @ApiPropertyOptional({ example: 45, description: 'Invoice payment terms of a buyer, in days' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;
}

export class StatusReasonDto {
  @ApiPropertyOptional({ example: 'Giấy phép kinh doanh hết hạn' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
