// The customer's power structure: formal reporting lines and informal influence.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { queryRows } from '../store/database.js';
import { contacts, influenceLinks, reportingLines } from '../store/schema.js';
import type { AppContext } from './context.js';
import type { WriteOutcome } from './contacts.js';
import { AppError } from './errors.js';
import { isoDate, parseInput } from './validation.js';

type WriteContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'>;

export const reportingLineInput = z.object({
  contactId: z.string().uuid(),
  managerId: z.string().uuid(),
  validFrom: isoDate().optional(),
  source: z.string().trim().min(1).max(100).optional(),
});
export type ReportingLineInput = z.input<typeof reportingLineInput>;

/**
 * Sets a contact's current manager. A different current manager is kept as history: its line
 * is closed the day the new one starts. Rejects self-reporting and cycles.
 */
export async function setReportingLine(ctx: WriteContext, raw: ReportingLineInput): Promise<{ outcome: WriteOutcome }> {
  const input = parseInput(reportingLineInput, raw);
  if (input.contactId === input.managerId) throw new AppError('invalid_input', 'structure.selfReport');
  const startsOn = input.validFrom ?? ctx.now().toISOString().slice(0, 10);

  return ctx.db.transaction(async (tx) => {
    await requireSameAccount(tx as never, ctx.tenantId, input.contactId, input.managerId);
    const [current] = await tx
      .select()
      .from(reportingLines)
      .where(and(eq(reportingLines.tenantId, ctx.tenantId), eq(reportingLines.contactId, input.contactId), isNull(reportingLines.validTo)))
      .for('update');
    if (current?.managerId === input.managerId) return { outcome: 'unchanged' as const };

    const cycle = await queryRows<{ found: number }>(
      tx as never,
      sql`with recursive chain(id, depth) as (
            select ${input.managerId}::uuid, 0
            union all
            select rl.manager_id, chain.depth + 1 from reporting_lines rl join chain on rl.contact_id = chain.id
             where rl.tenant_id = ${ctx.tenantId} and rl.valid_to is null and chain.depth < 100
          )
          select 1 as found from chain where id = ${input.contactId} limit 1`,
    );
    if (cycle.length > 0) throw new AppError('invalid_input', 'structure.cycle');

    if (current) await tx.update(reportingLines).set({ validTo: startsOn }).where(eq(reportingLines.id, current.id));
    await tx.insert(reportingLines).values({
      tenantId: ctx.tenantId,
      contactId: input.contactId,
      managerId: input.managerId,
      validFrom: input.validFrom ?? null,
      source: input.source ?? 'manual',
      createdBy: ctx.actor?.memberId ?? null,
    });
    return { outcome: current ? ('updated' as const) : ('created' as const) };
  });
}

export const influenceInput = z.object({
  fromContactId: z.string().uuid(),
  toContactId: z.string().uuid(),
  weight: z.coerce.number().min(0).max(1).default(0.5),
  kind: z.string().trim().min(1).max(50).default('informal'),
  note: z.string().trim().max(2000).optional().nullable(),
  source: z.string().trim().min(1).max(100).optional(),
});
export type InfluenceInput = z.input<typeof influenceInput>;

/** Records that one contact influences another, or updates the weight and note of that link. */
export async function addInfluenceLink(ctx: WriteContext, raw: InfluenceInput): Promise<{ outcome: WriteOutcome }> {
  const input = parseInput(influenceInput, raw);
  if (input.fromContactId === input.toContactId) throw new AppError('invalid_input', 'structure.selfInfluence');

  return ctx.db.transaction(async (tx) => {
    await requireSameAccount(tx as never, ctx.tenantId, input.fromContactId, input.toContactId);
    const [existing] = await tx
      .select()
      .from(influenceLinks)
      .where(
        and(
          eq(influenceLinks.tenantId, ctx.tenantId),
          eq(influenceLinks.fromContactId, input.fromContactId),
          eq(influenceLinks.toContactId, input.toContactId),
          eq(influenceLinks.kind, input.kind),
        ),
      );
    const note = input.note ?? existing?.note ?? null;
    if (existing && Math.abs(existing.weight - input.weight) < 1e-6 && existing.note === note) return { outcome: 'unchanged' as const };
    if (existing) {
      await tx.update(influenceLinks).set({ weight: input.weight, note, updatedAt: ctx.now() }).where(eq(influenceLinks.id, existing.id));
      return { outcome: 'updated' as const };
    }
    await tx.insert(influenceLinks).values({
      tenantId: ctx.tenantId,
      fromContactId: input.fromContactId,
      toContactId: input.toContactId,
      weight: input.weight,
      kind: input.kind,
      note,
      source: input.source ?? 'manual',
      createdBy: ctx.actor?.memberId ?? null,
    });
    return { outcome: 'created' as const };
  });
}

async function requireSameAccount(db: AppContext['db'], tenantId: string, firstId: string, secondId: string): Promise<void> {
  const rows = await db
    .select({ id: contacts.id, accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), sql`${contacts.id} in (${firstId}, ${secondId})`));
  if (rows.length !== 2) throw new AppError('not_found', 'structure.contactMissing');
  if (rows[0]!.accountId !== rows[1]!.accountId) throw new AppError('invalid_input', 'structure.differentAccounts');
}
