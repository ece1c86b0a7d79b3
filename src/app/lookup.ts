// Resolving what a user typed to one account, contact or member, with "did you mean …?"
// suggestions when nothing or several things match.
import { and, eq, sql } from 'drizzle-orm';

import { isSmallTypo, normalizeEmail, normalizeName } from '../domain/names.js';
import type { Executor } from '../store/database.js';
import {
  searchAccountNames,
  searchContactNames,
  searchMemberNames,
  type NameCandidate,
} from '../store/queries/lookup.js';
import { accounts, contacts, members } from '../store/schema.js';
import type { AppContext } from './context.js';
import { AppError, type Suggestion } from './errors.js';

export interface Resolved {
  id: string;
  label: string;
}

type LookupContext = Pick<AppContext, 'db' | 'tenantId'>;
type LookupKind = 'account' | 'contact' | 'member';

/**
 * Picks the one candidate a query means: the exact normalised match, else the only candidate
 * that contains every word of the query ("treasury" for "HM Treasury"). Returns null otherwise.
 */
export function pickCandidate(normalized: string, candidates: NameCandidate[]): NameCandidate | null {
  const exact = candidates.filter((candidate) => candidate.normalized === normalized);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) return null;
  const containing = candidates.filter((candidate) => containsEveryWord(candidate.normalized, normalized));
  return containing.length === 1 ? containing[0]! : null;
}

function toSuggestions(candidates: NameCandidate[]): Suggestion[] {
  return candidates.slice(0, 5).map((candidate) => ({
    id: candidate.id,
    label: candidate.label,
    ...(candidate.detail ? { detail: candidate.detail } : {}),
  }));
}

/**
 * Builds the error for a query that picked no single candidate. Several records of that exact
 * name, or several names that contain every word of the query ("Hugo" for five Hugos), make it
 * ambiguous. Otherwise nothing matches: the message states it when the tenant has no record of that
 * kind yet, and suggests the nearest names when it has some.
 */
async function unresolved(ctx: LookupContext, kind: LookupKind, query: string, candidates: NameCandidate[]): Promise<AppError> {
  const normalized = normalizeName(query);
  const exact = candidates.filter((candidate) => candidate.normalized === normalized);
  if (exact.length > 1) {
    return new AppError('ambiguous', `lookup.ambiguous.${kind}`, { query, count: exact.length }, { suggestions: toSuggestions(exact) });
  }
  const containing = candidates.filter((candidate) => containsEveryWord(candidate.normalized, normalized));
  if (containing.length > 1) {
    return new AppError('ambiguous', `lookup.several.${kind}`, { query }, { suggestions: toSuggestions(containing) });
  }
  if (candidates.length === 0 && !(await tenantHasAny(ctx, kind))) {
    return new AppError('not_found', `lookup.empty.${kind}`, { query });
  }
  return new AppError('not_found', `lookup.notFound.${kind}`, { query }, { suggestions: toSuggestions(candidates) });
}

/** Checks whether a normalised name contains every word of a normalised query. */
export function containsEveryWord(candidate: string, normalizedQuery: string): boolean {
  const candidateWords = candidate.split(' ');
  return normalizedQuery.split(' ').every((word) => candidateWords.includes(word));
}

/** Checks whether the tenant has at least one record of the kind (an active one for members). */
async function tenantHasAny(ctx: LookupContext, kind: LookupKind): Promise<boolean> {
  const table = { account: accounts, contact: contacts, member: members }[kind];
  const condition = kind === 'member' ? and(eq(members.tenantId, ctx.tenantId), eq(members.active, true)) : eq(table.tenantId, ctx.tenantId);
  const [row] = await ctx.db.select({ id: table.id }).from(table).where(condition).limit(1);
  return row !== undefined;
}

function requireQuery(kind: string, query: string): string {
  const normalized = normalizeName(query);
  if (!normalized) throw new AppError('invalid_input', 'lookup.emptyQuery', { kind });
  return normalized;
}

/** Resolves an account name or alias; throws not_found or ambiguous with suggestions. */
export async function resolveAccount(ctx: LookupContext, query: string): Promise<Resolved> {
  const normalized = requireQuery('account', query);
  const candidates = await searchAccountNames(ctx.db, ctx.tenantId, normalized);
  const picked = pickCandidate(normalized, candidates);
  if (!picked) throw await unresolved(ctx, 'account', query, candidates);
  return { id: picked.id, label: picked.label };
}

/** Resolves a contact by name (or title when the name is unknown), optionally within an account. */
export async function resolveContact(ctx: LookupContext, query: string, options: { accountId?: string } = {}): Promise<Resolved> {
  const normalized = requireQuery('contact', query);
  const candidates = await searchContactNames(ctx.db, ctx.tenantId, normalized, options);
  const picked = pickCandidate(normalized, candidates);
  if (!picked) throw await unresolved(ctx, 'contact', query, candidates);
  return { id: picked.id, label: picked.label };
}

/** Resolves a member by e-mail address or name. */
export async function resolveMember(ctx: LookupContext, query: string): Promise<Resolved> {
  const email = normalizeEmail(query);
  if (email) {
    const [byEmail] = await ctx.db
      .select({ id: members.id, label: members.name })
      .from(members)
      .where(and(eq(members.tenantId, ctx.tenantId), sql`lower(${members.email}) = ${email}`))
      .limit(1);
    if (byEmail) return byEmail;
  }
  const normalized = requireQuery('member', query);
  const candidates = await searchMemberNames(ctx.db, ctx.tenantId, normalized);
  const picked = pickCandidate(normalized, candidates);
  if (!picked) throw await unresolved(ctx, 'member', query, candidates);
  return { id: picked.id, label: picked.label };
}

/**
 * Finds the account a write refers to: the exact normalised name or alias, else the only
 * account within a small typo of it ("Acme Enrgy"). Returns null when there is none.
 */
export async function matchAccountForWrite(db: Executor, tenantId: string, name: string): Promise<(Resolved & { corrected: boolean }) | null> {
  const normalized = normalizeName(name);
  if (!normalized) return null;
  return pickAccountForWrite(normalized, await searchAccountNames(db, tenantId, normalized));
}

/**
 * Picks the account a normalised name means among names and aliases of accounts: the exact
 * match, else the only account with a name or alias within a small typo (see isSmallTypo).
 * Returns null when there is none, or when several accounts are that close.
 */
export function pickAccountForWrite(normalized: string, candidates: ReadonlyArray<Pick<NameCandidate, 'id' | 'label' | 'normalized'>>): (Resolved & { corrected: boolean }) | null {
  const exact = candidates.find((candidate) => candidate.normalized === normalized);
  if (exact) return { id: exact.id, label: exact.label, corrected: false };
  const close = new Map(candidates.filter((candidate) => isSmallTypo(normalized, candidate.normalized)).map((candidate) => [candidate.id, candidate]));
  if (close.size === 1) {
    const [only] = close.values();
    return { id: only!.id, label: only!.label, corrected: true };
  }
  return null;
}
