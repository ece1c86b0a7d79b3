// Resolving what a user typed to one deal (accent- and case-insensitive, with "did you mean"),
// and a member named by name, e-mail or platform mention.
import { and, eq, or } from 'drizzle-orm';

import { normalizeName } from '../../domain/names.js';
import { searchDealNames, type DealCandidate } from '../../store/queries/deals.js';
import type { NameCandidate } from '../../store/queries/lookup.js';
import { members } from '../../store/schema.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { containsEveryWord, pickCandidate, resolveAccount, resolveMember, type Resolved } from '../lookup.js';

type LookupContext = Pick<AppContext, 'db' | 'tenantId'>;

export interface ResolvedDeal extends Resolved {
  accountId: string;
  accountName: string;
}

/** A person as typed (name or e-mail) or as a platform mention (Slack user id, Teams object id). */
export type MemberRef = string | { kind: 'name'; text: string } | { kind: 'mention'; userId: string; label?: string };

/**
 * Resolves a deal by name, optionally within an account (named or by id). Two deals of the same
 * name at different accounts are ambiguous: the suggestions carry each account as detail.
 */
export async function resolveDeal(ctx: LookupContext, query: string, options: { account?: string; accountId?: string } = {}): Promise<ResolvedDeal> {
  const normalized = normalizeName(query);
  if (!normalized) throw new AppError('invalid_input', 'lookup.emptyQuery', { kind: 'deal' });
  const accountId = options.accountId ?? (options.account ? (await resolveAccount(ctx, options.account)).id : undefined);
  const candidates = await searchDealNames(ctx.db, ctx.tenantId, normalized, accountId ? { accountId } : {});
  const picked = pickCandidate(normalized, candidates) as DealCandidate | null;
  if (!picked) throw unresolvedDeal(query, normalized, candidates);
  return toResolvedDeal(picked);
}

function toResolvedDeal(picked: DealCandidate): ResolvedDeal {
  return { id: picked.id, label: picked.label, accountId: picked.accountId, accountName: picked.detail ?? '' };
}

function unresolvedDeal(query: string, normalized: string, candidates: NameCandidate[]): AppError {
  const suggestions = candidates.slice(0, 5).map((candidate) => ({ id: candidate.id, label: candidate.label, ...(candidate.detail ? { detail: candidate.detail } : {}) }));
  const exact = candidates.filter((candidate) => candidate.normalized === normalized);
  if (exact.length > 1) return new AppError('ambiguous', 'deals.lookup.ambiguous', { query, count: exact.length }, { suggestions });
  const containing = candidates.filter((candidate) => containsEveryWord(candidate.normalized, normalized));
  if (containing.length > 1) {
    const matches = containing.slice(0, 5).map((candidate) => ({ id: candidate.id, label: candidate.label, ...(candidate.detail ? { detail: candidate.detail } : {}) }));
    return new AppError('ambiguous', 'deals.lookup.several', { query }, { suggestions: matches });
  }
  return new AppError('not_found', 'deals.lookup.notFound', { query }, { suggestions });
}

export type DealOrAccount = { type: 'deal'; deal: ResolvedDeal } | { type: 'account'; account: Resolved };

/**
 * Resolves a name that may be a deal or an account: an exact or unique deal match wins, then an
 * account. When neither matches, the error suggests both deals and accounts.
 */
export async function resolveDealOrAccount(ctx: LookupContext, query: string): Promise<DealOrAccount> {
  const normalized = normalizeName(query);
  if (!normalized) throw new AppError('invalid_input', 'lookup.emptyQuery', { kind: 'deal' });
  const deals = await searchDealNames(ctx.db, ctx.tenantId, normalized);
  const exactDeal = deals.filter((candidate) => candidate.normalized === normalized);
  if (exactDeal.length > 1) throw unresolvedDeal(query, normalized, deals);
  if (exactDeal.length === 1) return { type: 'deal', deal: toResolvedDeal(exactDeal[0]!) };

  try {
    return { type: 'account', account: await resolveAccount(ctx, query) };
  } catch (accountError) {
    const picked = pickCandidate(normalized, deals) as DealCandidate | null;
    if (picked) return { type: 'deal', deal: toResolvedDeal(picked) };
    if (!(accountError instanceof AppError) || accountError.code !== 'not_found') throw accountError;
    const suggestions = [...deals.map((deal) => ({ id: deal.id, label: deal.label, ...(deal.detail ? { detail: deal.detail } : {}) })), ...accountError.suggestions].slice(0, 5);
    throw new AppError('not_found', 'deals.lookup.notFoundDealOrAccount', { query }, { suggestions });
  }
}

/** Resolves a member from a typed name or e-mail, or from a Slack or Teams mention. */
export async function resolveMemberRef(ctx: LookupContext, ref: MemberRef): Promise<Resolved> {
  if (typeof ref === 'string') return resolveMember(ctx, ref);
  if (ref.kind === 'name') return resolveMember(ctx, ref.text);
  const [member] = await ctx.db
    .select({ id: members.id, label: members.name })
    .from(members)
    .where(and(eq(members.tenantId, ctx.tenantId), or(eq(members.slackUserId, ref.userId), eq(members.teamsAadObjectId, ref.userId))))
    .limit(1);
  if (member) return member;
  if (ref.label) return resolveMember(ctx, ref.label);
  throw new AppError('not_found', 'lookup.notFound.member', { query: ref.userId });
}
