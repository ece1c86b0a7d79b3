// Moves due update requests into the outbox, one message per member, and queues the requests
// a colleague asks for ("ask @member about PERSON", "ask team DEAL") to go out at once.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';

import { memberPlatform, memberTimeZone, readRequestSettings, type RequestSettings } from '../app/update-requests.js';
import { isSendableAt, nextSendableAt } from '../domain/schedule.js';
import type { Executor } from '../store/database.js';
import { members, updateRequests, type Member } from '../store/schema.js';
import type { JobDeps } from './context.js';
import { enqueueMessage } from './outbox.js';

type PendingRequest = typeof updateRequests.$inferSelect;

/** Reason of a request a colleague asked for: it goes out at once, outside the weekly cap. */
export const ASKED_REASON = 'asked';

/**
 * Groups every due request into one message per member and queues it, in one transaction that
 * locks the requests it takes (other replicas skip them). A planned request that falls outside
 * the member's working or quiet hours is moved to their next sendable time instead.
 */
export async function queueDueRequests(deps: JobDeps, limit = 200): Promise<number> {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(updateRequests)
      .where(and(eq(updateRequests.status, 'pending'), lte(updateRequests.dueAt, now)))
      .orderBy(asc(updateRequests.dueAt))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return 0;

    const people = await tx.select().from(members).where(inArray(members.id, [...new Set(due.map((request) => request.memberId))]));
    const byId = new Map(people.map((member) => [member.id, member]));
    const settingsByTenant = new Map<string, RequestSettings>();
    let queued = 0;
    for (const group of groupByMember(due)) {
      const member = byId.get(group[0]!.memberId);
      if (!member) continue;
      let settings = settingsByTenant.get(member.tenantId);
      if (!settings) {
        settings = await readRequestSettings(tx, member.tenantId);
        settingsByTenant.set(member.tenantId, settings);
      }
      queued += await queueMemberGroup(tx, member, group, settings, now);
    }
    return queued;
  });
}

function groupByMember(requests: PendingRequest[]): PendingRequest[][] {
  const groups = new Map<string, PendingRequest[]>();
  for (const request of requests) groups.set(request.memberId, [...(groups.get(request.memberId) ?? []), request]);
  return [...groups.values()];
}

async function queueMemberGroup(db: Executor, member: Member, group: PendingRequest[], settings: RequestSettings, now: Date): Promise<number> {
  const platform = memberPlatform(member);
  if (!platform || !member.active) {
    await db.update(updateRequests).set({ status: 'failed' }).where(inArray(updateRequests.id, group.map((request) => request.id)));
    return 0;
  }

  const timeZone = memberTimeZone(member, settings);
  const sendable = isSendableAt(now, settings.workingHours, timeZone);
  const sendNow = group.filter((request) => sendable || request.reason === ASKED_REASON);
  const later = group.filter((request) => !sendNow.includes(request));
  if (later.length > 0) {
    const dueAt = nextSendableAt(now, settings.workingHours, timeZone) ?? new Date(now.getTime() + 86_400_000);
    await db.update(updateRequests).set({ dueAt }).where(inArray(updateRequests.id, later.map((request) => request.id)));
  }
  if (sendNow.length === 0) return 0;

  const requestIds = sendNow.map((request) => request.id).sort();
  // Each request is queued once (it leaves "pending" here), so its id keys the message uniquely.
  await enqueueMessage(
    db,
    { tenantId: member.tenantId, dedupeKey: `update-requests:${requestIds[0]}`, kind: 'update_requests', platform, target: { memberId: member.id }, payload: { requestIds } },
    now,
  );
  await db.update(updateRequests).set({ status: 'sent', attempts: 1 }).where(inArray(updateRequests.id, requestIds));
  return 1;
}
