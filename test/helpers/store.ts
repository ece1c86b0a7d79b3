// Test stores: in-memory PGlite by default, or the Postgres named by TEST_DATABASE_URL.
// Each test file gets its own tenant, so files can share one Postgres database safely.
import { randomUUID } from 'node:crypto';

import { ensureTenant } from '../../src/app/tenants.js';
import type { AppContext } from '../../src/app/context.js';
import { createLogger } from '../../src/config/logger.js';
import type { Locale } from '../../src/config/env.js';
import { openMigratedStore, type Store } from '../../src/store/database.js';

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const driverName = testDatabaseUrl ? 'postgres' : 'pglite';

/** Opens a migrated store for one test file. */
export function openTestStore(): Promise<Store> {
  return openMigratedStore(testDatabaseUrl ? { databaseUrl: testDatabaseUrl, maxConnections: 4 } : { memory: true });
}

/** Creates a fresh tenant with a unique key. */
export async function createTestTenant(store: Store, label = 'test'): Promise<string> {
  const tenant = await ensureTenant(store.db, `test:${label}:${randomUUID()}`, { name: label });
  return tenant.id;
}

export const TEST_NOW = new Date('2026-12-01T12:00:00Z');

/** A use-case context on a test tenant, with a fixed clock. */
export function testContext(store: Store, tenantId: string, options: { actor?: AppContext['actor']; locale?: Locale; now?: Date } = {}): AppContext {
  const now = options.now ?? TEST_NOW;
  return {
    db: store.db,
    tenantId,
    actor: options.actor ?? null,
    locale: options.locale ?? 'en',
    logger: createLogger('silent'),
    now: () => now,
  };
}
