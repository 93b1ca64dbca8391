import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { IdentityFacade } from './identity.facade';

/** ADMIN_EMAIL / ADMIN_PASSWORD: the OCOP office's administrator is created (or kept) at start. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly identity: IdentityFacade,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    const outcome = await this.identity.ensureAdmin(adminEmail, adminPassword);
    this.logger.log(`administrator ${adminEmail} ${outcome}`);
  }
}
