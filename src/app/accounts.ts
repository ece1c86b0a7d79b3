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
