/**
 * A pool that finds PostgreSQL full waits for a connection instead of failing the request, and
 * gives up on anything else at once. "Full" is real here: a role limited to one connection, held
 * by another client, refuses the second with SQLSTATE 53300, the same refusal a server at
 * max_connections gives.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withAdminClient } from '../src/admin.js';
import { patientConnect } from '../src/client.js';
import { adminConfig } from '../src/config.js';

const ROLE = 'tessera_test_one_connection';
const config = (): pg.PoolConfig => ({ ...adminConfig(), user: ROLE, password: 'one', database: 'postgres' });

beforeAll(async () => {
  await withAdminClient(async (client) => {
    await client.query(`DROP ROLE IF EXISTS ${ROLE}`);
    await client.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD 'one' CONNECTION LIMIT 1`);
  });
});

afterAll(async () => {
  await withAdminClient(async (client) => {
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1`, [ROLE]);
    await client.query(`DROP ROLE IF EXISTS ${ROLE}`);
  });
});

async function holdingTheOnlyConnection<T>(work: (holder: pg.Client) => Promise<T>): Promise<T> {
  const holder = new pg.Client(config());
  await holder.connect();
  try {
    return await work(holder);
  } finally {
    await holder.end().catch(() => undefined);
  }
}

describe('patientConnect', () => {
  it('a plain pool fails at once when the server is full (53300): what the requests used to get', async () => {
    const pool = new pg.Pool({ ...config(), max: 1 });
    try {
      await holdingTheOnlyConnection(async () => {
        await expect(pool.query('SELECT 1')).rejects.toMatchObject({ code: '53300' });
      });
    } finally {
      await pool.end();
    }
  });

  it('waits for a connection to free up, through pool.query and pool.connect, and the query runs once', async () => {
    const pool = patientConnect(new pg.Pool({ ...config(), max: 1 }), 5000);
    try {
      const started = Date.now();
      const { queried, connected } = await holdingTheOnlyConnection(async (holder) => {
        const queried = pool.query<{ one: number }>('SELECT 1 AS one');
        setTimeout(() => void holder.end(), 400);
        const rows = (await queried).rows;
        const client = await pool.connect();
        const connected = (await client.query<{ two: number }>('SELECT 2 AS two')).rows;
        client.release();
        return { queried: rows, connected };
      });
      expect(queried).toEqual([{ one: 1 }]);
      expect(connected).toEqual([{ two: 2 }]);
      expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    } finally {
      await pool.end();
    }
  });

  it('gives up after its wait, with the server’s refusal', async () => {
    const pool = patientConnect(new pg.Pool({ ...config(), max: 1 }), 300);
    try {
      await holdingTheOnlyConnection(async () => {
        const started = Date.now();
        await expect(pool.query('SELECT 1')).rejects.toMatchObject({ code: '53300' });
        expect(Date.now() - started).toBeLessThan(2000);
      });
    } finally {
      await pool.end();
    }
  });

  it('does not retry a refusal that is final (a database that does not exist)', async () => {
    const pool = patientConnect(new pg.Pool({ ...config(), database: 'tessera_no_such_database', max: 1 }), 5000);
    try {
      const started = Date.now();
      await expect(pool.query('SELECT 1')).rejects.toMatchObject({ code: '3D000' });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await pool.end();
    }
  });
});
