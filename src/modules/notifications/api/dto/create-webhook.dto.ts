import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_EVENT_PATTERNS } from '../../application/event-catalogue';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.example.vn/ocop/webhooks', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    example: ['supplier_order.placed', 'payment.*'],
    enum: WEBHOOK_EVENT_PATTERNS,
    isArray: true,
    description:
      "Event types to receive; 'family.*' matches every type of a family, '*' everything. " +
      'Anything else is a 400 naming the entry (events[i]).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  events!: string[];
}
