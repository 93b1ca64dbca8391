import { FAIR_EVENT_TYPES } from '../../fairs';
import { ORDERING_EVENT_TYPES } from '../../ordering';
import { PAYMENT_EVENT_TYPES } from '../../payments';
import { CERTIFICATE_NOTICES } from '../domain/certificate-notices';
import { ADMIN_FACING_EVENTS } from '../domain/delivery-policy';
import { subscriptionPatterns } from '../domain/webhook-subscription';

/**
 * Every event type an organization's members (and so its webhooks) can be told about. Modules that
 * export their event types are read here; catalog and organizations write theirs inline, so those
 * are named by hand. Each one needs a template of its own (see notification-templates), which the
 * spec beside this file checks.
 */
export const DELIVERABLE_EVENT_TYPES: readonly string[] = [
  ...new Set([
    ...ORDERING_EVENT_TYPES,
    ...Object.values(FAIR_EVENT_TYPES),
    ...PAYMENT_EVENT_TYPES,
    ...CERTIFICATE_NOTICES,
    'product.ocop_rated',
    'organization.verified',
    'organization.suspended',
  ]),
]
  .filter((type) => !ADMIN_FACING_EVENTS.has(type))
  .sort();

/** What `events` of a webhook may hold (the OpenAPI enum lists the same). */
export const WEBHOOK_EVENT_PATTERNS: readonly string[] = subscriptionPatterns(DELIVERABLE_EVENT_TYPES);
