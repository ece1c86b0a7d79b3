// Writes the small organisations the charter tests work on, straight into the store, and sets a
// tenant's charter settings without going through the admin check.
import { eq, sql } from 'drizzle-orm';

import type { AppContext } from '../../src/app/context.js';
import { normalizeName } from '../../src/domain/names.js';
import type { Store } from '../../src/store/database.js';
import { accounts, contacts, dealTeamMembers, deals, members, relationships, tenants } from '../../src/store/schema.js';
import { testContext } from '../helpers/store.js';

export async function addMember(store: Store, tenantId: string, name: string, extra: Partial<typeof members.$inferInsert> = {}): Promise<string> {
  const [row] = await store.db.insert(members).values({ tenantId, name, normalizedName: normalizeName(name), ...extra }).returning({ id: members.id });
  return row!.id;
}

export async function addAccount(store: Store, tenantId: string, name: string): Promise<string> {
  const [row] = await store.db.insert(accounts).values({ tenantId, name, normalizedName: normalizeName(name) }).returning({ id: accounts.id });
  return row!.id;
}

export async function addContact(store: Store, tenantId: string, accountId: string, name: string, extra: Partial<typeof contacts.$inferInsert> = {}): Promise<string> {
  const [row] = await store.db.insert(contacts).values({ tenantId, accountId, name, normalizedName: normalizeName(name), title: 'Director', ...extra }).returning({ id: contacts.id });
  return row!.id;
}

export async function addRelationship(
  store: Store,
  tenantId: string,
  memberId: string,
  contactId: string,
  visibility: 'private' | 'deal_team' | 'tenant',
  extra: Partial<typeof relationships.$inferInsert> = {},
): Promise<string> {
  const [row] = await store.db.insert(relationships).values({ tenantId, memberId, contactId, strength: 3, visibility, ...extra }).returning({ id: relationships.id });
  return row!.id;
}

export async function addDeal(store: Store, tenantId: string, accountId: string, name: string, team: string[], status: 'open' | 'won' | 'lost' = 'open'): Promise<string> {
  const [row] = await store.db.insert(deals).values({ tenantId, accountId, name, normalizedName: normalizeName(name), stage: 'discovery', status }).returning({ id: deals.id });
  if (team.length > 0) await store.db.insert(dealTeamMembers).values(team.map((memberId) => ({ dealId: row!.id, memberId })));
  return row!.id;
}

/** Stores charter settings as an admin would, revision included. */
export async function setCharter(store: Store, tenantId: string, charter: Record<string, unknown>): Promise<void> {
  await store.db
    .update(tenants)
    .set({ settings: sql`${tenants.settings} || ${JSON.stringify({ charter })}::jsonb` })
    .where(eq(tenants.id, tenantId));
}

/** Builds a use-case context acting as a member, or as the anonymous viewer for null. */
export function as(store: Store, tenantId: string, memberId: string | null, name = 'Member', options: Parameters<typeof testContext>[2] = {}): AppContext {
  return testContext(store, tenantId, { ...options, ...(memberId && { actor: { memberId, name } }) });
}
