// Everything o2o holds about one contact, to answer the person's request to see their data.
// Admins only: the export includes relationships that are private to their owners.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';

import {
  accounts,
  auditLog,
  buyingCommitteeMembers,
  contacts,
  deals,
  influenceLinks,
  interactionContacts,
  interactionMembers,
  interactions,
  introductionRequests,
  members,
  outreachAssignments,
  relationshipHistory,
  relationships,
  reportingLines,
  updateRequests,
} from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { resolveAccount, resolveContact } from '../lookup.js';
import { requireAdmin } from './admins.js';

type AdminContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> & Partial<Pick<AppContext, 'configuredAdmins'>>;

const label = sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')`;

/** Resolves the person an admin names, within an account when one is given. */
export async function resolveContactForAdmin(ctx: AdminContext, person: string, account?: string): Promise<{ id: string; label: string }> {
  await requireAdmin(ctx);
  const found = account ? await resolveAccount(ctx, account) : null;
  return resolveContact(ctx, person, found ? { accountId: found.id } : {});
}

/** Builds the export of a contact; it is recorded in the audit. */
export async function exportContact(ctx: AdminContext, person: string, options: { account?: string } = {}) {
  const { id } = await resolveContactForAdmin(ctx, person, options.account);
  const exported = await collectContactData(ctx, id);
  await recordAudit(ctx, { action: 'contact.export', targetType: 'contact', targetId: id });
  return exported;
}

export type ContactExport = Awaited<ReturnType<typeof collectContactData>>;

async function collectContactData(ctx: AdminContext, contactId: string) {
  const { db, tenantId } = ctx;
  const [row] = await db
    .select({ contact: contacts, account: accounts.name })
    .from(contacts)
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  const { contact } = row!;
  const person = {
    name: contact.name,
    title: contact.title,
    department: contact.department,
    unit: contact.unit,
    email: contact.email,
    phone: contact.phone,
    profileUrl: contact.profileUrl,
    seniority: contact.seniority,
    status: contact.status,
    leftOn: contact.leftOn,
    source: contact.source,
    externalRef: contact.externalRef,
    account: row!.account,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
  };
  return {
    exportedAt: ctx.now().toISOString(),
    contactId,
    person,
    relationships: await relationshipsOf(db, tenantId, contactId),
    reportingLines: await reportingLinesOf(db, tenantId, contactId),
    influence: await influenceOf(db, tenantId, contactId),
    interactions: await interactionsOf(db, tenantId, contactId),
    buyingCommittees: await committeesOf(db, contactId),
    outreach: await outreachOf(db, tenantId, contactId),
    updateRequests: await updateRequestsOf(db, tenantId, contactId),
    introductionRequests: await introductionsOf(db, tenantId, contactId),
    lookups: await lookupsOf(db, tenantId, contactId),
  };
}

async function relationshipsOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ relationship: relationships, member: members.name })
    .from(relationships)
    .innerJoin(members, eq(members.id, relationships.memberId))
    .where(and(eq(relationships.tenantId, tenantId), eq(relationships.contactId, contactId)))
    .orderBy(asc(members.normalizedName));
  const ids = rows.map((entry) => entry.relationship.id);
  const history = ids.length
    ? await db.select().from(relationshipHistory).where(inArray(relationshipHistory.relationshipId, ids)).orderBy(asc(relationshipHistory.changedAt))
    : [];
  return rows.map(({ relationship, member }) => ({
    member,
    strength: relationship.strength,
    kind: relationship.kind,
    lastContactOn: relationship.lastContactOn,
    source: relationship.source,
    visibility: relationship.visibility,
    note: relationship.note,
    createdAt: relationship.createdAt.toISOString(),
    updatedAt: relationship.updatedAt.toISOString(),
    history: history
      .filter((entry) => entry.relationshipId === relationship.id)
      .map((entry) => ({ field: entry.field, from: entry.oldValue, to: entry.newValue, at: entry.changedAt.toISOString() })),
  }));
}

async function reportingLinesOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ line: reportingLines, contact: label })
    .from(reportingLines)
    .innerJoin(contacts, or(and(eq(reportingLines.contactId, contactId), eq(contacts.id, reportingLines.managerId)), and(eq(reportingLines.managerId, contactId), eq(contacts.id, reportingLines.contactId))))
    .where(and(eq(reportingLines.tenantId, tenantId), or(eq(reportingLines.contactId, contactId), eq(reportingLines.managerId, contactId))))
    .orderBy(asc(reportingLines.createdAt));
  return rows.map(({ line, contact }) => ({
    role: line.contactId === contactId ? ('reports_to' as const) : ('manages' as const),
    other: contact,
    validFrom: line.validFrom,
    validTo: line.validTo,
    source: line.source,
  }));
}

