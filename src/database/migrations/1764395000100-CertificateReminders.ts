import { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per OCOP certificate reminder sent, so the daily schedule never sends one twice. */
export class CertificateReminders1764395000100 implements MigrationInterface {
  name = 'CertificateReminders1764395000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE certificate_reminders (
        certificate_id uuid NOT NULL,
        kind text NOT NULL,
        expires_on date NOT NULL,
        sent_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (certificate_id, kind, expires_on)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE certificate_reminders`);
  }
}
