import { DomainError } from '@ocop/errors';
import { decodeCursor, encodeCursor } from './page';

const ID = '0b7c9a34-58a5-4d0e-9f3e-2d1f6c1a7e10';

function fieldsOf(work: () => unknown): string[] | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as DomainError).fieldErrors.map((fieldError) => fieldError.field);
  }
}

describe('cursors', () => {
  it('gives back the position it was made from', () => {
    const position = ['2026-11-29T16:50:19.556Z', ID];
    expect(decodeCursor(encodeCursor(position), ['timestamp', 'uuid'])).toEqual(position);
    expect(decodeCursor(encodeCursor(['2026-11-29 16:50:19.556123+00', ID]), ['timestamp', 'uuid'])).toEqual([
      '2026-11-29 16:50:19.556123+00',
      ID,
    ]);
    expect(decodeCursor(encodeCursor(['Kho Hạ Long', ID]), ['text', 'uuid'])).toEqual(['Kho Hạ Long', ID]);
    expect(decodeCursor(encodeCursor(['2026-12-01', ID]), ['date', 'uuid'])).toEqual(['2026-12-01', ID]);
    expect(decodeCursor(encodeCursor(['42']), ['integer'])).toEqual(['42']);
    expect(decodeCursor(encodeCursor([0.87, ID]), ['any', 'uuid'])).toEqual([0.87, ID]);
    expect(decodeCursor(undefined, ['uuid'])).toBeUndefined();
  });

  const instantAndId = ['timestamp', 'uuid'] as const;
  it.each([
    ['not base64 json', 'not a cursor!', instantAndId],
    ['wrong arity', encodeCursor(['2026-11-29T16:50:19.556Z']), instantAndId],
    ['not a timestamp', encodeCursor(['x', ID]), instantAndId],
    ['not a uuid', encodeCursor(['2026-11-29T16:50:19.556Z', 'not-uuid']), instantAndId],
    ['year 0000', encodeCursor(['0000-01-01T00:00:00.000Z', ID]), instantAndId],
    ['impossible day', encodeCursor(['2026-02-30T00:00:00.000Z', ID]), instantAndId],
    ['hour 24', encodeCursor(['2026-02-03T24:00:00.000Z', ID]), instantAndId],
    ['an object', encodeCursor({ 0: 'a', 1: ID } as unknown as unknown[]), instantAndId],
    ['a number for text', encodeCursor([1, ID]), ['text', 'uuid'] as const],
    ['NUL in text', encodeCursor(['a\u0000b', ID]), ['text', 'uuid'] as const],
    ['a negative integer', encodeCursor(['-1']), ['integer'] as const],
    ['an impossible date', encodeCursor(['2026-13-01', ID]), ['date', 'uuid'] as const],
  ])('refuses a cursor with %s as a 400 on the cursor field', (_case, cursor, shape) => {
    expect(fieldsOf(() => decodeCursor(cursor, shape))).toEqual(['cursor']);
  });
});
