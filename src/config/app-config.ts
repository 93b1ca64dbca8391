import { randomBytes } from 'node:crypto';

export type AppRole = 'api' | 'worker' | 'all';

export interface AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  role: AppRole;
  databaseUrl: string;
  databasePoolSize: number;
  redisUrl: string;
  redisPrefix: string;
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  loginThrottle: { windowSeconds: number; maxPerAccount: number; maxPerIp: number };
  adminEmail?: string;
  adminPassword?: string;
  orderAcceptWindowSeconds: number;
  /** A search with at most this many matches keeps them in memory for its next pages (0: never). */
  searchKeepMatchesMax: number;
  /** How often the worker sweeps for overdue supplier orders (0 turns the periodic sweep off). */
  orderSweepIntervalSeconds: number;
  stallHoldSeconds: number;
  stripe: { secretKey?: string; webhookSecret?: string; apiBase?: string };
  platformCommissionBps: number;
  smtpUrl?: string;
  webhookAllowPrivate: boolean;
  notifications: NotificationSettings;
  logLevel: string;
  bank: { bin: string; accountNo: string; accountName: string };
  /** Shared secret of the bank's signed transfer notifications; the bank webhook is off until set. */
  bankWebhookSecret?: string;
}

/** Delivery tuning for the notifications module (queues, retries, sweep, metrics exposure). */
export interface NotificationSettings {
  mailFrom: string;
  email: { attempts: number; backoffMs: number };
  webhook: { attempts: number; backoffMs: number; timeoutMs: number };
  outboxPollMs: number;
  sweepIntervalMs: number;
  sweepGraceSeconds: number;
  metricsPublic: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`Cấu hình không hợp lệ / invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name) ?? fallback;
  if (!allowed.includes(raw as T))
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function url(env: Env, name: string, protocols: string[], fallback?: string): string | undefined {
  const raw = text(env, name) ?? fallback;
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
  }
  return raw;
}

function secret(env: Env, name: string): string | undefined {
  const value = text(env, name);
  if (value !== undefined && value.length < 16) throw new ConfigError(name, 'must be at least 16 characters');
  return value;
}

/** Reads and checks every setting once, at start; `process.env` is read nowhere else. */
export function parseConfig(env: Env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  if (!databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL',
      'is not set: set it, or use `npm start`, which starts an embedded PostgreSQL',
    );
  }
  const jwtSecret = text(env, 'JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
  }
  if (jwtSecret === undefined && nodeEnv === 'production') {
    throw new ConfigError('JWT_SECRET', 'is required in production (at least 32 random characters)');
  }
  const adminEmail = text(env, 'ADMIN_EMAIL');
  const adminPassword = env.ADMIN_PASSWORD;
  if (adminEmail && (!adminPassword || adminPassword.length < 10)) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be set (at least 10 characters) when ADMIN_EMAIL is set');
  }
  const stripeSecretKey = text(env, 'STRIPE_SECRET_KEY');
  const stripeWebhookSecret = text(env, 'STRIPE_WEBHOOK_SECRET');
  return {
    nodeEnv,
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    role: oneOf(env, 'APP_ROLE', ['api', 'worker', 'all'] as const, 'all'),
    databaseUrl,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 8, 1, 500),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], 'redis://127.0.0.1:6379')!,
    redisPrefix: text(env, 'REDIS_PREFIX') ?? 'ocop',
    jwtSecret: jwtSecret ?? randomBytes(48).toString('base64url'),
    accessTokenTtlSeconds: integer(env, 'ACCESS_TOKEN_TTL_SECONDS', 900, 30, 86_400),
    refreshTokenTtlSeconds: integer(env, 'REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, 60, 365 * 86_400),
    loginThrottle: {
      windowSeconds: integer(env, 'LOGIN_THROTTLE_WINDOW_SECONDS', 900, 1, 86_400),
      maxPerAccount: integer(env, 'LOGIN_THROTTLE_MAX_PER_ACCOUNT', 5, 1, 10_000),
      maxPerIp: integer(env, 'LOGIN_THROTTLE_MAX_PER_IP', 50, 1, 1_000_000),
    },
    adminEmail,
    adminPassword: adminEmail ? adminPassword : undefined,
    orderAcceptWindowSeconds: integer(env, 'ORDER_ACCEPT_WINDOW_SECONDS', 172_800, 1, 365 * 86_400),
    searchKeepMatchesMax: integer(env, 'SEARCH_KEEP_MATCHES_MAX', 10_000, 0, 100_000),
    orderSweepIntervalSeconds: integer(env, 'ORDER_SWEEP_INTERVAL_SECONDS', 60, 0, 86_400),
    stallHoldSeconds: integer(env, 'STALL_HOLD_SECONDS', 900, 1, 7 * 86_400),
    stripe: {
      secretKey: stripeSecretKey,
      webhookSecret: stripeWebhookSecret,
      apiBase: url(env, 'STRIPE_API_BASE', ['http:', 'https:']),
    },
    platformCommissionBps: integer(env, 'PLATFORM_COMMISSION_BPS', 500, 0, 10_000),
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    webhookAllowPrivate: bool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    notifications: {
      mailFrom: text(env, 'MAIL_FROM') ?? 'OCOP Quảng Ninh <no-reply@ocop.example>',
      email: {
        attempts: integer(env, 'NOTIFICATION_EMAIL_ATTEMPTS', 8, 1, 100),
        backoffMs: integer(env, 'NOTIFICATION_EMAIL_BACKOFF_MS', 30_000, 1, 86_400_000),
      },
      webhook: {
        attempts: integer(env, 'NOTIFICATION_WEBHOOK_ATTEMPTS', 10, 1, 100),
        backoffMs: integer(env, 'NOTIFICATION_WEBHOOK_BACKOFF_MS', 10_000, 1, 86_400_000),
        timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000),
      },
      outboxPollMs: integer(env, 'OUTBOX_POLL_MS', 1_000, 10, 60_000),
      sweepIntervalMs: integer(env, 'NOTIFICATION_SWEEP_MS', 60_000, 100, 3_600_000),
      sweepGraceSeconds: integer(env, 'NOTIFICATION_SWEEP_GRACE_SECONDS', 120, 0, 86_400),
      metricsPublic: bool(env, 'METRICS_PUBLIC', false),
    },
    logLevel: oneOf(
      env,
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
    bank: {
      bin: text(env, 'PLATFORM_BANK_BIN') ?? '970436',
      accountNo: text(env, 'PLATFORM_BANK_ACCOUNT_NO') ?? '0011004567890',
      accountName: text(env, 'PLATFORM_BANK_ACCOUNT_NAME') ?? 'CONG TY OCOP LINK',
    },
    bankWebhookSecret: secret(env, 'BANK_WEBHOOK_SECRET'),
  };
}

export function runsApi(config: AppConfig): boolean {
  return config.role === 'api' || config.role === 'all';
}

export function runsWorker(config: AppConfig): boolean {
  return config.role === 'worker' || config.role === 'all';
}
