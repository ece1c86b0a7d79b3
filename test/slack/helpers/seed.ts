// A small customer world in one Slack workspace's tenant: accounts, contacts, our members.
import { createAccount } from '../../../src/app/accounts.js';
import { upsertContact } from '../../../src/app/contacts.js';
import { upsertMember } from '../../../src/app/members.js';
import { logRelationship } from '../../../src/app/relationships.js';
import type { Store } from '../../../src/store/database.js';
import { ensureWorkspaceTenant } from './harness.js';

export interface SeededWorld {
  tenantId: string;
  accounts: Record<'acme' | 'socgen' | 'loreal', string>;
  contacts: Record<'olivia' | 'theo' | 'george' | 'freya' | 'claire', string>;
  members: Record<'helene' | 'marc', string>;
}

/** Seeds the tenant of `teamId`; Hélène is Slack user W111 and Marc is W333. */
export async function seedWorld(store: Store, teamId: string): Promise<SeededWorld> {
  const tenant = await ensureWorkspaceTenant(store, teamId);
  const ctx = { db: store.db, tenantId: tenant.id, actor: null, now: () => new Date('2026-12-01T12:00:00Z') };

  const acme = await createAccount(ctx, { name: 'Acme Energy' });
  const socgen = await createAccount(ctx, { name: 'Société Générale', aliases: ['SocGen'] });
  const loreal = await createAccount(ctx, { name: "L'Oréal" });

  const contact = async (accountId: string, name: string, title: string, email?: string) =>
    (await upsertContact(ctx, { accountId, name, title, ...(email && { email }) })).contact.id;
  const contacts = {
    olivia: await contact(acme.id, 'Olivia Rousseau', 'VP Trading', 'olivia.rousseau@acme-energy.example'),
    theo: await contact(acme.id, 'Théo Nguyen', 'Mgr Trading', 'theo.nguyen@acme-energy.example'),
    george: await contact(acme.id, 'George Girard', 'Specialist Legal'),
    freya: await contact(socgen.id, 'Freya Robert', 'Directrice des achats'),
    claire: await contact(loreal.id, 'Claire d’Arcy', 'Head of Procurement'),
  };

  const helene = (await upsertMember(ctx, { name: 'Hélène Caron', email: 'helene.caron@northwind.example', slackUserId: 'W111', locale: 'en-GB', timeZone: 'Europe/Paris' })).member.id;
  const marc = (await upsertMember(ctx, { name: 'Marc Lemaire', email: 'marc.lemaire@northwind.example', slackUserId: 'W333', locale: 'fr-FR', timeZone: 'Europe/Paris' })).member.id;

  await logRelationship({ ...ctx, actor: { memberId: marc, name: 'Marc Lemaire' } }, { memberId: marc, contactId: contacts.olivia, strength: 5, lastContactOn: '2026-11-20' });
  await logRelationship({ ...ctx, actor: { memberId: helene, name: 'Hélène Caron' } }, { memberId: helene, contactId: contacts.freya, strength: 3, lastContactOn: '2025-01-10' });

  return { tenantId: tenant.id, accounts: { acme: acme.id, socgen: socgen.id, loreal: loreal.id }, contacts, members: { helene, marc } };
}
