import { ApiProperty } from '@nestjs/swagger';

export class ProvinceView {
  @ApiProperty({ example: '22' }) code: string;
  @ApiProperty({ example: 'Tỉnh Quảng Ninh' }) name: string;
  @ApiProperty({ example: ['22'], description: 'Codes of the provinces before 2025-07-01 merged into it' })
  formerProvinceCodes: string[];
  @ApiProperty({ example: 54 }) communeCount: number;
}

export class ProvinceListView {
  @ApiProperty({ type: [ProvinceView] }) items: ProvinceView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CommuneView {
  @ApiProperty({ example: '06970' }) code: string;
  @ApiProperty({ example: 'Xã Ba Chẽ' }) name: string;
  @ApiProperty({ example: '22' }) provinceCode: string;
}

export class CommuneListView {
  @ApiProperty({ type: ProvinceView }) province: ProvinceView;
  @ApiProperty({ type: [CommuneView] }) items: CommuneView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

class FormerDistrictView {
  @ApiProperty({ example: '202' }) code: string;
  @ApiProperty({ example: 'Huyện Ba Chẽ', nullable: true }) name: string | null;
}

class FormerCommuneView {
  @ApiProperty({ example: '06970' }) code: string;
  @ApiProperty({ example: 'Thị trấn Ba Chẽ' }) name: string;
  @ApiProperty({ description: 'Whether the whole former commune went into this one' }) whole: boolean;
  @ApiProperty({ type: FormerDistrictView }) formerDistrict: FormerDistrictView;
}

export class CommuneDetailView extends CommuneView {
  @ApiProperty({ example: { code: '22', name: 'Tỉnh Quảng Ninh' } }) province: { code: string; name: string };
  @ApiProperty({ type: [FormerCommuneView] }) formerCommunes: FormerCommuneView[];
  @ApiProperty({ type: [FormerDistrictView] }) formerDistricts: FormerDistrictView[];
}
