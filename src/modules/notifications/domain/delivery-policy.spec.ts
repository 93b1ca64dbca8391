import { effectiveChannels, endpointWants, isLastAttempt } from './delivery-policy';

describe('delivery policy', () => {
  it('always keeps the inbox; email unless the user turned it off for the type or by default', () => {
    expect(effectiveChannels(new Map(), 'payment.received')).toEqual(['inbox', 'email']);
    expect(effectiveChannels(new Map([['*', []]]), 'payment.received')).toEqual(['inbox']);
    expect(
      effectiveChannels(
        new Map([
          ['*', []],
          ['payment.received', ['email']],
        ]),
        'payment.received',
      ),
    ).toEqual(['inbox', 'email']);
    expect(effectiveChannels(new Map([['booking.held', []]]), 'payment.received')).toEqual([
      'inbox',
      'email',
    ]);
  });

  it('matches webhook subscriptions exactly, by family or all', () => {
    expect(endpointWants(['*'], 'booking.held')).toBe(true);
    expect(endpointWants(['booking.*'], 'booking.held')).toBe(true);
    expect(endpointWants(['booking.*'], 'bookings.held')).toBe(false);
    expect(endpointWants(['payment.received'], 'payment.received')).toBe(true);
    expect(endpointWants(['payment.received'], 'payment.failed')).toBe(false);
  });

  it('knows the last attempt from BullMQ counters', () => {
    expect(isLastAttempt(0, 3)).toBe(false);
    expect(isLastAttempt(2, 3)).toBe(true);
    expect(isLastAttempt(0, 1)).toBe(true);
  });
});
