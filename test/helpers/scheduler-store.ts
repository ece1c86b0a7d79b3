// What the Slack and Teams scheduler tests share: a store that no other test file writes to, and
// a clock the test moves by hand.
import { openMigratedStore, type Store } from '../../src/store/database.js';
import { createScratchDatabase } from './scratch-database.js';
import { testDatabaseUrl } from './store.js';

/**
 * Opens in-memory PGlite, or a scratch database on the TEST_DATABASE_URL server: a scheduler
 * tick works on every tenant of its database, so it must not see other test files' tenants.
 */
export async function openSchedulerStore(prefix: string): Promise<{ store: Store; close(): Promise<void> }> {
  if (!testDatabaseUrl) {
    const store = await openMigratedStore({ memory: true });
    return { store, close: () => store.close() };
  }
  const scratch = await createScratchDatabase(testDatabaseUrl, prefix);
  const store = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 4 });
  return {
    store,
    async close() {
      await store.close();
      await scratch.drop();
    },
  };
}

export interface FakeClock {
  now: () => Date;
  set(instant: Date | string | number): void;
}

export function fakeClock(start: Date | string | number): FakeClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (instant) => {
      current = new Date(instant);
    },
  };
}
