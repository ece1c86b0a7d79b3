// A member's own relationships and their visibility: listing them, and changing who sees one.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import { VISIBILITIES, type Visibility } from '../../domain/charter.js';
import { accounts, contacts, relationshipHistory, relationships } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolveAccount, resolveContact } from '../lookup.js';
import { parseInput } from '../validation.js';
import { requireActor } from './acceptance.js';

export interface OwnRelationship {
  relationshipId: string;
  contactId: string;
  contact: string;
  title: string | null;
  account: string;
  strength: number;
  visibility: Visibility;
}

export interface OwnRelationshipsPage {
  relationships: OwnRelationship[];
  total: number;
  offset: number;
  limit: number;
  /** Count of the member's relationships per visibility. */
  byVisibility: Record<Visibility, number>;
}

const pageInput = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

/** Lists the acting member's relationships with their visibility, by account then contact. */
export async function listOwnRelationships(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, page: { offset?: number; limit?: number } = {}): Promise<OwnRelationshipsPage> {
  const memberId = requireActor(ctx);
  const { offset, limit } = parseInput(pageInput, page);
  const mine = and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, memberId));
  const rows = await ctx.db
    .select({
      relationshipId: relationships.id,
      contactId: contacts.id,
      contact: sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')`,
      title: contacts.title,
      account: accounts.name,
      strength: relationships.strength,
      visibility: relationships.visibility,
    })
    .from(relationships)
    .innerJoin(contacts, eq(contacts.id, relationships.contactId))
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .where(mine)
    .orderBy(asc(accounts.normalizedName), asc(contacts.normalizedName), asc(contacts.id))
    .offset(offset)
    .limit(limit);
  const counts = await ctx.db.select({ visibility: relationships.visibility, count: sql<number>`count(*)` }).from(relationships).where(mine).groupBy(relationships.visibility);

  const byVisibility: Record<Visibility, number> = { private: 0, deal_team: 0, tenant: 0 };
  for (const row of counts) byVisibility[row.visibility] = Number(row.count);
  const total = byVisibility.private + byVisibility.deal_team + byVisibility.tenant;
  return { relationships: rows.map((row) => ({ ...row, strength: Number(row.strength) })), total, offset, limit, byVisibility };
}

const visibility = z.enum(VISIBILITIES as [Visibility, ...Visibility[]]);

/** A relationship named as a user types it: the contact's name, and the account when names repeat. */
const visibilityByNameInput = z.object({
  person: z.string().trim().min(1).max(300),
  visibility,
  account: z.string().trim().min(1).max(300).optional(),
});

/** A relationship named by its id, as the Slack Home tab and the Teams card carry it. */
const visibilityByIdInput = z.object({
  relationshipId: z.string().uuid(),
  visibility,
});

export type VisibilityInput = z.input<typeof visibilityByNameInput> | z.input<typeof visibilityByIdInput>;

export interface VisibilityChange {
  contactId: string;
  contact: string;
  previous: Visibility;
  visibility: Visibility;
}

type VisibilityContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'>;
type Relationship = typeof relationships.$inferSelect;

/**
 * Changes who sees one of the acting member's relationships, named by contact or by id; the
 * change is kept in its history and the audit. A relationship of another member is not found.
 */
export async function setOwnVisibility(ctx: VisibilityContext, raw: VisibilityInput): Promise<VisibilityChange> {
  const memberId = requireActor(ctx);
  const byId = typeof raw === 'object' && raw !== null && 'relationshipId' in raw;
  const input = byId ? parseInput(visibilityByIdInput, raw) : parseInput(visibilityByNameInput, raw);
  const contact = 'person' in input ? await resolveOwnContact(ctx, input.person, input.account) : null;
  const target = 'relationshipId' in input ? eq(relationships.id, input.relationshipId) : eq(relationships.contactId, contact!.id);

  return ctx.db.transaction(async (tx) => {
    const mine = and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, memberId));
    const [existing] = await tx.select().from(relationships).where(and(mine, target)).for('update');
    if (!existing && contact) throw new AppError('not_found', 'charter.visibility.noRelationship', { contact: contact.label });
    if (!existing) throw new AppError('not_found', 'charterView.errors.relationshipGone');

    const label = contact?.label ?? (await contactLabel({ ...ctx, db: tx as never }, existing.contactId));
    const change = { contactId: existing.contactId, contact: label, previous: existing.visibility, visibility: input.visibility };
    if (existing.visibility === input.visibility) return change;

    await recordVisibilityChange({ ...ctx, db: tx as never }, memberId, existing, input.visibility);
    return change;
  });
}

async function resolveOwnContact(ctx: VisibilityContext, person: string, accountName: string | undefined): Promise<{ id: string; label: string }> {
  const account = accountName ? await resolveAccount(ctx, accountName) : null;
  return resolveContact(ctx, person, account ? { accountId: account.id } : {});
}

async function contactLabel(ctx: Pick<AppContext, 'db'>, contactId: string): Promise<string> {
  const [row] = await ctx.db.select({ label: sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')` }).from(contacts).where(eq(contacts.id, contactId));
  return row?.label ?? '?';
}

/** Stores the new visibility, its line in the relationship's history and the audit entry. */
async function recordVisibilityChange(ctx: VisibilityContext, memberId: string, existing: Relationship, visibility: Visibility): Promise<void> {
  await ctx.db.update(relationships).set({ visibility, updatedAt: ctx.now() }).where(eq(relationships.id, existing.id));
  await ctx.db.insert(relationshipHistory).values({
    tenantId: ctx.tenantId,
    relationshipId: existing.id,
    field: 'visibility',
    oldValue: existing.visibility,
    newValue: visibility,
    changedBy: memberId,
    changedAt: ctx.now(),
  });
  await recordAudit(ctx, { action: 'relationship.visibility', targetType: 'relationship', targetId: existing.id, details: { from: existing.visibility, to: visibility } });
}
