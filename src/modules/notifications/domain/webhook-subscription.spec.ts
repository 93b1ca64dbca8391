import { endpointWants } from './delivery-policy';
import { subscriptionPatterns, unknownPatternErrors } from './webhook-subscription';

describe('webhook subscriptions', () => {
  const types = ['payment.received', 'booking.held', 'payment.failed'];
  const allowed = new Set(subscriptionPatterns(types));

  it('allows everything, each family that has a type, and each type', () => {
    expect(subscriptionPatterns(types)).toEqual([
      '*',
      'booking.*',
      'payment.*',
      'booking.held',
      'payment.failed',
      'payment.received',
    ]);
  });

  it('names every pattern that is not allowed by its index', () => {
    expect(
      unknownPatternErrors(
        ['payment.*', 'no.such.event', 'payment.received', 'order.*', 'payment.**', 'Payment.received'],
        allowed,
        'events',
      ).map((error) => error.field),
    ).toEqual(['events[1]', 'events[3]', 'events[4]', 'events[5]']);
    expect(unknownPatternErrors(['*', 'booking.held'], allowed, 'events')).toEqual([]);
  });

  it('matches deliveries the way it lets patterns be written', () => {
    for (const pattern of allowed) {
      expect(types.some((type) => endpointWants([pattern], type))).toBe(true);
    }
  });
});
