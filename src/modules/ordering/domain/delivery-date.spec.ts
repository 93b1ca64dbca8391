import { DomainError } from '@ocop/errors';
import { checkDeliveryDate } from './delivery-date';

function codeOf(work: () => void): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('delivery date', () => {
  it('accepts today when no lead time is needed, refuses yesterday', () => {
    expect(codeOf(() => checkDeliveryDate('2026-11-29', '2026-11-29', 0))).toBeUndefined();
    expect(codeOf(() => checkDeliveryDate('2026-11-28', '2026-11-29', 0))).toBe('DELIVERY_DATE_IN_PAST');
  });

  it('needs the longest lead time ahead of today', () => {
    expect(codeOf(() => checkDeliveryDate('2026-12-01', '2026-11-29', 3))).toBe('DELIVERY_DATE_TOO_SOON');
    expect(codeOf(() => checkDeliveryDate('2026-12-02', '2026-11-29', 3))).toBeUndefined();
  });
});
