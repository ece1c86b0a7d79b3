// Audit trail of reads and writes that matter to the relationship charter.
import type { AppContext } from './context.js';
import { auditLog } from '../store/schema.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Identifiers and counts only: audit rows outlive the personal data they refer to. */
  details?: Record<string, unknown>;
}

export async function recordAudit(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, entry: AuditEntry): Promise<void> {
  await ctx.db.insert(auditLog).values({
    tenantId: ctx.tenantId,
    actorMemberId: ctx.actor?.memberId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
  });
}
