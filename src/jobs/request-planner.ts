// The daily planning of update requests for one tenant: which (member, contact) pairs to ask
// about, when each member may receive them, reminders for unanswered messages, and expiry.
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';

import { memberPlatform, memberTimeZone, readRequestSettings, type RequestSettings } from '../app/update-requests.js';
import { readTenantSettings } from '../app/settings.js';
import { nextSendableAt, remainingWeeklyQuota, startOfLocalWeek } from '../domain/schedule.js';
import { pairKey, selectRequests, type PairCandidate, type PairHistory } from '../domain/update-requests.js';
import type { Executor } from '../store/database.js';
import { buyingCommitteeMembers, contacts, dealTeamMembers, deals, members, outboundMessages, relationships, updateRequests, type Member } from '../store/schema.js';
import type { JobDeps } from './context.js';
import { enqueueMessage } from './outbox.js';

const DAY_MS = 86_400_000;
/** An unanswered message gets one reminder after this many days. */
export const REMIND_AFTER_DAYS = 3;
/** An unanswered request expires after this many days. */
export const EXPIRE_AFTER_DAYS = 14;

export interface PlanReport {
  planned: number;
  reminders: number;
  expired: number;
}

/** Plans one tenant's requests for the day, on the transaction that claimed the planning run. */
export async function planTenantRequests(deps: Pick<JobDeps, 'logger'>, db: Executor, tenantId: string, now: Date): Promise<PlanReport> {
  const settings = await readRequestSettings(db, tenantId);
  const expired = await expireRequests(db, tenantId, now);
  const reachable = (await db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.active, true)))).filter((member) => memberPlatform(member));
  const byId = new Map(reachable.map((member) => [member.id, member]));

  const candidates = (await loadCandidates(deps, db, tenantId, now)).filter((candidate) => byId.has(candidate.memberId));
  const history = await loadHistory(db, tenantId, settings.policy.snoozeDays);
  const used = await countThisWeek(db, tenantId, reachable, settings, now);
  const selected = selectRequests({
    candidates,
    history,
    now,
    policy: settings.policy,
    remainingQuota: (memberId) => remainingWeeklyQuota(settings.weeklyCap, used.get(memberId) ?? 0),
  });

  const dealOf = new Map(candidates.filter((candidate) => candidate.keySeat).map((candidate) => [pairKey(candidate.memberId, candidate.contactId), candidate.keySeat!.dealId]));
  let planned = 0;
  for (const request of selected) {
    const member = byId.get(request.memberId)!;
    const dueAt = nextSendableAt(now, settings.workingHours, memberTimeZone(member, settings));
    if (!dueAt) continue;
    const dealId = dealOf.get(pairKey(request.memberId, request.contactId));
    await db.insert(updateRequests).values({
      tenantId,
      memberId: request.memberId,
      contactId: request.contactId,
      reason: request.reason,
      status: 'pending',
      dueAt,
      messageRef: dealId ? { dealId } : {},
      createdAt: now,
    });
    planned += 1;
  }

  const reminders = await queueReminders(db, tenantId, byId, settings, now);
  deps.logger.info({ tenantId, planned, reminders, expired, candidates: candidates.length }, 'update requests planned');
  return { planned, reminders, expired };
}

async function expireRequests(db: Executor, tenantId: string, now: Date): Promise<number> {
  const expired = await db
    .update(updateRequests)
    .set({ status: 'expired' })
    .where(and(eq(updateRequests.tenantId, tenantId), eq(updateRequests.status, 'sent'), lte(updateRequests.sentAt, new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY_MS))))
    .returning({ id: updateRequests.id });
  return expired.length;
}

/** Pairs worth considering: committee members of open deals for their deal team, and every relationship. */
async function loadCandidates(deps: Pick<JobDeps, 'logger'>, db: Executor, tenantId: string, now: Date): Promise<PairCandidate[]> {
  const { coverage } = await readTenantSettings({ db: db as never, tenantId, logger: deps.logger });
  const keyRoles = coverage.keyRoles.length > 0 ? coverage.keyRoles : ['__none__'];
  const seats = await db
    .select({
      memberId: dealTeamMembers.memberId,
      contactId: buyingCommitteeMembers.contactId,
      dealId: deals.id,
      influence: buyingCommitteeMembers.influence,
      expectedCloseOn: deals.expectedCloseOn,
    })
    .from(buyingCommitteeMembers)
    .innerJoin(deals, and(eq(deals.id, buyingCommitteeMembers.dealId), eq(deals.status, 'open')))
    .innerJoin(dealTeamMembers, eq(dealTeamMembers.dealId, deals.id))
    .where(and(eq(deals.tenantId, tenantId), sql`(${buyingCommitteeMembers.influence} = 'high' or ${buyingCommitteeMembers.role} in ${keyRoles})`));

  const ties = await db
    .select({ relationship: relationships, contactStatus: contacts.status, contactChangedAt: contacts.updatedAt })
    .from(relationships)
    .innerJoin(contacts, eq(contacts.id, relationships.contactId))
    .where(eq(relationships.tenantId, tenantId));
  const contactFacts = new Map<string, { status: 'active' | 'left'; changedAt: Date }>();
  const seatContacts = [...new Set(seats.map((seat) => seat.contactId))];
  if (seatContacts.length > 0) {
    const rows = await db.select({ id: contacts.id, status: contacts.status, updatedAt: contacts.updatedAt }).from(contacts).where(inArray(contacts.id, seatContacts));
    for (const row of rows) contactFacts.set(row.id, { status: row.status, changedAt: row.updatedAt });
  }

  const tieOf = new Map(ties.map((tie) => [pairKey(tie.relationship.memberId, tie.relationship.contactId), tie]));
  const candidates: PairCandidate[] = seats.map((seat) => {
    const tie = tieOf.get(pairKey(seat.memberId, seat.contactId));
    const facts = contactFacts.get(seat.contactId) ?? { status: 'active' as const, changedAt: now };
    return {
      memberId: seat.memberId,
      contactId: seat.contactId,
      relationship: tie ? relationshipFacts(tie.relationship) : null,
      keySeat: { dealId: seat.dealId, influence: seat.influence, expectedCloseOn: seat.expectedCloseOn },
      contactStatus: facts.status,
      contactChangedAt: facts.changedAt,
    };
  });
  for (const tie of ties) {
    candidates.push({
      memberId: tie.relationship.memberId,
      contactId: tie.relationship.contactId,
      relationship: relationshipFacts(tie.relationship),
      keySeat: null,
      contactStatus: tie.contactStatus,
      contactChangedAt: tie.contactChangedAt,
    });
  }
  return candidates;
}

