import { randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';

export interface RecordedRequest {
  method: string;
  path: string;
  body: Record<string, any>;
  idempotencyKey: string | undefined;
}

type StripeObject = Record<string, any> & { id: string; object: string };

/**
 * A Stripe-compatible fake API on loopback, for the endpoints the platform calls: payment intents
 * (create, retrieve), refunds, Connect accounts, account links and transfers. Like Stripe it
 * honours `Idempotency-Key` (same key and parameters → the same object; other parameters → 400
 * idempotency_error) and it records every request so tests can count what was asked for.
 * Webhook payloads are signed with the SDK's own `generateTestHeaderString`.
 */
export class FakeStripe {
  readonly secretKey = `sk_test_fake_${randomBytes(6).toString('hex')}`;
  readonly webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  readonly requests: RecordedRequest[] = [];
  readonly objects = new Map<string, StripeObject>();
  private readonly idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private readonly signer = new Stripe('sk_test_signer');
  private server?: Server;
  private port = 0;
  /** Makes the next N calls to a path prefix answer 500 (provider outage). */
  private failures = new Map<string, number>();

  async start(): Promise<this> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  get apiBase(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Environment overrides for `startTestApp`. */
  get env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: this.secretKey,
      STRIPE_WEBHOOK_SECRET: this.webhookSecret,
      STRIPE_API_BASE: this.apiBase,
    };
  }

  failNext(pathPrefix: string, times = 1): void {
    this.failures.set(pathPrefix, times);
  }

  created(kind: 'payment_intent' | 'refund' | 'account' | 'transfer'): StripeObject[] {
    return [...this.objects.values()].filter((object) => object.object === kind);
  }

  requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.method === method && request.path.startsWith(pathPrefix),
    );
  }

  /** A signed webhook delivery: the exact body and its `Stripe-Signature` header. */
  signedEvent(
    type: string,
    object: Record<string, any>,
    options: { id?: string; timestamp?: number; secret?: string } = {},
  ): { id: string; payload: string; signature: string } {
    const id = options.id ?? `evt_${randomBytes(12).toString('hex')}`;
    const payload = JSON.stringify({
      id,
      object: 'event',
      api_version: '2025-08-27.basil',
      created: Math.floor(Date.now() / 1000),
      type,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data: { object },
    });
    const signature = this.signer.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
      timestamp: options.timestamp,
    });
    return { id, payload, signature };
  }

  /** The payment intent as Stripe would send it in `payment_intent.succeeded` (and marks it so). */
  succeed(paymentIntentId: string): StripeObject {
    const intent = this.objects.get(paymentIntentId)!;
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: intent.amount,
      latest_charge: `ch_${intent.id.slice(3)}`,
    });
    return { ...intent };
  }

  fail(paymentIntentId: string): StripeObject {
    const intent = this.objects.get(paymentIntentId)!;
    Object.assign(intent, {
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', message: 'Your card was declined.' },
    });
    return { ...intent };
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.apiBase);
    const body = parseForm(raw);
    const method = request.method ?? 'GET';
    const idempotencyKey = header(request, 'idempotency-key');
    this.requests.push({ method, path: url.pathname, body, idempotencyKey });

    const send = (status: number, payload: unknown) => {
      response.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(6).toString('hex')}`,
      });
      response.end(JSON.stringify(payload));
    };
    if (!header(request, 'authorization')?.includes(this.secretKey)) {
      return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
    }
    for (const [prefix, times] of this.failures) {
      if (url.pathname.startsWith(prefix) && times > 0) {
        this.failures.set(prefix, times - 1);
        return send(500, { error: { type: 'api_error', message: 'fake outage' } });
      }
    }
    if (method === 'POST' && idempotencyKey) {
      const fingerprint = `${url.pathname} ${raw}`;
      const stored = this.idempotent.get(idempotencyKey);
      if (stored) {
        if (stored.fingerprint !== fingerprint) {
          return send(400, {
            error: {
              type: 'idempotency_error',
              message: 'Keys for idempotent requests can only be used with the same parameters',
            },
          });
        }
        return send(stored.status, stored.body);
      }
      const [status, result] = this.route(method, url.pathname, body);
      this.idempotent.set(idempotencyKey, { fingerprint, status, body: result });
      return send(status, result);
    }
    const [status, result] = this.route(method, url.pathname, body);
    return send(status, result);
  }

  private route(method: string, path: string, body: Record<string, any>): [number, unknown] {
    const now = Math.floor(Date.now() / 1000);
    const store = (object: StripeObject): [number, unknown] => {
      this.objects.set(object.id, object);
      return [200, object];
    };
    if (method === 'POST' && path === '/v1/payment_intents') {
      const id = `pi_${randomBytes(12).toString('hex')}`;
      return store({
        id,
        object: 'payment_intent',
        amount: Number(body.amount),
        amount_received: 0,
        currency: body.currency,
        status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
        description: body.description ?? null,
        metadata: body.metadata ?? {},
        created: now,
        livemode: false,
      });
    }
    const intentMatch = path.match(/^\/v1\/payment_intents\/([\w]+)$/);
    if (method === 'GET' && intentMatch) {
      const intent = this.objects.get(intentMatch[1]);
      return intent ? [200, intent] : notFound(intentMatch[1]);
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = this.objects.get(body.payment_intent);
      if (!intent) return notFound(body.payment_intent);
      const amount = Number(body.amount ?? intent.amount_received);
      const refunded = this.created('refund')
        .filter((refund) => refund.payment_intent === intent.id)
        .reduce((sum, refund) => sum + refund.amount, 0);
      if (amount + refunded > intent.amount_received) {
        return [
          400,
          {
            error: {
              type: 'invalid_request_error',
              code: 'amount_too_large',
              message: 'Refund exceeds the charge',
            },
          },
        ];
      }
      return store({
        id: `re_${randomBytes(12).toString('hex')}`,
        object: 'refund',
        amount,
        currency: intent.currency,
        payment_intent: intent.id,
        status: 'succeeded',
        metadata: body.metadata ?? {},
        created: now,
      });
    }
    if (method === 'POST' && path === '/v1/accounts') {
      return store({
        id: `acct_${randomBytes(8).toString('hex')}`,
        object: 'account',
        type: body.type ?? 'express',
        payouts_enabled: false,
        charges_enabled: false,
        metadata: body.metadata ?? {},
        created: now,
      });
    }
    if (method === 'POST' && path === '/v1/account_links') {
      if (!this.objects.has(body.account)) return notFound(body.account);
      return [
        200,
        {
          object: 'account_link',
          url: `https://connect.stripe.test/setup/e/${body.account}/${randomBytes(6).toString('hex')}`,
          created: now,
          expires_at: now + 300,
        },
      ];
    }
    if (method === 'POST' && path === '/v1/transfers') {
      if (!this.objects.has(body.destination)) return notFound(body.destination);
      return store({
        id: `tr_${randomBytes(12).toString('hex')}`,
        object: 'transfer',
        amount: Number(body.amount),
        currency: body.currency,
        destination: body.destination,
        transfer_group: body.transfer_group ?? null,
        metadata: body.metadata ?? {},
        created: now,
      });
    }
    return [
      404,
      { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${path})` } },
    ];
  }
}

function notFound(id: string): [number, unknown] {
  return [
    404,
    {
      error: { type: 'invalid_request_error', code: 'resource_missing', message: `No such object: '${id}'` },
    },
  ];
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Stripe's form encoding: `a=1&metadata[b]=2&automatic_payment_methods[enabled]=true`. */
function parseForm(raw: string): Record<string, any> {
  const result: Record<string, any> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.replace(/\]/g, '').split('[');
    let target = result;
    for (const part of parts.slice(0, -1)) target = target[part] ??= {};
    target[parts[parts.length - 1]] = value;
  }
  return result;
}

export async function startFakeStripe(): Promise<FakeStripe> {
  return new FakeStripe().start();
}
