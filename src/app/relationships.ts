// Relationships between our members and customer contacts, with a history row per change.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import { relationshipHistory, relationships, type Relationship } from '../store/schema.js';
import { recordAudit } from './audit.js';
import { readCharterSettings } from './charter/settings.js';
import type { AppContext } from './context.js';
import type { WriteOutcome } from './contacts.js';
import { isoDate, parseInput } from './validation.js';

export const RELATIONSHIP_KINDS = ['work', 'former_colleague', 'social', 'introduced', 'family', 'other'] as const;
export const VISIBILITIES = ['private', 'deal_team', 'tenant'] as const;

export const relationshipInput = z.object({
  memberId: z.string().uuid(),
  contactId: z.string().uuid(),
  strength: z.coerce.number().int().min(1).max(5),
  kind: z.enum(RELATIONSHIP_KINDS).optional(),
  lastContactOn: isoDate().optional().nullable(),
  source: z.enum(['self', 'colleague', 'import']).optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  note: z.string().trim().max(2000).optional().nullable(),
});
export type RelationshipInput = z.input<typeof relationshipInput>;

const TRACKED_FIELDS = ['strength', 'kind', 'lastContactOn', 'source', 'visibility', 'note'] as const;

export interface LoggedRelationship {
  relationship: Relationship;
  outcome: WriteOutcome;
}

/**
 * Records that a member knows a contact, or updates what we knew. The actor is who asserts it;
 * when the actor is not the member, the source defaults to "colleague". Every changed field
 * gets a history row with its old and new value.
 */
export async function logRelationship(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'>, raw: RelationshipInput): Promise<LoggedRelationship> {
  const input = parseInput(relationshipInput, raw);
  const assertedBy = ctx.actor?.memberId ?? input.memberId;
  const source = input.source ?? (assertedBy === input.memberId ? 'self' : 'colleague');
  const values = {
    strength: input.strength,
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.lastContactOn !== undefined && { lastContactOn: input.lastContactOn }),
    source,
    ...(input.visibility !== undefined && { visibility: input.visibility }),
    ...(input.note !== undefined && { note: input.note || null }),
  };

  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(relationships)
      .where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, input.memberId), eq(relationships.contactId, input.contactId)))
      .limit(1)
      .for('update');

    if (!existing) {
      // A new relationship recorded without a visibility takes the charter's default.
      const visibility = input.visibility ?? (await readCharterSettings(ctx, tx)).defaultVisibility;
      const [created] = await tx
        .insert(relationships)
        .values({ tenantId: ctx.tenantId, memberId: input.memberId, contactId: input.contactId, assertedBy, confirmedAt: ctx.now(), ...values, visibility })
        .returning();
      await writeHistory(tx, ctx.tenantId, created!, null, assertedBy, ctx.now());
      await recordAudit({ ...ctx, db: tx as never }, { action: 'relationship.create', targetType: 'relationship', targetId: created!.id, details: { visibility: created!.visibility } });
      return { relationship: created!, outcome: 'created' as const };
    }

    const changed = Object.entries(values).filter(([key, value]) => existing[key as keyof Relationship] !== value);
    if (changed.length === 0) {
      const [confirmed] = await tx.update(relationships).set({ confirmedAt: ctx.now() }).where(eq(relationships.id, existing.id)).returning();
      return { relationship: confirmed!, outcome: 'unchanged' as const };
    }
    const [updated] = await tx
      .update(relationships)
      .set({ ...values, assertedBy, confirmedAt: ctx.now(), updatedAt: ctx.now() })
      .where(eq(relationships.id, existing.id))
      .returning();
    await writeHistory(tx, ctx.tenantId, updated!, existing, assertedBy, ctx.now());
    if (existing.visibility !== updated!.visibility) {
      await recordAudit({ ...ctx, db: tx as never }, { action: 'relationship.visibility', targetType: 'relationship', targetId: existing.id, details: { from: existing.visibility, to: updated!.visibility } });
    }
    return { relationship: updated!, outcome: 'updated' as const };
  });
}

async function writeHistory(
  db: Pick<AppContext['db'], 'insert'>,
  tenantId: string,
  current: Relationship,
  previous: Relationship | null,
  changedBy: string,
  changedAt: Date,
): Promise<void> {
  const rows = TRACKED_FIELDS.filter((field) => (previous ? previous[field] !== current[field] : current[field] !== null)).map((field) => ({
    tenantId,
    relationshipId: current.id,
    field,
    oldValue: previous ? stringify(previous[field]) : null,
    newValue: stringify(current[field]),
    changedBy,
    changedAt,
  }));
  if (rows.length > 0) await db.insert(relationshipHistory).values(rows);
}

function stringify(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
