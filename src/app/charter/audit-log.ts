// Reading the audit log (admins only): who looked up which account or person, exports, erasures,
// charter and visibility changes, filtered by actor, action, target and date.
import { and, desc, eq, gte, like, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import { accounts, auditLog, contacts, members } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { resolveAccount, resolveContact, resolveMember } from '../lookup.js';
import { parseInput } from '../validation.js';
import { requireAdmin } from './admins.js';

/** The accepted forms of the since filter: a date (YYYY-MM-DD) or a number of days back (30d). */
export const AUDIT_SINCE = /^(\d{4}-\d{2}-\d{2}|\d{1,4}d)$/;

/** Maximum number of audit rows one read returns. */
export const MAX_AUDIT_LIMIT = 500;

export const auditFilterInput = z.object({
  actor: z.string().trim().min(1).max(300).optional(),
  /** An action, or the start of one: "lookup" matches "lookup.account" and "lookup.contact". */
  action: z.string().trim().toLowerCase().regex(/^[a-z_.]{1,60}$/, { message: 'auditAction' }).optional(),
  /** An id, or the name of a contact, account or member. */
  target: z.string().trim().min(1).max(300).optional(),
  /** A date (YYYY-MM-DD) or a number of days back ("30d"). */
  since: z.string().trim().regex(AUDIT_SINCE, { message: 'auditSince' }).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_LIMIT).default(50),
});
export type AuditFilter = z.input<typeof auditFilterInput>;

export interface AuditRow {
  at: string;
  actorId: string | null;
  /** The actor's name when the member still exists. */
  actor: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** The target's current name; null when it was erased or has none. */
  target: string | null;
  details: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads audit rows, latest first. Reading the audit is itself recorded. */
export async function readAuditLog(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> & Partial<Pick<AppContext, 'configuredAdmins'>>, raw: AuditFilter = {}): Promise<AuditRow[]> {
  await requireAdmin(ctx);
  // A bad since gets the message that lists the accepted forms, not zod's generic one.
  const since = raw.since?.trim();
  if (since && !AUDIT_SINCE.test(since)) throw new AppError('invalid_input', 'charter.audit.invalidSince', { value: since });
  const filter = parseInput(auditFilterInput, raw);
  const conditions: Array<SQL | undefined> = [eq(auditLog.tenantId, ctx.tenantId)];
  if (filter.actor) conditions.push(eq(auditLog.actorMemberId, (await resolveMember(ctx, filter.actor)).id));
  if (filter.action) conditions.push(or(eq(auditLog.action, filter.action), like(auditLog.action, `${filter.action.replace(/_/g, '\\_')}.%`)));
  if (filter.target) conditions.push(eq(auditLog.targetId, await resolveTargetId(ctx, filter.target)));
  if (filter.since) conditions.push(gte(auditLog.at, sinceDate(filter.since, ctx.now())));

  const rows = await ctx.db
    .select({
      at: auditLog.at,
      actorId: auditLog.actorMemberId,
      actor: members.name,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      details: auditLog.details,
      target: sql<string | null>`case ${auditLog.targetType}
        when 'contact' then (select coalesce(c.name, c.title) from ${contacts} c where c.id::text = ${auditLog.targetId})
        when 'account' then (select a.name from ${accounts} a where a.id::text = ${auditLog.targetId})
        when 'member' then (select m2.name from ${members} m2 where m2.id::text = ${auditLog.targetId})
        else null end`,
    })
    .from(auditLog)
    .leftJoin(members, eq(members.id, auditLog.actorMemberId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(filter.limit);

  await recordAudit(ctx, { action: 'audit.read', details: { filters: Object.keys(raw).filter((key) => key !== 'limit') } });
  return rows.map((row) => ({ ...row, at: row.at.toISOString(), details: row.details ?? {} }));
}

/** An id as given, else the first of contact, account and member that the name resolves to. */
async function resolveTargetId(ctx: Pick<AppContext, 'db' | 'tenantId'>, target: string): Promise<string> {
  if (UUID.test(target)) return target.toLowerCase();
  for (const resolve of [resolveContact, resolveAccount, resolveMember]) {
    try {
      return (await resolve(ctx, target)).id;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    }
  }
  throw new AppError('not_found', 'charter.audit.targetNotFound', { target });
}

function sinceDate(since: string, now: Date): Date {
  if (since.endsWith('d')) return new Date(now.getTime() - Number(since.slice(0, -1)) * 86_400_000);
  const date = new Date(`${since}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new AppError('invalid_input', 'charter.audit.invalidSince', { value: since });
  return date;
}
