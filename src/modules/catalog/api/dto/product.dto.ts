import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { IsCalendarDate } from '@ocop/clock';
import { PageQueryDto } from '@ocop/pagination';
import { OCOP_LEVELS, PRODUCT_CATEGORIES } from '../../domain/ocop-rating';

export class CreateProductDto {
  @ApiProperty({ example: 'Chè đường Ba Chẽ' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: 'Chè xanh trồng trên đồi Ba Chẽ, sao thủ công.' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  description?: string;

  @ApiProperty({ enum: PRODUCT_CATEGORIES, example: 'beverage' })
  @IsIn(PRODUCT_CATEGORIES)
  category: string;

  @ApiProperty({ example: 'hộp', description: 'Unit the product is counted in' })
  @IsString()
  @Length(1, 50)
  unit: string;
}

/** Producers change their products' descriptive fields; stars are the OCOP office's alone. */
export class UpdateProductDto extends PartialType(CreateProductDto) {}

export class ListProductsDto extends PageQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Defaults to the caller’s own organization for producers',
  })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES })
  @IsOptional()
  @IsIn(PRODUCT_CATEGORIES)
  category?: string;
}

export class OcopRatingDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  stars: number;

  @ApiProperty({ example: 'QN-OCOP-2026-0142' })
  @IsString()
  @Length(1, 100)
  certificateNo: string;

  @ApiProperty({ enum: OCOP_LEVELS, example: 'province' })
  @IsIn(OCOP_LEVELS)
  level: string;

  @ApiProperty({ example: '2026-03-15', format: 'date' })
  @IsCalendarDate()
  issuedOn: string;

  @ApiProperty({ example: '2029-03-15', format: 'date', description: 'At most 36 months after issuedOn' })
  @IsCalendarDate()
  expiresOn: string;
}
