// The outbox of proactive messages. Rows are queued in the transaction that decides to send
// them, claimed by one replica at a time, and marked sent part by part, so a retry resumes
// where the last attempt stopped instead of repeating what was delivered.
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';

import type { Reply } from '../app/reply.js';
import type { Executor } from '../store/database.js';
import { outboundMessages } from '../store/schema.js';

export type OutboundMessage = typeof outboundMessages.$inferSelect;
export type OutboundKind = OutboundMessage['kind'];
export type Platform = OutboundMessage['platform'];

export type DeliveryTarget = { channelId: string; memberId?: undefined } | { memberId: string; channelId?: undefined };

export interface DigestPayload {
  parts: Reply[];
}

export interface UpdateRequestsPayload {
  requestIds: string[];
  /** Outbox id of the message this one reminds of. */
  reminderOf?: string;
}

export interface QueuedMessage {
  tenantId: string;
  dedupeKey: string;
  kind: OutboundKind;
  platform: Platform;
  target: DeliveryTarget;
  payload: DigestPayload | UpdateRequestsPayload;
  subscriptionId?: string;
  /** Earliest send time; now when left out. */
  notBefore?: Date;
}

/**
 * Claim duration. It exceeds the bounded send of one part (request timeouts, client retries and
 * the longest Retry-After waited in place), and each delivered part renews it.
 */
export const CLAIM_MS = 5 * 60_000;
/** Attempts before a message is given up and marked failed. */
export const MAX_ATTEMPTS = 8;

/** Queues a message; returns false when a message with the same key was already queued. */
export async function enqueueMessage(db: Executor, message: QueuedMessage, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(outboundMessages)
    .values({
      tenantId: message.tenantId,
      dedupeKey: message.dedupeKey,
      kind: message.kind,
      platform: message.platform,
      target: message.target as Record<string, unknown>,
      payload: message.payload as unknown as Record<string, unknown>,
      subscriptionId: message.subscriptionId ?? null,
      nextAttemptAt: message.notBefore ?? now,
      createdAt: now,
    })
    .onConflictDoNothing({ target: [outboundMessages.tenantId, outboundMessages.dedupeKey] })
    .returning({ id: outboundMessages.id });
  return inserted.length > 0;
}

/**
 * Claims up to `limit` due messages for one worker. The select locks its rows and skips rows
 * another replica has locked, and the update marks them claimed in the same statement, so each
 * row goes to one worker. A claim whose worker died expires after {@link CLAIM_MS}.
 */
export async function claimDueMessages(db: Executor, workerId: string, now: Date, limit: number): Promise<OutboundMessage[]> {
  const due = db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(
      or(
        and(eq(outboundMessages.status, 'pending'), lte(outboundMessages.nextAttemptAt, now)),
        and(eq(outboundMessages.status, 'sending'), lt(outboundMessages.claimExpiresAt, now)),
      ),
    )
    .orderBy(asc(outboundMessages.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true });

  return db
    .update(outboundMessages)
    .set({
      status: 'sending',
      claimedBy: workerId,
      claimExpiresAt: new Date(now.getTime() + CLAIM_MS),
      attempts: sql`${outboundMessages.attempts} + 1`,
    })
    .where(inArray(outboundMessages.id, due))
    .returning();
}

function claimedBy(id: string, workerId: string) {
  return and(eq(outboundMessages.id, id), eq(outboundMessages.claimedBy, workerId), eq(outboundMessages.status, 'sending'));
}

/**
 * Records one more delivered part with its platform reference and renews the claim; false when the
 * claim was lost. `message.result` changes only once the row is updated, so a failed call can be
 * repeated without recording the reference twice.
 */
export async function recordPartSent(db: Executor, message: OutboundMessage, workerId: string, partIndex: number, ref: Record<string, unknown>, now: Date): Promise<boolean> {
  const refs = [...(((message.result ?? {}) as { refs?: unknown[] }).refs ?? []), ref];
  const updated = await db
    .update(outboundMessages)
    .set({ partsSent: partIndex + 1, result: { refs }, claimExpiresAt: new Date(now.getTime() + CLAIM_MS) })
    .where(claimedBy(message.id, workerId))
    .returning({ id: outboundMessages.id });
  if (updated.length > 0) message.result = { refs };
  return updated.length > 0;
}

export async function markSent(db: Executor, message: OutboundMessage, workerId: string, now: Date): Promise<boolean> {
  const updated = await db
    .update(outboundMessages)
    .set({ status: 'sent', sentAt: now, claimedBy: null, claimExpiresAt: null, lastError: null })
    .where(claimedBy(message.id, workerId))
    .returning({ id: outboundMessages.id });
  return updated.length > 0;
}

/** Puts a message back in the queue for a later attempt, or marks it failed past {@link MAX_ATTEMPTS}. */
export async function markRetry(db: Executor, message: OutboundMessage, workerId: string, retryAt: Date, error: string): Promise<'retry' | 'failed'> {
  const status = message.attempts >= MAX_ATTEMPTS ? ('failed' as const) : ('pending' as const);
  await db
    .update(outboundMessages)
    .set({ status, nextAttemptAt: retryAt, claimedBy: null, claimExpiresAt: null, lastError: error.slice(0, 500) })
    .where(claimedBy(message.id, workerId));
  return status === 'failed' ? 'failed' : 'retry';
}

/** Ends a message without sending the rest: failed when the destination is gone, cancelled when moot. */
export async function markEnded(db: Executor, message: OutboundMessage, workerId: string, status: 'failed' | 'cancelled', error: string | null): Promise<void> {
  await db
    .update(outboundMessages)
    .set({ status, claimedBy: null, claimExpiresAt: null, lastError: error?.slice(0, 500) ?? null })
    .where(claimedBy(message.id, workerId));
}

/** Exponential back-off with jitter: a random wait between half and all of 30 s × 2^(attempt − 1), capped at one hour. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(3_600_000, 30_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
