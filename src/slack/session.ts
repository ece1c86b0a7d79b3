// Sessions of Slack requests: the tenant of the Slack workspace (or Grid organisation) and the
// member behind the Slack user, registered from their Slack profile on first use, with their language.
import type { WebClient } from '@slack/web-api';
import { and, eq } from 'drizzle-orm';

import type { CommandEnvironment, UserProfile } from '../app/commands/index.js';
import type { AppContext } from '../app/context.js';
import { AppError } from '../app/errors.js';
import { upsertMember } from '../app/members.js';
import type { Runtime } from '../app/runtime.js';
import { ensureTenant } from '../app/tenants.js';
import type { Locale } from '../config/env.js';
import { normalizeEmail } from '../domain/names.js';
import { resolveLocale, translator, type Translate } from '../i18n/index.js';
import { members, type Member, type Tenant } from '../store/schema.js';
import { TimedCache } from '../app/timed-cache.js';
import { tenantKeyOf, type SlackOrganisation } from './installation-store.js';

/** One Slack request's view of who is asking. */
export interface RequestScope {
  client: WebClient;
  organisation: SlackOrganisation;
  userId: string;
  /** The name Slack put in the payload, used when the profile cannot be read. */
  userName?: string;
}

export interface SlackSession {
  tenant: Tenant;
  member: Member;
  locale: Locale;
  t: Translate;
  ctx: AppContext;
  commands: CommandEnvironment;
}

// A member's name, e-mail, language and time zone are read again from Slack after this long.
const PROFILE_REFRESH_MS = 7 * 86_400_000;

export class SlackSessions {
  private readonly tenants = new TimedCache<Tenant>();
  private readonly members = new TimedCache<Member>();
  private readonly platformAdmins = new TimedCache<boolean>();

  constructor(private readonly runtime: Runtime) {}

  /** Opens the session of a request: tenant, member, language and use-case context. */
  async open(scope: RequestScope): Promise<SlackSession> {
    const tenant = await this.tenantFor(scope.organisation);
    const member = await this.memberFor(tenant, scope.client, scope.userId, scope.userName);
    const locale = resolveLocale(member.locale, resolveLocale(tenant.defaultLocale, this.runtime.env.DEFAULT_LOCALE));
    const t = translator(locale);
    const ctx: AppContext = {
      db: this.runtime.store.db,
      tenantId: tenant.id,
      actor: { memberId: member.id, name: member.name, checkPlatformAdmin: () => this.isWorkspaceAdmin(tenant, scope.client, scope.userId) },
      locale,
      logger: this.runtime.logger.child({ tenant: tenant.externalKey, user: scope.userId }),
      now: () => new Date(),
      configuredAdmins: this.runtime.env.O2O_ADMINS,
    };
    const commands: CommandEnvironment = {
      ctx,
      t,
      memberForUser: async (userId) => {
        const found = await this.memberFor(tenant, scope.client, userId);
        return { id: found.id, name: found.name, email: found.email };
      },
      profileOfUser: (userId) => this.profileOf(scope.client, scope.organisation, userId),
    };
    return { tenant, member, locale, t, ctx, commands };
  }

  /**
   * Returns the language to use before the store responds (for a loading view, or to report that
   * the store is down): the user's last known language, else the workspace's, else DEFAULT_LOCALE.
   */
  knownLocale(organisation: SlackOrganisation, userId: string): Locale {
    const key = safeTenantKey(organisation);
    const tenant = key ? this.tenants.peek(key) : undefined;
    const member = tenant ? this.members.peek(`${tenant.id}:${userId}`) : undefined;
    const fallback = resolveLocale(tenant?.defaultLocale, this.runtime.env.DEFAULT_LOCALE);
    return resolveLocale(member?.locale, fallback);
  }

  async tenantFor(organisation: SlackOrganisation): Promise<Tenant> {
    const key = tenantKeyOf(organisation);
    const cached = this.tenants.get(key);
    if (cached) return cached;
    const tenant = await ensureTenant(this.runtime.store.db, key, { defaultLocale: this.runtime.env.DEFAULT_LOCALE });
    this.tenants.set(key, tenant);
    return tenant;
  }

