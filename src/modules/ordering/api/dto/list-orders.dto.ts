import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '@ocop/clock';
import { PageQueryDto } from '@ocop/pagination';
import {
  PURCHASE_ORDER_STATUSES,
  PurchaseOrderStatus,
  SUPPLIER_ORDER_STATUSES,
  SupplierOrderStatus,
} from '../../domain/supplier-order-state';

export class ListPurchaseOrdersDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PURCHASE_ORDER_STATUSES })
  @IsOptional()
  @IsIn(PURCHASE_ORDER_STATUSES)
  status?: PurchaseOrderStatus;
}

export class ListSupplierOrdersDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SUPPLIER_ORDER_STATUSES })
  @IsOptional()
  @IsIn(SUPPLIER_ORDER_STATUSES)
  status?: SupplierOrderStatus;

  @ApiPropertyOptional({
    example: '2026-11-01',
    description: 'Placed on or after this day (Asia/Ho_Chi_Minh)',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-11-30',
    description: 'Placed on or before this day (Asia/Ho_Chi_Minh)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ example: '2026-12-01', description: 'Delivery date on or after' })
  @IsOptional()
  @IsCalendarDate()
  deliveryFrom?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Delivery date on or before' })
  @IsOptional()
  @IsCalendarDate()
  deliveryTo?: string;
}
