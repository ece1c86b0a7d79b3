// Accounts: the customer organisations we sell to.
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';

import { normalizeName } from '../domain/names.js';
import { accountAliases, accounts } from '../store/schema.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { matchAccountForWrite, type Resolved } from './lookup.js';
import { parseInput } from './validation.js';

export const accountInput = z.object({
  name: z.string().trim().min(1).max(200),
  aliases: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
  domains: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/)).max(20).default([]),
});
export type AccountInput = z.input<typeof accountInput>;

export interface EnsuredAccount extends Resolved {
  outcome: 'created' | 'existing' | 'corrected';
}

/**
 * Returns the account a name refers to, creating it when no account has that normalised name
 * or alias, nor a name within a small typo of it (then `outcome` is "corrected").
 */
export async function ensureAccount(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, raw: AccountInput): Promise<EnsuredAccount> {
  const input = parseInput(accountInput, raw);
  const match = await matchAccountForWrite(ctx.db, ctx.tenantId, input.name);
  if (match) return { id: match.id, label: match.label, outcome: match.corrected ? 'corrected' : 'existing' };
  return createAccount(ctx, input);
}

/** Creates an account; rejects a name or alias that another account already uses. */
export async function createAccount(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, raw: AccountInput): Promise<EnsuredAccount> {
  const input = parseInput(accountInput, raw);
  const normalized = normalizeName(input.name);
  if (!normalized) throw new AppError('invalid_input', 'accounts.invalidName', { name: input.name }, { fieldErrors: [{ field: 'name', messageKey: 'accounts.invalidName' }] });

  return ctx.db.transaction(async (tx) => {
    const taken = await tx
      .select({ id: accountAliases.id })
      .from(accountAliases)
      .where(and(eq(accountAliases.tenantId, ctx.tenantId), eq(accountAliases.normalizedAlias, normalized)))
      .limit(1);
    if (taken.length > 0) throw new AppError('conflict', 'accounts.nameTaken', { name: input.name });

    const [created] = await tx
      .insert(accounts)
      .values({ tenantId: ctx.tenantId, name: input.name, normalizedName: normalized, domains: input.domains, createdBy: ctx.actor?.memberId ?? null })
      .onConflictDoNothing()
      .returning({ id: accounts.id, label: accounts.name });
    if (!created) throw new AppError('conflict', 'accounts.nameTaken', { name: input.name });

    for (const alias of input.aliases) {
      const normalizedAlias = normalizeName(alias);
      if (!normalizedAlias || normalizedAlias === normalized) continue;
      const clash = await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(and(eq(accounts.tenantId, ctx.tenantId), eq(accounts.normalizedName, normalizedAlias)))
        .limit(1);
      if (clash.length > 0) throw new AppError('conflict', 'accounts.nameTaken', { name: alias });
      await tx.insert(accountAliases).values({ tenantId: ctx.tenantId, accountId: created.id, alias, normalizedAlias }).onConflictDoNothing();
    }
    return { ...created, outcome: 'created' as const };
  });
}

/** An account name checked as createAccount checks it: trimmed, and its normalised form. */
export interface CheckedAccountName {
  name: string;
  normalized: string;
}

/** Checks a name for a new account; throws invalid_input as createAccount does. */
export function checkAccountName(raw: string): CheckedAccountName {
  const { name } = parseInput(accountInput.pick({ name: true }), { name: raw });
  const normalized = normalizeName(name);
  if (!normalized) throw new AppError('invalid_input', 'accounts.invalidName', { name }, { fieldErrors: [{ field: 'name', messageKey: 'accounts.invalidName' }] });
  return { name, normalized };
}

/**
 * Creates accounts that have only a name, in one statement and with the ids given. The caller
 * has checked, in the same transaction, that no account has these names as a name or alias.
 * Returns the ids created: a name that another writer took in the meantime is left out.
 */
export async function insertNamedAccounts(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, rows: Array<CheckedAccountName & { id: string }>): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const created = await ctx.db
    .insert(accounts)
    .values(rows.map((row) => ({ id: row.id, tenantId: ctx.tenantId, name: row.name, normalizedName: row.normalized, createdBy: ctx.actor?.memberId ?? null })))
    .onConflictDoNothing()
    .returning({ id: accounts.id });
  return new Set(created.map((row) => row.id));
}
