export { GeoModule } from './geo.module';
export { GeoFacade } from './application/geo.facade';
export type { Commune } from './application/geo.catalogue';
