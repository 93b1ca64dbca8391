import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';
import { STALL_AVAILABILITIES, STALL_KINDS, StallAvailability } from '../../domain/booking';

export class ListStallsDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsString() @MaxLength(50) zone?: string;

  @ApiPropertyOptional({ enum: STALL_KINDS }) @IsOptional() @IsIn(STALL_KINDS) kind?: string;

  @ApiPropertyOptional({ enum: STALL_AVAILABILITIES })
  @IsOptional()
  @IsIn(STALL_AVAILABILITIES)
  status?: StallAvailability;
}
