// Administrators of o2o in a tenant: members flagged is_admin, the people listed in O2O_ADMINS (by
// e-mail, Slack user id or Teams object id), and workspace administrators as the platform reports.
import { and, eq } from 'drizzle-orm';

import { members } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

type AdminContext = Pick<AppContext, 'db' | 'tenantId' | 'actor'> & Partial<Pick<AppContext, 'configuredAdmins'>>;

/** Checks whether the acting member is an administrator. The anonymous actor is not. */
export async function isAdmin(ctx: AdminContext): Promise<boolean> {
  if (!ctx.actor) return false;
  if (ctx.actor.isPlatformAdmin) return true;
  const [member] = await ctx.db
    .select({ isAdmin: members.isAdmin, email: members.email, slackUserId: members.slackUserId, teamsAadObjectId: members.teamsAadObjectId })
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, ctx.actor.memberId)))
    .limit(1);
  if (!member) return false;
  if (member.isAdmin) return true;
  const configured = new Set((ctx.configuredAdmins ?? []).map((entry) => entry.toLowerCase()));
  const listed = [member.email, member.slackUserId, member.teamsAadObjectId].some((identity) => identity !== null && configured.has(identity.toLowerCase()));
  if (listed) return true;
  return ctx.actor.checkPlatformAdmin ? ctx.actor.checkPlatformAdmin() : false;
}

/**
 * Rejects a member who is not an administrator. Without an actor the caller is the operator of
 * the server or of the command line, who has direct access to the store, so the check passes.
 */
export async function requireAdmin(ctx: AdminContext): Promise<void> {
  if (!ctx.actor) return;
  if (!(await isAdmin(ctx))) throw new AppError('forbidden', 'charter.errors.adminOnly');
}
