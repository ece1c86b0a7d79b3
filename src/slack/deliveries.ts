// Processes each Events API delivery once. Slack retries an event it considers unhandled
// (X-Slack-Retry-Num), so the event id is claimed in processed_deliveries before the listeners
// run. A failed listener releases the claim, so a later retry can still do the work. The daily
// retention job deletes ids older than a day.
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import { and, eq } from 'drizzle-orm';

import type { Logger } from '../config/logger.js';
import type { Database } from '../store/database.js';
import { processedDeliveries } from '../store/schema.js';

const PLATFORM = 'slack';

/** Claims a delivery id; returns false when it was claimed before. */
export async function claimDelivery(db: Database, deliveryId: string): Promise<boolean> {
  const claimed = await db
    .insert(processedDeliveries)
    .values({ platform: PLATFORM, deliveryId })
    .onConflictDoNothing()
    .returning({ deliveryId: processedDeliveries.deliveryId });
  return claimed.length === 1;
}

export async function releaseDelivery(db: Database, deliveryId: string): Promise<void> {
  await db.delete(processedDeliveries).where(and(eq(processedDeliveries.platform, PLATFORM), eq(processedDeliveries.deliveryId, deliveryId)));
}

/** Global middleware that lets each event id through once. Other requests pass untouched. */
export function onlyOnce(db: Database, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = (body as { type?: string; event_id?: string }).type === 'event_callback' ? (body as { event_id?: string }).event_id : undefined;
    if (!eventId) {
      await next();
      return;
    }
    if (!(await claimDelivery(db, eventId))) {
      logger.info({ eventId, retry: context.retryNum, reason: context.retryReason }, 'Slack event already processed: retry ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await releaseDelivery(db, eventId).catch((releaseError: unknown) => logger.warn({ err: releaseError, eventId }, 'releasing a Slack delivery failed'));
      throw error;
    }
  };
}
