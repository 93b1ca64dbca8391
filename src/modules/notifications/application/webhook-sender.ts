import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, LookupFunction } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';
import { isForbiddenAddress } from '../domain/address-policy';
import { signWebhook } from '../domain/webhook-signature';

/** A failure no retry can fix (the target is forbidden or gone): the delivery fails at once. */
export class PermanentDeliveryError extends Error {}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves a webhook host and refuses it when any of its addresses is private, loopback,
 * link-local (cloud metadata) or otherwise internal, unless WEBHOOK_ALLOW_PRIVATE is set. Checking
 * every address and then connecting to the checked one (below) defeats DNS rebinding.
 */
@Injectable()
export class WebhookTargetGuard {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async resolve(url: URL): Promise<ResolvedTarget> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: Array<{ address: string; family: number }>;
    if (isIP(host)) {
      addresses = [{ address: host, family: isIP(host) }];
    } else {
      try {
        addresses = await lookup(host, { all: true, verbatim: true });
      } catch {
        throw new PermanentDeliveryError(`host ${host} does not resolve`);
      }
    }
    if (addresses.length === 0) throw new PermanentDeliveryError(`host ${host} does not resolve`);
    if (!this.config.webhookAllowPrivate) {
      const forbidden = addresses.find((a) => isForbiddenAddress(a.address));
      if (forbidden)
        throw new PermanentDeliveryError(`${host} resolves to non-public address ${forbidden.address}`);
    }
    return { address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
  }
}

@Injectable()
export class WebhookSender {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly guard: WebhookTargetGuard,
  ) {}

  /** POSTs the body, signed now; any 2xx is delivered, anything else throws (and is retried). */
  async send(
    target: { url: string; secret: string },
    body: string,
    eventId: string,
    nowUnixSeconds: number,
  ): Promise<void> {
    const url = new URL(target.url);
    const pinned = await this.guard.resolve(url);
    const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
      if ((options as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
          pinned,
        ]);
      } else {
        callback(null, pinned.address, pinned.family);
      }
    };
    const client = url.protocol === 'https:' ? https : http;
    const status = await new Promise<number>((resolve, reject) => {
      const request = client.request(
        url,
        {
          method: 'POST',
          lookup: pinnedLookup,
          timeout: this.config.notifications.webhook.timeoutMs,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            'user-agent': 'OCOP-Webhooks/1.0',
            'x-ocop-event-id': eventId,
            'x-ocop-signature': signWebhook(target.secret, body, nowUnixSeconds),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('webhook receiver timed out')));
      request.on('error', reject);
      request.end(body);
    });
    if (status < 200 || status >= 300) throw new Error(`webhook receiver answered ${status}`);
  }
}
