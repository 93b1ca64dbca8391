import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CommonErrors, DomainError, ErrorKind, FieldError } from '@ocop/errors';
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
// A request that lost the race for the key to one that succeeded meanwhile keeps that one's answer.
const RECORD_FAILURE = `
  INSERT INTO idempotency_keys (user_id, key, fingerprint, failure) VALUES ($1, $2, $3, $4)
  ON CONFLICT (user_id, key) DO NOTHING`;

/**
 * Refusals that are the request's answer and would be the same again: replayed like a success.
 * Not outages (503, 500), rate limits or sign-in problems, which a retry with the same key may get past.
 */
const REPLAYED_KINDS = new Set<ErrorKind>(['invalid', 'forbidden', 'not_found', 'conflict', 'unprocessable']);
const NEVER_REPLAYED = new Set(['IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_KEY_INVALID']);

interface StoredFailure {
  kind: ErrorKind;
  code: string;
  params: Record<string, unknown>;
  fieldErrors: FieldError[];
}

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
 * commits (then replays its answer) or rolls back (then does the work itself). A success is stored
 * with the commit; a domain refusal (409 INSUFFICIENT_STOCK, 422 ...) once the transaction has rolled
 * back, so the same key answers the same refusal even after stock came back. Outages are not stored:
 * the same key may be retried through them. Bodies refused by validation never reach the work and
 * leave the key unused.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

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
      const stored = await tx.one<{ fingerprint: string; response: T | null; failure: StoredFailure | null }>(
        `SELECT fingerprint, response, failure FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [scope.userId, scope.key],
      );
      if (!stored || stored.fingerprint !== scope.fingerprint) throw CommonErrors.IDEMPOTENCY_KEY_REUSED();
      if (stored.failure !== null) {
        const { kind, code, params, fieldErrors } = stored.failure;
        throw new DomainError(kind, code, params, fieldErrors);
      }
      if (stored.response !== null) return stored.response;
    }
    tx.afterRollback((error) => this.rememberFailure(scope, error));
    if (reading.status === 'rejected') throw reading.reason;
    const result = await write(reading.value);
    // Travels with the COMMIT; the transaction commits only if it was stored.
    tx.send(RECORD_RESPONSE, [scope.userId, scope.key, JSON.stringify(result)]);
    return result;
  }

  private async rememberFailure(scope: IdempotencyScope, error: unknown): Promise<void> {
    if (
      !(error instanceof DomainError) ||
      !REPLAYED_KINDS.has(error.kind) ||
      NEVER_REPLAYED.has(error.code)
    ) {
      return;
    }
    const failure: StoredFailure = {
      kind: error.kind,
      code: error.code,
      // What the problem document shows of them; an Error kept as a cause is not.
      params: Object.fromEntries(
        Object.entries(error.params).filter(([, value]) => !(value instanceof Error)),
      ),
      fieldErrors: error.fieldErrors,
    };
    await this.dataSource.query(RECORD_FAILURE, [
      scope.userId,
      scope.key,
      scope.fingerprint,
      JSON.stringify(failure),
    ]);
  }
}
