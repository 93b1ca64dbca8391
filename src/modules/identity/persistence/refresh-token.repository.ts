import { Injectable } from '@nestjs/common';
import { Tx } from '@ocop/persistence';

/** PostgreSQL channel on which a revoked sign-in's family id is announced to every process. */
export const SESSION_REVOKED_CHANNEL = 'identity_session_revoked';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  /** Whether this token or any token of its sign-in has been revoked. */
  family_revoked: boolean;
}

export interface RevokedFamily {
  familyId: string;
  /** How long ago it was revoked, by the database's clock. */
  ageMs: number;
}

@Injectable()
export class RefreshTokenRepository {
  async insert(
    tx: Tx,
    token: { userId: string; familyId: string; tokenHash: string; expiresAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [token.userId, token.familyId, token.tokenHash, token.expiresAt],
    );
  }

  /**
   * The whole family is consulted, not only this row: a refresh racing the revocation can insert its
   * successor after the revoking UPDATE took its snapshot, and that successor must not live on.
   */
  async lockByHash(tx: Tx, tokenHash: string): Promise<RefreshTokenRow | undefined> {
    return tx.one<RefreshTokenRow>(
      `SELECT t.id, t.user_id, t.family_id, t.expires_at, t.used_at,
              EXISTS (SELECT 1 FROM refresh_tokens f
                       WHERE f.family_id = t.family_id AND f.revoked_at IS NOT NULL) AS family_revoked
         FROM refresh_tokens t WHERE t.token_hash = $1 FOR UPDATE OF t`,
      [tokenHash],
    );
  }

  async markUsed(tx: Tx, id: string): Promise<void> {
    await tx.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [id]);
  }

  /**
   * Revokes every token of the sign-in and announces it. The NOTIFY is part of the transaction, so
   * other processes hear of exactly the revocations that committed. It serializes the commits of
   * notifying transactions, which is of no matter for something as rare as a revocation.
   */
  async revokeFamily(tx: Tx, familyId: string): Promise<void> {
    await tx.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
    await tx.query(`SELECT pg_notify($1, $2)`, [SESSION_REVOKED_CHANNEL, familyId]);
  }

  /** Sign-ins revoked within the last `withinMs`, for a process that may have missed their NOTIFY. */
  async familiesRevokedWithin(tx: Tx, withinMs: number): Promise<RevokedFamily[]> {
    const rows = await tx.query<{ family_id: string; age_ms: number }>(
      `SELECT family_id, (extract(epoch FROM now() - max(revoked_at)) * 1000)::float8 AS age_ms
         FROM refresh_tokens
        WHERE revoked_at > now() - $1 * interval '1 millisecond'
        GROUP BY family_id`,
      [withinMs],
    );
    return rows.map((row) => ({ familyId: row.family_id, ageMs: row.age_ms }));
  }
}