function relationshipFacts(relationship: typeof relationships.$inferSelect): PairCandidate['relationship'] {
  return { strength: relationship.strength, lastContactOn: relationship.lastContactOn, confirmedAt: relationship.confirmedAt, createdAt: relationship.createdAt };
}

/** What was asked about each pair before. A snooze holds the pair back policy.snoozeDays from the answer. */
async function loadHistory(db: Executor, tenantId: string, snoozeDays: number): Promise<Map<string, PairHistory>> {
  const rows = await db
    .select({ memberId: updateRequests.memberId, contactId: updateRequests.contactId, status: updateRequests.status, answer: updateRequests.answer, answeredAt: updateRequests.answeredAt, createdAt: updateRequests.createdAt })
    .from(updateRequests)
    .where(eq(updateRequests.tenantId, tenantId))
    .orderBy(asc(updateRequests.createdAt));
  const history = new Map<string, PairHistory>();
  for (const row of rows) {
    const key = pairKey(row.memberId, row.contactId);
    const previous = history.get(key);
    // Rows come oldest first, so the last one seen decides the snooze.
    const snoozedUntil = row.status === 'snoozed' && row.answeredAt ? new Date(row.answeredAt.getTime() + snoozeDays * DAY_MS) : null;
    history.set(key, {
      lastAskedAt: row.createdAt,
      snoozedUntil,
      open: (previous?.open ?? false) || row.status === 'pending' || row.status === 'sent',
      declaredUnknown: (previous?.declaredUnknown ?? false) || row.answer === 'unknown',
    });
  }
  return history;
}

/** Requests each member got since Monday 00:00 in their time zone, asked-for ones included. */
async function countThisWeek(db: Executor, tenantId: string, people: Member[], settings: RequestSettings, now: Date): Promise<Map<string, number>> {
  const rows = await db
    .select({ memberId: updateRequests.memberId, createdAt: updateRequests.createdAt })
    .from(updateRequests)
    .where(and(eq(updateRequests.tenantId, tenantId), gte(updateRequests.createdAt, new Date(now.getTime() - 8 * DAY_MS))));
  const weekStart = new Map(people.map((member) => [member.id, startOfLocalWeek(now, memberTimeZone(member, settings)).getTime()]));
  const used = new Map<string, number>();
  for (const row of rows) {
    const start = weekStart.get(row.memberId);
    if (start !== undefined && row.createdAt.getTime() >= start) used.set(row.memberId, (used.get(row.memberId) ?? 0) + 1);
  }
  return used;
}

/**
 * Queues one reminder per delivered message still unanswered after {@link REMIND_AFTER_DAYS}.
 * The reminder's key names the message it follows, so it is queued once; at send time it
 * carries only the requests still unanswered, and is dropped when every one was answered.
 */
async function queueReminders(db: Executor, tenantId: string, byId: Map<string, Member>, settings: RequestSettings, now: Date): Promise<number> {
  const delivered = await db
    .select()
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.tenantId, tenantId),
        eq(outboundMessages.kind, 'update_requests'),
        eq(outboundMessages.status, 'sent'),
        lte(outboundMessages.sentAt, new Date(now.getTime() - REMIND_AFTER_DAYS * DAY_MS)),
        gte(outboundMessages.sentAt, new Date(now.getTime() - EXPIRE_AFTER_DAYS * DAY_MS)),
        isNull(sql`${outboundMessages.payload} ->> 'reminderOf'`),
      ),
    );
  let queued = 0;
  for (const message of delivered) {
    const requestIds = (message.payload as { requestIds?: string[] }).requestIds ?? [];
    const waiting = requestIds.length
      ? await db.select({ id: updateRequests.id, memberId: updateRequests.memberId }).from(updateRequests).where(and(inArray(updateRequests.id, requestIds), eq(updateRequests.status, 'sent')))
      : [];
    const member = waiting[0] ? byId.get(waiting[0].memberId) : undefined;
    if (!member) continue;
    const notBefore = nextSendableAt(now, settings.workingHours, memberTimeZone(member, settings)) ?? now;
    const added = await enqueueMessage(
      db,
      { tenantId, dedupeKey: `update-requests-reminder:${message.id}`, kind: 'update_requests', platform: message.platform, target: { memberId: member.id }, payload: { requestIds: waiting.map((row) => row.id), reminderOf: message.id }, notBefore },
      now,
    );
    if (added) queued += 1;
  }
  return queued;
}
