import { Module } from '@nestjs/common';
import { GeoModule } from '../geo';
import { AdminOrganizationsController } from './api/admin-organizations.controller';
import { OrganizationsController } from './api/organizations.controller';
import { OrganizationsFacade } from './application/organizations.facade';
import { OrganizationsService } from './application/organizations.service';
import { OrganizationRepository } from './persistence/organization.repository';

@Module({
  imports: [GeoModule],
  controllers: [OrganizationsController, AdminOrganizationsController],
  providers: [OrganizationRepository, OrganizationsService, OrganizationsFacade],
  exports: [OrganizationsFacade],
})
export class OrganizationsModule {}
