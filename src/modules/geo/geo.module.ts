import { Module } from '@nestjs/common';
import { GeoController } from './api/geo.controller';
import { GeoCatalogue } from './application/geo.catalogue';
import { GeoFacade } from './application/geo.facade';
import { GeoRepository } from './persistence/geo.repository';

@Module({
  controllers: [GeoController],
  providers: [GeoRepository, GeoCatalogue, GeoFacade],
  exports: [GeoFacade],
})
export class GeoModule {}
