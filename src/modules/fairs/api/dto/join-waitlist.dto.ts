import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { STALL_KINDS } from '../../domain/booking';

export class JoinWaitlistDto {
  @ApiPropertyOptional({ example: 'A', description: 'Only stalls of this zone; any zone when omitted' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  zone?: string;

  @ApiPropertyOptional({ enum: STALL_KINDS, description: 'Only stalls of this kind; any kind when omitted' })
  @IsOptional()
  @IsIn(STALL_KINDS)
  kind?: (typeof STALL_KINDS)[number];
}