  /** Returns the member of a Slack user, registering them from their profile on first use. */
  async memberFor(tenant: Tenant, client: WebClient, userId: string, fallbackName?: string): Promise<Member> {
    const cacheKey = `${tenant.id}:${userId}`;
    const cached = this.members.get(cacheKey);
    if (cached) return cached;

    const db = this.runtime.store.db;
    const [stored] = await db.select().from(members).where(and(eq(members.tenantId, tenant.id), eq(members.slackUserId, userId))).limit(1);
    if (stored) {
      this.members.set(cacheKey, stored);
      if (Date.now() - stored.updatedAt.getTime() > PROFILE_REFRESH_MS) void this.refreshMember(tenant, client, userId, cacheKey);
      return stored;
    }
    const member = await this.registerMember(tenant, client, userId, fallbackName);
    this.members.set(cacheKey, member);
    return member;
  }

  private async registerMember(tenant: Tenant, client: WebClient, userId: string, fallbackName?: string): Promise<Member> {
    const profile = await this.readProfile(client, userId);
    if (profile?.isBot) throw new AppError('invalid_input', 'slack.errors.botUser');
    const name = profile?.name ?? fallbackName;
    if (!name) throw new AppError('not_found', 'commands.errors.unknownUser', { user: userId });
    const { member } = await upsertMember(
      { db: this.runtime.store.db, tenantId: tenant.id },
      {
        name,
        slackUserId: userId,
        ...(profile?.email && { email: profile.email }),
        ...(profile?.locale && { locale: profile.locale }),
        ...(profile?.timeZone && { timeZone: profile.timeZone }),
      },
    );
    this.runtime.logger.info({ tenant: tenant.externalKey, user: userId, member: member.id }, 'Slack user registered as a member');
    return member;
  }

  private async refreshMember(tenant: Tenant, client: WebClient, userId: string, cacheKey: string): Promise<void> {
    try {
      const member = await this.registerMember(tenant, client, userId);
      this.members.set(cacheKey, member);
    } catch (error) {
      this.runtime.logger.warn({ err: error, tenant: tenant.externalKey, user: userId }, 'Slack profile refresh failed');
    }
  }

  /** Checks with Slack whether the user is an admin or owner of the workspace; remembered for a while. */
  private async isWorkspaceAdmin(tenant: Tenant, client: WebClient, userId: string): Promise<boolean> {
    const cacheKey = `${tenant.id}:${userId}`;
    const cached = this.platformAdmins.get(cacheKey);
    if (cached !== undefined) return cached;
    const profile = await this.readProfile(client, userId);
    const admin = Boolean(profile?.isAdmin);
    // An unreadable profile is not cached, so the next admin-only action checks again.
    if (profile) this.platformAdmins.set(cacheKey, admin);
    return admin;
  }

  /** Reads the profile of a mentioned user, for naming them as a customer contact. */
  async profileOf(client: WebClient, organisation: SlackOrganisation, userId: string): Promise<UserProfile | null> {
    const profile = await this.readProfile(client, userId);
    if (!profile || profile.isBot) return null;
    const external = profile.stranger || Boolean(profile.teamId && organisation.teamId && profile.teamId !== organisation.teamId);
    return { name: profile.name, ...(profile.email && { email: profile.email }), external };
  }

  private async readProfile(client: WebClient, userId: string) {
    try {
      const { user } = await client.users.info({ user: userId, include_locale: true });
      if (!user || user.deleted) return null;
      const name = user.profile?.real_name || user.real_name || user.profile?.display_name || user.name;
      if (!name) return null;
      return {
        name,
        email: normalizeEmail(user.profile?.email) ?? undefined,
        locale: user.locale,
        timeZone: user.tz,
        teamId: user.team_id,
        isBot: Boolean(user.is_bot),
        isAdmin: Boolean(user.is_admin || user.is_owner || user.is_primary_owner),
        stranger: Boolean(user.is_stranger),
      };
    } catch (error) {
      this.runtime.logger.warn({ err: error, user: userId }, 'Slack users.info failed');
      return null;
    }
  }
}

function safeTenantKey(organisation: SlackOrganisation): string | undefined {
  try {
    return tenantKeyOf(organisation);
  } catch {
    return undefined;
  }
}
