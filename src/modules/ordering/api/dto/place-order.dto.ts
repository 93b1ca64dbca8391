import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '@ocop/clock';

export class OrderLineInputDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  listingId: string;

  @ApiProperty({ example: 40, minimum: 1, description: 'A positive whole number of units' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;
}

export class PlaceOrderDto {
  @ApiProperty({ example: '2026-12-05', description: 'YYYY-MM-DD in Asia/Ho_Chi_Minh' })
  @IsCalendarDate()
  deliveryDate: string;

  @ApiPropertyOptional({
    example: 'WinMart Hạ Long, 1 Trần Hưng Đạo, Hạ Long, Quảng Ninh',
    description:
      'Required unless deliveryLocationId names a saved location. Given with one, it is the address the ' +
      'producers deliver to (a gate or dock of that store, say) and the location is kept for reference.',
  })
  @ValidateIf(
    (dto: PlaceOrderDto) => dto.deliveryLocationId === undefined || dto.deliveryAddress !== undefined,
  )
  @IsString()
  @Length(1, 500)
  deliveryAddress?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One of the buyer’s saved delivery locations' })
  @IsOptional()
  @IsUUID()
  deliveryLocationId?: string;

  @ApiProperty({ type: [OrderLineInputDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => OrderLineInputDto)
  lines: OrderLineInputDto[];

  @ApiProperty({ enum: ['card', 'invoice'] })
  @IsIn(['card', 'invoice'])
  paymentMethod: 'card' | 'invoice';

  @ApiPropertyOptional({ example: 'Giao buổi sáng trước 9 giờ' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
