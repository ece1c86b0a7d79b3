// Members and the charter: accepting its current version, opting out of sharing and back in,
// and where a member stands.
import { and, desc, eq } from 'drizzle-orm';

import { ownerShares } from '../../domain/charter.js';
import { charterAcceptances, charterOptOuts, members } from '../../store/schema.js';
import { recordAudit } from '../audit.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { currentCharterVersion, readCharterSettings, type CharterSettings } from './settings.js';

export interface CharterStanding {
  settings: CharterSettings;
  /** The version members accept now. */
  version: string;
  /** The latest version this member accepted, and when; null when never. */
  accepted: { version: string; at: Date } | null;
  acceptedCurrent: boolean;
  optedOut: boolean;
  /** Whether anything of the member's relationships reaches colleagues now. */
  sharing: boolean;
}

type MemberContext = Pick<AppContext, 'db' | 'tenantId' | 'actor'>;

/** Returns the acting member's id, or rejects an anonymous caller: the charter is personal. */
export function requireActor(ctx: Pick<AppContext, 'actor'>): string {
  if (!ctx.actor) throw new AppError('invalid_input', 'charter.errors.memberOnly');
  return ctx.actor.memberId;
}

/** Returns where a member stands with the charter. */
export async function readCharterStanding(ctx: Pick<AppContext, 'db' | 'tenantId'>, memberId: string): Promise<CharterStanding> {
  const settings = await readCharterSettings(ctx);
  const version = currentCharterVersion(settings);
  const [latest] = await ctx.db
    .select({ version: charterAcceptances.version, at: charterAcceptances.acceptedAt })
    .from(charterAcceptances)
    .where(and(eq(charterAcceptances.tenantId, ctx.tenantId), eq(charterAcceptances.memberId, memberId)))
    .orderBy(desc(charterAcceptances.acceptedAt))
    .limit(1);
  const [current] = await ctx.db
    .select({ version: charterAcceptances.version })
    .from(charterAcceptances)
    .where(and(eq(charterAcceptances.tenantId, ctx.tenantId), eq(charterAcceptances.memberId, memberId), eq(charterAcceptances.version, version)));
  const [optOut] = await ctx.db
    .select({ at: charterOptOuts.optedOutAt })
    .from(charterOptOuts)
    .where(and(eq(charterOptOuts.tenantId, ctx.tenantId), eq(charterOptOuts.memberId, memberId)));
  const [member] = await ctx.db.select({ active: members.active }).from(members).where(and(eq(members.tenantId, ctx.tenantId), eq(members.id, memberId)));

  const standing = { active: member?.active ?? false, optedOut: Boolean(optOut), acceptedCurrent: Boolean(current) };
  return {
    settings,
    version,
    accepted: latest ? { version: latest.version, at: latest.at } : null,
    acceptedCurrent: standing.acceptedCurrent,
    optedOut: standing.optedOut,
    sharing: ownerShares(standing, settings),
  };
}

/** Records that the acting member accepted the current charter version; accepting twice changes nothing. */
export async function acceptCharter(ctx: MemberContext & Pick<AppContext, 'locale' | 'now'>): Promise<CharterStanding> {
  const memberId = requireActor(ctx);
  const settings = await readCharterSettings(ctx);
  const version = currentCharterVersion(settings);
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(charterAcceptances)
      .values({ tenantId: ctx.tenantId, memberId, version, locale: ctx.locale, acceptedAt: ctx.now() })
      .onConflictDoNothing()
      .returning({ version: charterAcceptances.version });
    if (inserted.length > 0) await recordAudit({ ...ctx, db: tx as never }, { action: 'charter.accept', targetType: 'member', targetId: memberId, details: { version, locale: ctx.locale } });
  });
  return readCharterStanding(ctx, memberId);
}

/** Opts the acting member out of sharing: from now on their relationships are theirs alone. */
export async function optOutOfSharing(ctx: MemberContext & Pick<AppContext, 'now'>): Promise<CharterStanding> {
  const memberId = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const inserted = await tx.insert(charterOptOuts).values({ tenantId: ctx.tenantId, memberId, optedOutAt: ctx.now() }).onConflictDoNothing().returning({ memberId: charterOptOuts.memberId });
    if (inserted.length > 0) await recordAudit({ ...ctx, db: tx as never }, { action: 'charter.opt_out', targetType: 'member', targetId: memberId });
  });
  return readCharterStanding(ctx, memberId);
}

/** Ends the acting member's opt-out: their relationships are shared again as each one's visibility says. */
export async function optBackIn(ctx: MemberContext): Promise<CharterStanding> {
  const memberId = requireActor(ctx);
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(charterOptOuts)
      .where(and(eq(charterOptOuts.tenantId, ctx.tenantId), eq(charterOptOuts.memberId, memberId)))
      .returning({ memberId: charterOptOuts.memberId });
    if (deleted.length > 0) await recordAudit({ ...ctx, db: tx as never }, { action: 'charter.opt_in', targetType: 'member', targetId: memberId });
  });
  return readCharterStanding(ctx, memberId);
}
