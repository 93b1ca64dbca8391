import { DomainError } from '@ocop/errors';
import { resolveAcceptance } from './acceptance';

const lines = [
  { id: 'l1', listingId: 'a', quantity: 10 },
  { id: 'l2', listingId: 'b', quantity: 4 },
];

describe('acceptance', () => {
  it('accepts everything when no lines are named', () => {
    expect(resolveAcceptance(lines, undefined).map((l) => [l.acceptedQty, l.releasedQty])).toEqual([
      [10, 0],
      [4, 0],
    ]);
  });

  it('accepts part of a line and releases the rest; unnamed lines in full', () => {
    const result = resolveAcceptance(lines, [{ lineId: 'l1', acceptedQty: 6 }]);
    expect(result.map((l) => [l.acceptedQty, l.releasedQty])).toEqual([
      [6, 4],
      [4, 0],
    ]);
  });

  it.each([
    [[{ lineId: 'l1', acceptedQty: 11 }], 'lines[0].acceptedQty'],
    [[{ lineId: 'l1', acceptedQty: -1 }], 'lines[0].acceptedQty'],
    [[{ lineId: 'zz', acceptedQty: 1 }], 'lines[0].lineId'],
    [
      [
        { lineId: 'l2', acceptedQty: 1 },
        { lineId: 'l2', acceptedQty: 2 },
      ],
      'lines[1].lineId',
    ],
    [
      [
        { lineId: 'l1', acceptedQty: 0 },
        { lineId: 'l2', acceptedQty: 0 },
      ],
      'lines',
    ],
  ])('refuses %j naming %s', (requested, field) => {
    try {
      resolveAcceptance(lines, requested);
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).code).toBe('ACCEPTED_QTY_INVALID');
      expect((error as DomainError).fieldErrors.map((e) => e.field)).toContain(field);
    }
  });
});
