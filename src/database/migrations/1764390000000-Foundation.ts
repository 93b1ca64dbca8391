import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Extensions, shared infrastructure tables (outbox, idempotency keys) and the identity and
 * organization tables. `ocop_fold` is the immutable folding used by search indexes: unaccent() is
 * only STABLE, so it cannot appear in an index expression without this wrapper.
 */
export class Foundation1764390000000 implements MigrationInterface {
  name = 'Foundation1764390000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await db.query(`
      CREATE OR REPLACE FUNCTION ocop_fold(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary,
                     translate(normalize(value, NFC), 'đĐ', 'dD')))
      $$`);

    await db.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_type text NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id text NOT NULL,
        audience uuid[] NOT NULL DEFAULT '{}',
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_unrelayed_idx ON outbox (occurred_at) WHERE relayed_at IS NULL`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);

    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        name_folded text GENERATED ALWAYS AS (ocop_fold(name)) STORED,
        role text NOT NULL CHECK (role IN ('producer', 'buyer', 'organizer')),
        kind text NOT NULL CHECK (kind IN ('cooperative', 'enterprise', 'household', 'farm',
                                           'retail_chain', 'store', 'distributor', 'fair_organizer')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'suspended')),
        tax_code text,
        commune_code text,
        province_code text,
        address text,
        phone text,
        payment_terms_days integer NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX organizations_role_status_idx ON organizations (role, status)`);
    await db.query(`CREATE INDEX organizations_commune_idx ON organizations (commune_code)`);
    await db.query(`
      CREATE TABLE organization_status_history (
        id bigserial PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        from_status text,
        to_status text NOT NULL,
        actor_user_id uuid,
        reason text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE,
        password_hash text NOT NULL,
        full_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('producer', 'buyer', 'organizer', 'admin')),
        organization_id uuid REFERENCES organizations (id),
        locale text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz,
        CHECK ((role = 'admin') = (organization_id IS NULL))
      )`);
    await db.query(`CREATE INDEX users_organization_idx ON users (organization_id)`);

    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE users`);
    await db.query(`DROP TABLE organization_status_history`);
    await db.query(`DROP TABLE organizations`);
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP FUNCTION ocop_fold(text)`);
  }
}
