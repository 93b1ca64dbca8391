export { OrganizationsModule } from './organizations.module';
export { OrganizationsFacade } from './application/organizations.facade';
export type { OrganizationInput } from './application/organizations.facade';
export type {
  Organization,
  OrganizationRole,
  OrganizationStatus,
  OrganizationKind,
} from './domain/organization';
export { ORGANIZATION_KINDS } from './domain/organization';
export { OrganizationInputDto } from './api/dto/organization-input.dto';
export { OrganizationView, toOrganizationView } from './api/organization.view';
