// Lookups an import makes for every row, kept in memory: the tenant's members, and the accounts
// already resolved by name.
import { eq } from 'drizzle-orm';

import { normalizeEmail, normalizeName } from '../../domain/names.js';
import { members } from '../../store/schema.js';
import { ensureAccount } from '../accounts.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';

type Lookup = { id: string } | { reasonKey: string; params: Record<string, unknown> };

/** The tenant's members by e-mail and by normalised name, loaded once per import. */
export class MemberDirectory {
  private readonly byEmail = new Map<string, string>();
  private readonly byName = new Map<string, string[]>();

  static async load(ctx: Pick<AppContext, 'db' | 'tenantId'>): Promise<MemberDirectory> {
    const directory = new MemberDirectory();
    const rows = await ctx.db
      .select({ id: members.id, email: members.email, normalizedName: members.normalizedName, active: members.active })
      .from(members)
      .where(eq(members.tenantId, ctx.tenantId));
    for (const row of rows) {
      if (row.email) directory.byEmail.set(row.email.toLowerCase(), row.id);
      if (!row.active) continue;
      directory.byName.set(row.normalizedName, [...(directory.byName.get(row.normalizedName) ?? []), row.id]);
    }
    return directory;
  }

  /** Finds a member by e-mail address or exact name; otherwise returns the reason as a message key. */
  find(query: string): Lookup {
    const email = normalizeEmail(query);
    if (email) {
      const id = this.byEmail.get(email);
      return id ? { id } : { reasonKey: 'import.reason.memberNotFound', params: { member: query } };
    }
    const ids = this.byName.get(normalizeName(query)) ?? [];
    if (ids.length === 1) return { id: ids[0]! };
    if (ids.length > 1) return { reasonKey: 'import.reason.memberAmbiguous', params: { member: query, count: ids.length } };
    return { reasonKey: 'import.reason.memberNotFound', params: { member: query } };
  }
}

export interface ResolvedAccount {
  id: string;
  label: string;
  /** Set when the name was read as an existing account's name with a typo. */
  corrected: boolean;
}

type AccountLookup = ResolvedAccount | { error: AppError };

/**
 * Accounts resolved by name during an import. A batch works on a child directory and merges it
 * into its parent once the batch is committed, so a rolled-back batch leaves no account id behind.
 */
export class AccountDirectory {
  private readonly known = new Map<string, AccountLookup>();

  constructor(private readonly parent?: AccountDirectory) {}

  child(): AccountDirectory {
    return new AccountDirectory(this);
  }

  /** Adds a committed child's accounts. */
  merge(child: AccountDirectory): void {
    for (const [key, value] of child.known) this.known.set(key, value);
  }

  private get(key: string): AccountLookup | undefined {
    return this.known.get(key) ?? this.parent?.get(key);
  }

  /**
   * Resolves each name to an account, creating unknown ones (through ensureAccount, so typos of an
   * existing name are corrected the same way as everywhere else). A name that cannot be an account
   * maps to its error.
   */
  async resolve(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, names: Iterable<string>): Promise<Map<string, AccountLookup>> {
    const resolved = new Map<string, AccountLookup>();
    for (const name of new Set(names)) {
      const key = normalizeName(name);
      let lookup = this.get(key);
      if (!lookup) {
        lookup = await ensureAccountOrError(ctx, name);
        this.known.set(key, lookup);
      }
      resolved.set(name, lookup);
    }
    return resolved;
  }
}

async function ensureAccountOrError(ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor'>, name: string): Promise<AccountLookup> {
  try {
    const account = await ensureAccount(ctx, { name });
    return { id: account.id, label: account.label, corrected: account.outcome === 'corrected' };
  } catch (error) {
    if (error instanceof AppError && error.code !== 'store_unavailable') return { error };
    throw error;
  }
}
