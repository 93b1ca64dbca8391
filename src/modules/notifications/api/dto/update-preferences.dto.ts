import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { USER_CHANNELS } from '../../domain/delivery-policy';

export class PreferenceChoiceDto {
  @ApiProperty({
    example: 'supplier_order.placed',
    description: "An event type, or '*' for every other type",
  })
  @IsString()
  @MaxLength(100)
  eventType!: string;

  @ApiProperty({
    example: ['inbox'],
    enum: USER_CHANNELS,
    isArray: true,
    description: 'The inbox is always on',
  })
  @IsArray()
  @ArrayMaxSize(USER_CHANNELS.length)
  @IsIn(USER_CHANNELS, { each: true })
  channels!: string[];
}

export class UpdatePreferencesDto {
  @ApiProperty({ type: [PreferenceChoiceDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PreferenceChoiceDto)
  preferences!: PreferenceChoiceDto[];
}
