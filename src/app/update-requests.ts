// Relationship update requests: the settings that bound them, the message that carries them,
// and what an answer records. Planning and sending live in src/jobs.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Locale } from '../config/env.js';
import { DEFAULT_WORKING_HOURS, checkWorkingHours, isValidTimeZone, type WorkingHours } from '../domain/schedule.js';
import { DEFAULT_REQUEST_POLICY, strengthAfter, type RequestAnswer, type RequestPolicy } from '../domain/update-requests.js';
import { resolveLocale } from '../i18n/index.js';
import type { Executor } from '../store/database.js';
import { accounts, contacts, deals, members, relationshipHistory, relationships, tenants, updateRequests, type Member } from '../store/schema.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { presentRequestMessage, recordedText, type RequestView } from './present/update-request.js';
import type { Reply } from './reply.js';
import { logRelationship } from './relationships.js';

export type UpdateRequest = typeof updateRequests.$inferSelect;

/** Context kept with a request: who asked for it, which deal made it matter, where it was sent. */
export interface RequestContext {
  askedBy?: string;
  dealId?: string;
  outboxId?: string;
  refs?: unknown[];
}

export interface RequestSettings {
  /** Most requests one member gets in a week (Monday to Sunday in their time zone). */
  weeklyCap: number;
  workingHours: WorkingHours;
  /** Time zone of members who have none. */
  defaultTimeZone: string;
  /** Time of day, in UTC, when the daily planning runs. */
  planTime: string;
  policy: RequestPolicy;
}

const settingsSchema = z.object({
  weeklyCap: z.number().int().min(0).max(20).default(3),
  workingHours: z
    .object({
      days: z.array(z.number().int().min(0).max(6)).max(7),
      start: z.string(),
      end: z.string(),
      quiet: z.array(z.object({ start: z.string(), end: z.string() })).max(5).default([]),
    })
    .default(DEFAULT_WORKING_HOURS),
  defaultTimeZone: z.string().default('UTC'),
  planTime: z.string().regex(/^\d{2}:\d{2}$/).default('06:00'),
  policy: z
    .object({
      staleAfterDays: z.number().int().min(1).max(730),
      unconfirmedAfterDays: z.number().int().min(1).max(730),
      askAgainAfterDays: z.number().int().min(1).max(365),
      snoozeDays: z.number().int().min(1).max(90),
    })
    .partial()
    .default({}),
});

/** Reads the tenant's request settings (tenants.settings.updateRequests) over the defaults. */
export async function readRequestSettings(db: Executor, tenantId: string): Promise<RequestSettings> {
  const [row] = await db.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  const parsed = settingsSchema.safeParse((row?.settings ?? {}).updateRequests ?? {});
  const settings = parsed.success ? parsed.data : settingsSchema.parse({});
  const hoursValid = checkWorkingHours(settings.workingHours) === null;
  return {
    ...settings,
    workingHours: hoursValid ? settings.workingHours : DEFAULT_WORKING_HOURS,
    defaultTimeZone: isValidTimeZone(settings.defaultTimeZone) ? settings.defaultTimeZone : 'UTC',
    policy: { ...DEFAULT_REQUEST_POLICY, ...settings.policy },
  };
}

/** Returns the platform a member is reached on, or null when they have no linked account. */
export function memberPlatform(member: Pick<Member, 'slackUserId' | 'teamsAadObjectId'>): 'slack' | 'teams' | null {
  if (member.slackUserId) return 'slack';
  if (member.teamsAadObjectId) return 'teams';
  return null;
}

/** Returns the time zone a member's requests follow: theirs when valid, else the tenant's default. */
export function memberTimeZone(member: Pick<Member, 'timeZone'>, settings: RequestSettings): string {
  return member.timeZone && isValidTimeZone(member.timeZone) ? member.timeZone : settings.defaultTimeZone;
}

