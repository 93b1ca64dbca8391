import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../../config';

/**
 * The QR payload a producer shows at the gate: `<bookingId>.<signature>`. The signature is an HMAC
 * of the booking id under a key derived from the JWT secret (a separate purpose string, so a token
 * signature can never double as a check-in code), which makes codes impossible to guess or forge
 * while needing no storage. Rotating JWT_SECRET invalidates printed codes; producers then reopen
 * the booking to get the new one.
 */
@Injectable()
export class CheckInCodes {
  private readonly key: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = createHmac('sha256', config.jwtSecret).update('ocop/fairs/check-in/v1').digest();
  }

  codeFor(bookingId: string): string {
    return `${bookingId}.${this.signature(bookingId)}`;
  }

  /** Whether `code` is the genuine code of this booking. */
  verify(bookingId: string, code: string): boolean {
    const dot = code.lastIndexOf('.');
    if (dot < 0 || code.slice(0, dot).toLowerCase() !== bookingId.toLowerCase()) return false;
    const given = Buffer.from(code.slice(dot + 1));
    const expected = Buffer.from(this.signature(bookingId));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private signature(bookingId: string): string {
    return createHmac('sha256', this.key).update(bookingId.toLowerCase()).digest('base64url').slice(0, 32);
  }
}
