// The tenant's members, kept in memory for the lookups an import makes for every row. Accounts
// are resolved by account-directory.ts.
import { eq } from 'drizzle-orm';

import { normalizeEmail, normalizeName } from '../../domain/names.js';
import { members } from '../../store/schema.js';
import type { AppContext } from '../context.js';

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
