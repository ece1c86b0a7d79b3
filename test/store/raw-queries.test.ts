// Raw queries through queryRows: the same rows on both drivers, and on Postgres a statement
// prepared once per connection unless the store was opened with prepare: false.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { openMigratedStore, queryRows, type Store } from '../../src/store/database.js';
import { openTestStore, testDatabaseUrl } from '../helpers/store.js';

const PROBE = sql`select 41 + ${1}::int as "answer"`;

/** Runs the probe twice on one connection and lists that connection's prepared statements. */
async function preparedAfterProbe(store: Store): Promise<string[]> {
  return store.db.transaction(async (tx) => {
    await queryRows(tx, PROBE);
    await queryRows(tx, PROBE);
    const rows = await queryRows<{ statement: string }>(tx, sql`select statement from pg_prepared_statements`);
    return rows.map((row) => row.statement);
  });
}

describe('queryRows', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore();
  });

  afterAll(async () => {
    await store.close();
  });

  it('returns rows as objects', async () => {
    expect(await queryRows<{ answer: number }>(store.db, PROBE)).toEqual([{ answer: 42 }]);
  });

  it('returns rows inside a transaction', async () => {
    const rows = await store.db.transaction((tx) => queryRows<{ answer: number }>(tx, PROBE));
    expect(rows).toEqual([{ answer: 42 }]);
  });
});

describe.skipIf(!testDatabaseUrl)('queryRows on Postgres (skipped without TEST_DATABASE_URL)', () => {
  it('prepares raw queries by default', async () => {
    const store = await openMigratedStore({ databaseUrl: testDatabaseUrl!, maxConnections: 2 });
    try {
      const statements = await preparedAfterProbe(store);
      expect(statements.some((statement) => statement.includes('select 41 +'))).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('prepares nothing with prepare: false', async () => {
    const store = await openMigratedStore({ databaseUrl: testDatabaseUrl!, maxConnections: 2, prepare: false });
    try {
      const statements = await preparedAfterProbe(store);
      expect(statements.filter((statement) => statement.includes('select 41 +'))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
