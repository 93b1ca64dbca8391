import { Injectable, OnModuleInit } from '@nestjs/common';
import { Page, PageQueryDto, pageOfList } from '@ocop/pagination';
import { GeoErrors } from '../domain/geo.errors';
import { GeoRepository, OriginRow } from '../persistence/geo.repository';

export interface Province {
  code: string;
  name: string;
  formerProvinceCodes: string[];
  communeCount: number;
}

export interface Commune {
  code: string;
  name: string;
  provinceCode: string;
}

export interface FormerDistrict {
  code: string;
  name: string | null;
}

export interface CommuneDetail extends Commune {
  province: { code: string; name: string };
  formerCommunes: Array<{ code: string; name: string; whole: boolean; formerDistrict: FormerDistrict }>;
  formerDistricts: FormerDistrict[];
}

/**
 * The official units held in memory: 34 provinces and 3,321 communes are small, never change
 * between migrations, and are looked up on nearly every write that names a commune.
 */
@Injectable()
export class GeoCatalogue implements OnModuleInit {
  private provinces = new Map<string, Province>();
  private communes = new Map<string, Commune>();
  private communesByProvince = new Map<string, Commune[]>();
  private origins = new Map<string, OriginRow[]>();

  constructor(private readonly repository: GeoRepository) {}

  async onModuleInit(): Promise<void> {
    const [provinces, communes, origins] = await Promise.all([
      this.repository.provinces(),
      this.repository.communes(),
      this.repository.origins(),
    ]);
    for (const row of communes) {
      const commune = { code: row.code, name: row.name, provinceCode: row.province_code };
      this.communes.set(row.code, commune);
      const list = this.communesByProvince.get(row.province_code) ?? [];
      list.push(commune);
      this.communesByProvince.set(row.province_code, list);
    }
    for (const row of provinces) {
      this.provinces.set(row.code, {
        code: row.code,
        name: row.name,
        formerProvinceCodes: row.former_province_codes,
        communeCount: this.communesByProvince.get(row.code)?.length ?? 0,
      });
    }
    for (const row of origins) {
      const list = this.origins.get(row.commune_code) ?? [];
      list.push(row);
      this.origins.set(row.commune_code, list);
    }
  }

  listProvinces(): Province[] {
    return [...this.provinces.values()];
  }

  province(code: string): Province {
    const province = this.provinces.get(code);
    if (!province) throw GeoErrors.PROVINCE_NOT_FOUND({ code });
    return province;
  }

  provincePage(query: PageQueryDto): Page<Province> {
    return pageOfList(this.listProvinces(), query, (province) => province.code);
  }

  /** The province and a page of its communes; 404 for an unknown province, whatever the cursor. */
  communePage(provinceCode: string, query: PageQueryDto): Page<Commune> & { province: Province } {
    return {
      province: this.province(provinceCode),
      ...pageOfList(this.communesOf(provinceCode), query, (commune) => commune.code),
    };
  }

  communesOf(provinceCode: string): Commune[] {
    this.province(provinceCode);
    return this.communesByProvince.get(provinceCode) ?? [];
  }

  findCommune(code: string): Commune | undefined {
    return this.communes.get(code);
  }

  commune(code: string): Commune {
    const commune = this.communes.get(code);
    if (!commune) throw GeoErrors.COMMUNE_NOT_FOUND({ code });
    return commune;
  }

  communeDetail(code: string): CommuneDetail {
    const commune = this.commune(code);
    const province = this.province(commune.provinceCode);
    const origins = this.origins.get(code) ?? [];
    const districts = new Map<string, FormerDistrict>();
    const formerCommunes = origins.map((o) => {
      const formerDistrict = { code: o.former_district_code, name: o.former_district_name };
      districts.set(o.former_district_code, formerDistrict);
      return { code: o.former_commune_code, name: o.former_commune_name, whole: o.whole, formerDistrict };
    });
    return {
      ...commune,
      province: { code: province.code, name: province.name },
      formerCommunes,
      formerDistricts: [...districts.values()],
    };
  }
}