async function loadViews(db: Executor, tenantId: string, requestIds: string[]): Promise<{ views: RequestView[]; memberId: string | null }> {
  if (requestIds.length === 0) return { views: [], memberId: null };
  const rows = await db
    .select({ request: updateRequests, contact: contacts, accountName: accounts.name, relationship: relationships })
    .from(updateRequests)
    .innerJoin(contacts, eq(contacts.id, updateRequests.contactId))
    .innerJoin(accounts, eq(accounts.id, contacts.accountId))
    .leftJoin(relationships, and(eq(relationships.memberId, updateRequests.memberId), eq(relationships.contactId, updateRequests.contactId)))
    .where(and(eq(updateRequests.tenantId, tenantId), inArray(updateRequests.id, requestIds)));

  const contextOf = (request: UpdateRequest) => (request.messageRef ?? {}) as RequestContext;
  const dealIds = rows.map((row) => contextOf(row.request).dealId).filter((id): id is string => Boolean(id));
  const askerIds = rows.map((row) => contextOf(row.request).askedBy).filter((id): id is string => Boolean(id));
  const dealNames = new Map((dealIds.length ? await db.select({ id: deals.id, name: deals.name }).from(deals).where(inArray(deals.id, dealIds)) : []).map((row) => [row.id, row.name]));
  const askerNames = new Map((askerIds.length ? await db.select({ id: members.id, name: members.name }).from(members).where(inArray(members.id, askerIds)) : []).map((row) => [row.id, row.name]));

  const order = new Map(requestIds.map((id, index) => [id, index]));
  const views = rows
    .sort((a, b) => (order.get(a.request.id) ?? 0) - (order.get(b.request.id) ?? 0))
    .map(({ request, contact, accountName, relationship }): RequestView => {
      const context = contextOf(request);
      return {
        id: request.id,
        status: request.status,
        answer: (request.answer as RequestAnswer | null) ?? null,
        reason: request.reason as RequestView['reason'],
        contactLabel: contact.name ?? contact.title ?? '',
        contactTitle: contact.name ? contact.title : null,
        accountName,
        dealName: context.dealId ? (dealNames.get(context.dealId) ?? null) : null,
        strength: relationship?.strength ?? null,
        lastContactOn: relationship?.lastContactOn ?? null,
        askedBy: context.askedBy ? (askerNames.get(context.askedBy) ?? null) : null,
      };
    });
  return { views, memberId: rows[0]?.request.memberId ?? null };
}

async function memberLocale(db: Executor, tenantId: string, memberId: string): Promise<Locale> {
  const [row] = await db
    .select({ locale: members.locale, tenantLocale: tenants.defaultLocale })
    .from(members)
    .innerJoin(tenants, eq(tenants.id, members.tenantId))
    .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)));
  return resolveLocale(row?.locale, resolveLocale(row?.tenantLocale));
}

/**
 * Builds the message of an outbox row of requests, from those still waiting for an answer.
 * Returns null when none is: the message is then not sent at all.
 */
export async function composeRequestMessage(db: Executor, tenantId: string, messageId: string, payload: { requestIds: string[]; reminderOf?: string }, now: Date): Promise<Reply | null> {
  const { views, memberId } = await loadViews(db, tenantId, payload.requestIds);
  const open = views.filter((view) => view.status === 'sent' || view.status === 'pending');
  if (open.length === 0 || !memberId) return null;
  const settings = await readRequestSettings(db, tenantId);
  const locale = await memberLocale(db, tenantId, memberId);
  return presentRequestMessage({ messageId, requests: open, reminder: Boolean(payload.reminderOf), weeklyCap: settings.weeklyCap }, locale, now);
}

/** Records where the requests were delivered, so answers and reminders can find the message. */
export async function recordRequestsDelivered(db: Executor, tenantId: string, requestIds: string[], delivery: { outboxId: string; refs: unknown[] }, now: Date): Promise<void> {
  if (requestIds.length === 0) return;
  await db
    .update(updateRequests)
    .set({
      sentAt: sql`coalesce(${updateRequests.sentAt}, ${now.toISOString()}::timestamptz)`,
      messageRef: sql`coalesce(${updateRequests.messageRef}, '{}'::jsonb) || ${JSON.stringify(delivery)}::jsonb`,
    })
    .where(and(eq(updateRequests.tenantId, tenantId), inArray(updateRequests.id, requestIds), eq(updateRequests.status, 'sent')));
}

