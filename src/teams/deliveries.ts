// Teams redelivers an activity it thinks went unanswered; each one is handled once.
import type { Activity } from 'botbuilder';
import { and, eq } from 'drizzle-orm';

import type { Executor } from '../store/database.js';
import { processedDeliveries } from '../store/schema.js';

const PLATFORM = 'teams';

/** Key of an activity: its id is unique within its conversation, for its type. */
export function deliveryKey(activity: Partial<Activity>): string | undefined {
  if (!activity.id || !activity.conversation?.id) return undefined;
  return `${activity.type}|${activity.conversation.id}|${activity.id}`;
}

/**
 * Records an activity as being handled. Returns false when it already was, so the caller
 * skips the repeat; an activity without an id is always handled.
 */
export async function claimDelivery(db: Executor, activity: Partial<Activity>): Promise<boolean> {
  const key = deliveryKey(activity);
  if (!key) return true;
  const inserted = await db
    .insert(processedDeliveries)
    .values({ platform: PLATFORM, deliveryId: key })
    .onConflictDoNothing()
    .returning({ deliveryId: processedDeliveries.deliveryId });
  return inserted.length > 0;
}

/** Forgets a claim whose handling failed, so a redelivery gets another try. */
export async function releaseDelivery(db: Executor, activity: Partial<Activity>): Promise<void> {
  const key = deliveryKey(activity);
  if (!key) return;
  await db.delete(processedDeliveries).where(and(eq(processedDeliveries.platform, PLATFORM), eq(processedDeliveries.deliveryId, key)));
}
