// A small customer organisation and seller team, written through the real use cases, whose
// query results are worked out by hand in the tests that use it.
//
// Acme Energy (Olivia is the root of the reporting lines):
//   Olivia Rousseau  President & CEO, Senior
//   ├─ Freya Robert  VP Trading, Senior
//   │  └─ Théo Nguyen  Mgr Trading, Junior
//   │     ├─ Zoé Martin  Analyst, Junior     (Zoé influences Théo, weight 0.5)
//   │     └─ Nina Petit  Trader, Junior
//   ├─ George Girard  Specialist Legal, Junior  (George influences Olivia, weight 0.8)
//   └─ Ana Costa  Director, Senior, has left (her old line is still current)
//   Ravi Shah  Director, Senior, no manager
//
// Relationships (days before `now`):
//   Hélène → Freya    4, 14 days, tenant       Marc → Freya   2, 365 days, tenant
//   Siobhan → Olivia  5, no date, private      Marc → George  3, 61 days, deal_team
//   Hélène → Ana      5, 14 days, tenant       Yann → Zoé     3, 7 days, tenant
//   Paul → Nina       4, 14 days, tenant (Paul has left our team: inactive)
// Deals: "Acme renewal" (Hélène, Marc) at Acme Energy; "Globex pilot" (Siobhan, Marc) at Globex.
import { eq } from 'drizzle-orm';

import { ensureAccount } from '../../src/app/accounts.js';
import { upsertContact } from '../../src/app/contacts.js';
import type { AppContext } from '../../src/app/context.js';
import { upsertMember } from '../../src/app/members.js';
import { logRelationship } from '../../src/app/relationships.js';
import { addInfluenceLink, setReportingLine } from '../../src/app/structure.js';
import type { Store } from '../../src/store/database.js';
import { contacts, dealTeamMembers, deals } from '../../src/store/schema.js';

export interface AcmeGraph {
  accounts: Record<'acme' | 'globex', string>;
  members: Record<'helene' | 'marc' | 'siobhan' | 'yann' | 'paul', string>;
  contacts: Record<'olivia' | 'freya' | 'theo' | 'zoe' | 'nina' | 'george' | 'ana' | 'ravi', string>;
}

export const MEMBER_NAMES = { helene: 'Hélène Caron', marc: 'Marc Lemaire', siobhan: 'Siobhan Kelly', yann: 'Yann Le Gall', paul: 'Paul Durand' } as const;

/** Returns the calendar date `days` days before `now`, as YYYY-MM-DD. */
export function daysBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** Writes the graph into a tenant. */
export async function buildAcmeGraph(store: Store, tenantId: string, now: Date): Promise<AcmeGraph> {
  const ctx: Pick<AppContext, 'db' | 'tenantId' | 'actor' | 'now'> = { db: store.db, tenantId, actor: null, now: () => now };

  const member = async (key: keyof typeof MEMBER_NAMES, active = true) =>
    (await upsertMember(ctx, { name: MEMBER_NAMES[key], email: `${key}@northwind.example`, active })).member.id;
  const members = { helene: await member('helene'), marc: await member('marc'), siobhan: await member('siobhan'), yann: await member('yann'), paul: await member('paul', false) };

  const acme = (await ensureAccount(ctx, { name: 'Acme Energy' })).id;
  const globex = (await ensureAccount(ctx, { name: 'Globex' })).id;
  const person = async (name: string, title: string, seniority: string) =>
    (await upsertContact(ctx, { accountId: acme, name, title, seniority })).contact.id;
  const people = {
    olivia: await person('Olivia Rousseau', 'President & CEO', 'Senior'),
    freya: await person('Freya Robert', 'VP Trading', 'Senior'),
    theo: await person('Théo Nguyen', 'Mgr Trading', 'Junior'),
    zoe: await person('Zoé Martin', 'Analyst', 'Junior'),
    nina: await person('Nina Petit', 'Trader', 'Junior'),
    george: await person('George Girard', 'Specialist Legal', 'Junior'),
    ana: await person('Ana Costa', 'Director', 'Senior'),
    ravi: await person('Ravi Shah', 'Director', 'Senior'),
  };

  const reportsTo = (contactId: string, managerId: string) => setReportingLine(ctx, { contactId, managerId });
  await reportsTo(people.freya, people.olivia);
  await reportsTo(people.theo, people.freya);
  await reportsTo(people.zoe, people.theo);
  await reportsTo(people.nina, people.theo);
  await reportsTo(people.george, people.olivia);
  await reportsTo(people.ana, people.olivia);
  await addInfluenceLink(ctx, { fromContactId: people.zoe, toContactId: people.theo, weight: 0.5 });
  await addInfluenceLink(ctx, { fromContactId: people.george, toContactId: people.olivia, weight: 0.8 });
  await upsertContact(ctx, { accountId: acme, name: 'Ana Costa', status: 'left' });

  const knows = (memberId: string, contactId: string, strength: number, days: number | null, visibility: 'private' | 'deal_team' | 'tenant') =>
    logRelationship(ctx, { memberId, contactId, strength, lastContactOn: days === null ? null : daysBefore(now, days), visibility });
  await knows(members.helene, people.freya, 4, 14, 'tenant');
  await knows(members.marc, people.freya, 2, 365, 'tenant');
  await knows(members.siobhan, people.olivia, 5, null, 'private');
  await knows(members.marc, people.george, 3, 61, 'deal_team');
  await knows(members.helene, people.ana, 5, 14, 'tenant');
  await knows(members.yann, people.zoe, 3, 7, 'tenant');
  await knows(members.paul, people.nina, 4, 14, 'tenant');

  await addDeal(store, tenantId, acme, 'Acme renewal', [members.helene, members.marc]);
  await addDeal(store, tenantId, globex, 'Globex pilot', [members.siobhan, members.marc]);

  const [ana] = await store.db.select({ status: contacts.status }).from(contacts).where(eq(contacts.id, people.ana));
  if (ana?.status !== 'left') throw new Error('the Acme graph expects Ana Costa to have left');
  return { accounts: { acme, globex }, members, contacts: people };
}

async function addDeal(store: Store, tenantId: string, accountId: string, name: string, memberIds: string[]): Promise<void> {
  const [deal] = await store.db
    .insert(deals)
    .values({ tenantId, accountId, name, normalizedName: name.toLowerCase(), stage: 'discovery' })
    .returning({ id: deals.id });
  await store.db.insert(dealTeamMembers).values(memberIds.map((memberId) => ({ dealId: deal!.id, memberId })));
}
