import { AppConfig } from '../../../config';
import { CheckInCodes } from './check-in-codes';

const codesWith = (jwtSecret: string) => new CheckInCodes({ jwtSecret } as AppConfig);

describe('check-in codes', () => {
  const bookingId = '3f1c2b9e-5d4a-4c1b-9a7e-2f6d8c0b1a23';
  const codes = codesWith('a'.repeat(48));

  it('signs the booking id and accepts its own code only', () => {
    const code = codes.codeFor(bookingId);
    expect(code).toMatch(/^3f1c2b9e-5d4a-4c1b-9a7e-2f6d8c0b1a23\.[A-Za-z0-9_-]{32}$/);
    expect(codes.verify(bookingId, code)).toBe(true);
    expect(codes.verify(bookingId.toUpperCase(), code)).toBe(true);
  });

  it('refuses forged, truncated, swapped and foreign-key codes', () => {
    const code = codes.codeFor(bookingId);
    const other = '9a7e2f6d-8c0b-4a23-9f1c-2b9e5d4a4c1b';
    expect(codes.verify(bookingId, `${bookingId}.${'A'.repeat(32)}`)).toBe(false);
    expect(codes.verify(bookingId, code.slice(0, -1))).toBe(false);
    expect(codes.verify(bookingId, bookingId)).toBe(false);
    expect(codes.verify(other, code)).toBe(false);
    expect(codes.verify(other, `${other}.${code.split('.')[1]}`)).toBe(false);
    expect(codesWith('b'.repeat(48)).verify(bookingId, code)).toBe(false);
  });
});
