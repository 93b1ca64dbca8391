import { Module } from '@nestjs/common';
import { RevokedSessions } from '@ocop/auth';
import { APP_CONFIG } from '../../config';
import { OrganizationsModule } from '../organizations';
import { AuthController } from './api/auth.controller';
import { MeController } from './api/me.controller';
import { AdminBootstrap } from './application/admin-bootstrap';
import { IdentityFacade } from './application/identity.facade';
import { IdentityService } from './application/identity.service';
import { LoginThrottle } from './application/login-throttle';
import { PasswordHasher } from './application/password-hasher';
import { revokedSessionsFor, SessionRevocations } from './application/session-revocations';
import { TokenIssuer } from './application/token-issuer';
import { RefreshTokenRepository } from './persistence/refresh-token.repository';
import { UserRepository } from './persistence/user.repository';

@Module({
  imports: [OrganizationsModule],
  controllers: [AuthController, MeController],
  providers: [
    UserRepository,
    RefreshTokenRepository,
    PasswordHasher,
    TokenIssuer,
    LoginThrottle,
    { provide: RevokedSessions, inject: [APP_CONFIG], useFactory: revokedSessionsFor },
    SessionRevocations,
    IdentityService,
    IdentityFacade,
    AdminBootstrap,
  ],
  // The global AuthGuard consults the revoked sign-ins this module keeps up to date.
  exports: [IdentityFacade, RevokedSessions],
})
export class IdentityModule {}
