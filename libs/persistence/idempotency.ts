import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { CommonErrors } from '@ocop/errors';
import { prepared, Tx } from './transaction';

const CLAIM = prepared(
  'idempotency.claim',
  `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, $3)
   ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
);
const RECORD_RESPONSE = prepared(
  'idempotency.record-response',
  `UPDATE idempotency_keys SET response = $3 WHERE user_id = $1 AND key = $2`,
);

export interface IdempotencyScope {
  userId: string;
  key: string;
  /** What the request asked for: method, route and body. The same key with another fingerprint is 422. */
  fingerprint: string;
}

export function fingerprintOf(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Exactly-once handling of `Idempotency-Key`. The key row is claimed first inside the caller's
 * transaction: a concurrent request with the same key waits on the unique index until the first one
 * commits (then replays its answer) or rolls back (then does the work itself). Only committed,
 * successful answers are stored, so a failed attempt can be retried with the same key.
 */
@Injectable()
export class IdempotencyStore {
  once<T>(tx: Tx, scope: IdempotencyScope | undefined, work: () => Promise<T>): Promise<T> {
    return this.onceAfterReading(tx, scope, async () => undefined, work);
  }

  /**
   * `once` for work that begins with reads: `read` starts at once, its statements pipelined behind
   * the key's claim (one round trip for both), and `write` runs on what it read only once the key is
   * this request's. When the key was used before, its answer is replayed whatever the reads found.
   */
  async onceAfterReading<R, T>(
    tx: Tx,
    scope: IdempotencyScope | undefined,
    read: () => Promise<R>,
    write: (read: R) => Promise<T>,
  ): Promise<T> {
    if (!scope) return write(await read());
    if (scope.key.length < 1 || scope.key.length > 255) throw CommonErrors.IDEMPOTENCY_KEY_INVALID();
    const [claim, reading] = await Promise.allSettled([
      tx.query(CLAIM, [scope.userId, scope.key, scope.fingerprint]),
      read(),
    ]);
    if (claim.status === 'rejected') throw claim.reason;
    if (claim.value.length === 0) {
      const stored = await tx.one<{ fingerprint: string; response: T | null }>(
        `SELECT fingerprint, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [scope.userId, scope.key],
      );
      if (!stored || stored.fingerprint !== scope.fingerprint) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
      if (stored.response !== null) return stored.response;
    }
    if (reading.status === 'rejected') throw reading.reason;
    const result = await write(reading.value);
    // Travels with the COMMIT; the transaction commits only if it was stored.
    tx.send(RECORD_RESPONSE, [scope.userId, scope.key, JSON.stringify(result)]);
    return result;
  }
}
