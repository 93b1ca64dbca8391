import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@ocop/queue';
import { APP_CONFIG, AppConfig } from '../../../config';
import { IdentityErrors } from '../domain/identity.errors';

/** Failures for one account from all addresses together may reach this many times the per-address limit. */
const ALL_ADDRESSES_FACTOR = 10;

/**
 * Failed sign-ins counted in Redis, so the limits hold across replicas: per account from one client
 * address (the brute force of one attacker), per account from every address together (a distributed
 * one, at ten times that), and per address over every account. Counting per account alone let anyone
 * lock a user out with five wrong passwords; now that takes failures from ten addresses. When Redis is
 * down the throttle steps aside rather than lock everybody out.
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
    const limits = [maxPerAccount, maxPerAccount * ALL_ADDRESSES_FACTOR, maxPerIp];
    try {
      const multi = this.redis.multi();
      for (const key of this.keys(email, ip)) multi.get(key).pttl(key);
      const values = ((await multi.exec()) ?? []).map(([, value]) => value);
      let blockedFor = 0;
      limits.forEach((limit, i) => {
        if (Number(values[2 * i] ?? 0) >= limit) blockedFor = Math.max(blockedFor, Number(values[2 * i + 1]));
      });
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

  /** The right password clears the account's counts; the address's stays (it may be guessing others). */
  async recordSuccess(email: string, ip: string): Promise<void> {
    try {
      const [fromAddress, account] = this.keys(email, ip);
      await this.redis.del(fromAddress, account);
    } catch (error) {
      this.logger.warn({ err: error }, 'login throttle unavailable');
    }
  }

  /** [account from this address, account from every address, this address]. */
  private keys(email: string, ip: string): [string, string, string] {
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
    const prefix = `${this.config.redisPrefix}:login`;
    return [`${prefix}:account:${account}:ip:${ip}`, `${prefix}:account:${account}`, `${prefix}:ip:${ip}`];
  }
}
