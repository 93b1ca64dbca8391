import { ConfigError, parseConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/ocop' };

describe('parseConfig', () => {
  it('gives the documented defaults', () => {
    const config = parseConfig(base);
    expect(config).toMatchObject({
      port: 3000,
      role: 'all',
      redisUrl: 'redis://127.0.0.1:6379',
      orderAcceptWindowSeconds: 172_800,
      stallHoldSeconds: 900,
      platformCommissionBps: 500,
      webhookAllowPrivate: false,
    });
    expect(config.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ APP_ROLE: 'web' }, 'APP_ROLE'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
    [{ ADMIN_EMAIL: 'a@b.vn' }, 'ADMIN_PASSWORD'],
    [{ WEBHOOK_ALLOW_PRIVATE: 'maybe' }, 'WEBHOOK_ALLOW_PRIVATE'],
    [{ PLATFORM_COMMISSION_BPS: '20000' }, 'PLATFORM_COMMISSION_BPS'],
  ])('refuses %j naming %s', (env, variable) => {
    expect(() => parseConfig({ ...base, ...env })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, ...env })).toThrow(variable);
  });

  it('requires DATABASE_URL', () => {
    expect(() => parseConfig({})).toThrow('DATABASE_URL');
  });
});
