import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateDeliveryLocationDto {
  @ApiProperty({ example: 'WinMart Hạ Long' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ example: '1 Trần Hưng Đạo, Hạ Long, Quảng Ninh' })
  @IsString()
  @Length(1, 500)
  address: string;

  @ApiPropertyOptional({ example: '06970' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;

  @ApiPropertyOptional({ example: 'Chị Hoa (thủ kho)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  contactName?: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(/^\+?[\d .-]{8,20}$/, { message: 'phone must be a phone number' })
  phone?: string;
}
