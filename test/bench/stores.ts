// Stores for a benchmark run: a scratch Postgres database that is dropped afterwards, or an
// in-memory PGlite that disappears with the process.
import { openMigratedStore, type Store } from '../../src/store/database.js';
import { createScratchDatabase } from '../helpers/scratch-database.js';
import type { Driver } from './options.js';

export interface BenchStore {
  store: Store;
  /** Where the data lives, without credentials. */
  location: string;
  close(): Promise<void>;
}

/** Opens an empty, migrated store for one driver. */
export async function openBenchStore(driver: Driver, serverUrl: string): Promise<BenchStore> {
  if (driver === 'pglite') {
    const store = await openMigratedStore({ memory: true });
    return { store, location: 'PGlite in memory', close: () => store.close() };
  }
  const scratch = await createScratchDatabase(serverUrl, 'o2o_bench');
  try {
    const store = await openMigratedStore({ databaseUrl: scratch.url, maxConnections: 4 });
    return {
      store,
      location: `Postgres ${store.location}`,
      close: async () => {
        await store.close();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}
