import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { TARGET_METRICS } from '../../domain/programme-targets';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every report: `format=csv` answers CSV like `Accept: text/csv` does. */
export class ReportFormatDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv: UTF-8 with BOM, as a download' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ProgrammeReportQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({ example: '22', description: 'only this province (default: every province)' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;
}

export class SalesReportQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'first day (Asia/Ho_Chi_Minh); default: 1st of the month',
  })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-29', description: 'last day, included; default: today' })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['producer', 'commune', 'buyer', 'category'], default: 'producer' })
  @IsOptional()
  @IsIn(['producer', 'commune', 'buyer', 'category'])
  groupBy?: 'producer' | 'commune' | 'buyer' | 'category';

  @ApiPropertyOptional({ format: 'uuid', description: 'administrators: only this producer' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}

export class FairsReportQueryDto extends ReportFormatDto {
  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'fairs ending on or after this day; default: 90 days ago',
  })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2027-11-29',
    description: 'fairs starting on or before this day; default: in a year',
  })
  @IsOptional()
  @Matches(DATE)
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'administrators: only this organizer' })
  @IsOptional()
  @IsUUID()
  organizerId?: string;
}

export class ProgrammeTargetInputDto {
  @ApiPropertyOptional({ enum: TARGET_METRICS, example: 'provincial_products' })
  @IsIn(TARGET_METRICS)
  metric!: (typeof TARGET_METRICS)[number];

  @ApiPropertyOptional({ example: '193', description: 'former district code; omit for the whole province' })
  @IsOptional()
  @IsString()
  @Length(3, 3)
  formerDistrictCode?: string;

  @ApiPropertyOptional({ example: 30, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  target!: number;
}

export class PutProgrammeTargetsDto {
  @ApiPropertyOptional({
    type: [ProgrammeTargetInputDto],
    description: 'the complete set; replaces the current one',
  })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => ProgrammeTargetInputDto)
  targets!: ProgrammeTargetInputDto[];
}
