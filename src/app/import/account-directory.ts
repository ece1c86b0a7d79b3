// Accounts an import refers to, resolved once per distinct normalised name. A batch resolves its
// new names together: one query for exact names and aliases, then an in-memory check for near
// duplicates of the accounts the tenant had, then one insert for the accounts to create.
import { randomUUID } from 'node:crypto';

import { normalizeName, typoBudget } from '../../domain/names.js';
import { findAccountsNamedAny, listAccountNames, type AccountName } from '../../store/queries/lookup.js';
import { checkAccountName, insertNamedAccounts } from '../accounts.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { pickAccountForWrite } from '../lookup.js';

type AccountContext = Pick<AppContext, 'db' | 'tenantId' | 'actor'>;

export interface ResolvedAccount {
  id: string;
  label: string;
  /** Set when the name was read as an existing account's name with a typo. */
  corrected: boolean;
}

export type AccountLookup = ResolvedAccount | { error: AppError };

/**
 * Names and aliases of accounts, grouped by the digits they contain. isSmallTypo never matches
 * names whose digits differ, so a name is compared only with its own group.
 */
class AccountNames {
  private readonly byDigits = new Map<string, AccountName[]>();

  add(name: AccountName): void {
    const digits = name.normalized.replace(/\D/g, '');
    const group = this.byDigits.get(digits);
    if (group) group.push(name);
    else this.byDigits.set(digits, [name]);
  }

  addAll(other: AccountNames): void {
    for (const group of other.byDigits.values()) for (const name of group) this.add(name);
  }

  /** Returns the names that could be within a small typo of `normalized`: same digits, length within the typo budget. */
  near(normalized: string): AccountName[] {
    const budget = typoBudget(normalized);
    if (budget === 0) return [];
    const group = this.byDigits.get(normalized.replace(/\D/g, '')) ?? [];
    return group.filter((name) => Math.abs(name.normalized.length - normalized.length) <= budget);
  }
}

/**
 * Accounts resolved by name during an import. A batch works on a child directory and merges it
 * into its parent once the batch is committed, so a rolled-back batch leaves no account id behind.
 *
 * A name matches an account by its exact normalised name or alias, else it is read as the only
 * account within a small typo of it (pickAccountForWrite's rule), else a new account is created.
 * Near duplicates are sought among the accounts the tenant had when the import first needed them,
 * plus those the import created. o2o never renames or deletes an account (only a whole tenant),
 * so that list stays true, but an account another writer creates during the import is found by
 * its exact name only.
 */
export class AccountDirectory {
  private readonly known = new Map<string, AccountLookup>();
  private readonly created = new AccountNames();
  /** The tenant's names before the import created any account; set on the root directory only. */
  private stored: AccountNames | undefined;

  constructor(private readonly parent?: AccountDirectory) {}

  child(): AccountDirectory {
    return new AccountDirectory(this);
  }

  /** Adds a committed child's accounts. */
  merge(child: AccountDirectory): void {
    for (const [key, value] of child.known) this.known.set(key, value);
    this.created.addAll(child.created);
  }

  private get(key: string): AccountLookup | undefined {
    return this.known.get(key) ?? this.parent?.get(key);
  }

  private createdNear(normalized: string): AccountName[] {
    return [...this.created.near(normalized), ...(this.parent?.createdNear(normalized) ?? [])];
  }

  /**
   * Loads the tenant's account names the first time a name has no exact match. No account of the
   * import exists yet at that point, because creating one needs this check first, so the list
   * never contains an account of a batch that is later rolled back.
   */
  private async storedNames(ctx: AccountContext): Promise<AccountNames> {
    if (this.parent) return this.parent.storedNames(ctx);
    if (!this.stored) {
      const names = new AccountNames();
      for (const name of await listAccountNames(ctx.db, ctx.tenantId)) names.add(name);
      this.stored = names;
    }
    return this.stored;
  }

  /**
   * Resolves each name to an account, creating the unknown ones. A name that cannot be an account
   * maps to its error.
   */
  async resolve(ctx: AccountContext, names: Iterable<string>): Promise<Map<string, AccountLookup>> {
    const unknown = new Map<string, string>();
    const distinct = [...new Set(names)];
    for (const name of distinct) {
      const key = normalizeName(name);
      if (!this.get(key) && !unknown.has(key)) unknown.set(key, name);
    }
    if (unknown.size > 0) await this.resolveUnknown(ctx, unknown);

    return new Map(distinct.map((name) => [name, this.get(normalizeName(name))!]));
  }

  /** Resolves names seen for the first time, by normalised name: `unknown` maps each to the name as first typed. */
  private async resolveUnknown(ctx: AccountContext, unknown: Map<string, string>): Promise<void> {
    const candidates: Array<{ key: string; name: string }> = [];
    for (const [key, raw] of unknown) {
      try {
        candidates.push({ key, name: checkAccountName(raw).name });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        this.known.set(key, { error });
      }
    }
    if (candidates.length === 0) return;

    // Exact names and aliases first, in one query. A name found both ways keeps its account's name.
    for (const found of await findAccountsNamedAny(ctx.db, ctx.tenantId, candidates.map((candidate) => candidate.key))) {
      if (!this.known.has(found.normalized)) this.known.set(found.normalized, { id: found.id, label: found.label, corrected: false });
    }
    const missing = candidates.filter((candidate) => !this.known.has(candidate.key));
    if (missing.length === 0) return;

    // In file order, so a typo of a name created earlier in the batch is read as that account.
    const stored = await this.storedNames(ctx);
    const creating = new AccountNames();
    const toCreate: Array<AccountName & { name: string }> = [];
    for (const { key, name } of missing) {
      const match = pickAccountForWrite(key, [...stored.near(key), ...this.createdNear(key), ...creating.near(key)]);
      if (match) {
        this.known.set(key, { id: match.id, label: match.label, corrected: match.corrected });
        continue;
      }
      const account = { id: randomUUID(), label: name, normalized: key, name };
      creating.add(account);
      toCreate.push(account);
    }
    await this.create(ctx, toCreate);
  }

  private async create(ctx: AccountContext, accounts: Array<AccountName & { name: string }>): Promise<void> {
    const createdIds = await insertNamedAccounts(ctx, accounts);
    const failed = new Map<string, AppError>();
    for (const account of accounts) {
      if (createdIds.has(account.id)) {
        this.known.set(account.normalized, { id: account.id, label: account.label, corrected: false });
        this.created.add(account);
      } else {
        // Another writer created this name after the exact lookup.
        failed.set(account.id, new AppError('conflict', 'accounts.nameTaken', { name: account.name }));
        this.known.set(account.normalized, { error: failed.get(account.id)! });
      }
    }
    if (failed.size === 0) return;
    // Names read as a typo of an account that could not be created fail with it.
    for (const [key, lookup] of this.known) {
      if ('id' in lookup && failed.has(lookup.id)) this.known.set(key, { error: failed.get(lookup.id)! });
    }
  }
}
