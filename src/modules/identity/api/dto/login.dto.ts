import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'lan.nguyen@htxbache.vn' })
  @IsString()
  @Length(1, 254)
  email: string;

  @ApiProperty({ example: 'mật-khẩu-dài-ít-nhất-10' })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ example: 'q3N1c2...' })
  @IsString()
  @Length(1, 512)
  refreshToken: string;
}
