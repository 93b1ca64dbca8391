import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNotNull } from '@ocop/http';

export class AcceptLineDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  lineId: string;

  @ApiProperty({ example: 30, minimum: 0, description: '0 ≤ acceptedQty ≤ ordered quantity' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  acceptedQty: number;
}

export class AcceptSupplierOrderDto {
  @ApiPropertyOptional({
    type: [AcceptLineDto],
    description: 'Partial acceptance; lines not named are accepted in full. The rest is released.',
  })
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => AcceptLineDto)
  lines?: AcceptLineDto[];
}

export class RejectSupplierOrderDto {
  @ApiProperty({ example: 'Hết hàng vụ này' })
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class ShipSupplierOrderDto {
  @ApiPropertyOptional({ example: 'VTP123456789' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  trackingRef?: string;
}

export class CancelOrderDto {
  @ApiPropertyOptional({ example: 'Cửa hàng đổi kế hoạch nhập hàng' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}
