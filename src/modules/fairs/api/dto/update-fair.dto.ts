import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNotEmpty, IsObject, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsOptionalNotNull } from '@ocop/http';
import { FairRulesDto } from './create-fair.dto';
import { IsInstant } from './instant';

/**
 * Rename, move or reschedule a draft or published fair; omitted fields keep their value. None of
 * these may be null (the fair always has each); inside `rules`, null or leaving a rule out lifts it.
 */
export class UpdateFairDto {
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsString() @IsNotEmpty() @MaxLength(200) venue?: string;

  @ApiPropertyOptional({ example: '06970' })
  @IsOptionalNotNull()
  @IsString()
  @Matches(/^\d{5}$/, { message: 'communeCode must be a 5-digit commune code' })
  communeCode?: string;

  @ApiPropertyOptional() @IsOptionalNotNull() @IsInstant() startsAt?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInstant() endsAt?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInstant() bookingOpensAt?: string;
  @ApiPropertyOptional() @IsOptionalNotNull() @IsInstant() bookingClosesAt?: string;

  @ApiPropertyOptional({
    type: FairRulesDto,
    description: 'Replaces the rules as a whole; send {} to lift every optional rule (null is refused)',
  })
  @IsOptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => FairRulesDto)
  rules?: FairRulesDto;
}
