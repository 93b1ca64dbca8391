import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FairRulesDto } from './create-fair.dto';
import { IsInstant } from './instant';

/** Rename, move or reschedule a draft or published fair; omitted fields keep their value. */
export class UpdateFairDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) venue?: string;

  @ApiPropertyOptional({ example: '06970' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsInstant() startsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() endsAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() bookingOpensAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() bookingClosesAt?: string;

  @ApiPropertyOptional({
    type: FairRulesDto,
    description: 'Replaces the rules as a whole; send {} to lift every optional rule',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FairRulesDto)
  rules?: FairRulesDto;
}
