// What every job receives, and the use-case context it builds for one tenant.
import { and, asc, eq, lte } from 'drizzle-orm';

import type { AppContext } from '../app/context.js';
import type { Logger } from '../config/logger.js';
import type { Locale } from '../config/env.js';
import type { Database, Executor } from '../store/database.js';
import { jobSchedules } from '../store/schema.js';
import type { MessageSender } from './senders/types.js';

export interface JobDeps {
  db: Database;
  logger: Logger;
  /** Identifies this process in claims and logs, such as "host-1234". */
  workerId: string;
  senders: MessageSender[];
  /** Current time; tests pass a fake clock. */
  now: () => Date;
}

/** A use-case context for a job working on one tenant, on a transaction or the database. */
export function jobContext(deps: JobDeps, tenantId: string, locale: Locale, db: Executor = deps.db): AppContext {
  return {
    db: db as Database,
    tenantId,
    actor: null,
    locale,
    logger: deps.logger.child({ tenantId }),
    now: deps.now,
  };
}

/** Message of an error for logs and the outbox, without stack or parameters. */
export function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Claims the earliest due schedule row of a job, locked until the transaction commits. Another
 * replica skips a locked row instead of waiting, so each due run is taken by one process.
 */
export async function claimDueSchedule(tx: Executor, job: string, now: Date): Promise<typeof jobSchedules.$inferSelect | undefined> {
  const [schedule] = await tx
    .select()
    .from(jobSchedules)
    .where(and(eq(jobSchedules.job, job), lte(jobSchedules.nextRunAt, now)))
    .orderBy(asc(jobSchedules.nextRunAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return schedule;
}
