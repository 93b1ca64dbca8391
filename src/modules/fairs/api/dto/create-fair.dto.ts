import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '@ocop/http';
import { IsInstant } from './instant';

export class FairRulesDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    example: 3,
    nullable: true,
    description: 'No minimum when null or left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  minStars?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 1000,
    example: 2,
    nullable: true,
    description: 'No limit when null or left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxStallsPerProducer?: number;
}

export class CreateFairDto {
  @ApiProperty({ example: 'Hội chợ OCOP Quảng Ninh mùa xuân 2027' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    example: 'Cung Quy hoạch, Hội chợ và Triển lãm tỉnh',
    description: 'Compared case- and diacritics-insensitively within the commune for venue conflicts',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  venue: string;

  @ApiProperty({ example: '06970', description: 'Current 5-digit commune code' })
  @IsString()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode: string;

  @ApiProperty({ example: '2027-01-15T01:00:00.000Z' })
  @IsInstant()
  startsAt: string;

  @ApiProperty({ example: '2027-01-19T14:00:00.000Z' })
  @IsInstant()
  endsAt: string;

  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' })
  @IsInstant()
  bookingOpensAt: string;

  @ApiProperty({ example: '2027-01-10T17:00:00.000Z', description: 'At or before endsAt' })
  @IsInstant()
  bookingClosesAt: string;

  @ApiPropertyOptional({ type: FairRulesDto, description: 'No rules beyond verification when left out' })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FairRulesDto)
  rules?: FairRulesDto;
}
