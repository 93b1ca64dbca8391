import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CheckInDto {
  @ApiProperty({ description: 'The QR payload the producer shows (checkInCode of the booking)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  code: string;
}
