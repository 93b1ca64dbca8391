import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenClaims } from '@ocop/auth';
import { CommonErrors, localeFrom, renderError } from '@ocop/errors';
import { APP_CONFIG, AppConfig } from '../../../config';
import { NotificationMetricsService } from '../application/notification-metrics';
import { NotificationQueues } from '../application/notification-queues';

export const BULL_BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'ocop_board';

function cookieOf(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

function bearerOf(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/**
 * Routes that live outside Nest's controllers and guards: the Bull Board dashboard (a fastify
 * plugin) at /admin/queues and Prometheus metrics at /metrics. Both check the administrator's access
 * token themselves:
 * - API clients send `Authorization: Bearer <admin access token>`;
 * - a browser opens `/admin/queues?token=<admin access token>` once; the token is moved into an
 *   HttpOnly, SameSite=Strict cookie scoped to /admin/queues (expiring with the token) and the
 *   browser is redirected to the clean URL, so the token does not linger in the address bar.
 * `/metrics` is public only when METRICS_PUBLIC=true (for a scraper on a private network).
 */
@Injectable()
export class OperationsRoutes implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly jwt: JwtService,
    private readonly queues: NotificationQueues,
    private readonly metrics: NotificationMetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || typeof fastify.register !== 'function') return;
    this.registerBoard(fastify);
    fastify.get('/metrics', async (request, reply) => {
      if (!this.config.notifications.metricsPublic) await this.requireAdmin(bearerOf(request));
      return reply.type('text/plain; version=0.0.4; charset=utf-8').send(await this.metrics.prometheus());
    });
  }

  private registerBoard(fastify: FastifyInstance): void {
    const serverAdapter = new BullBoardFastifyAdapter();
    serverAdapter.setBasePath(BULL_BOARD_PATH);
    createBullBoard({
      queues: this.queues.all().map((queue) => new BullMQAdapter(queue)),
      // @bull-board/fastify pins its own patch release of @bull-board/api; the adapter contract is the same.
      serverAdapter: serverAdapter as never,
      options: { uiConfig: { boardTitle: 'OCOP queues' } },
    });
    void fastify.register(async (scope) => {
      // The board's plugin installs its own error handler, so refusals are rendered here.
      scope.addHook('onRequest', async (request, reply) => {
        try {
          return await this.guardBoard(request, reply);
        } catch (error) {
          const locale = localeFrom(request.headers['accept-language']);
          const rendered = renderError(error, locale, request.url.split('?')[0]);
          return reply
            .status(rendered.status)
            .header('Content-Type', 'application/problem+json; charset=utf-8')
            .send(JSON.stringify(rendered.problem));
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never, { prefix: BULL_BOARD_PATH });
    });
  }

  private async guardBoard(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | void> {
    const url = new URL(request.url, 'http://localhost');
    const queryToken = url.searchParams.get('token');
    if (queryToken) {
      const claims = await this.requireAdmin(queryToken);
      const maxAge = Math.max(0, (claims.exp ?? 0) - Math.floor(Date.now() / 1000));
      const secure = request.protocol === 'https' ? '; Secure' : '';
      url.searchParams.delete('token');
      void reply
        .header(
          'set-cookie',
          `${BOARD_COOKIE}=${encodeURIComponent(queryToken)}; Path=${BULL_BOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`,
        )
        .redirect(`${url.pathname}${url.search}`, 303);
      return reply;
    }
    await this.requireAdmin(bearerOf(request) ?? cookieOf(request, BOARD_COOKIE));
  }

  /** Throws the problem-details errors the app's fastify error handler renders (401 / 403). */
  private async requireAdmin(token: string | undefined): Promise<AccessTokenClaims & { exp?: number }> {
    if (!token) throw CommonErrors.UNAUTHENTICATED();
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch {
      throw CommonErrors.UNAUTHENTICATED();
    }
    if (claims.role !== 'admin') throw CommonErrors.FORBIDDEN();
    return claims;
  }
}
