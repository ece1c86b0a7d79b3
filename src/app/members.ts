// Members: our own people, the sellers.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';

import { normalizeEmail, normalizeName } from '../domain/names.js';
import { members, type Member } from '../store/schema.js';
import type { AppContext } from './context.js';
import { parseInput } from './validation.js';

export const memberInput = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email().max(320).optional(),
  role: z.string().trim().max(200).optional(),
  locale: z.string().trim().max(35).optional(),
  timeZone: z.string().trim().max(64).optional(),
  slackUserId: z.string().trim().regex(/^[UW][A-Z0-9]+$/).optional(),
  teamsAadObjectId: z.string().trim().uuid().optional(),
  active: z.boolean().optional(),
});
export type MemberInput = z.input<typeof memberInput>;

export interface UpsertedMember {
  member: Member;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * Creates or updates a member, matched on Slack user id, Teams object id, then e-mail.
 * Fields left out of the input keep their stored value.
 */
export async function upsertMember(ctx: Pick<AppContext, 'db' | 'tenantId'>, raw: MemberInput): Promise<UpsertedMember> {
  const input = parseInput(memberInput, raw);
  return ctx.db.transaction(async (tx) => {
    const existing = await findMemberByIdentity(tx, ctx.tenantId, input);
    const values = {
      name: input.name,
      normalizedName: normalizeName(input.name),
      ...(input.email !== undefined && { email: normalizeEmail(input.email) }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(input.timeZone !== undefined && { timeZone: input.timeZone }),
      ...(input.slackUserId !== undefined && { slackUserId: input.slackUserId }),
      ...(input.teamsAadObjectId !== undefined && { teamsAadObjectId: input.teamsAadObjectId }),
      ...(input.active !== undefined && { active: input.active }),
    };
    if (!existing) {
      const [member] = await tx.insert(members).values({ tenantId: ctx.tenantId, ...values }).returning();
      return { member: member!, outcome: 'created' as const };
    }
    const changed = Object.entries(values).some(([key, value]) => existing[key as keyof Member] !== value);
    if (!changed) return { member: existing, outcome: 'unchanged' as const };
    const [member] = await tx.update(members).set({ ...values, updatedAt: new Date() }).where(eq(members.id, existing.id)).returning();
    return { member: member!, outcome: 'updated' as const };
  });
}

async function findMemberByIdentity(
  db: Pick<AppContext['db'], 'select'>,
  tenantId: string,
  input: { email?: string | undefined; slackUserId?: string | undefined; teamsAadObjectId?: string | undefined },
): Promise<Member | undefined> {
  const conditions = [
    input.slackUserId ? eq(members.slackUserId, input.slackUserId) : undefined,
    input.teamsAadObjectId ? eq(members.teamsAadObjectId, input.teamsAadObjectId) : undefined,
    input.email ? sql`lower(${members.email}) = ${normalizeEmail(input.email)}` : undefined,
  ].filter((condition) => condition !== undefined);
  for (const condition of conditions) {
    const [found] = await db.select().from(members).where(and(eq(members.tenantId, tenantId), condition)).limit(1);
    if (found) return found;
  }
  return undefined;
}
