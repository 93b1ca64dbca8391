import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  NotEquals,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { IsOptionalNotNull } from '@ocop/http';
import { PageQueryDto } from '@ocop/pagination';
import { LISTING_STATUSES, VAT_RATES } from '../../domain/listing';
import { PRODUCT_CATEGORIES } from '../../domain/ocop-rating';
import { SEARCH_SORTS } from '../../domain/search';

const MAX_PRICE_VND = 10 ** 13;
const MAX_QUANTITY = 1_000_000_000;

@ValidatorConstraint({ name: 'packSize' })
export class PackSizeConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value === 'number') return Number.isFinite(value) && value > 0 && value <= 1_000_000;
    return typeof value === 'string' && value.length >= 1 && value.length <= 100;
  }
  defaultMessage(): string {
    return 'packSize must be a text of 1–100 characters (e.g. "hộp 500 g") or a positive number';
  }
}

export class PriceTierDto {
  @ApiProperty({ example: 50, minimum: 2 })
  @IsInt()
  @Min(2)
  @Max(MAX_QUANTITY)
  minQty: number;

  @ApiProperty({ example: 42000 })
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_VND)
  priceVnd: number;
}

export class CreateListingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  productId: string;

  @ApiProperty({ example: 'CHE-BC-500' })
  @IsString()
  @Length(1, 64)
  sku: string;

  @ApiProperty({ example: 'hộp 500 g', oneOf: [{ type: 'string' }, { type: 'number' }] })
  @Validate(PackSizeConstraint)
  packSize: string | number;

  @ApiProperty({ example: 45000, description: 'Base unit price in VND (per pack)' })
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_VND)
  priceVnd: number;

  @ApiProperty({ example: 10, minimum: 1 })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  minOrderQty: number;

  @ApiProperty({ example: 500, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_QUANTITY)
  stockOnHand: number;

  @ApiPropertyOptional({ type: [PriceTierDto], example: [{ minQty: 50, priceVnd: 42000 }] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  priceTiers?: PriceTierDto[];

  @ApiPropertyOptional({ example: 3, default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays?: number;

  @ApiPropertyOptional({ enum: VAT_RATES, example: 5, default: 0, description: 'VAT rate in percent' })
  @IsOptional()
  @IsIn(VAT_RATES)
  vatRate?: number;

  @ApiPropertyOptional({ enum: LISTING_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(LISTING_STATUSES)
  status?: string;
}

export class UpdateListingDto {
  @ApiPropertyOptional({ example: 47000 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_VND)
  priceVnd?: number;

  @ApiPropertyOptional({ type: [PriceTierDto] })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => PriceTierDto)
  priceTiers?: PriceTierDto[];

  @ApiPropertyOptional({ example: 20 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  minOrderQty?: number;

  @ApiPropertyOptional({ enum: LISTING_STATUSES })
  @IsOptionalNotNull()
  @IsIn(LISTING_STATUSES)
  status?: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(365)
  leadTimeDays?: number;

  @ApiPropertyOptional({ enum: VAT_RATES })
  @IsOptionalNotNull()
  @IsIn(VAT_RATES)
  vatRate?: number;

  @ApiPropertyOptional({ example: 'hộp 500 g', oneOf: [{ type: 'string' }, { type: 'number' }] })
  @IsOptionalNotNull()
  @Validate(PackSizeConstraint)
  packSize?: string | number;
}

export class StockAdjustmentDto {
  @ApiProperty({ example: -5, description: 'Change of stock on hand; never below what is reserved' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_QUANTITY)
  @Max(MAX_QUANTITY)
  delta: number;

  @ApiProperty({ example: 'Kiểm kê cuối tháng: 5 hộp hỏng' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

export class SearchListingsDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'che duong ba che',
    description: 'Every word must match (diacritics folded, a small typo allowed per word, any order)',
  })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  q?: string;

  @ApiPropertyOptional({ enum: PRODUCT_CATEGORIES })
  @IsOptional()
  @IsIn(PRODUCT_CATEGORIES)
  category?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    description: 'Only products with a valid certificate of ≥ stars',
  })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(5)
  minStars?: number;

  @ApiPropertyOptional({ example: '22' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be 2 digits' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '06970' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be 5 digits' })
  communeCode?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A producer passing its own id also sees its paused listings',
  })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({ example: 20000 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_VND)
  minPriceVnd?: number;

  @ApiPropertyOptional({ example: 200000 })
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(MAX_PRICE_VND)
  maxPriceVnd?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only listings with stock available' })
  @IsOptional()
  @IsIn(['true', 'false'])
  inStock?: string;

  @ApiPropertyOptional({ enum: SEARCH_SORTS, default: 'relevance' })
  @IsOptional()
  @IsIn(SEARCH_SORTS)
  sort?: string;
}

export class LedgerQueryDto extends PageQueryDto {}
