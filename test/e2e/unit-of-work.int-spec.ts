import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { prepared, together, UnitOfWork } from '@ocop/persistence';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The unit of work pipelines: BEGIN and statements sent with `Tx.send` go out without waiting for
 * their answers. These are the guarantees that must survive that: a sent statement that fails fails
 * the whole transaction with its own error, never a commit of what came before it.
 */
describe('unit of work: pipelined statements', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  let sql: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    sql = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const keysOf = async (userId: string) =>
    (await sql.query(`SELECT key FROM idempotency_keys WHERE user_id = $1 ORDER BY key`, [userId])).map(
      (row: { key: string }) => row.key,
    );
  const aUser = async () => {
    const [user] = await sql.query(
      `INSERT INTO users (email, password_hash, full_name, role) VALUES ($1, 'x', 'Người thử', 'admin') RETURNING id`,
      [`uow-${randomUUID()}@example.vn`],
    );
    return user.id as string;
  };
  const insertKey = `INSERT INTO idempotency_keys (user_id, key, fingerprint) VALUES ($1, $2, 'f')`;

  it('commits sent statements with the transaction', async () => {
    const userId = await aUser();
    await uow.run(async (tx) => {
      tx.send(insertKey, [userId, 'a']);
      tx.send(prepared('test.uow.insert-key', insertKey), [userId, 'b']);
    });
    expect(await keysOf(userId)).toEqual(['a', 'b']);
  });

  it('rolls everything back when a statement sent last fails, and reports its error', async () => {
    const userId = await aUser();
    const outcome = uow.run(async (tx) => {
      await tx.execute(insertKey, [userId, 'kept?']);
      tx.send(insertKey, [userId, 'twice']);
      tx.send(insertKey, [userId, 'twice']);
    });
    await expect(outcome).rejects.toMatchObject({ code: '23505' });
    expect(await keysOf(userId)).toEqual([]);
  });

  it('reports the failed sent statement, not the aborted statements after it', async () => {
    const userId = await aUser();
    const outcome = uow.run(async (tx) => {
      tx.send(`SELECT 1 / 0`);
      await tx.execute(insertKey, [userId, 'after']);
    });
    await expect(outcome).rejects.toMatchObject({ code: '22012' });
    expect(await keysOf(userId)).toEqual([]);
  });

  it('reports the first failure in argument order from work started together', async () => {
    const userId = await aUser();
    const outcome = uow.run(async (tx) => {
      await together(tx.query(`SELECT 1 / 0`), tx.execute(insertKey, [userId, 'x']));
    });
    await expect(outcome).rejects.toMatchObject({ code: '22012' });
    expect(await keysOf(userId)).toEqual([]);
  });

  it('retries the whole transaction when a sent statement hits a serialization failure', async () => {
    const userId = await aUser();
    let attempts = 0;
    await uow.run(async (tx) => {
      attempts++;
      tx.send(insertKey, [userId, `attempt-${attempts}`]);
      if (attempts === 1) {
        tx.send(`DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$`);
      }
    });
    expect(attempts).toBe(2);
    expect(await keysOf(userId)).toEqual(['attempt-2']);
  });

  it('keeps its connections usable after failures in the pipeline', async () => {
    const failures = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        uow.run(async (tx) => {
          tx.send(`SELECT 1 / 0`);
          await tx.query(`SELECT 1`);
        }),
      ),
    );
    expect(failures.every((f) => f.status === 'rejected')).toBe(true);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        uow.run((tx) => tx.one<{ n: number }>(`SELECT $1::int AS n`, [i])),
      ),
    );
    expect(answers.map((a) => a?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });
});
