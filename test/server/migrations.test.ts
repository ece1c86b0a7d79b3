import { readFileSync } from 'node:fs';
import path from 'node:path';

import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrationsFolder, openMigratedStore } from '../../src/store/database.js';
import { createScratchDatabase, type ScratchDatabase } from '../helpers/scratch-database.js';
import { testDatabaseUrl } from '../helpers/store.js';

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
  entries: Array<{ when: number; tag: string }>;
};
const STARTERS = 6;

// PGlite is a single connection inside one process, so only a real Postgres server can show
// what happens when several processes migrate one database at once.
describe.skipIf(!testDatabaseUrl)('concurrent migrations on Postgres (skipped without TEST_DATABASE_URL)', () => {
  let scratch: ScratchDatabase;
  let admin: postgres.Sql;

  beforeAll(async () => {
    scratch = await createScratchDatabase(testDatabaseUrl!, 'o2o_migrations');
    admin = postgres(scratch.url, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await scratch?.drop();
  });

  async function appliedMigrations(): Promise<number[]> {
    const rows = await admin<Array<{ created_at: string }>>`select created_at from drizzle.__drizzle_migrations order by id`;
    return rows.map((row) => Number(row.created_at));
  }

  it('applies each migration once when starters race', async () => {
    // Each starter has its own postgres.js pool, as separate processes would.
    const results = await Promise.allSettled(
      Array.from({ length: STARTERS }, () => openMigratedStore({ databaseUrl: scratch.url, maxConnections: 2 })),
    );
    for (const result of results) if (result.status === 'fulfilled') await result.value.close();

    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect(await appliedMigrations()).toEqual(journal.entries.map((entry) => entry.when));
  });

  it('leaves a migrated database unchanged', async () => {
    const before = await appliedMigrations();
    const stores = await Promise.all(Array.from({ length: 3 }, () => openMigratedStore({ databaseUrl: scratch.url, maxConnections: 2 })));
    await Promise.all(stores.map((store) => store.close()));
    expect(await appliedMigrations()).toEqual(before);
  });

  it('releases the migration lock', async () => {
    const [row] = await admin<Array<{ held: number }>>`select count(*)::int as held from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())`;
    expect(row?.held).toBe(0);
  });
});
