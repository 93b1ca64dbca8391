import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { STALL_KINDS } from '../../domain/booking';

export class NewStallDto {
  @ApiProperty({ example: 'A-01', description: 'Unique within the fair (case-insensitive)' })
  @IsString()
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]{0,31}$/u, {
    message: 'code must be 1–32 letters, digits, spaces or . _ / -',
  })
  code: string;

  @ApiPropertyOptional({ example: 'A' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  zone?: string;

  @ApiProperty({ example: 9, description: 'Area in m² (up to 2 decimals)' })
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100_000)
  areaM2: number;

  @ApiProperty({ example: 2_500_000, description: 'Stall fee in VND; 0 for a free stall' })
  @IsInt()
  @Min(0)
  @Max(10_000_000_000_000)
  priceVnd: number;

  @ApiPropertyOptional({
    enum: STALL_KINDS,
    default: 'standard',
    description:
      'standard booth, corner (two open sides), food (with power and water), premium (main hall), outdoor',
  })
  @IsOptional()
  @IsIn(STALL_KINDS)
  kind?: (typeof STALL_KINDS)[number];
}

export class CreateStallsDto {
  @ApiProperty({ type: [NewStallDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => NewStallDto)
  stalls: NewStallDto[];
}
