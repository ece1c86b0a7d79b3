// Typeahead for forms: accounts and contacts whose names are like what the user typed so far.
import { and, asc, eq, sql } from 'drizzle-orm';

import { normalizeName } from '../../domain/names.js';
import { searchAccountNames, searchContactNames } from '../../store/queries/lookup.js';
import { accounts, contacts } from '../../store/schema.js';
import type { AppContext } from '../context.js';

export interface ChoiceOption {
  id: string;
  label: string;
  /** The detail that distinguishes namesakes: a contact's title and account. */
  detail?: string;
}

type SearchContext = Pick<AppContext, 'db' | 'tenantId'>;

/** Accounts like the query, best first; the first accounts by name when the query is empty. */
export async function searchAccountChoices(ctx: SearchContext, query: string, limit = 20): Promise<ChoiceOption[]> {
  const normalized = normalizeName(query);
  if (!normalized) {
    return ctx.db
      .select({ id: accounts.id, label: accounts.name })
      .from(accounts)
      .where(eq(accounts.tenantId, ctx.tenantId))
      .orderBy(asc(accounts.normalizedName))
      .limit(limit);
  }
  const found = await searchAccountNames(ctx.db, ctx.tenantId, normalized, limit);
  return found.map((candidate) => ({ id: candidate.id, label: candidate.label }));
}

/** Contacts like the query, within one account when given; best first. */
export async function searchContactChoices(ctx: SearchContext, query: string, options: { accountId?: string; limit?: number } = {}): Promise<ChoiceOption[]> {
  const limit = options.limit ?? 20;
  const normalized = normalizeName(query);
  if (!normalized) {
    const rows = await ctx.db
      .select({ id: contacts.id, label: sql<string>`coalesce(${contacts.name}, ${contacts.title}, '?')`, title: contacts.title, account: accounts.name })
      .from(contacts)
      .innerJoin(accounts, eq(accounts.id, contacts.accountId))
      .where(and(eq(contacts.tenantId, ctx.tenantId), options.accountId ? eq(contacts.accountId, options.accountId) : undefined))
      .orderBy(asc(contacts.normalizedName))
      .limit(limit);
    return rows.map((row) => ({ id: row.id, label: row.label, detail: describeContact(row.title, row.account) }));
  }
  const found = await searchContactNames(ctx.db, ctx.tenantId, normalized, { ...(options.accountId && { accountId: options.accountId }), limit });
  return found.map((candidate) => ({ id: candidate.id, label: candidate.label, ...(candidate.detail && { detail: candidate.detail }) }));
}

function describeContact(title: string | null, account: string): string {
  return title ? `${title}, ${account}` : account;
}
