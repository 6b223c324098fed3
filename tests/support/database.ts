/** Test databases: a throwaway PGlite in memory, or a fresh PostgreSQL database created for the run and dropped after. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/database';

export async function openPgliteMemory(): Promise<Database> {
  return openDatabase({ pgliteDir: 'memory://' });
}

/** Creates an empty database on the server behind `baseUrl`, opens it (migrations applied), and drops it on close. */
export async function openFreshPostgres(baseUrl: string): Promise<Database & { url: string }> {
  const name = `minato_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 20 });
  return {
    ...database,
    url: url.toString(),
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
