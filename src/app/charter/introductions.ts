// Introduction requests: a member who may only know that "someone in our team knows this person"
// asks o2o for an introduction; each colleague who knows the person gets a message to accept or
// decline. The requester learns who accepted, and never who declined or how many were asked.
import { randomUUID } from 'node:crypto';

import { and, desc, eq, inArray } from 'drizzle-orm';

import { loadHiddenOwners, loadRelationshipsWith } from '../../store/queries/who-knows.js';
import { accounts, contacts, introductionRequests, members } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolveAccount, resolveContact } from '../lookup.js';
import { presentIntroductionAccepted, presentIntroductionAsked, presentIntroductionDeclined } from '../present/charter.js';
import { requireActor } from './acceptance.js';
import { queueMemberNotice } from './notices.js';
import { viewpointOf } from './policy.js';

type IntroContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger'>;

export interface IntroductionParty {
  contactId: string;
  contact: string;
  account: string;
}

/**
 * Asks, for the acting member, the colleagues whose relationship with a person the member may
 * only know exists. A colleague already asked by this member and not yet answering is not asked
 * twice.
 */
export async function requestIntroduction(ctx: IntroContext, personQuery: string, options: { account?: string } = {}): Promise<IntroductionParty> {
  const requesterId = requireActor(ctx);
  const account = options.account ? await resolveAccount(ctx, options.account) : null;
  const contact = await resolveContact(ctx, personQuery, account ? { accountId: account.id } : {});
  const viewpoint = await viewpointOf(ctx);
  if (viewpoint.rules.hiddenRelationships !== 'existence') throw new AppError('invalid_input', 'charter.intro.disabled');

  const owners = await loadHiddenOwners(ctx.db, ctx.tenantId, contact.id, viewpoint);
  if (owners.length === 0) {
    const visible = await loadRelationshipsWith(ctx.db, ctx.tenantId, [contact.id], viewpoint);
    if (visible.some((row) => row.memberId !== requesterId)) throw new AppError('conflict', 'charter.intro.visible', { contact: contact.label });
    throw new AppError('not_found', 'charter.intro.nobody', { contact: contact.label });
  }
  const party = await partyOf(ctx, contact.id);

  await ctx.db.transaction(async (tx) => {
    const pending = await tx
      .select({ ownerId: introductionRequests.ownerId, groupId: introductionRequests.groupId })
      .from(introductionRequests)
      .where(and(eq(introductionRequests.tenantId, ctx.tenantId), eq(introductionRequests.requesterId, requesterId), eq(introductionRequests.contactId, contact.id), eq(introductionRequests.status, 'pending')));
    const already = new Set(pending.map((row) => row.ownerId));
    const toAsk = owners.filter((ownerId) => !already.has(ownerId));
    if (toAsk.length === 0) throw new AppError('conflict', 'charter.intro.alreadyRequested', { contact: contact.label });

    const groupId = pending[0]?.groupId ?? randomUUID();
    const rows = await tx
      .insert(introductionRequests)
      .values(toAsk.map((ownerId) => ({ tenantId: ctx.tenantId, groupId, requesterId, ownerId, contactId: contact.id, createdAt: ctx.now() })))
      .returning({ id: introductionRequests.id, ownerId: introductionRequests.ownerId });
    const requester = ctx.actor!.name;
    for (const row of rows) {
      await queueMemberNotice(tx, ctx.tenantId, row.ownerId, `introduction:${row.id}`, (t) => presentIntroductionAsked({ requestId: row.id, requester, ...party }, t), ctx.now());
    }
    await recordAudit({ ...ctx, db: tx as never }, { action: 'introduction.request', targetType: 'contact', targetId: contact.id, details: { groupId, asked: rows.length } });
  });
  return party;
}

export interface IntroductionAnswer extends IntroductionParty {
  requester: string;
  decision: 'accept' | 'decline';
}

/** Records the acting member's answer to a request addressed to them, and tells the requester what they may know. */
export async function answerIntroduction(ctx: IntroContext, requestId: string, decision: 'accept' | 'decline'): Promise<IntroductionAnswer> {
  const ownerId = requireActor(ctx);
  return ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(introductionRequests)
      .where(and(eq(introductionRequests.tenantId, ctx.tenantId), eq(introductionRequests.id, requestId)))
      .for('update');
    if (!request) throw new AppError('not_found', 'charter.intro.notFound');
    if (request.ownerId !== ownerId) throw new AppError('forbidden', 'charter.intro.notYours');
    if (request.status !== 'pending') throw new AppError('conflict', `charter.intro.alreadyAnswered.${request.status}`);

    const status = decision === 'accept' ? 'accepted' : 'declined';
    await tx.update(introductionRequests).set({ status, answeredAt: ctx.now() }).where(eq(introductionRequests.id, request.id));
    const party = await partyOf({ ...ctx, db: tx as never }, request.contactId);
    const [requester] = await tx.select({ name: members.name }).from(members).where(eq(members.id, request.requesterId));
    const key = `introduction-answer:${request.groupId}`;

    if (decision === 'accept') {
      // The others asked need not answer any more; their buttons now say the request is closed.
      await tx
        .update(introductionRequests)
        .set({ status: 'closed', answeredAt: ctx.now() })
        .where(and(eq(introductionRequests.groupId, request.groupId), eq(introductionRequests.status, 'pending')));
      const owner = ctx.actor!.name;
      await queueMemberNotice(tx, ctx.tenantId, request.requesterId, key, (t) => presentIntroductionAccepted({ owner, ...party }, t), ctx.now());
    } else if (await groupDeclined(tx as never, request.groupId)) {
      await queueMemberNotice(tx, ctx.tenantId, request.requesterId, key, (t) => presentIntroductionDeclined(party, t), ctx.now());
    }
    await recordAudit({ ...ctx, db: tx as never }, { action: `introduction.${decision}`, targetType: 'introduction', targetId: request.id, details: { groupId: request.groupId } });
    return { ...party, requester: requester?.name ?? '?', decision };
  });
}

