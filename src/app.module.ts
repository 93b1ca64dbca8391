import { createSecretKey } from 'node:crypto';
import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuthGuard } from '@ocop/auth';
import { Clock } from '@ocop/clock';
import { PersistenceModule } from '@ocop/persistence';
import { createFailFastRedis, RedisModule, WorkerRoleModule } from '@ocop/queue';
import { requestIdOf } from './bootstrap/http-app';
import { AppConfig, AppConfigModule, runsWorker } from './config';
import { dataSourceOptions } from './database/data-source-options';
import { CatalogModule } from './modules/catalog';
import { FairsModule } from './modules/fairs';
import { GeoModule } from './modules/geo';
import { HealthModule } from './modules/health';
import { IdentityModule } from './modules/identity';
import { NotificationsModule } from './modules/notifications';
import { OrderingModule } from './modules/ordering';
import { OrganizationsModule } from './modules/organizations';
import { PaymentsModule } from './modules/payments';
import { ReportingModule } from './modules/reporting';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: { clock?: Clock } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request, response) => {
              const id = requestIdOf(request);
              response.setHeader('X-Request-Id', id);
              return id;
            },
            // Every request gets a child logger whose bindings are serialized and redacted up front,
            // whether it ever logs or not: naming the request by id, method and URL keeps that cheap,
            // and headers (credentials, signatures, cookies) never reach the log at all.
            serializers: {
              req: (request: { id: unknown; method: string; url: string }) => ({
                id: request.id,
                method: request.method,
                url: request.url,
              }),
            },
            redact: {
              paths: ['res.headers["set-cookie"]', '*.password', '*.refreshToken', '*.accessToken'],
              censor: '[redacted]',
            },
            autoLogging: { ignore: (request) => request.url?.startsWith('/health/') ?? false },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config.databaseUrl, config.databasePoolSize)),
        RedisModule.withClient(() => createFailFastRedis(config.redisUrl)),
        BullModule.forRoot({
          connection: { url: config.redisUrl, maxRetriesPerRequest: null, enableOfflineQueue: true },
          prefix: config.redisPrefix,
        }),
        WorkerRoleModule.forRoot(runsWorker(config)),
        JwtModule.register({
          global: true,
          secret: createSecretKey(Buffer.from(config.jwtSecret)) as never,
          signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
        }),
        PersistenceModule,
        HealthModule,
        GeoModule,
        OrganizationsModule,
        IdentityModule,
        CatalogModule,
        OrderingModule,
        FairsModule,
        PaymentsModule,
        NotificationsModule,
        ReportingModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: Clock, useValue: options.clock ?? new Clock() },
      ],
      exports: [Clock],
      global: true,
    };
  }
}
