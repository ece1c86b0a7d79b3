// Deals: what we sell to one account, at which selling stage and customer buying stage, with
// our deal team and their buying committee (team and committee writes are in deals/people.ts).
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import { normalizeName } from '../domain/names.js';
import { translator } from '../i18n/index.js';
import { loadCommittees, loadDealTeams, type CommitteeRow, type TeamRow } from '../store/queries/deals.js';
import { accounts, deals, tenants } from '../store/schema.js';
import { recordAudit } from './audit.js';
import type { AppContext } from './context.js';
import { resolveDeal, type ResolvedDeal } from './deals/lookup.js';
import { AppError } from './errors.js';
import { resolveAccount } from './lookup.js';
import { DEAL_STATUSES, matchVocabulary, mergeSettings, type DealSettings, type VocabularyKind } from './settings.js';
import { isoDate, parseInput } from './validation.js';

export type Deal = typeof deals.$inferSelect;
type WriteContext = Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now' | 'logger'>;

const amount = z.coerce.number().min(0).max(999_999_999_999);
// Checked after parsing, so a wrong code gets its own message rather than a generic one.
const currency = z.string().trim().toUpperCase().max(10);

const dealFields = {
  stage: z.string().trim().min(1).max(60).optional(),
  buyingStage: z.string().trim().min(1).max(60).optional().nullable(),
  expectedCloseOn: isoDate().optional().nullable(),
  amount: amount.optional().nullable(),
  currency: currency.optional().nullable(),
};

export const dealCreateInput = z
  .object({
    /** Account name, or accountId. */
    account: z.string().trim().min(1).max(200).optional(),
    accountId: z.string().uuid().optional(),
    name: z.string().trim().min(1).max(200),
    ...dealFields,
  })
  .refine((input) => input.account || input.accountId, { path: ['account'], message: 'required' });
export type DealCreateInput = z.input<typeof dealCreateInput>;

export const dealUpdateInput = z.object({
  dealId: z.string().uuid(),
  name: z.string().trim().min(1).max(200).optional(),
  status: z.enum(DEAL_STATUSES).optional(),
  ...dealFields,
});
export type DealUpdateInput = z.input<typeof dealUpdateInput>;

/** Both languages, so a stage typed in French or English matches whatever the viewer reads. */
export const VOCABULARY_TRANSLATORS = [translator('en'), translator('fr')];

/** The vocabulary id a user typed, checked against the tenant's settings. */
export function vocabularyId(settings: DealSettings, kind: VocabularyKind, typed: string): string {
  return matchVocabulary(settings, kind, typed, VOCABULARY_TRANSLATORS);
}

function checkMoney(value: number | null | undefined, code: string | null | undefined): void {
  if (code && !/^[A-Z]{3}$/.test(code)) throw new AppError('invalid_input', 'deals.errors.currency', { value: code });
  if (value != null && !code) throw new AppError('invalid_input', 'deals.errors.currencyWithAmount');
}

/**
 * Reads the tenant's deal settings while holding its row for share, until the transaction ends.
 * A settings change locks the row for update before it checks which stages open deals use, so a
 * deal write that checks its stage here and a removal of that stage run one after the other.
 */
async function lockDealSettings(ctx: Pick<AppContext, 'tenantId' | 'logger'>, tx: AppContext['db']): Promise<DealSettings> {
  const [row] = await tx.select({ settings: tenants.settings }).from(tenants).where(eq(tenants.id, ctx.tenantId)).for('share');
  return mergeSettings(row?.settings ?? {}, (part) => ctx.logger.warn({ tenantId: ctx.tenantId, part }, 'stored tenant settings are invalid; using defaults')).deals;
}

/** Creates an open deal at an account; the stage defaults to the tenant's first stage. */
export async function createDeal(ctx: WriteContext, raw: DealCreateInput): Promise<Deal> {
  const input = parseInput(dealCreateInput, raw);
  checkMoney(input.amount, input.currency);
  const accountId = input.accountId ?? (await resolveAccount(ctx, input.account!)).id;
  const normalizedName = normalizeName(input.name);
  if (!normalizedName) throw new AppError('invalid_input', 'deals.errors.invalidName', { name: input.name });

  return ctx.db.transaction(async (tx) => {
    const settings = await lockDealSettings(ctx, tx as never);
    const values = {
      stage: input.stage ? vocabularyId(settings, 'stage', input.stage) : settings.stages[0]!.id,
      buyingStage: input.buyingStage ? vocabularyId(settings, 'buyingStage', input.buyingStage) : null,
      expectedCloseOn: input.expectedCloseOn ?? null,
      amount: input.amount == null ? null : input.amount.toFixed(2),
      currency: input.amount == null ? null : (input.currency ?? null),
    };
    const [created] = await tx
      .insert(deals)
      .values({ tenantId: ctx.tenantId, accountId, name: input.name, normalizedName, ...values, createdBy: ctx.actor?.memberId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError('conflict', 'deals.errors.nameTaken', { name: input.name });
    await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.create', targetType: 'deal', targetId: created.id, details: { stage: created.stage } });
    return created;
  });
}

export interface UpdatedDeal {
  deal: Deal;
  /** Names of the fields whose value changed. */
  changed: string[];
}

/** Updates a deal's fields; fields left out keep their value, null clears an optional one. */
export async function updateDeal(ctx: WriteContext, raw: DealUpdateInput): Promise<UpdatedDeal> {
  const input = parseInput(dealUpdateInput, raw);
  if (input.currency) checkMoney(undefined, input.currency);
  if (input.name !== undefined && !normalizeName(input.name)) throw new AppError('invalid_input', 'deals.errors.invalidName', { name: input.name });

  return ctx.db.transaction(async (tx) => {
    // Only a write that sets a stage waits for a settings change; the tenant lock comes before the deal's row lock.
    const setsStage = input.stage !== undefined || typeof input.buyingStage === 'string';
    const patch = patchOf(input, setsStage ? await lockDealSettings(ctx, tx as never) : null);
    const [existing] = await tx.select().from(deals).where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.id, input.dealId))).for('update');
    if (!existing) throw new AppError('not_found', 'deals.errors.gone');
    const changed = Object.keys(patch).filter((key) => key !== 'normalizedName' && existing[key as keyof Deal] !== patch[key as keyof Deal]);
    const amountLeft = patch.amount === undefined ? existing.amount : patch.amount;
    const currencyLeft = patch.currency === undefined ? existing.currency : patch.currency;
    if (amountLeft !== null && !currencyLeft) throw new AppError('invalid_input', 'deals.errors.currencyWithAmount');
    if (changed.length === 0) return { deal: existing, changed };

    const [updated] = await tx
      .update(deals)
      .set({ ...patch, updatedAt: ctx.now() })
      .where(eq(deals.id, existing.id))
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? new AppError('conflict', 'deals.errors.nameTaken', { name: input.name }) : error;
      });
    await recordAudit({ ...ctx, db: tx as never }, { action: 'deal.update', targetType: 'deal', targetId: existing.id, details: { changed, ...(patch.stage && { stage: patch.stage }), ...(patch.status && { status: patch.status }) } });
    return { deal: updated!, changed };
  });
}

