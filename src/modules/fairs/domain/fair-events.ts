import { DomainEvent } from '@ocop/persistence';
import { BookingStatus, CancelledBy } from './booking';
import { Fair } from './fair';

/** Event types the fairs module writes to the outbox. */
export const FAIR_EVENT_TYPES = {
  bookingHeld: 'booking.held',
  bookingConfirmed: 'booking.confirmed',
  bookingExpired: 'booking.expired',
  bookingCancelled: 'booking.cancelled',
  bookingCheckedIn: 'booking.checked_in',
  bookingWaitlistOffer: 'booking.waitlist_offer',
  fairPublished: 'fair.published',
  fairRescheduled: 'fair.rescheduled',
  fairCancelled: 'fair.cancelled',
} as const;

export type FairEventType = (typeof FAIR_EVENT_TYPES)[keyof typeof FAIR_EVENT_TYPES];

/** Payload of every `booking.*` event. */
// Type aliases rather than interfaces: they fit the outbox's Record<string, unknown> payloads.
export type BookingEventPayload = {
  bookingId: string;
  fairId: string;
  fairName: string;
  stallId: string;
  stallCode: string;
  producerId: string;
  organizerId: string;
  status: BookingStatus;
  amountVnd: number;
  holdExpiresAt: string | null;
  fairStartsAt: string;
  /** booking.cancelled: who cancelled; booking.confirmed: 'organizer' or 'payment'. */
  by?: CancelledBy | 'payment' | 'system';
  paymentRef?: string | null;
  /** booking.cancelled: whether the stall fee had been confirmed (a refund may be due). */
  wasConfirmed?: boolean;
  waitlistEntryId?: string | null;
};

/** Payload of every `fair.*` event. */
export type FairEventPayload = {
  fairId: string;
  name: string;
  organizerId: string;
  venue: string;
  communeCode: string;
  provinceCode: string;
  startsAt: string;
  endsAt: string;
  status: string;
  previous?: { startsAt: string; endsAt: string };
};

export interface BookingEventContext {
  fair: Pick<Fair, 'id' | 'name' | 'organizerId' | 'startsAt'>;
  stall: { id: string; code: string };
  booking: {
    id: string;
    producerId: string;
    status: BookingStatus;
    amountVnd: number;
    holdExpiresAt: Date | null;
    paymentRef?: string | null;
    waitlistEntryId?: string | null;
  };
}

const PRODUCER_ONLY: ReadonlySet<string> = new Set([
  FAIR_EVENT_TYPES.bookingWaitlistOffer,
  FAIR_EVENT_TYPES.bookingCheckedIn,
]);

export function bookingEvent(
  type: FairEventType,
  context: BookingEventContext,
  extra: Partial<BookingEventPayload> = {},
): DomainEvent<BookingEventPayload> {
  const { fair, stall, booking } = context;
  const audience = PRODUCER_ONLY.has(type) ? [booking.producerId] : [booking.producerId, fair.organizerId];
  return {
    type,
    aggregateType: 'fair_booking',
    aggregateId: booking.id,
    audience,
    payload: {
      bookingId: booking.id,
      fairId: fair.id,
      fairName: fair.name,
      stallId: stall.id,
      stallCode: stall.code,
      producerId: booking.producerId,
      organizerId: fair.organizerId,
      status: booking.status,
      amountVnd: booking.amountVnd,
      holdExpiresAt: booking.holdExpiresAt?.toISOString() ?? null,
      fairStartsAt: fair.startsAt.toISOString(),
      ...extra,
    },
  };
}

export function fairEvent(
  type: FairEventType,
  fair: Fair,
  audience: string[],
  extra: Partial<FairEventPayload> = {},
): DomainEvent<FairEventPayload> {
  return {
    type,
    aggregateType: 'fair',
    aggregateId: fair.id,
    audience: [...new Set([fair.organizerId, ...audience])],
    payload: {
      fairId: fair.id,
      name: fair.name,
      organizerId: fair.organizerId,
      venue: fair.venue,
      communeCode: fair.communeCode,
      provinceCode: fair.provinceCode,
      startsAt: fair.startsAt.toISOString(),
      endsAt: fair.endsAt.toISOString(),
      status: fair.status,
      ...extra,
    },
  };
}
