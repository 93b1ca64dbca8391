import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { OrganizationInputDto } from '../../../organizations';
import { MIN_PASSWORD_LENGTH } from '../../domain/user';

export class RegisterDto {
  @ApiProperty({ example: 'lan.nguyen@htxbache.vn' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'mật-khẩu-dài-ít-nhất-10', minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  // Passwords are not trimmed (a space may be part of one), so ten spaces would otherwise pass.
  @Matches(/\S/, { message: 'password must not be only spaces' })
  password: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ enum: ['producer', 'buyer', 'organizer'], example: 'producer' })
  @IsIn(['producer', 'buyer', 'organizer'])
  role: 'producer' | 'buyer' | 'organizer';

  @ApiProperty({ type: OrganizationInputDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => OrganizationInputDto)
  organization: OrganizationInputDto;

  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi', description: 'Language of notifications' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  locale?: 'vi' | 'en';
}
