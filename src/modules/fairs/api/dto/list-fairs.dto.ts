import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';

export class ListFairsDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '22' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '06970' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'Fairs still running on or after this day (YYYY-MM-DD, Asia/Ho_Chi_Minh) or instant',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-12-31',
    description: 'Fairs starting on or before this day (YYYY-MM-DD, Asia/Ho_Chi_Minh) or before this instant',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class FairCalendarQueryDto {
  @ApiPropertyOptional({ example: '22' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a 2-digit province code' })
  provinceCode?: string;

  @ApiPropertyOptional({ example: '2026-12', description: 'YYYY-MM' })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;
}
