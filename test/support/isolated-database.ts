import { DataSource } from 'typeorm';
import { ensureDatabase, runMigrations } from '../../src/database/migrate';

/**
 * A migrated database of a suite's own (the run's database name plus a suffix), for suites that
 * count rows across whole tables and so must not see the other suites running beside them.
 */
export async function isolatedDatabase(suffix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const url = `${process.env.DATABASE_URL}_${suffix}`;
  await ensureDatabase(url);
  await runMigrations(url);
  return {
    url,
    async drop() {
      const server = new URL(url);
      const name = server.pathname.slice(1);
      server.pathname = '/postgres';
      const admin = new DataSource({ type: 'postgres', url: server.toString() });
      await admin.initialize();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.destroy();
    },
  };
}
