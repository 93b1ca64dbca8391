import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';
import { STALL_KINDS } from '../../domain/booking';

export class ListStallsDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'A' }) @IsOptional() @IsString() @MaxLength(50) zone?: string;

  @ApiPropertyOptional({ enum: STALL_KINDS }) @IsOptional() @IsIn(STALL_KINDS) kind?: string;

  @ApiPropertyOptional({ enum: ['available', 'held', 'booked'] })
  @IsOptional()
  @IsIn(['available', 'held', 'booked'])
  status?: 'available' | 'held' | 'booked';
}
