import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@ocop/pagination';

export class ListOrganizationsDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'verified', 'suspended'] })
  @IsOptional()
  @IsIn(['pending', 'verified', 'suspended'])
  status?: 'pending' | 'verified' | 'suspended';

  @ApiPropertyOptional({ enum: ['producer', 'buyer', 'organizer'] })
  @IsOptional()
  @IsIn(['producer', 'buyer', 'organizer'])
  role?: 'producer' | 'buyer' | 'organizer';
}
