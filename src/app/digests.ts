// Weekly coverage digests: channel subscriptions (subscribe, unsubscribe, list) and the digest
// itself, composed from the coverage of each followed deal and compared with last week's snapshot.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import type { Locale } from '../config/env.js';
import { isValidTimeZone, nextWeeklyRun, parseLocalTime, formatLocalTime } from '../domain/schedule.js';
import { resolveLocale } from '../i18n/index.js';
import { accounts, deals, digestSubscriptions, members, tenants } from '../store/schema.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { resolveDealOrAccount } from './deals/lookup.js';
import { collectDigestSections, type DigestSection } from '../jobs/digest-content.js';
import { AppError } from './errors.js';
import { presentDigest, type DigestSchedule } from './present/digest.js';
import type { Reply } from './reply.js';

export type DigestSubscription = typeof digestSubscriptions.$inferSelect;
export type { DigestSection };

/** Coverage remembered from a run, per scope key ("deal:<id>"), for next week's comparison. */
export interface DigestSnapshot {
  sections: Record<string, { score: number; gaps: Record<string, string> }>;
}

export const DEFAULT_DIGEST_DAY = 1;
export const DEFAULT_DIGEST_TIME = '09:00';

export const subscribeInput = z.object({
  platform: z.enum(['slack', 'teams']),
  channelId: z.string().trim().min(1).max(200),
  /** "all", a deal name or an account name; all when left out. */
  scope: z.string().trim().max(300).optional(),
  dayOfWeek: z.number().int().min(0).max(6).optional(),
  localTime: z.string().trim().optional(),
  timeZone: z.string().trim().max(64).optional(),
});
export type SubscribeInput = z.input<typeof subscribeInput>;

export interface DigestScope {
  scopeType: 'all' | 'account' | 'deal';
  accountId: string | null;
  dealId: string | null;
  label: string;
}

/** Reads "all", a deal name or an account name as a digest scope. */
export async function resolveDigestScope(ctx: Pick<AppContext, 'db' | 'tenantId'>, scope: string | undefined): Promise<DigestScope | null> {
  const text = scope?.trim() ?? '';
  if (!text || /^(all|tout|toutes|tous)$/i.test(text)) return null;
  const found = await resolveDealOrAccount(ctx, text);
  return found.type === 'deal'
    ? { scopeType: 'deal', dealId: found.deal.id, accountId: null, label: found.deal.label }
    : { scopeType: 'account', accountId: found.account.id, dealId: null, label: found.account.label };
}

async function defaultTimeZone(ctx: AppContext): Promise<string> {
  if (ctx.actor) {
    const [member] = await ctx.db.select({ timeZone: members.timeZone }).from(members).where(eq(members.id, ctx.actor.memberId));
    if (member?.timeZone && isValidTimeZone(member.timeZone)) return member.timeZone;
  }
  const [tenant] = await ctx.db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId));
  const configured = (tenant?.settings.updateRequests as { defaultTimeZone?: unknown } | undefined)?.defaultTimeZone;
  return typeof configured === 'string' && isValidTimeZone(configured) ? configured : 'UTC';
}

export interface SubscribeResult {
  subscription: DigestSubscription;
  created: boolean;
  scopeLabel: string;
}

/**
 * Subscribes a channel to the weekly digest of a scope, by default every Monday at 09:00 in the
 * subscriber's time zone, in the language of the command. Subscribing again to the same scope
 * changes its schedule and resumes it if it was paused.
 */
export async function subscribeDigest(ctx: AppContext, raw: SubscribeInput): Promise<SubscribeResult> {
  const input = parseSubscribeInput(raw);
  const scope = await resolveDigestScope(ctx, input.scope);
  const timeZone = input.timeZone ?? (await defaultTimeZone(ctx));
  const slot = { dayOfWeek: input.dayOfWeek ?? DEFAULT_DIGEST_DAY, localTime: input.localTime ?? DEFAULT_DIGEST_TIME, timeZone };
  const values = {
    scopeType: scope?.scopeType ?? ('all' as const),
    accountId: scope?.accountId ?? null,
    dealId: scope?.dealId ?? null,
    ...slot,
    locale: ctx.locale,
    paused: false,
    pausedReason: null,
    nextRunAt: nextWeeklyRun(slot, ctx.now()),
  };

  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(digestSubscriptions)
      .where(and(sameChannel(ctx.tenantId, input.platform, input.channelId), sameScope(values)))
      .limit(1)
      .for('update');
    const [subscription] = existing
      ? await tx.update(digestSubscriptions).set(values).where(eq(digestSubscriptions.id, existing.id)).returning()
      : await tx
          .insert(digestSubscriptions)
          .values({ tenantId: ctx.tenantId, platform: input.platform, channelId: input.channelId, createdBy: ctx.actor?.memberId ?? null, ...values })
          .returning();
    await recordAudit({ ...ctx, db: tx as never }, { action: existing ? 'digest.update' : 'digest.subscribe', targetType: 'digest_subscription', targetId: subscription!.id, details: { scopeType: values.scopeType } });
    return { subscription: subscription!, created: !existing, scopeLabel: scope?.label ?? '' };
  });
}

