import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';
import { CHANNELS, Channel, DeliveryStatus } from '../../domain/delivery-policy';

export class ListDeliveriesDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'delivered', 'failed'], example: 'failed' })
  @IsOptional()
  @IsIn(['pending', 'delivered', 'failed'])
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;
}
