import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { IdentityErrors } from '../domain/identity.errors';

/**
 * Failed sign-ins counted per account and per client address in Redis, so the limit holds across
 * replicas. When Redis is down the throttle steps aside rather than lock everybody out.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger(LoginThrottle.name);

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const { maxPerAccount, maxPerIp } = this.config.loginThrottle;
    try {
      const [account, address] = this.keys(email, ip);
      const results = await this.redis.multi().get(account).pttl(account).get(address).pttl(address).exec();
      const [accountCount, accountTtl, addressCount, addressTtl] = (results ?? []).map(([, value]) => value);
      const blockedFor = Math.max(
        Number(accountCount ?? 0) >= maxPerAccount ? Number(accountTtl) : 0,
        Number(addressCount ?? 0) >= maxPerIp ? Number(addressTtl) : 0,
      );
      if (blockedFor > 0) {
        throw IdentityErrors.TOO_MANY_LOGIN_ATTEMPTS({ retryAfterSeconds: Math.ceil(blockedFor / 1000) });
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'TOO_MANY_LOGIN_ATTEMPTS') throw error;
      this.logger.warn({ err: error }, 'login throttle unavailable');
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const windowMs = this.config.loginThrottle.windowSeconds * 1000;
    try {
      const multi = this.redis.multi();
      for (const key of this.keys(email, ip)) multi.incr(key).pexpire(key, windowMs, 'NX');
      await multi.exec();
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle unavailable');
    }
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    try {
      await this.redis.del(this.keys(email, ip)[0]);
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle unavailable');
    }
  }

  private keys(email: string, ip: string): [string, string] {
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    const prefix = `${this.config.redisPrefix}:login`;
    return [`${prefix}:account:${account}`, `${prefix}:ip:${ip}`];
  }
}
