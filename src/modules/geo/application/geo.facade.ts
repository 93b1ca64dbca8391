import { Injectable } from '@nestjs/common';
import { Commune, GeoCatalogue } from './geo.catalogue';

/** What other modules may ask about places. */
@Injectable()
export class GeoFacade {
  constructor(private readonly catalogue: GeoCatalogue) {}

  /** The current commune, or undefined when the code is not in the official list. */
  findCommune(code: string): Commune | undefined {
    return this.catalogue.findCommune(code);
  }

  provinceExists(code: string): boolean {
    return this.catalogue.listProvinces().some((p) => p.code === code);
  }
}
