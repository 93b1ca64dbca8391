/**
 * Sign-ins whose access tokens are refused before they expire. Access tokens are checked without a
 * round trip, so every process keeps this set in memory; the identity module fills it, from its own
 * revocations and from every other process's. An entry matters only while a token of that sign-in
 * can still be unexpired, so it is dropped `retentionMs` after the revocation and the set stays as
 * small as the revocations of the last few minutes.
 */
export class RevokedSessions {
  private readonly revokedUntil = new Map<string, number>();
  /** No entry expires before this, so lookups skip the sweep until then. */
  private sweepAtMs = Infinity;

  constructor(readonly retentionMs: number) {}

  /** `revokedAtMs` may lie in the past (a revocation loaded at start); the window runs from it. */
  revoke(sessionId: string, revokedAtMs: number, nowMs = Date.now()): void {
    const untilMs = revokedAtMs + this.retentionMs;
    if (untilMs <= nowMs) return;
    this.revokedUntil.set(sessionId, Math.max(untilMs, this.revokedUntil.get(sessionId) ?? 0));
    this.sweepAtMs = Math.min(this.sweepAtMs, untilMs);
    this.sweep(nowMs);
  }

  isRevoked(sessionId: string, nowMs = Date.now()): boolean {
    this.sweep(nowMs);
    return this.revokedUntil.has(sessionId);
  }

  /** Sign-ins still remembered. */
  get size(): number {
    return this.revokedUntil.size;
  }

  private sweep(nowMs: number): void {
    if (nowMs < this.sweepAtMs) return;
    this.sweepAtMs = Infinity;
    for (const [sessionId, untilMs] of this.revokedUntil) {
      if (untilMs <= nowMs) this.revokedUntil.delete(sessionId);
      else this.sweepAtMs = Math.min(this.sweepAtMs, untilMs);
    }
  }
}
