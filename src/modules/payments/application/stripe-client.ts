import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { APP_CONFIG, AppConfig } from '../../../config';
import { PaymentErrors } from '../domain/payments.errors';

/**
 * The Stripe SDK built once from configuration. `STRIPE_API_BASE` points it at another host (the
 * loopback fake in tests) through the SDK's own host/port/protocol options. Without a secret key
 * card payments are off and `require()` answers 503 PAYMENTS_NOT_CONFIGURED.
 */
@Injectable()
export class StripeClient {
  private readonly stripe: Stripe | undefined;
  /** Used only to verify webhook signatures, which needs no API key. */
  readonly webhooks: Stripe['webhooks'];
  readonly webhookSecret: string | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.webhookSecret = config.stripe.webhookSecret;
    if (config.stripe.secretKey)
      this.stripe = new Stripe(config.stripe.secretKey, stripeOptions(config.stripe.apiBase));
    this.webhooks = (this.stripe ?? new Stripe('sk_unused', stripeOptions(undefined))).webhooks;
  }

  get configured(): boolean {
    return this.stripe !== undefined;
  }

  require(): Stripe {
    if (!this.stripe) throw PaymentErrors.PAYMENTS_NOT_CONFIGURED();
    return this.stripe;
  }

  /** Runs a Stripe call, turning network and server failures into a retryable 503. */
  async call<T>(work: (stripe: Stripe) => Promise<T>): Promise<T> {
    const stripe = this.require();
    try {
      return await work(stripe);
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeError &&
        error.statusCode !== undefined &&
        error.statusCode < 500
      ) {
        throw error;
      }
      throw PaymentErrors.PAYMENT_PROVIDER_ERROR({}, []);
    }
  }
}

function stripeOptions(apiBase: string | undefined): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = {
    maxNetworkRetries: 2,
    timeout: 15_000,
    telemetry: false,
    appInfo: { name: 'ocop-market-linkage' },
  };
  if (!apiBase) return options;
  const url = new URL(apiBase);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { ...options, host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol };
}
