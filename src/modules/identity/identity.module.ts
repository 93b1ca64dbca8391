import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations';
import { AuthController } from './api/auth.controller';
import { MeController } from './api/me.controller';
import { AdminBootstrap } from './application/admin-bootstrap';
import { IdentityFacade } from './application/identity.facade';
import { IdentityService } from './application/identity.service';
import { LoginThrottle } from './application/login-throttle';
import { PasswordHasher } from './application/password-hasher';
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
    IdentityService,
    IdentityFacade,
    AdminBootstrap,
  ],
  exports: [IdentityFacade],
})
export class IdentityModule {}
