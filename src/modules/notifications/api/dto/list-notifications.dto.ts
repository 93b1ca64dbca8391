import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';

export class ListNotificationsDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only unread notifications', example: true })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === true ? true : value === 'false' || value === false ? false : value,
  )
  @IsBoolean()
  unread?: boolean;
}