/** Whether every colleague asked in a request declined it. */
async function groupDeclined(db: AppContext['db'], groupId: string): Promise<boolean> {
  const rows = await db.select({ status: introductionRequests.status }).from(introductionRequests).where(eq(introductionRequests.groupId, groupId));
  return rows.every((row) => row.status === 'declined');
}

async function partyOf(ctx: Pick<AppContext, 'db' | 'tenantId'>, contactId: string): Promise<IntroductionParty> {
  const [row] = await ctx.db
    .select({ name: contacts.name, title: contacts.title, account: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.tenantId, ctx.tenantId), eq(contacts.id, contactId)));
  if (!row) throw new AppError('not_found', 'charter.intro.notFound');
  return { contactId, contact: row.name ?? row.title ?? '?', account: row.account };
}

export interface IntroductionsOverview {
  /** Requests addressed to the member, waiting for their answer. */
  toAnswer: Array<IntroductionParty & { requestId: string; requester: string; createdAt: Date }>;
  /** The member's own requests, latest first: pending, accepted (by whom) or declined. */
  asked: Array<IntroductionParty & { status: 'pending' | 'accepted' | 'declined'; acceptedBy: string | null; createdAt: Date }>;
}

/** Lists the introduction requests waiting for the acting member, and theirs. */
export async function listIntroductions(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>): Promise<IntroductionsOverview> {
  const memberId = requireActor(ctx);
  const incoming = await ctx.db
    .select({ request: introductionRequests, requester: members.name })
    .from(introductionRequests)
    .innerJoin(members, eq(members.id, introductionRequests.requesterId))
    .where(and(eq(introductionRequests.tenantId, ctx.tenantId), eq(introductionRequests.ownerId, memberId), eq(introductionRequests.status, 'pending')))
    .orderBy(desc(introductionRequests.createdAt))
    .limit(20);
  const outgoing = await ctx.db
    .select({ request: introductionRequests, owner: members.name })
    .from(introductionRequests)
    .innerJoin(members, eq(members.id, introductionRequests.ownerId))
    .where(and(eq(introductionRequests.tenantId, ctx.tenantId), eq(introductionRequests.requesterId, memberId)))
    .orderBy(desc(introductionRequests.createdAt))
    .limit(200);

  const parties = await loadParties(ctx, [...incoming.map((row) => row.request.contactId), ...outgoing.map((row) => row.request.contactId)]);
  const toAnswer = incoming.map(({ request, requester }) => ({ ...parties.get(request.contactId)!, requestId: request.id, requester, createdAt: request.createdAt }));
  return { toAnswer, asked: summariseGroups(outgoing, parties).slice(0, 20) };
}

function summariseGroups(rows: Array<{ request: typeof introductionRequests.$inferSelect; owner: string }>, parties: Map<string, IntroductionParty>): IntroductionsOverview['asked'] {
  const groups = new Map<string, typeof rows>();
  for (const row of rows) groups.set(row.request.groupId, [...(groups.get(row.request.groupId) ?? []), row]);
  return [...groups.values()].map((group) => {
    const accepted = group.find((row) => row.request.status === 'accepted');
    const status = accepted ? 'accepted' : group.every((row) => row.request.status === 'declined') ? 'declined' : 'pending';
    const first = group[group.length - 1]!.request;
    return { ...parties.get(first.contactId)!, status, acceptedBy: accepted?.owner ?? null, createdAt: first.createdAt };
  });
}

async function loadParties(ctx: Pick<AppContext, 'db' | 'tenantId'>, contactIds: string[]): Promise<Map<string, IntroductionParty>> {
  if (contactIds.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: contacts.id, name: contacts.name, title: contacts.title, account: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.tenantId, ctx.tenantId), inArray(contacts.id, [...new Set(contactIds)])));
  return new Map(rows.map((row) => [row.id, { contactId: row.id, contact: row.name ?? row.title ?? '?', account: row.account }]));
}
