import { randomBytes, randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Clock } from '@ocop/clock';
import { DataSource } from 'typeorm';
import { BA_CHE_COMMUNE, Session } from './factories';
import { TestApp } from './test-app';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Many producer organizations at once, for races: inserted in one statement and given signed
 * access tokens directly, because a hundred argon2 registrations would dominate the suite's time.
 * The tokens are real: the app verifies them exactly like tokens from /auth/login.
 */
export async function bulkProducers(
  t: TestApp,
  count: number,
  options: { verified?: boolean } = {},
): Promise<Session[]> {
  const db = t.app.get(DataSource);
  const jwt = t.app.get(JwtService);
  const status = options.verified === false ? 'pending' : 'verified';
  const seeds = Array.from({ length: count }, (_, i) => ({
    orgId: randomUUID(),
    userId: randomUUID(),
    name: `HTX Đua ${i} ${randomBytes(3).toString('hex')}`,
    email: `racer.${i}.${randomBytes(4).toString('hex')}@test.ocop.vn`,
  }));
  await db.query(
    `INSERT INTO organizations (id, name, role, kind, status, commune_code, province_code, verified_at)
     SELECT s.org_id, s.name, 'producer', 'cooperative', $2, $3, '22', CASE WHEN $2 = 'verified' THEN now() END
       FROM jsonb_to_recordset($1::jsonb) AS s(org_id uuid, name text)`,
    [JSON.stringify(seeds.map((s) => ({ org_id: s.orgId, name: s.name }))), status, BA_CHE_COMMUNE],
  );
  await db.query(
    `INSERT INTO users (id, email, password_hash, full_name, role, organization_id)
     SELECT s.user_id, s.email, 'not-a-password-hash', 'Thành viên HTX', 'producer', s.org_id
       FROM jsonb_to_recordset($1::jsonb) AS s(user_id uuid, email text, org_id uuid)`,
    [JSON.stringify(seeds.map((s) => ({ user_id: s.userId, email: s.email, org_id: s.orgId })))],
  );
  return Promise.all(
    seeds.map(async (s) => ({
      token: await jwt.signAsync({ sub: s.userId, role: 'producer', org: s.orgId }, { jwtid: randomUUID() }),
      refreshToken: '',
      userId: s.userId,
      organizationId: s.orgId,
      email: s.email,
    })),
  );
}

export interface FairTimes {
  startsAt: Date;
  endsAt: Date;
  bookingOpensAt: Date;
  bookingClosesAt: Date;
}

/** A fair from `startInDays` days ahead, lasting 3 days, bookable from an hour ago until the day before. */
export function fairTimes(clock: Clock, startInDays = 10): FairTimes {
  const now = clock.now().getTime();
  const startsAt = new Date(now + startInDays * DAY);
  return {
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3 * DAY),
    bookingOpensAt: new Date(now - HOUR),
    bookingClosesAt: new Date(startsAt.getTime() - DAY),
  };
}

export function fairBody(clock: Clock, overrides: Record<string, unknown> = {}) {
  const times = fairTimes(clock);
  return {
    name: `Hội chợ OCOP ${randomBytes(3).toString('hex')}`,
    venue: `Nhà văn hóa ${randomBytes(4).toString('hex')}`,
    communeCode: BA_CHE_COMMUNE,
    startsAt: times.startsAt.toISOString(),
    endsAt: times.endsAt.toISOString(),
    bookingOpensAt: times.bookingOpensAt.toISOString(),
    bookingClosesAt: times.bookingClosesAt.toISOString(),
    ...overrides,
  };
}

/**
 * A published fair with `count` standard stalls A-01… at `priceVnd` each (2,500,000 unless given;
 * 0 makes free stalls, which the organizer confirms), or with the given `stalls`.
 */
export async function publishedFair(
  t: TestApp,
  organizer: { token: string },
  clock: Clock,
  options: {
    fair?: Record<string, unknown>;
    stalls?: Array<Record<string, unknown>>;
    count?: number;
    priceVnd?: number;
  } = {},
): Promise<{ fair: any; stalls: any[] }> {
  const created = await t.http.post('/fairs', fairBody(clock, options.fair), { token: organizer.token });
  if (created.status !== 201) throw new Error(`create fair: ${created.status} ${created.text}`);
  const stalls =
    options.stalls ??
    Array.from({ length: options.count ?? 3 }, (_, i) => ({
      code: `A-${String(i + 1).padStart(2, '0')}`,
      zone: 'A',
      areaM2: 9,
      priceVnd: options.priceVnd ?? 2_500_000,
    }));
  const added = await t.http.post(`/fairs/${created.body.id}/stalls`, { stalls }, { token: organizer.token });
  if (added.status !== 201) throw new Error(`add stalls: ${added.status} ${added.text}`);
  const published = await t.http.post(`/fairs/${created.body.id}/publish`, {}, { token: organizer.token });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${published.text}`);
  return { fair: published.body, stalls: added.body.items };
}

/** A product of the producer with an OCOP certificate of `stars`, recorded by the OCOP office. */
export async function rateProducer(
  t: TestApp,
  admin: { token: string },
  producer: { token: string },
  stars: number,
): Promise<void> {
  const product = await t.http.post(
    '/products',
    { name: `Chè ${randomBytes(3).toString('hex')}`, category: 'beverage', unit: 'hộp' },
    { token: producer.token },
  );
  if (product.status !== 201) throw new Error(`create product: ${product.status} ${product.text}`);
  const rating = await t.http.post(
    `/admin/products/${product.body.id}/ocop-rating`,
    {
      stars,
      certificateNo: `QN-OCOP-${randomBytes(5).toString('hex')}`,
      level: stars === 5 ? 'national' : 'province',
      issuedOn: '2026-01-10',
      expiresOn: '2028-12-31',
    },
    { token: admin.token },
  );
  if (rating.status !== 201) throw new Error(`rate product: ${rating.status} ${rating.text}`);
}

/** Outbox rows written for one aggregate, oldest first. */
export async function outboxOf(
  t: TestApp,
  aggregateId: string,
): Promise<Array<{ type: string; audience: string[]; payload: any }>> {
  const rows: Array<{ event_type: string; audience: string[]; payload: any }> = await t.app
    .get(DataSource)
    .query(
      `SELECT event_type, audience, payload FROM outbox WHERE aggregate_id = $1 ORDER BY occurred_at, id`,
      [aggregateId],
    );
  return rows.map((row) => ({ type: row.event_type, audience: row.audience, payload: row.payload }));
}
