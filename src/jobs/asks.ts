// Requests a colleague asks for: "ask @member about PERSON" and "ask team DEAL". They skip the
// weekly cap and working hours and go out with the next scheduler tick, a few seconds later.
import { and, eq, inArray } from 'drizzle-orm';

import type { AppContext } from '../app/context.js';
import { resolveDeal, resolveMemberRef, type MemberRef } from '../app/deals/lookup.js';
import { AppError } from '../app/errors.js';
import { resolveAccount, resolveContact, type Resolved } from '../app/lookup.js';
import { memberPlatform, readRequestSettings } from '../app/update-requests.js';
import { pairKey, reasonFor } from '../domain/update-requests.js';
import type { Executor } from '../store/database.js';
import { buyingCommitteeMembers, contacts, dealTeamMembers, members, relationships, updateRequests } from '../store/schema.js';
import { ASKED_REASON } from './request-queue.js';

/** Most questions one "ask team" sends each member. */
export const TEAM_ASK_LIMIT_PER_MEMBER = 5;

export type AskOutcome = { status: 'queued' | 'already_open'; member: string; contact: string };

/** Asks one member now how well they know one contact; the member is named, mentioned or already resolved. */
export async function askMemberAbout(ctx: AppContext, memberRef: MemberRef | Resolved, personQuery: string, options: { account?: string } = {}): Promise<AskOutcome> {
  const member = typeof memberRef === 'object' && 'id' in memberRef ? memberRef : await resolveMemberRef(ctx, memberRef);
  const accountId = options.account ? (await resolveAccount(ctx, options.account)).id : undefined;
  const contact = await resolveContact(ctx, personQuery, accountId ? { accountId } : {});
  const [row] = await ctx.db.select().from(members).where(eq(members.id, member.id));
  if (!row || !memberPlatform(row)) throw new AppError('invalid_input', 'jobs.ask.unreachable', { member: member.label });

  const queued = await ctx.db.transaction(async (tx) => {
    const open = await openPairs(tx, ctx.tenantId, [member.id]);
    if (open.has(pairKey(member.id, contact.id))) return false;
    await insertAsked(tx, ctx, [{ memberId: member.id, contactId: contact.id }], null);
    return true;
  });
  return { status: queued ? 'queued' : 'already_open', member: member.label, contact: contact.label };
}

/**
 * Asks a deal's team now about the committee members worth asking about: for each team member,
 * the pairs with a reason to ask and no open request, up to {@link TEAM_ASK_LIMIT_PER_MEMBER}.
 */
export async function askDealTeam(ctx: AppContext, dealQuery: string): Promise<{ deal: string; queued: number }> {
  const deal = await resolveDeal(ctx, dealQuery);
  const team = await ctx.db
    .select({ member: members })
    .from(dealTeamMembers)
    .innerJoin(members, eq(members.id, dealTeamMembers.memberId))
    .where(and(eq(dealTeamMembers.dealId, deal.id), eq(members.active, true)));
  const reachable = team.map((row) => row.member).filter((member) => memberPlatform(member));
  if (reachable.length === 0) throw new AppError('invalid_input', 'jobs.ask.noTeam', { deal: deal.label });

  const committee = await ctx.db
    .select({ seat: buyingCommitteeMembers, contact: contacts })
    .from(buyingCommitteeMembers)
    .innerJoin(contacts, eq(contacts.id, buyingCommitteeMembers.contactId))
    .where(eq(buyingCommitteeMembers.dealId, deal.id));
  const memberIds = reachable.map((member) => member.id);
  const ties = committee.length
    ? await ctx.db.select().from(relationships).where(and(inArray(relationships.memberId, memberIds), inArray(relationships.contactId, committee.map((row) => row.contact.id))))
    : [];
  const tieOf = new Map(ties.map((tie) => [pairKey(tie.memberId, tie.contactId), tie]));
  const { policy } = await readRequestSettings(ctx.db, ctx.tenantId);

  const queued = await ctx.db.transaction(async (tx) => {
    const open = await openPairs(tx, ctx.tenantId, memberIds);
    const pairs: Array<{ memberId: string; contactId: string }> = [];
    for (const member of reachable) {
      const mine = committee
        .filter(({ seat, contact }) => {
          const key = pairKey(member.id, seat.contactId);
          const tie = tieOf.get(key);
          const candidate = {
            memberId: member.id,
            contactId: seat.contactId,
            relationship: tie ? { strength: tie.strength, lastContactOn: tie.lastContactOn, confirmedAt: tie.confirmedAt, createdAt: tie.createdAt } : null,
            keySeat: { dealId: deal.id, influence: seat.influence, expectedCloseOn: null },
            contactStatus: contact.status,
            contactChangedAt: contact.updatedAt,
          };
          return !open.has(key) && reasonFor(candidate, ctx.now(), policy) !== null;
        })
        .slice(0, TEAM_ASK_LIMIT_PER_MEMBER);
      pairs.push(...mine.map(({ seat }) => ({ memberId: member.id, contactId: seat.contactId })));
    }
    await insertAsked(tx, ctx, pairs, deal.id);
    return pairs.length;
  });
  return { deal: deal.label, queued };
}

async function openPairs(db: Executor, tenantId: string, memberIds: string[]): Promise<Set<string>> {
  const rows = await db
    .select({ memberId: updateRequests.memberId, contactId: updateRequests.contactId })
    .from(updateRequests)
    .where(and(eq(updateRequests.tenantId, tenantId), inArray(updateRequests.memberId, memberIds), inArray(updateRequests.status, ['pending', 'sent'])));
  return new Set(rows.map((row) => pairKey(row.memberId, row.contactId)));
}

async function insertAsked(db: Executor, ctx: AppContext, pairs: Array<{ memberId: string; contactId: string }>, dealId: string | null): Promise<void> {
  if (pairs.length === 0) return;
  const context = { ...(ctx.actor && { askedBy: ctx.actor.memberId }), ...(dealId && { dealId }) };
  await db.insert(updateRequests).values(
    pairs.map((pair) => ({ tenantId: ctx.tenantId, ...pair, reason: ASKED_REASON, status: 'pending' as const, dueAt: ctx.now(), messageRef: context, createdAt: ctx.now() })),
  );
}
