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

const visibilityInput = z.object({
  person: z.string().trim().min(1).max(300),
  visibility: z.enum(VISIBILITIES as [Visibility, ...Visibility[]]),
  account: z.string().trim().min(1).max(300).optional(),
});

export interface VisibilityChange {
  contactId: string;
  contact: string;
  previous: Visibility;
  visibility: Visibility;
}

/** Changes who sees one of the acting member's relationships; the change is kept in its history and the audit. */
export async function setOwnVisibility(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'>, raw: z.input<typeof visibilityInput>): Promise<VisibilityChange> {
  const memberId = requireActor(ctx);
  const input = parseInput(visibilityInput, raw);
  const account = input.account ? await resolveAccount(ctx, input.account) : null;
  const contact = await resolveContact(ctx, input.person, account ? { accountId: account.id } : {});

  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(relationships)
      .where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, memberId), eq(relationships.contactId, contact.id)))
      .for('update');
    if (!existing) throw new AppError('not_found', 'charter.visibility.noRelationship', { contact: contact.label });
    const change = { contactId: contact.id, contact: contact.label, previous: existing.visibility, visibility: input.visibility };
    if (existing.visibility === input.visibility) return change;

    await tx.update(relationships).set({ visibility: input.visibility, updatedAt: ctx.now() }).where(eq(relationships.id, existing.id));
    await tx.insert(relationshipHistory).values({
      tenantId: ctx.tenantId,
      relationshipId: existing.id,
      field: 'visibility',
      oldValue: existing.visibility,
      newValue: input.visibility,
      changedBy: memberId,
      changedAt: ctx.now(),
    });
    await recordAudit({ ...ctx, db: tx as never }, { action: 'relationship.visibility', targetType: 'relationship', targetId: existing.id, details: { from: existing.visibility, to: input.visibility } });
    return change;
  });
}