/** Marks requests that could not be delivered (the member blocked the bot or left). */
export async function recordRequestsUndeliverable(db: Executor, tenantId: string, requestIds: string[]): Promise<void> {
  if (requestIds.length === 0) return;
  await db
    .update(updateRequests)
    .set({ status: 'failed' })
    .where(and(eq(updateRequests.tenantId, tenantId), inArray(updateRequests.id, requestIds), eq(updateRequests.status, 'sent')));
}

export interface AnswerInput {
  messageId: string;
  requestId: string;
  answer: RequestAnswer;
  /** Request ids of the message whose button was pressed, to redraw it; the request alone when unknown. */
  messageRequestIds?: string[];
}

export interface AnswerResult {
  /** The message redrawn with what is now recorded, to replace the one the button was on. */
  reply: Reply;
  /** The sentence saying what this answer recorded. */
  recorded: string;
  /** False when the request was already closed and nothing new was recorded. */
  changed: boolean;
}

/**
 * Records a member's answer to a request: the relationship and its history change through
 * logRelationship, the request is closed, and a later click on the same message changes nothing.
 * Only the member asked may answer.
 */
export async function answerUpdateRequest(ctx: AppContext, input: AnswerInput): Promise<AnswerResult> {
  if (!ctx.actor) throw new AppError('forbidden', 'jobs.requests.notYours');
  const actor = ctx.actor;
  const changed = await ctx.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(updateRequests)
      .where(and(eq(updateRequests.tenantId, ctx.tenantId), eq(updateRequests.id, input.requestId)))
      .for('update');
    if (!request) throw new AppError('not_found', 'jobs.requests.notFound');
    if (request.memberId !== actor.memberId) throw new AppError('forbidden', 'jobs.requests.notYours');
    if (request.status !== 'sent' && request.status !== 'pending') return false;

    await applyAnswer({ ...ctx, db: tx as never }, request, input.answer);
    await tx
      .update(updateRequests)
      .set({ status: input.answer === 'snooze' ? 'snoozed' : 'answered', answer: input.answer, answeredAt: ctx.now() })
      .where(eq(updateRequests.id, request.id));
    await recordAudit({ ...ctx, db: tx as never }, { action: 'update_request.answer', targetType: 'update_request', targetId: request.id, details: { answer: input.answer } });
    return true;
  });

  const requestIds = input.messageRequestIds?.length ? input.messageRequestIds : [input.requestId];
  const { views } = await loadViews(ctx.db, ctx.tenantId, requestIds);
  const settings = await readRequestSettings(ctx.db, ctx.tenantId);
  const reply = presentRequestMessage({ messageId: input.messageId, requests: views, reminder: false, weeklyCap: settings.weeklyCap }, ctx.locale, ctx.now());
  const answered = views.find((view) => view.id === input.requestId);
  return { reply, recorded: answered ? recordedText(answered, ctx.locale) : '', changed };
}

async function applyAnswer(ctx: AppContext, request: UpdateRequest, answer: RequestAnswer): Promise<void> {
  if (answer === 'snooze') return;
  const [existing] = await ctx.db
    .select()
    .from(relationships)
    .where(and(eq(relationships.tenantId, ctx.tenantId), eq(relationships.memberId, request.memberId), eq(relationships.contactId, request.contactId)));

  if (answer === 'unknown') {
    // The member does not know this person: a recorded relationship was wrong, so it goes.
    if (existing) {
      await ctx.db.delete(relationships).where(eq(relationships.id, existing.id));
      await recordAudit(ctx, { action: 'relationship.delete', targetType: 'relationship', targetId: existing.id, details: { via: 'update_request' } });
    }
    return;
  }
  const logged = await logRelationship(ctx, {
    memberId: request.memberId,
    contactId: request.contactId,
    strength: strengthAfter(answer, existing?.strength ?? null),
    source: 'self',
  });
  // logRelationship writes history only for changed fields; a confirmation gets its own row.
  if (logged.outcome === 'unchanged') {
    await ctx.db.insert(relationshipHistory).values({
      tenantId: ctx.tenantId,
      relationshipId: logged.relationship.id,
      field: 'confirmedAt',
      oldValue: existing?.confirmedAt?.toISOString() ?? null,
      newValue: ctx.now().toISOString(),
      changedBy: request.memberId,
      changedAt: ctx.now(),
    });
  }
}
