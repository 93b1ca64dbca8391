export { IdentityModule } from './identity.module';
export { IdentityFacade } from './application/identity.facade';
export type { Member } from './persistence/user.repository';
