import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class RecordPaymentDto {
  @ApiProperty({ example: 1000000, description: 'Whole đồng received' })
  @IsInt()
  @Min(1)
  @Max(10 ** 13)
  amountVnd: number;

  @ApiProperty({ example: 'FT26333123456', description: 'The bank transaction reference of the transfer' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  reference: string;
}

export class BankAccountDto {
  @ApiProperty({ example: '970405', description: 'Six-digit NAPAS bank identification number' })
  @Matches(/^\d{6}$/, { message: 'must be six digits' })
  bankBin: string;

  @ApiProperty({ example: '1500201234567' })
  @Matches(/^[0-9A-Za-z]{4,19}$/, { message: 'must be 4–19 letters or digits' })
  accountNo: string;

  @ApiProperty({ example: 'HTX CHE DUONG BA CHE', description: 'Account holder as the bank knows it' })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  accountName: string;
}
