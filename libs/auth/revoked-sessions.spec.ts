import { RevokedSessions } from './revoked-sessions';

describe('RevokedSessions', () => {
  const T0 = 1_800_000_000_000;

  it('refuses a revoked sign-in until its retention has passed, and forgets it then', () => {
    const revoked = new RevokedSessions(1_000);
    revoked.revoke('a', T0, T0);
    expect(revoked.isRevoked('a', T0)).toBe(true);
    expect(revoked.isRevoked('a', T0 + 999)).toBe(true);
    expect(revoked.isRevoked('b', T0 + 999)).toBe(false);
    expect(revoked.isRevoked('a', T0 + 1_000)).toBe(false);
    expect(revoked.size).toBe(0);
  });

  it('counts the window from the revocation, not from when this process heard of it', () => {
    const revoked = new RevokedSessions(1_000);
    revoked.revoke('loaded-late', T0 - 600, T0);
    expect(revoked.isRevoked('loaded-late', T0 + 399)).toBe(true);
    expect(revoked.isRevoked('loaded-late', T0 + 400)).toBe(false);
  });

  it('does not keep a revocation whose tokens have all expired already', () => {
    const revoked = new RevokedSessions(1_000);
    revoked.revoke('old', T0 - 1_000, T0);
    expect(revoked.size).toBe(0);
    expect(revoked.isRevoked('old', T0)).toBe(false);
  });

  it('keeps the later window when a sign-in is revoked twice', () => {
    const revoked = new RevokedSessions(1_000);
    revoked.revoke('a', T0 + 500, T0 + 500);
    revoked.revoke('a', T0, T0 + 500);
    expect(revoked.isRevoked('a', T0 + 1_200)).toBe(true);
    expect(revoked.isRevoked('a', T0 + 1_500)).toBe(false);
  });

  it('drops each entry at its own time, whatever the order they came in', () => {
    const revoked = new RevokedSessions(1_000);
    revoked.revoke('late', T0 + 300, T0);
    revoked.revoke('early', T0 - 300, T0);
    revoked.revoke('middle', T0, T0);
    expect(revoked.size).toBe(3);
    expect(revoked.isRevoked('late', T0 + 700)).toBe(true);
    expect(revoked.size).toBe(2);
    expect(revoked.isRevoked('middle', T0 + 1_000)).toBe(false);
    expect(revoked.size).toBe(1);
    expect(revoked.isRevoked('late', T0 + 1_299)).toBe(true);
    expect(revoked.isRevoked('late', T0 + 1_300)).toBe(false);
    expect(revoked.size).toBe(0);
  });
});
