// A first import into empty tables leaves planner statistics behind, however few rows it writes:
// without them the planner takes every table for one row.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importRecords, type ImportRecord } from '../../src/app/import/index.js';
import { upsertMember } from '../../src/app/members.js';
import { openMigratedStore, queryRows, type Store } from '../../src/store/database.js';
import { createTestTenant, testContext } from '../helpers/store.js';

describe('import statistics', () => {
  let store: Store;

  beforeAll(async () => {
    // A store of its own, so its tables start with no statistics whatever other files import.
    store = await openMigratedStore({ memory: true });
  });

  afterAll(async () => {
    await store.close();
  });

  it('analyzes tables after a small first import', async () => {
    const ctx = testContext(store, await createTestTenant(store, 'statistics'));
    await upsertMember(ctx, { name: 'Hélène Caron', email: 'helene.caron@northwind.example' });
    const before = await queryRows<{ rows: number }>(store.db, sql`select reltuples::float8 as rows from pg_class where relname = 'contacts'`);
    expect(Number(before[0]!.rows)).toBeLessThanOrEqual(0);

    async function* records(): AsyncGenerator<ImportRecord> {
      for (let index = 1; index <= 20; index++) yield { line: index + 1, account: 'Initech', name: `Person ${index}`, relationships: [{ member: 'helene.caron@northwind.example', strength: 3 }] };
    }
    await importRecords(ctx, records());

    const after = await queryRows<{ relname: string; rows: number }>(
      store.db,
      sql`select relname, reltuples::float8 as rows from pg_class where relname in ('contacts', 'relationships')`,
    );
    expect(Object.fromEntries(after.map((row) => [row.relname, Number(row.rows)]))).toEqual({ contacts: 20, relationships: 20 });
  });
});
