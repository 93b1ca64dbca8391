import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, Matches, MaxLength } from 'class-validator';

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://erp.example.vn/ocop/webhooks', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({
    example: ['supplier_order.placed', 'payment.*'],
    description: "Event types to receive; 'prefix.*' matches a family, '*' everything",
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  @Matches(/^(\*|[a-z][a-z0-9_]*(\.([a-z][a-z0-9_]*|\*))*)$/, {
    each: true,
    message: 'each event must look like supplier_order.placed, payment.* or *',
  })
  events!: string[];
}
