// Readiness: the store answers, and every migration in drizzle/ has been applied to it.
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import { migrationsFolder, queryRows, type Store } from '../store/database.js';

// A readiness check that waits longer than this reports the store as unavailable.
const READY_TIMEOUT_MS = 2_000;

export type Readiness = { ready: true } | { ready: false; reason: 'store_unavailable' | 'migrations_pending'; detail: string };

interface JournalEntry {
  tag: string;
  /** Milliseconds since the epoch; Drizzle stores it as `created_at` once the migration is applied. */
  when: number;
}

/** The newest migration in the journal shipped with this build; read once, it never changes at run time. */
const latestMigration: JournalEntry | undefined = readLatestMigration();

function readLatestMigration(): JournalEntry | undefined {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.reduce<JournalEntry | undefined>((latest, entry) => (!latest || entry.when > latest.when ? entry : latest), undefined);
}

/** Checks the store within a bound; never throws. */
export async function checkReadiness(store: Store): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([compareMigrations(store), timeout]);
  } catch (error) {
    return { ready: false, reason: 'store_unavailable', detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

async function compareMigrations(store: Store): Promise<Readiness> {
  if (!latestMigration) return { ready: true };
  const [table] = await queryRows<{ name: string | null }>(store.db, sql`select to_regclass('drizzle.__drizzle_migrations')::text as name`);
  if (!table?.name) return { ready: false, reason: 'migrations_pending', detail: 'no migration has been applied' };
  const [applied] = await queryRows<{ newest: string | number | null }>(
    store.db,
    sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
  );
  const newest = Number(applied?.newest ?? 0);
  if (newest >= latestMigration.when) return { ready: true };
  return { ready: false, reason: 'migrations_pending', detail: `latest migration ${latestMigration.tag} is not applied` };
}
