import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ProvinceRow {
  code: string;
  name: string;
  former_province_codes: string[];
}
export interface CommuneRow {
  code: string;
  name: string;
  province_code: string;
}
export interface OriginRow {
  commune_code: string;
  former_commune_code: string;
  former_commune_name: string;
  former_district_code: string;
  former_district_name: string | null;
  whole: boolean;
}

/** Reads the reference units; they change only with a migration, so they are read once at start. */
@Injectable()
export class GeoRepository {
  constructor(private readonly db: DataSource) {}

  provinces(): Promise<ProvinceRow[]> {
    return this.db.query(`SELECT code, name, former_province_codes FROM geo_provinces ORDER BY code`);
  }

  communes(): Promise<CommuneRow[]> {
    return this.db.query(`SELECT code, name, province_code FROM geo_communes ORDER BY province_code, code`);
  }

  origins(): Promise<OriginRow[]> {
    return this.db.query(
      `SELECT o.commune_code, o.former_commune_code, o.former_commune_name, o.former_district_code,
              d.name AS former_district_name, o.whole
         FROM geo_commune_origins o
         LEFT JOIN geo_former_districts d ON d.code = o.former_district_code
        ORDER BY o.commune_code, o.former_commune_code`,
    );
  }
}
