// Weekly coverage digests: claims each due subscription once across replicas, composes its
// digest, stores the coverage snapshot and queues the message, all in one transaction.
import { and, asc, desc, eq, isNull, lte, not } from 'drizzle-orm';

import { composeDigest, type DigestSnapshot } from '../app/digests.js';
import { resolveLocale } from '../i18n/index.js';
import { nextWeeklyRun, planRun } from '../domain/schedule.js';
import type { Executor } from '../store/database.js';
import { digestRuns, digestSubscriptions } from '../store/schema.js';
import { jobContext, type JobDeps } from './context.js';
import { enqueueMessage } from './outbox.js';

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;

/** A digest whose composition failed is tried again after this delay, in milliseconds. */
const FAILED_DIGEST_RETRY_MS = 15 * 60_000;

export function slotOf(subscription: Pick<DigestSubscription, 'dayOfWeek' | 'localTime' | 'timeZone'>) {
  return { dayOfWeek: subscription.dayOfWeek, localTime: subscription.localTime, timeZone: subscription.timeZone };
}

/** Composes and queues every due digest, up to `limit`; returns how many were queued. */
export async function runDueDigests(deps: JobDeps, limit = 20): Promise<number> {
  await scheduleUnplannedSubscriptions(deps);
  let queued = 0;
  for (let handled = 0; handled < limit; handled++) {
    const outcome = await runOneDueDigest(deps);
    if (outcome === 'none') break;
    if (outcome === 'queued') queued += 1;
  }
  return queued;
}

/** Gives a first run time to subscriptions written without one. */
async function scheduleUnplannedSubscriptions(deps: JobDeps): Promise<void> {
  const unplanned = await deps.db
    .select()
    .from(digestSubscriptions)
    .where(and(isNull(digestSubscriptions.nextRunAt), not(digestSubscriptions.paused)))
    .limit(100);
  for (const subscription of unplanned) {
    await deps.db
      .update(digestSubscriptions)
      .set({ nextRunAt: nextWeeklyRun(slotOf(subscription), deps.now()) })
      .where(and(eq(digestSubscriptions.id, subscription.id), isNull(digestSubscriptions.nextRunAt)));
  }
}

async function runOneDueDigest(deps: JobDeps): Promise<'none' | 'queued' | 'skipped' | 'failed'> {
  const now = deps.now();
  let claimedId: string | null = null;
  try {
    return await deps.db.transaction(async (tx) => {
      // The row lock is held until commit; another replica skips this row instead of waiting.
      const [subscription] = await tx
        .select()
        .from(digestSubscriptions)
        .where(and(not(digestSubscriptions.paused), lte(digestSubscriptions.nextRunAt, now)))
        .orderBy(asc(digestSubscriptions.nextRunAt))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!subscription?.nextRunAt) return 'none' as const;
      claimedId = subscription.id;
      return queueDigest(deps, tx, subscription, subscription.nextRunAt, now);
    });
  } catch (error) {
    if (!claimedId) throw error;
    deps.logger.error({ err: error, subscriptionId: claimedId }, 'digest failed; retrying later');
    await deps.db
      .update(digestSubscriptions)
      .set({ nextRunAt: new Date(now.getTime() + FAILED_DIGEST_RETRY_MS) })
      .where(eq(digestSubscriptions.id, claimedId));
    return 'failed';
  }
}

async function queueDigest(deps: JobDeps, tx: Executor, subscription: DigestSubscription, scheduledFor: Date, now: Date): Promise<'queued' | 'skipped'> {
  const decision = planRun(scheduledFor, now, (after) => nextWeeklyRun(slotOf(subscription), after));
  const [previousRun] = await tx
    .select()
    .from(digestRuns)
    .where(eq(digestRuns.subscriptionId, subscription.id))
    .orderBy(desc(digestRuns.scheduledFor))
    .limit(1);

  const ctx = jobContext(deps, subscription.tenantId, resolveLocale(subscription.locale), tx);
  const since = previousRun?.createdAt ?? new Date(now.getTime() - 7 * 86_400_000);
  const digest = await composeDigest(ctx, subscription, { since, previous: (previousRun?.snapshot as DigestSnapshot | undefined) ?? null });

  const [run] = await tx
    .insert(digestRuns)
    .values({ tenantId: subscription.tenantId, subscriptionId: subscription.id, scheduledFor, snapshot: digest.snapshot as unknown as Record<string, unknown>, createdAt: now })
    .onConflictDoNothing({ target: [digestRuns.subscriptionId, digestRuns.scheduledFor] })
    .returning({ id: digestRuns.id });
  if (run) {
    await enqueueMessage(
      tx,
      {
        tenantId: subscription.tenantId,
        dedupeKey: `digest:${subscription.id}:${scheduledFor.toISOString()}`,
        kind: 'digest',
        platform: subscription.platform,
        target: { channelId: subscription.channelId },
        payload: { parts: digest.parts },
        subscriptionId: subscription.id,
      },
      now,
    );
  }
  await tx.update(digestSubscriptions).set({ nextRunAt: decision.nextRunAt, lastRunAt: now }).where(eq(digestSubscriptions.id, subscription.id));

  const log = { subscriptionId: subscription.id, tenantId: subscription.tenantId, scheduledFor, nextRunAt: decision.nextRunAt, parts: digest.parts.length };
  if (decision.skippedSlots > 0) deps.logger.warn({ ...log, skippedSlots: decision.skippedSlots }, 'digest caught up once after missed runs');
  else deps.logger.info(log, 'digest queued');
  return run ? 'queued' : 'skipped';
}

/** Pauses a subscription whose channel cannot be reached, with the platform's reason. */
export async function pauseSubscription(deps: Pick<JobDeps, 'db' | 'logger'>, subscriptionId: string, reason: string): Promise<void> {
  await deps.db.update(digestSubscriptions).set({ paused: true, pausedReason: reason.slice(0, 200) }).where(eq(digestSubscriptions.id, subscriptionId));
  deps.logger.warn({ subscriptionId, reason }, 'digest subscription paused: channel unreachable');
}
