// The retention job: every day, for each tenant, deletes interactions and clears notes older than
// the charter's retention period. Runs are claimed in Postgres like the request planning, so one
// replica runs each tenant's daily pass.
import { and, eq, isNotNull, lt, ne, sql } from 'drizzle-orm';

import { recordAudit } from '../app/audit.js';
import { requireAdmin } from '../app/charter/admins.js';
import { readCharterSettings } from '../app/charter/settings.js';
import type { AppContext } from '../app/context.js';
import { monthsBefore } from '../domain/charter.js';
import type { Executor } from '../store/database.js';
import { deleteExpiredPictures } from '../store/pictures.js';
import { interactions, jobSchedules, outreachAssignments, processedDeliveries, relationshipHistory, relationships, tenants } from '../store/schema.js';
import { claimDueSchedule, errorText, type JobDeps } from './context.js';

export const RETENTION_JOB = 'charter.retention';
const DAY_MS = 86_400_000;
const DELIVERY_KEEP_MS = DAY_MS;
/** A failed pass is tried again after this delay, in milliseconds. */
const FAILED_RETENTION_RETRY_MS = 60 * 60_000;

export interface RetentionReport {
  /** Interactions occurred before this date (YYYY-MM-DD) were deleted. */
  cutoff: string;
  retentionMonths: number;
  interactionsDeleted: number;
  relationshipNotesCleared: number;
  historyNotesCleared: number;
  outreachNotesCleared: number;
}

/**
 * Deletes the tenant's interactions that occurred before the cut-off, and clears relationship
 * notes last written before it (in the relationship and its history), and the notes of outreach
 * closed before it. Admins only when an actor runs it by hand.
 */
export async function applyRetention(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> & Partial<Pick<AppContext, 'configuredAdmins' | 'logger'>>): Promise<RetentionReport> {
  await requireAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const settings = await readCharterSettings(ctx, tx);
    const cutoffTime = monthsBefore(ctx.now(), settings.retentionMonths);
    const cutoff = cutoffTime.toISOString().slice(0, 10);

    const deleted = await tx
      .delete(interactions)
      .where(and(eq(interactions.tenantId, ctx.tenantId), lt(interactions.occurredOn, cutoff)))
      .returning({ id: interactions.id });
    const relationshipNotes = await clearRelationshipNotes(tx, ctx.tenantId, cutoffTime);
    const historyNotes = await tx
      .update(relationshipHistory)
      .set({ oldValue: null, newValue: null })
      .where(and(eq(relationshipHistory.tenantId, ctx.tenantId), eq(relationshipHistory.field, 'note'), lt(relationshipHistory.changedAt, cutoffTime), sql`(${relationshipHistory.oldValue} is not null or ${relationshipHistory.newValue} is not null)`))
      .returning({ id: relationshipHistory.id });
    const outreachNotes = await tx
      .update(outreachAssignments)
      .set({ note: null })
      .where(and(eq(outreachAssignments.tenantId, ctx.tenantId), isNotNull(outreachAssignments.note), ne(outreachAssignments.status, 'open'), lt(outreachAssignments.closedAt, cutoffTime)))
      .returning({ id: outreachAssignments.id });

    const report: RetentionReport = {
      cutoff,
      retentionMonths: settings.retentionMonths,
      interactionsDeleted: deleted.length,
      relationshipNotesCleared: relationshipNotes,
      historyNotesCleared: historyNotes.length,
      outreachNotesCleared: outreachNotes.length,
    };
    await recordAudit({ ...ctx, db: tx as never }, { action: 'retention.run', targetType: 'tenant', targetId: ctx.tenantId, details: { ...report } });
    return report;
  });
}

/** Clears the notes of relationships whose note was last written before the cut-off. */
async function clearRelationshipNotes(db: Executor, tenantId: string, cutoff: Date): Promise<number> {
  // A note's age is its latest history row; a note with no history row dates from the relationship's creation.
  const cleared = await db
    .update(relationships)
    .set({ note: null })
    .where(
      and(
        eq(relationships.tenantId, tenantId),
        isNotNull(relationships.note),
        sql`coalesce((select max(h.changed_at) from relationship_history h where h.relationship_id = ${relationships.id} and h.field = 'note'), ${relationships.createdAt}) < ${cutoff.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: relationships.id });
  return cleared.length;
}

/** Gives each tenant its daily retention row; the first pass is due at once. */
async function ensureRetentionSchedules(deps: JobDeps): Promise<void> {
  await deps.db.execute(sql`
    insert into ${jobSchedules} (job, tenant_id, next_run_at)
    select ${RETENTION_JOB}, ${tenants.id}, ${deps.now().toISOString()}::timestamptz from ${tenants}
    on conflict do nothing`);
}

/**
 * Runs the retention pass of every tenant whose daily run is due, up to `limit`, then deletes old
 * platform delivery ids and expired pictures. Returns how many passes ran.
 */
export async function runDueRetention(deps: JobDeps, limit = 20): Promise<number> {
  await ensureRetentionSchedules(deps);
  let ran = 0;
  while (ran < limit && (await runOneRetention(deps))) ran += 1;
  if (ran > 0) {
    await pruneProcessedDeliveries(deps.db, deps.now());
    const picturesDeleted = await deleteExpiredPictures(deps.db, deps.now());
    if (picturesDeleted > 0) deps.logger.info({ picturesDeleted }, 'expired pictures deleted');
  }
  return ran;
}

/**
 * Deletes the ids of Slack events and Teams activities received more than a day before `now`.
 * They only serve to skip a redelivery, and both platforms stop redelivering within the hour.
 * Several replicas may run it at once: each deletes what the others have not.
 */
export async function pruneProcessedDeliveries(db: Executor, now: Date): Promise<number> {
  const removed = await db
    .delete(processedDeliveries)
    .where(lt(processedDeliveries.receivedAt, new Date(now.getTime() - DELIVERY_KEEP_MS)))
    .returning({ deliveryId: processedDeliveries.deliveryId });
  return removed.length;
}

async function runOneRetention(deps: JobDeps): Promise<boolean> {
  const now = deps.now();
  let tenantId: string | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      // The row lock is held until commit; another replica skips this tenant instead of waiting.
      const schedule = await claimDueSchedule(tx as never, RETENTION_JOB, now);
      if (!schedule) return false;
      tenantId = schedule.tenantId;

      const report = await applyRetention({ db: tx as never, tenantId: schedule.tenantId, actor: null, now: deps.now });
      await tx
        .update(jobSchedules)
        .set({ nextRunAt: new Date(now.getTime() + DAY_MS), lastRunAt: now, lastRunBy: deps.workerId, lastError: null, updatedAt: now })
        .where(and(eq(jobSchedules.job, RETENTION_JOB), eq(jobSchedules.tenantId, schedule.tenantId)));
      deps.logger.info({ tenantId, ...report }, 'retention pass done');
      return true;
    });
  } catch (error) {
    if (!tenantId) throw error;
    deps.logger.error({ err: error, tenantId }, 'retention pass failed; retrying later');
    await deps.db
      .update(jobSchedules)
      .set({ nextRunAt: new Date(now.getTime() + FAILED_RETENTION_RETRY_MS), lastError: errorText(error).slice(0, 500), updatedAt: now })
      .where(and(eq(jobSchedules.job, RETENTION_JOB), eq(jobSchedules.tenantId, tenantId)));
    return true;
  }
}
