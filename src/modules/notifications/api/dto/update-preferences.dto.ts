import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ANY_EVENT, USER_CHANNELS } from '../../domain/delivery-policy';
import { KNOWN_EVENT_TYPES } from '../../domain/notification-templates';

export class PreferenceChoiceDto {
  @ApiProperty({
    example: 'supplier_order.placed',
    enum: [ANY_EVENT, ...KNOWN_EVENT_TYPES],
    description: "An event type, or '*' for every other type; anything else is a 400 naming the entry",
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
