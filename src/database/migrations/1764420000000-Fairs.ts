import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Fairs, their stall maps, stall bookings, waitlists and check-in. The two guarantees the fairs
 * contract makes are constraints here rather than application checks:
 * - a venue (folded name within a commune) hosts one live (draft or published) fair at a time:
 *   an exclusion constraint over the fair's time range (btree_gist supplies `=` for text);
 * - a stall has at most one live (held or confirmed) booking: a partial unique index.
 */
export class Fairs1764420000000 implements MigrationInterface {
  name = 'Fairs1764420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE fairs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organizer_id uuid NOT NULL REFERENCES organizations (id),
        name text NOT NULL,
        venue text NOT NULL,
        venue_folded text GENERATED ALWAYS AS (regexp_replace(ocop_fold(venue), '\\s+', ' ', 'g')) STORED,
        commune_code text NOT NULL,
        province_code text NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        booking_opens_at timestamptz NOT NULL,
        booking_closes_at timestamptz NOT NULL,
        min_stars smallint CHECK (min_stars BETWEEN 1 AND 5),
        max_stalls_per_producer integer CHECK (max_stalls_per_producer >= 1),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'cancelled')),
        published_at timestamptz,
        cancelled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at),
        CHECK (booking_closes_at > booking_opens_at),
        CHECK (booking_closes_at <= ends_at),
        CONSTRAINT fairs_venue_no_overlap EXCLUDE USING gist (
          commune_code WITH =,
          venue_folded WITH =,
          tstzrange(starts_at, ends_at) WITH &&
        ) WHERE (status IN ('draft', 'published'))
      )`);
    await db.query(
      `CREATE INDEX fairs_public_idx ON fairs (starts_at, id) WHERE status IN ('published', 'closed')`,
    );
    await db.query(`CREATE INDEX fairs_province_idx ON fairs (province_code, starts_at)`);
    await db.query(`CREATE INDEX fairs_commune_idx ON fairs (commune_code, starts_at)`);
    await db.query(`CREATE INDEX fairs_organizer_idx ON fairs (organizer_id, starts_at)`);

    await db.query(`
      CREATE TABLE fair_stalls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs (id) ON DELETE CASCADE,
        code text NOT NULL,
        zone text,
        area_m2 numeric(8, 2) NOT NULL CHECK (area_m2 > 0),
        price_vnd bigint NOT NULL CHECK (price_vnd >= 0),
        kind text NOT NULL DEFAULT 'standard'
          CHECK (kind IN ('standard', 'corner', 'food', 'premium', 'outdoor')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Codes are compared case-insensitively: "a-01" and "A-01" are the same painted sign.
    await db.query(`CREATE UNIQUE INDEX fair_stalls_code_uq ON fair_stalls (fair_id, upper(code))`);

    await db.query(`
      CREATE TABLE fair_bookings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        fair_id uuid NOT NULL REFERENCES fairs (id),
        stall_id uuid NOT NULL REFERENCES fair_stalls (id),
        producer_id uuid NOT NULL REFERENCES organizations (id),
        status text NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired')),
        amount_vnd bigint NOT NULL CHECK (amount_vnd >= 0),
        hold_expires_at timestamptz,
        waitlist_entry_id uuid,
        payment_ref text,
        confirmed_at timestamptz,
        cancelled_at timestamptz,
        cancelled_by text CHECK (cancelled_by IN ('producer', 'organizer', 'fair_cancelled')),
        expired_at timestamptz,
        checked_in_at timestamptz,
        checked_in_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'held' OR hold_expires_at IS NOT NULL),
        CHECK (checked_in_at IS NULL OR status = 'confirmed')
      )`);
    await db.query(`
      CREATE UNIQUE INDEX fair_bookings_one_live_per_stall
        ON fair_bookings (stall_id) WHERE status IN ('held', 'confirmed')`);
    await db.query(
      `CREATE INDEX fair_bookings_producer_idx ON fair_bookings (producer_id, created_at DESC, id)`,
    );
    await db.query(`CREATE INDEX fair_bookings_fair_idx ON fair_bookings (fair_id, producer_id)`);
    await db.query(
      `CREATE INDEX fair_bookings_holds_idx ON fair_bookings (hold_expires_at) WHERE status = 'held'`,
    );

    await db.query(`
      CREATE TABLE fair_waitlist_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        fair_id uuid NOT NULL REFERENCES fairs (id),
        producer_id uuid NOT NULL REFERENCES organizations (id),
        zone text,
        kind text,
        status text NOT NULL DEFAULT 'waiting'
          CHECK (status IN ('waiting', 'offered', 'fulfilled', 'lapsed', 'cancelled')),
        offered_booking_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open request per producer and wish (zone, kind) in a fair.
    await db.query(`
      CREATE UNIQUE INDEX fair_waitlist_open_uq
        ON fair_waitlist_entries (fair_id, producer_id, coalesce(upper(zone), ''), coalesce(kind, ''))
        WHERE status IN ('waiting', 'offered')`);
    await db.query(
      `CREATE INDEX fair_waitlist_queue_idx ON fair_waitlist_entries (fair_id, seq) WHERE status = 'waiting'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE fair_waitlist_entries`);
    await db.query(`DROP TABLE fair_bookings`);
    await db.query(`DROP TABLE fair_stalls`);
    await db.query(`DROP TABLE fairs`);
  }
}