/** Builds the deal columns an update sets, in the order `changed` lists them. `settings` is needed only when the input sets a stage. */
function patchOf(input: z.output<typeof dealUpdateInput>, settings: DealSettings | null): Partial<Deal> {
  const patch: Partial<Deal> = {};
  if (input.name !== undefined) {
    patch.name = input.name;
    patch.normalizedName = normalizeName(input.name);
  }
  if (input.stage !== undefined) patch.stage = vocabularyId(settings!, 'stage', input.stage);
  if (input.buyingStage !== undefined) patch.buyingStage = input.buyingStage === null ? null : vocabularyId(settings!, 'buyingStage', input.buyingStage);
  if (input.expectedCloseOn !== undefined) patch.expectedCloseOn = input.expectedCloseOn;
  if (input.amount !== undefined) patch.amount = input.amount === null ? null : input.amount.toFixed(2);
  if (input.currency !== undefined) patch.currency = input.currency;
  if (input.status !== undefined) patch.status = input.status;
  return patch;
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error as { code?: string; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (current.code === '23505') return true;
    current = current.cause as typeof current;
  }
  return false;
}

/** Moves a deal, found by name, to another selling stage. */
export async function setDealStage(ctx: WriteContext, dealQuery: string, stage: string, options: { account?: string } = {}): Promise<UpdatedDeal & { previousStage: string }> {
  const resolved = await resolveDeal(ctx, dealQuery, options);
  const [before] = await ctx.db.select({ stage: deals.stage }).from(deals).where(eq(deals.id, resolved.id));
  const result = await updateDeal(ctx, { dealId: resolved.id, stage });
  return { ...result, previousStage: before?.stage ?? result.deal.stage };
}

export interface DealView {
  deal: Deal;
  account: { id: string; name: string };
  team: TeamRow[];
  committee: CommitteeRow[];
}

/** Loads a deal, found by name, with its team and committee. */
export async function showDeal(ctx: Pick<AppContext, 'db' | 'tenantId'>, dealQuery: string, options: { account?: string } = {}): Promise<DealView> {
  const resolved = await resolveDeal(ctx, dealQuery, options);
  return loadDealView(ctx, resolved);
}

/** Loads a resolved deal with its team and committee. */
export async function loadDealView(ctx: Pick<AppContext, 'db' | 'tenantId'>, resolved: Pick<ResolvedDeal, 'id'>): Promise<DealView> {
  const [row] = await ctx.db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(eq(deals.tenantId, ctx.tenantId), eq(deals.id, resolved.id)));
  if (!row) throw new AppError('not_found', 'deals.errors.gone');
  const [team, committee] = [await loadDealTeams(ctx.db, ctx.tenantId, [row.deal.id]), await loadCommittees(ctx.db, ctx.tenantId, [row.deal.id])];
  return { deal: row.deal, account: { id: row.deal.accountId, name: row.accountName }, team, committee };
}

/** Lists deals, open ones first, optionally of one account and one status. */
export async function listDeals(ctx: Pick<AppContext, 'db' | 'tenantId'>, options: { account?: string; status?: (typeof DEAL_STATUSES)[number] } = {}): Promise<Array<Deal & { accountName: string }>> {
  const accountId = options.account ? (await resolveAccount(ctx, options.account)).id : undefined;
  const rows = await ctx.db
    .select({ deal: deals, accountName: accounts.name })
    .from(deals)
    .innerJoin(accounts, eq(accounts.id, deals.accountId))
    .where(and(eq(deals.tenantId, ctx.tenantId), accountId ? eq(deals.accountId, accountId) : undefined, options.status ? eq(deals.status, options.status) : undefined))
    .orderBy(deals.status, accounts.normalizedName, deals.normalizedName)
    .limit(200);
  return rows.map((row) => ({ ...row.deal, accountName: row.accountName }));
}