function parseSubscribeInput(raw: SubscribeInput) {
  const parsed = subscribeInput.safeParse(raw);
  if (!parsed.success) throw new AppError('invalid_input', 'validation.invalidField', { field: String(parsed.error.issues[0]?.path[0] ?? 'input'), reasonKey: 'validation.invalid' });
  const input = parsed.data;
  if (input.localTime !== undefined) {
    const minutes = parseLocalTime(input.localTime);
    if (minutes === null) throw new AppError('invalid_input', 'jobs.schedule.invalidTime', { value: input.localTime });
    input.localTime = formatLocalTime(minutes);
  }
  if (input.timeZone !== undefined && !isValidTimeZone(input.timeZone)) throw new AppError('invalid_input', 'jobs.schedule.invalidTimeZone', { value: input.timeZone });
  return input;
}

function sameChannel(tenantId: string, platform: 'slack' | 'teams', channelId: string) {
  return and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.platform, platform), eq(digestSubscriptions.channelId, channelId));
}

function sameScope(scope: Pick<DigestScope, 'scopeType' | 'accountId' | 'dealId'>) {
  if (scope.scopeType === 'deal') return and(eq(digestSubscriptions.scopeType, 'deal'), eq(digestSubscriptions.dealId, scope.dealId!));
  if (scope.scopeType === 'account') return and(eq(digestSubscriptions.scopeType, 'account'), eq(digestSubscriptions.accountId, scope.accountId!));
  return eq(digestSubscriptions.scopeType, 'all');
}

/** Removes a channel's subscription to one scope, or all of them when no scope is given. */
export async function unsubscribeDigest(ctx: AppContext, input: { platform: 'slack' | 'teams'; channelId: string; scope?: string }): Promise<{ removed: number; scopeLabel: string }> {
  const scope = input.scope?.trim() ? await resolveDigestScope(ctx, input.scope) : undefined;
  const condition = scope === undefined ? undefined : sameScope(scope ?? { scopeType: 'all', accountId: null, dealId: null });
  return ctx.db.transaction(async (tx) => {
    const removed = await tx.delete(digestSubscriptions).where(and(sameChannel(ctx.tenantId, input.platform, input.channelId), condition)).returning({ id: digestSubscriptions.id });
    for (const row of removed) await recordAudit({ ...ctx, db: tx as never }, { action: 'digest.unsubscribe', targetType: 'digest_subscription', targetId: row.id });
    return { removed: removed.length, scopeLabel: scope?.label ?? '' };
  });
}

export interface ListedSubscription {
  subscription: DigestSubscription;
  scopeLabel: string;
}

/** Lists a channel's subscriptions with the name of what each follows. */
export async function listDigestSubscriptions(ctx: Pick<AppContext, 'db' | 'tenantId'>, input: { platform: 'slack' | 'teams'; channelId: string }): Promise<ListedSubscription[]> {
  const rows = await ctx.db
    .select({ subscription: digestSubscriptions, accountName: accounts.name, dealName: deals.name })
    .from(digestSubscriptions)
    .leftJoin(accounts, eq(accounts.id, digestSubscriptions.accountId))
    .leftJoin(deals, eq(deals.id, digestSubscriptions.dealId))
    .where(sameChannel(ctx.tenantId, input.platform, input.channelId))
    .orderBy(digestSubscriptions.createdAt);
  return rows.map((row) => ({ subscription: row.subscription, scopeLabel: row.dealName ?? row.accountName ?? '' }));
}

/**
 * Composes the digest of a subscription: one Reply per part (a summary, then one per deal),
 * and the snapshot the next run compares with. Writes nothing.
 */
export async function composeDigest(
  ctx: AppContext,
  subscription: Pick<DigestSubscription, 'scopeType' | 'accountId' | 'dealId' | 'dayOfWeek' | 'localTime' | 'timeZone' | 'locale'>,
  options: { since: Date; previous: DigestSnapshot | null; preview?: boolean },
): Promise<{ parts: Reply[]; snapshot: DigestSnapshot }> {
  const locale: Locale = resolveLocale(subscription.locale);
  const { sections, scopeLabel, omitted } = await collectDigestSections({ ...ctx, locale }, subscription, options);
  const snapshot: DigestSnapshot = { sections: {} };
  for (const section of sections) snapshot.sections[section.key] = { score: section.score, gaps: section.gapLabels };
  const schedule: DigestSchedule = { dayOfWeek: subscription.dayOfWeek, localTime: subscription.localTime, timeZone: subscription.timeZone };
  const parts = presentDigest({ sections, scopeLabel, omitted, schedule, preview: options.preview ?? false }, locale, ctx.now());
  return { parts, snapshot };
}
