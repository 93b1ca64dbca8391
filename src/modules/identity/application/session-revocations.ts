import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { RevokedSessions } from '@ocop/auth';
import { Tx, UnitOfWork } from '@ocop/persistence';
import { APP_CONFIG, AppConfig, runsApi } from '../../../config';
import { RefreshTokenRepository, SESSION_REVOKED_CHANNEL } from '../persistence/refresh-token.repository';

/**
 * Added to the access-token lifetime before a revocation is forgotten: replicas' clocks differ a
 * little (each signs `exp` by its own), and `revoked_at` is the revoking transaction's start.
 */
const CLOCK_SKEW_MARGIN_MS = 60_000;
const RECONNECT_DELAY_MS = 1_000;
/**
 * A listener whose server vanished without closing the socket would wait forever and miss every
 * revocation; a cheap statement now and then finds out, and the reconnect catches up.
 */
const HEARTBEAT_INTERVAL_MS = 15_000;
const LISTENER_TIMEOUT_MS = 5_000;

export function revokedSessionsFor(config: AppConfig): RevokedSessions {
  return new RevokedSessions(config.accessTokenTtlSeconds * 1000 + CLOCK_SKEW_MARGIN_MS);
}

/**
 * Revoking a sign-in refuses its access tokens at once in every api process, without a lookup per
 * request: the revocation is committed in `refresh_tokens` with a NOTIFY, each process LISTENs and
 * adds the family to its in-memory `RevokedSessions`, and a process that starts, or gets its
 * listener back after losing it, first loads the revocations recent enough to still matter.
 */
@Injectable()
export class SessionRevocations implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SessionRevocations.name);
  private listener?: Client;
  private heartbeat?: NodeJS.Timeout;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly revoked: RevokedSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Revokes every token of the sign-in; this process refuses them as soon as the transaction commits. */
  async revoke(tx: Tx, familyId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(tx, familyId);
    tx.afterCommit(() => this.revoked.revoke(familyId, Date.now()));
  }

  /** Awaited, so that an api process answers no request before it knows the recent revocations. */
  async onApplicationBootstrap(): Promise<void> {
    if (runsApi(this.config)) await this.listen();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'ocop-revocations',
      connectionTimeoutMillis: LISTENER_TIMEOUT_MS,
      query_timeout: LISTENER_TIMEOUT_MS,
    });
    const retry = () => {
      if (this.stopped || this.listener !== client) return;
      this.listener = undefined;
      clearInterval(this.heartbeat);
      client.end().catch(() => undefined);
      this.reconnectTimer = setTimeout(() => void this.listen(), RECONNECT_DELAY_MS);
    };
    this.listener = client;
    client.on('notification', (message) => {
      if (message.payload) this.revoked.revoke(message.payload, Date.now());
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'revocation listener lost; reconnecting');
      retry();
    });
    client.on('end', retry);
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_REVOKED_CHANNEL}`);
      // Only after LISTEN: whatever commits from now on is announced, whatever committed before is read.
      await this.catchUp();
      if (this.listener !== client) return;
      this.heartbeat = setInterval(() => {
        client.query('SELECT 1').catch((error: unknown) => {
          this.logger.warn({ err: error }, 'revocation listener unresponsive; reconnecting');
          retry();
        });
      }, HEARTBEAT_INTERVAL_MS);
    } catch (error) {
      this.logger.warn({ err: error }, 'revocation listener could not start; retrying');
      retry();
    }
  }

  private async catchUp(): Promise<void> {
    const families = await this.uow.run((tx) =>
      this.refreshTokens.familiesRevokedWithin(tx, this.revoked.retentionMs),
    );
    const now = Date.now();
    for (const { familyId, ageMs } of families) this.revoked.revoke(familyId, now - ageMs, now);
  }
}
