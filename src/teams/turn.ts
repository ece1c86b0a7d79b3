// The origin of a Teams activity: its tenant, the member acting and their language.
import type { TurnContext } from 'botbuilder';
import { and, eq } from 'drizzle-orm';

import type { AppContext } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { upsertMember } from '../app/members.js';
import { ensureTenant } from '../app/tenants.js';
import type { Locale } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { resolveLocale, translator, type Translate } from '../i18n/index.js';
import type { Database } from '../store/database.js';
import { members, type Member, type Tenant } from '../store/schema.js';
import { tenantIdOf } from './activity.js';
import type { TimedCache } from '../app/timed-cache.js';
import { saveConversation, type ConversationCache } from './conversations.js';

export interface TeamsDependencies {
  db: Database;
  logger: Logger;
  defaultLocale: Locale;
  /** Tenant key for activities without a Microsoft Entra tenant (the Emulator), in local mode only. */
  localTenantKey?: string;
  now: () => Date;
  /** Conversation references this process already stored. */
  conversations: ConversationCache;
  /**
   * E-mail addresses and object ids of o2o administrators (O2O_ADMINS). Teams activities do not say
   * whether the sender administers the Microsoft 365 tenant, so in Teams only this list and the
   * members' admin flag make an admin.
   */
  configuredAdmins?: readonly string[];
  /** Tenants by external key and members by tenant and object id, so a turn need not read them. */
  cache?: { tenants: TimedCache<Tenant>; members: TimedCache<Member> };
  /** O2O_PUBLIC_URL without a trailing slash. When set, cards link to pictures under it. */
  publicUrl?: string;
}

/** Everything a handler needs about the current turn. */
export interface TeamsTurn {
  tenant: Tenant;
  /** The member acting; null when the sender has no Entra object id (a bot, the Emulator). */
  member: Member | null;
  locale: Locale;
  t: Translate;
  app: AppContext;
  logger: Logger;
  /** Base URL of the pictures that cards link to, or undefined when pictures go inside the card. */
  publicUrl?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Returns the tenant's external key: "teams:<Entra tenant id>". */
export function teamsTenantKey(entraTenantId: string): string {
  return `teams:${entraTenantId.toLowerCase()}`;
}

/** Returns the locale of an activity before the tenant is known: the activity's, else the default. */
export function activityLocale(context: TurnContext, fallback: Locale): Locale {
  return resolveLocale(context.activity.locale, fallback);
}

/**
 * Resolves the tenant (created on first use), registers the sender as a member on first use
 * and keeps their name and language current, and builds the use-case context of the turn.
 */
export async function resolveTurn(context: TurnContext, deps: TeamsDependencies): Promise<TeamsTurn> {
  const tenant = await resolveTenant(context, deps);
  const locale = resolveLocale(context.activity.locale, tenant.defaultLocale as Locale);
  const member = await resolveSender(context, deps, tenant.id);
  const logger = deps.logger.child({ tenant: tenant.id, user: member?.id ?? null });
  const app: AppContext = {
    db: deps.db,
    tenantId: tenant.id,
    actor: member ? { memberId: member.id, name: member.name } : null,
    locale,
    logger,
    now: deps.now,
    ...(deps.configuredAdmins && { configuredAdmins: deps.configuredAdmins }),
  };
  return { tenant, member, locale, t: translator(locale), app, logger, ...(deps.publicUrl && { publicUrl: deps.publicUrl }) };
}

async function resolveTenant(context: TurnContext, deps: TeamsDependencies): Promise<Tenant> {
  const entraTenantId = tenantIdOf(context.activity);
  const key = entraTenantId ? teamsTenantKey(entraTenantId) : deps.localTenantKey;
  if (!key) throw new AppError('invalid_input', 'teams.errors.noTenant');
  const cached = deps.cache?.tenants.get(key);
  if (cached) return cached;
  const tenant = await ensureTenant(deps.db, key, { defaultLocale: deps.defaultLocale });
  deps.cache?.tenants.set(key, tenant);
  return tenant;
}

/** Returns the sender's member row, creating or refreshing it from the activity. */
async function resolveSender(context: TurnContext, deps: TeamsDependencies, tenantId: string): Promise<Member | null> {
  const from = context.activity.from;
  const aadObjectId = from?.aadObjectId?.toLowerCase();
  if (!aadObjectId || !GUID.test(aadObjectId) || from.role === 'bot') return null;
  const user = { aadObjectId, name: from.name, locale: context.activity.locale };
  const cacheKey = `${tenantId}:${aadObjectId}`;
  const cached = deps.cache?.members.get(cacheKey);
  if (cached && !hasNewDetails(cached, user)) return cached;
  const member = await registerTeamsUser({ db: deps.db, tenantId }, user);
  deps.cache?.members.set(cacheKey, member);
  return member;
}

/** Checks whether an activity brings a name or locale that the stored member does not have. */
function hasNewDetails(member: Member, user: { name?: string | undefined; locale?: string | undefined }): boolean {
  const name = user.name?.trim();
  const locale = user.locale?.trim();
  return Boolean((name && name !== member.name) || (locale && locale !== member.locale));
}

/**
 * Returns the member with this Entra object id, creating it on first sight. An existing
 * member's name and locale are updated only when the activity carries new ones, so an
 * activity without a name never blanks a stored one. With no name at all, the object id
 * is the name until one arrives.
 */
export async function registerTeamsUser(
  ctx: Pick<AppContext, 'db' | 'tenantId'>,
  user: { aadObjectId: string; name?: string | undefined; email?: string | undefined; locale?: string | undefined },
): Promise<Member> {
  const aadObjectId = user.aadObjectId.toLowerCase();
  const name = user.name?.trim();
  const [existing] = await ctx.db
    .select()
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), eq(members.teamsAadObjectId, aadObjectId)))
    .limit(1);
  const locale = user.locale?.trim() || undefined;
  if (existing && !hasNewDetails(existing, user)) return existing;

  const { member } = await upsertMember(ctx, {
    name: name || existing?.name || aadObjectId,
    teamsAadObjectId: aadObjectId,
    ...(locale && { locale }),
    // An e-mail links a first-seen user to a member imported earlier under that address.
    ...(user.email && !existing && { email: user.email }),
  });
  return member;
}

/** Stores the reference of the turn's conversation unless this process already stored the same one. */
export async function rememberConversation(context: TurnContext, deps: TeamsDependencies, turn: TeamsTurn): Promise<void> {
  const memberId = turn.member?.id ?? null;
  if (!deps.conversations.isStale(turn.tenant.id, context.activity, memberId)) return;
  if (await saveConversation(deps.db, turn.tenant.id, context.activity, memberId)) {
    deps.conversations.remember(turn.tenant.id, context.activity, memberId);
  }
}