async function influenceOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ link: influenceLinks, contact: label })
    .from(influenceLinks)
    .innerJoin(contacts, or(and(eq(influenceLinks.fromContactId, contactId), eq(contacts.id, influenceLinks.toContactId)), and(eq(influenceLinks.toContactId, contactId), eq(contacts.id, influenceLinks.fromContactId))))
    .where(and(eq(influenceLinks.tenantId, tenantId), or(eq(influenceLinks.fromContactId, contactId), eq(influenceLinks.toContactId, contactId))));
  return rows.map(({ link, contact }) => ({
    direction: link.fromContactId === contactId ? ('influences' as const) : ('influenced_by' as const),
    other: contact,
    weight: link.weight,
    kind: link.kind,
    note: link.note,
  }));
}

async function interactionsOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ interaction: interactions })
    .from(interactionContacts)
    .innerJoin(interactions, eq(interactions.id, interactionContacts.interactionId))
    .where(and(eq(interactionContacts.contactId, contactId), eq(interactions.tenantId, tenantId)))
    .orderBy(asc(interactions.occurredOn));
  const ids = rows.map((entry) => entry.interaction.id);
  const people = ids.length
    ? await db.select({ interactionId: interactionMembers.interactionId, name: members.name }).from(interactionMembers).innerJoin(members, eq(members.id, interactionMembers.memberId)).where(inArray(interactionMembers.interactionId, ids))
    : [];
  return rows.map(({ interaction }) => ({
    occurredOn: interaction.occurredOn,
    channel: interaction.channel,
    note: interaction.note,
    messageLink: interaction.messageLink,
    members: people.filter((entry) => entry.interactionId === interaction.id).map((entry) => entry.name),
  }));
}

async function committeesOf(db: AppContext['db'], contactId: string) {
  const rows = await db
    .select({ seat: buyingCommitteeMembers, deal: deals.name })
    .from(buyingCommitteeMembers)
    .innerJoin(deals, eq(deals.id, buyingCommitteeMembers.dealId))
    .where(eq(buyingCommitteeMembers.contactId, contactId));
  return rows.map(({ seat, deal }) => ({ deal, role: seat.role, attitude: seat.attitude, influence: seat.influence, motivations: seat.motivations, motivationTags: seat.motivationTags }));
}

async function outreachOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ assignment: outreachAssignments, deal: deals.name, member: members.name })
    .from(outreachAssignments)
    .innerJoin(deals, eq(deals.id, outreachAssignments.dealId))
    .innerJoin(members, eq(members.id, outreachAssignments.memberId))
    .where(and(eq(outreachAssignments.tenantId, tenantId), eq(outreachAssignments.contactId, contactId)));
  return rows.map(({ assignment, deal, member }) => ({ deal, member, status: assignment.status, outcome: assignment.outcome, note: assignment.note, createdAt: assignment.createdAt.toISOString() }));
}

async function updateRequestsOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ request: updateRequests, member: members.name })
    .from(updateRequests)
    .innerJoin(members, eq(members.id, updateRequests.memberId))
    .where(and(eq(updateRequests.tenantId, tenantId), eq(updateRequests.contactId, contactId)));
  return rows.map(({ request, member }) => ({ member, reason: request.reason, status: request.status, answer: request.answer, createdAt: request.createdAt.toISOString() }));
}

async function introductionsOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ status: introductionRequests.status, createdAt: introductionRequests.createdAt })
    .from(introductionRequests)
    .where(and(eq(introductionRequests.tenantId, tenantId), eq(introductionRequests.contactId, contactId)));
  return rows.map((row) => ({ status: row.status, createdAt: row.createdAt.toISOString() }));
}

/** Lookups and other audited actions on the contact: when and what, since the person may ask who consulted their data. */
async function lookupsOf(db: AppContext['db'], tenantId: string, contactId: string) {
  const rows = await db
    .select({ at: auditLog.at, action: auditLog.action, actor: members.name })
    .from(auditLog)
    .leftJoin(members, eq(members.id, auditLog.actorMemberId))
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.targetType, 'contact'), eq(auditLog.targetId, contactId)))
    .orderBy(asc(auditLog.at));
  return rows.map((row) => ({ at: row.at.toISOString(), action: row.action, actor: row.actor }));
}
