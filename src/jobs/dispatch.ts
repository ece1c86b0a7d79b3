// Sends claimed outbox messages through the platform senders. Digest parts are sent in order and
// recorded one by one; update-request messages are built at send time from the requests still
// unanswered, so a request answered meanwhile is not asked again.
import { isStoreUnavailable } from '../app/errors.js';
import type { Reply } from '../app/reply.js';
import { composeRequestMessage, recordRequestsDelivered, recordRequestsUndeliverable } from '../app/update-requests.js';
import { errorText, type JobDeps } from './context.js';
import { pauseSubscription } from './digest-job.js';
import {
  claimDueMessages,
  markEnded,
  markRetry,
  markSent,
  recordPartSent,
  retryDelayMs,
  type DigestPayload,
  type OutboundMessage,
  type UpdateRequestsPayload,
} from './outbox.js';
import { splitReply } from './split.js';
import { DeliveryError, senderFor, type MessageRef, type MessageSender } from './senders/types.js';

export interface DispatchReport {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
}

/** How long a part already delivered waits for the store to record it before the tick gives up. */
const RECORD_RETRY_MS = 60_000;

/**
 * Claims due outbox messages for this worker, up to `limit`, and sends them; returns what happened
 * to each. It claims one message at a time, because a claim outlives a crash or a store outage by
 * five minutes, and a batch claimed at once would hold back every message after the one that failed.
 */
export async function dispatchOutbox(deps: JobDeps, limit = 10): Promise<DispatchReport> {
  const report: DispatchReport = { sent: 0, retried: 0, failed: 0, cancelled: 0 };
  for (let handled = 0; handled < limit; handled++) {
    const [message] = await claimDueMessages(deps.db, deps.workerId, deps.now(), 1);
    if (!message) break;
    const outcome = await deliver(deps, message);
    report[outcome] += 1;
  }
  return report;
}

/**
 * Runs a store write that follows a delivery, again while the store is unavailable, for up to
 * {@link RECORD_RETRY_MS}. A part that the platform accepted but o2o did not record is sent again
 * once the claim expires, so waiting out a short outage here avoids a duplicate.
 */
async function afterDelivery<T>(write: () => Promise<T>, log: JobDeps['logger']): Promise<T> {
  const deadline = Date.now() + RECORD_RETRY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isStoreUnavailable(error) || Date.now() >= deadline) throw error;
      const delayMs = Math.min(5_000, 250 * 2 ** (attempt - 1));
      log.warn({ err: error, attempt, retryInMs: delayMs }, 'recording a delivered message failed: store unavailable; retrying');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

async function deliver(deps: JobDeps, message: OutboundMessage): Promise<keyof DispatchReport> {
  const log = deps.logger.child({ outboxId: message.id, tenantId: message.tenantId, kind: message.kind, platform: message.platform, attempt: message.attempts });
  try {
    const sender = senderFor(deps.senders, message.platform);
    const parts = await partsOf(deps, message, sender);
    if (parts.length === 0) {
      await markEnded(deps.db, message, deps.workerId, 'cancelled', null);
      log.info('message cancelled: nothing left to send');
      return 'cancelled';
    }

    const target = { tenantId: message.tenantId, ...(message.target as { channelId?: string; memberId?: string }) };
    for (let index = message.partsSent; index < parts.length; index++) {
      const ref = await sender.send(target, parts[index]!);
      if (!(await afterDelivery(() => recordPartSent(deps.db, message, deps.workerId, index, ref, deps.now()), log))) {
        log.warn({ part: index }, 'outbox claim lost while sending; leaving the rest to its new owner');
        return 'retried';
      }
    }

    await afterDelivery(() => markSent(deps.db, message, deps.workerId, deps.now()), log);
    if (message.kind === 'update_requests') {
      const refs = ((message.result ?? {}) as { refs?: MessageRef[] }).refs ?? [];
      const requestIds = (message.payload as unknown as UpdateRequestsPayload).requestIds;
      await recordRequestsDelivered(deps.db, message.tenantId, requestIds, { outboxId: message.id, refs }, deps.now());
    }
    log.info({ parts: parts.length }, 'message sent');
    return 'sent';
  } catch (error) {
    return handleFailure(deps, message, error, log);
  }
}

async function partsOf(deps: JobDeps, message: OutboundMessage, sender: MessageSender): Promise<Reply[]> {
  // Digests and notices (such as introduction requests) carry their parts ready to send.
  if (message.kind === 'digest' || message.kind === 'notice') {
    return (message.payload as unknown as DigestPayload).parts.flatMap((part) => splitReply(part, (reply) => sender.fits(reply)));
  }
  const payload = message.payload as unknown as UpdateRequestsPayload;
  const reply = await composeRequestMessage(deps.db, message.tenantId, message.id, payload, deps.now());
  return reply ? splitReply(reply, (candidate) => sender.fits(candidate)) : [];
}

async function handleFailure(deps: JobDeps, message: OutboundMessage, error: unknown, log: JobDeps['logger']): Promise<keyof DispatchReport> {
  const now = deps.now();
  if (!(error instanceof DeliveryError)) {
    log.error({ err: error }, 'message send failed; retrying later');
    const outcome = await markRetry(deps.db, message, deps.workerId, new Date(now.getTime() + retryDelayMs(message.attempts)), errorText(error));
    return outcome === 'failed' ? 'failed' : 'retried';
  }

  switch (error.failure) {
    case 'rate_limited':
    case 'transient': {
      const delay = error.retryAfterMs ?? retryDelayMs(message.attempts);
      log.warn({ failure: error.failure, platformCode: error.platformCode, retryInMs: delay }, 'message send deferred');
      const outcome = await markRetry(deps.db, message, deps.workerId, new Date(now.getTime() + delay), error.message);
      return outcome === 'failed' ? 'failed' : 'retried';
    }
    case 'unreachable':
    case 'rejected': {
      log.error({ failure: error.failure, platformCode: error.platformCode }, 'message cannot be delivered');
      await markEnded(deps.db, message, deps.workerId, 'failed', error.message);
      if (message.subscriptionId && error.failure === 'unreachable') await pauseSubscription(deps, message.subscriptionId, error.platformCode);
      if (message.kind === 'update_requests') {
        await recordRequestsUndeliverable(deps.db, message.tenantId, (message.payload as unknown as UpdateRequestsPayload).requestIds);
      }
      return 'failed';
    }
  }
}
