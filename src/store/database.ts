// Database factory: postgres.js when a connection URL is given, embedded PGlite otherwise.
// Both are wrapped in the same Drizzle API so queries and use cases never see the driver.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { is, sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres, PostgresJsSession } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

import * as schema from './schema.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A database handle or an open transaction: use cases accept either. */
export type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete' | 'execute' | 'transaction'>;

export interface Store {
  db: Database;
  driver: 'postgres' | 'pglite';
  /** Where the data lives, without credentials: a host and database name, a folder, or "memory". */
  location: string;
  /** Applies pending migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { databaseUrl: string; maxConnections?: number; prepare?: boolean }
  | { dataDir: string }
  | { memory: true };

export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));

// Arbitrary constant that identifies o2o's migration lock among other advisory locks.
const MIGRATION_LOCK_KEY = 74_020_112;

/** Opens the store without migrating it; most callers want {@link openMigratedStore}. */
export async function openStore(options: StoreOptions): Promise<Store> {
  if ('databaseUrl' in options) {
    const client = postgres(options.databaseUrl, {
      // One connection more than queries need: migrations hold one for their lock.
      max: Math.max(2, options.maxConnections ?? 10),
      prepare: options.prepare ?? true,
      // Seconds. A request fails fast while Postgres is unreachable instead of hanging; idle
      // connections are dropped so the pool reconnects cleanly after an outage.
      connect_timeout: 5,
      idle_timeout: 60,
      onnotice: () => {},
    });
    const db = drizzlePostgres({ client, schema }) as unknown as Database;
    if (options.prepare ?? true) allowPreparedStatements(db);
    return {
      db,
      driver: 'postgres',
      location: describeUrl(options.databaseUrl),
      migrate: () => migrateWithLock(client, db),
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = 'dataDir' in options ? path.resolve(options.dataDir) : undefined;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  } catch (error) {
    unlock();
    throw error;
  }
  const db = drizzlePglite({ client, schema }) as unknown as Database;
  return {
    db,
    driver: 'pglite',
    location: dataDir ?? 'memory',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Thrown when another open store, in this process or another, already uses a PGlite folder. */
export class DataDirInUseError extends Error {
  readonly code = 'O2O_DATA_DIR_IN_USE';

  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`the data folder ${dataDir} is in use by process ${pid}`);
    this.name = 'DataDirInUseError';
  }
}

const LOCK_FILE = 'o2o.lock';

/**
 * Takes the folder's lock file, holding this process id, and returns its release. PGlite takes
 * no lock of its own, and two instances writing one folder corrupt it. A lock whose process
 * is gone (killed before it could release) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, LOCK_FILE);
  const release = () => rmSync(lockFile, { force: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(holder) && isProcessAlive(holder)) throw new DataDirInUseError(dataDir, holder);
    release();
  }
  throw new DataDirInUseError(dataDir, Number.NaN);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Applies pending migrations on Postgres. A session-level advisory lock, held on a reserved
 * connection, serialises processes that start at once: each migration is applied exactly once,
 * and the other processes wait, then find nothing left to do.
 */
async function migrateWithLock(client: postgres.Sql, db: Database): Promise<void> {
  const lockConnection = await client.reserve();
  try {
    await lockConnection`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(db as never, { migrationsFolder });
  } finally {
    await lockConnection`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    lockConnection.release();
  }
}

/** Opens the store and applies pending migrations. */
export async function openMigratedStore(options: StoreOptions): Promise<Store> {
  const store = await openStore(options);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

// Drizzle's execute() never tells postgres.js to prepare a statement, so Postgres parses and plans
// every raw query again. The queries behind "who knows whom" are long, and planning them costs
// about a fifth of their time, so on Postgres queryRows prepares them once per connection unless
// the store was opened with prepare: false (PgBouncer in transaction mode). The flag sits on the
// session options object, which drizzle-orm 0.45 shares with the sessions of transactions.
const PREPARE_FLAG = 'o2oPrepareRawQueries';

interface PostgresJsSessionInternals {
  options?: Record<string, unknown>;
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> };
}

interface ExecutorInternals {
  session?: PostgresJsSessionInternals;
  dialect?: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
}

function allowPreparedStatements(db: Database): void {
  const session = (db as unknown as ExecutorInternals).session;
  if (!is(session, PostgresJsSession)) return;
  const options = (session as unknown as PostgresJsSessionInternals).options;
  if (options) options[PREPARE_FLAG] = true;
}

/** Runs a raw SQL query and returns its rows, whatever the driver's result shape. */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const { session, dialect } = db as unknown as ExecutorInternals;
  if (session?.options?.[PREPARE_FLAG] === true && dialect) {
    // A name makes drizzle's postgres.js session pass prepare: true; postgres.js keys its
    // statement cache by the query text, so one name serves every query.
    const prepared = session.prepareQuery(dialect.sqlToQuery(query), undefined, 'o2o_raw', false);
    return (await prepared.execute()) as T[];
  }
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'postgres';
  }
}
